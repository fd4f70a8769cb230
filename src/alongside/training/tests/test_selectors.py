"""Training status, coverage and refreshers, from the operating model's courses and refresh periods."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from alongside.training.models import CourseStatus
from alongside.training.selectors import (
    coverage_per_pod,
    refreshers,
    training_coverage_by_pod,
    training_coverage_by_role,
    training_for_staff,
)
from alongside.training.services import training_record

TODAY = timezone.localdate()


def done(world, course, staff, completed_on):
    training_record(actor=world.quality_lead.user, course_code=course, completed_on=completed_on, staff=staff)


def states(world, staff):
    return {s.course.code: s for s in training_for_staff([staff], on=TODAY)[0].courses}


def test_each_course_the_role_needs_has_a_status(world):
    # Restorative practice lasts 36 months; motivational interviewing 24; the induction for good.
    done(world, "model_induction", [world.worker], TODAY - timedelta(days=2000))
    done(world, "restorative_practice", [world.worker], TODAY - relativedelta(months=36) + timedelta(days=30))
    done(world, "motivational_interviewing", [world.worker], TODAY - relativedelta(months=24))
    mine = states(world, world.worker)
    assert set(mine) == {"model_induction", "restorative_practice", "motivational_interviewing"}
    assert (mine["model_induction"].status, mine["model_induction"].expires_on) == (CourseStatus.CURRENT, None)
    assert mine["restorative_practice"].status == CourseStatus.DUE_SOON
    assert mine["restorative_practice"].expires_on == TODAY + timedelta(days=30)
    assert mine["motivational_interviewing"].status == CourseStatus.EXPIRED
    assert mine["motivational_interviewing"].expires_on == TODAY


def test_never_done_and_current(world):
    done(world, "restorative_practice", [world.worker], TODAY - timedelta(days=100))
    mine = states(world, world.worker)
    assert mine["model_induction"].status == CourseStatus.NEVER and mine["model_induction"].completed_on is None
    assert mine["restorative_practice"].status == CourseStatus.CURRENT


def test_a_later_completion_renews_an_expired_one(world):
    done(world, "motivational_interviewing", [world.worker], TODAY - timedelta(days=1000))
    done(world, "motivational_interviewing", [world.worker], TODAY - timedelta(days=10))
    assert states(world, world.worker)["motivational_interviewing"].status == CourseStatus.CURRENT


def test_courses_follow_the_role(world):
    assert set(states(world, world.data_officer)) == set()  # data officers are not in the config
    assert set(states(world, world.quality_lead)) == {"model_induction"}
    assert "reflective_supervision" in states(world, world.manager)


def test_coverage_per_pod_counts_those_who_need_the_course_and_hold_it(world):
    # Oakfield pod: Kate (manager), Rory and Donna need restorative practice; two hold it.
    done(world, "restorative_practice", [world.worker, world.pod_colleague], TODAY - timedelta(days=10))
    done(world, "motivational_interviewing", [world.worker], TODAY - timedelta(days=1000))  # expired
    rows = {row.label: {c.course.code: c for c in row.cells} for row in training_coverage_by_pod(on=TODAY)}
    oakfield = rows["Oakfield pod"]
    assert (oakfield["restorative_practice"].needed, oakfield["restorative_practice"].holding) == (3, 2)
    assert oakfield["restorative_practice"].share == 67
    assert (oakfield["motivational_interviewing"].holding, oakfield["motivational_interviewing"].share) == (0, 0)
    assert rows["Harbour pod"]["restorative_practice"].share == 0
    # Staff with no pod: the head of service, the quality lead (and others needing only the induction).
    assert rows["Not in a pod"]["restorative_practice"].needed == 0
    assert rows["Not in a pod"]["restorative_practice"].share is None


def test_a_leaver_is_not_counted(world):
    rows = {row.label: row for row in training_coverage_by_pod(on=TODAY)}
    induction = next(c for c in rows["Oakfield pod"].cells if c.course.code == "model_induction")
    assert induction.needed == 3  # Kate, Rory, Donna: not Adam, who left


def test_coverage_per_role(world):
    done(world, "model_induction", [world.worker, world.manager], TODAY - timedelta(days=10))
    rows = {row.key: {c.course.code: c for c in row.cells} for row in training_coverage_by_role(on=TODAY)}
    assert (rows["team_manager"]["model_induction"].needed, rows["team_manager"]["model_induction"].holding) == (1, 1)
    social_workers = rows["social_worker"]["model_induction"]
    assert (social_workers.needed, social_workers.holding) == (3, 1)  # Rory, Martha and Rose (Adam has left)
    assert "data_officer" not in rows  # the role needs none of the courses


def test_refreshers_due_and_overdue_with_the_managers_pod_first(world):
    done(
        world,
        "motivational_interviewing",
        [world.other_team_worker],
        TODAY - relativedelta(months=24) + timedelta(days=5),
    )
    done(world, "motivational_interviewing", [world.worker], TODAY - relativedelta(months=24) + timedelta(days=20))
    done(world, "restorative_practice", [world.team_colleague], TODAY - relativedelta(months=37))
    due, overdue = refreshers(on=TODAY)
    assert [r.staff for r in due] == [world.other_team_worker, world.worker]  # soonest first
    assert [(r.staff, r.state.course.code) for r in overdue] == [(world.team_colleague, "restorative_practice")]
    due, _ = refreshers(on=TODAY, first_pod_id=world.manager.pod_id)
    assert [r.staff for r in due] == [world.worker, world.other_team_worker]


def test_coverage_per_pod_for_the_dashboard_is_plain_values(world):
    done(world, "restorative_practice", [world.worker], TODAY - timedelta(days=10))
    rows = [r for r in coverage_per_pod(on=TODAY) if r.pod == "Oakfield pod" and r.course == "restorative_practice"]
    assert len(rows) == 1 and (rows[0].pod_id, rows[0].needed, rows[0].holding, rows[0].share) == (
        world.worker.pod_id,
        3,
        1,
        33,
    )
