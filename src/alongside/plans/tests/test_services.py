import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from alongside.access.models import AuditEntry, AuditEvent
from alongside.lib.errors import ApplicationError
from alongside.plans import services as p
from alongside.plans.models import Plan, PlanVersion


def plan_input(**changes):
    data = p.PlanInput(
        goals=[
            p.GoalInput(
                in_their_words="We want the shouting to stop so Amy can sleep",
                why_it_matters="Amy is tired at school",
                actions=[
                    p.ActionInput(
                        "Dad to go to the drinking service on Tuesdays", "family", date(2027, 1, 5), owner_name="Dad"
                    ),
                    p.ActionInput("Find a family support worker", "worker", date(2026, 12, 15)),
                    p.ActionInput(
                        "Tell the worker if Amy is tired in class", "partner", date(2027, 2, 1), owner_agency_id=None
                    ),
                ],
            ),
        ],
        safety_plan="If Dad has been drinking he stays at Nan's",
        contingency="Return to conference",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def without_partner_action():
    data = plan_input()
    data.goals[0].actions.pop()
    return data


def test_saving_keeps_every_version_whole(world):
    first = p.plan_save(
        actor=world.worker.user, child=world.child, kind="cin", data=without_partner_action(), based_on=None
    )
    changed = without_partner_action()
    changed.goals[0].in_their_words = "We want the house to be calm"
    second = p.plan_save(actor=world.pod_colleague.user, child=world.child, kind="cin", data=changed, based_on=1)
    assert (first.number, second.number) == (1, 2)
    assert first.goals.get().in_their_words == "We want the shouting to stop so Amy can sleep"
    assert second.goals.get().in_their_words == "We want the house to be calm"
    assert first.goals.get().actions.count() == 2
    assert AuditEntry.objects.filter(event=AuditEvent.PLAN_SAVED, person=world.child).count() == 2


def test_a_save_from_an_older_version_is_refused(world):
    p.plan_save(actor=world.worker.user, child=world.child, kind="cin", data=without_partner_action(), based_on=None)
    p.plan_save(actor=world.worker.user, child=world.child, kind="cin", data=without_partner_action(), based_on=1)
    with pytest.raises(ApplicationError, match="newer version"):
        p.plan_save(
            actor=world.pod_colleague.user, child=world.child, kind="cin", data=without_partner_action(), based_on=1
        )
    assert PlanVersion.objects.count() == 2


def test_an_action_with_no_owner_is_refused_and_nothing_saved(world):
    with pytest.raises(ApplicationError, match=p.ACTION_OWNER_NEEDED):
        p.plan_save(actor=world.worker.user, child=world.child, kind="cin", data=plan_input(), based_on=None)
    assert not Plan.objects.exists()


def test_a_partner_action_names_the_agency(world):
    data = plan_input()
    data.goals[0].actions[2].owner_agency_id = world.partner.agency.id
    version = p.plan_save(actor=world.worker.user, child=world.child, kind="cin", data=data, based_on=None)
    assert version.goals.get().actions.get(owner_kind="partner").owner_agency == world.partner.agency


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: setattr(d, "goals", []), p.GOAL_NEEDED),
        (lambda d: setattr(d.goals[0].actions[0], "due_on", None), p.ACTION_DATE_NEEDED),
        (lambda d: setattr(d.goals[0].actions[0], "what", " "), p.ACTION_WHAT_NEEDED),
        (
            lambda d: setattr(d, "family_group_conference_outcome", "Nan to have Amy at weekends"),
            p.FGC_OUTCOME_WITHOUT_OFFER,
        ),
    ],
)
def test_an_incomplete_plan_is_refused(world, change, message):
    data = without_partner_action()
    change(data)
    with pytest.raises(ApplicationError, match=message):
        p.plan_save(actor=world.worker.user, child=world.child, kind="cin", data=data, based_on=None)


def test_the_familys_agreement_is_recorded_on_the_version_they_saw(world):
    version = p.plan_save(
        actor=world.worker.user, child=world.child, kind="cin", data=without_partner_action(), based_on=None
    )
    p.plan_record_family_view(
        actor=world.worker.user, version=version, agreement="partly", comments="Dad does not agree he drinks too much"
    )
    version.refresh_from_db()
    assert version.family_agreement == "partly" and version.family_seen_on == timezone.localdate()


def test_a_review_rescores_every_goal(world):
    version = p.plan_save(
        actor=world.worker.user, child=world.child, kind="cin", data=without_partner_action(), based_on=None
    )
    goal = version.goals.get()
    with pytest.raises(ApplicationError, match=p.SCORE_RANGE):
        p.plan_review(
            actor=world.worker.user, plan=version.plan, held_on=timezone.localdate(), scores={goal.id: (11, "")}
        )
    with pytest.raises(ApplicationError, match=p.REVIEW_DATE_FUTURE):
        p.plan_review(
            actor=world.worker.user,
            plan=version.plan,
            held_on=timezone.localdate() + timedelta(days=1),
            scores={goal.id: (5, "")},
        )
    review = p.plan_review(
        actor=world.worker.user,
        plan=version.plan,
        held_on=timezone.localdate(),
        scores={goal.id: (6, "Fewer arguments since Dad started the service")},
    )
    assert review.scores.get().score == 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_at_once_keep_one_and_tell_the_other():
    from alongside.testing import factories as f

    child = f.PersonFactory()
    writers = [f.UserFactory(), f.UserFactory()]
    start = threading.Barrier(2)
    outcomes = []

    def write(user):
        start.wait()
        try:
            p.plan_save(actor=user, child=child, kind="cin", data=without_partner_action(), based_on=None)
            outcomes.append("saved")
        except ApplicationError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(user,)) for user in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["saved", p.PLAN_CHANGED_ELSEWHERE])
    assert PlanVersion.objects.filter(plan__child=child).count() == 1
