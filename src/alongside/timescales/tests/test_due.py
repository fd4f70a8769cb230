"""What is due for a child comes from the record, and recording the thing clears it."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from alongside.journey.models import CareEpisode, ChildInNeedPlan, LookedAfterReview
from alongside.story import services as s
from alongside.timescales.due import LATER, OVERDUE, due_items

TODAY = date(2026, 11, 23)


def at(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def codes(world, child, on=TODAY):
    return {i.rule.code: i for i in due_items([child.id], on=on)}


def record(world, child, day, kind="meeting", **fields):
    network = child.memberships.get().network
    data = s.EntryInput(kind=kind, occurred_at=at(day), about_ids=[child.id], summary="Done", **fields)
    return s.story_entry_finalise(actor=world.worker.user, network=network, data=data)


def test_an_assessment_is_due_45_working_days_from_the_referral(world):
    item = codes(world, world.sibling)["assessment"]
    # Referral Monday 3 February 2025: 45 working days on is Monday 7 April 2025.
    assert (item.started_on, item.due_on, item.status) == (date(2025, 2, 3), date(2025, 4, 7), OVERDUE)
    assert item.link == f"/people/children/{world.sibling.id}/assessment/"


def test_the_section_47_path_moves_through_my_work_as_it_is_recorded(world):
    record(world, world.sibling, date(2026, 11, 2), meeting_kind="strategy_discussion", meeting_outcome="start_s47")
    icpc = codes(world, world.sibling)["initial_conference"]
    assert (icpc.due_on, icpc.status) == (date(2026, 11, 23), "this_week")
    assert "meeting=initial_conference" in icpc.link

    record(
        world,
        world.sibling,
        date(2026, 11, 20),
        meeting_kind="initial_conference",
        meeting_outcome="cp_plan",
        abuse_category="NEG",
    )
    due = codes(world, world.sibling)
    assert "initial_conference" not in due
    assert due["first_core_group"].due_on == date(2026, 12, 4)  # 10 working days after 20 November
    assert due["first_review_conference"].due_on == date(2027, 2, 19)  # 3 months: 20 Feb 2027 is a Saturday
    assert due["child_protection_visit"].due_on == date(2026, 12, 4)

    record(world, world.sibling, date(2026, 11, 23), meeting_kind="core_group")
    assert "first_core_group" not in codes(world, world.sibling)


def test_seeing_the_child_restarts_the_visiting_clock(world):
    # Amy has been on a protection plan since 3 March 2025 and has not been seen since.
    assert codes(world, world.child)["child_protection_visit"].status == OVERDUE
    record(world, world.child, date(2026, 11, 23), kind="home_visit", child_seen=True)
    visit = codes(world, world.child)["child_protection_visit"]
    assert (visit.started_on, visit.due_on, visit.status) == (date(2026, 11, 23), date(2026, 12, 7), LATER)
    # A visit where the child was not seen does not count.
    record(world, world.child, date(2026, 11, 23) - timedelta(days=0), kind="home_visit", child_seen=False)
    assert codes(world, world.child)["child_protection_visit"].started_on == date(2026, 11, 23)


def test_a_child_in_need_plan_has_its_own_visiting_rhythm(world):
    episode = world.sibling.cin_episodes.get()
    ChildInNeedPlan.objects.create(episode=episode, started_on=date(2026, 10, 1))
    visit = codes(world, world.sibling)["child_in_need_visit"]
    assert (visit.started_on, visit.due_on) == (date(2026, 10, 1), date(2026, 10, 29))


def test_looked_after_reviews_run_20_working_days_then_3_then_6_months_over_a_period_of_care(world):
    common = dict(new_episode_reason="S", legal_status="C2", category_of_need="N1", placement_type="U4")
    CareEpisode.objects.create(
        child=world.sibling, started_on=date(2026, 1, 5), ended_on=date(2026, 3, 2), end_reason="X1", **common
    )
    CareEpisode.objects.create(
        child=world.sibling, started_on=date(2026, 3, 2), **{**common, "new_episode_reason": "P"}
    )
    first = codes(world, world.sibling)["first_looked_after_review"]
    assert (first.started_on, first.due_on) == (date(2026, 1, 5), date(2026, 2, 2))  # from the period's start
    LookedAfterReview.objects.create(child=world.sibling, held_on=date(2026, 1, 30), participation="PN1")
    second = codes(world, world.sibling)["second_looked_after_review"]
    assert second.due_on == date(2026, 4, 30)
    LookedAfterReview.objects.create(child=world.sibling, held_on=date(2026, 4, 20), participation="PN1")
    later = codes(world, world.sibling)["later_looked_after_review"]
    assert later.due_on == date(2026, 10, 20)
    visit = codes(world, world.sibling)["looked_after_visit"]
    assert visit.started_on == date(2026, 3, 2)  # the current placement restarted the clock


def test_my_work_and_the_pod_page_show_what_is_due(world, sign_in):
    page = sign_in(world.worker.user).get("/").content.decode()
    assert "My work" in page and "Overdue" in page and "Complete the child and family assessment" in page
    pod = sign_in(world.manager.user).get("/").content.decode()
    assert "Timescales at risk" in pod and "Visit and see the child (child protection)" in pod


def in_care(child, since):
    return CareEpisode.objects.create(
        child=child,
        started_on=since,
        new_episode_reason="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
    )


def test_health_assessments_run_from_care_then_by_age(world):
    in_care(world.sibling, date(2026, 9, 1))  # Mels, born August 2019: 7 years old
    first = codes(world, world.sibling)["initial_health_assessment"]
    assert (first.started_on, first.due_on) == (date(2026, 9, 1), date(2026, 9, 29))
    record(world, world.sibling, date(2026, 9, 20), kind="health_assessment")
    due = codes(world, world.sibling)
    assert "initial_health_assessment" not in due and "review_health_assessment_under_5" not in due
    assert due["review_health_assessment"].due_on == date(2027, 9, 20)


def test_a_pep_is_due_on_coming_into_care_and_then_each_term(world):
    in_care(world.sibling, date(2026, 9, 1))
    assert codes(world, world.sibling)["first_pep"].due_on == date(2026, 9, 15)
    record(world, world.sibling, date(2026, 9, 10), meeting_kind="pep")
    assert codes(world, world.sibling)["pep_review"].due_on == date(2026, 12, 10)


def test_a_pathway_plan_is_due_at_16_in_care_and_reviewed_every_6_months(world):
    from alongside.plans import services as plans

    teenager = world.young_person
    teenager.date_of_birth = date(2010, 5, 5)  # 16 this year
    teenager.save()
    in_care(teenager, date(2026, 6, 1))
    first = codes(world, teenager)["first_pathway_plan"]
    assert first.link == f"/people/children/{teenager.id}/plans/pathway/"
    plans.plan_save(
        actor=world.worker.user,
        child=teenager,
        kind="pathway",
        data=plans.PlanInput(
            goals=[plans.GoalInput("I want my own flat by 19", "Independence", [])], safety_plan="", contingency=""
        ),
        based_on=None,
    )
    due = codes(world, teenager)
    assert "first_pathway_plan" not in due
    assert due["pathway_plan_review"].started_on == timezone.localdate()
