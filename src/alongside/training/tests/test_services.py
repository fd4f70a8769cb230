"""Recording training: several people at once, all or none, refused with a plain message for each
bad case, and corrections as new records that keep the history."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from alongside.access.models import AuditEntry, AuditEvent
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.training.models import TrainingCompletion
from alongside.training.selectors import in_force
from alongside.training.services import (
    ALREADY_RECORDED,
    ALREADY_REPLACED,
    BEFORE_STARTED,
    DATE_NEEDED,
    IN_THE_FUTURE,
    NOBODY_CHOSEN,
    NOT_ALLOWED,
    REASON_NEEDED,
    UNKNOWN_COURSE,
    training_correct,
    training_record,
    training_withdraw,
)

TODAY = timezone.localdate()
LAST_MONTH = TODAY - timedelta(days=30)


def record(world, **changes):
    data = {
        "actor": world.quality_lead.user,
        "course_code": "restorative_practice",
        "completed_on": LAST_MONTH,
        "staff": [world.worker, world.pod_colleague],
    }
    return training_record(**(data | changes))


def audits():
    return AuditEntry.objects.filter(event=AuditEvent.TRAINING_RECORDED)


def test_a_course_is_recorded_for_several_people_at_once(world):
    made = record(world, notes="  Cohort 3, run by the PSW ")
    assert {c.staff for c in made} == {world.worker, world.pod_colleague}
    assert all(c.course == "restorative_practice" and c.completed_on == LAST_MONTH for c in made)
    assert all(c.recorded_by == world.quality_lead.user and c.notes == "Cohort 3, run by the PSW" for c in made)
    entry = audits().get()
    assert entry.actor == world.quality_lead.user
    assert sorted(entry.detail["staff"]) == sorted([world.worker.id, world.pod_colleague.id])
    assert entry.detail["course"] == "restorative_practice" and entry.detail["completed_on"] == LAST_MONTH.isoformat()


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"course_code": "knitting"}, "course", UNKNOWN_COURSE),
        ({"course_code": ""}, "course", UNKNOWN_COURSE),
        ({"completed_on": None}, "completed_on", DATE_NEEDED),
        ({"completed_on": TODAY + timedelta(days=1)}, "completed_on", IN_THE_FUTURE),
        ({"staff": []}, "staff", NOBODY_CHOSEN),
        (
            {"completed_on": date(2019, 12, 31)},
            "staff",
            BEFORE_STARTED.format(name="Rory Williams", started=date(2020, 1, 1)),
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(world, changes, field, message):
    with pytest.raises(FormProblems) as refused:
        record(world, **changes)
    assert refused.value.problems[field] == message
    assert not TrainingCompletion.objects.exists() and not audits().exists()


def test_a_duplicate_on_the_same_day_refuses_the_whole_batch(world):
    record(world, staff=[world.worker])
    with pytest.raises(FormProblems) as refused:
        record(world, staff=[world.pod_colleague, world.worker])
    assert refused.value.problems["staff"] == ALREADY_RECORDED.format(
        name="Rory Williams", course="Restorative practice", on=LAST_MONTH
    )
    assert list(TrainingCompletion.objects.values_list("staff", flat=True)) == [world.worker.id]
    assert audits().count() == 1


def test_the_same_course_on_another_day_is_a_new_completion(world):
    record(world, staff=[world.worker])
    record(world, staff=[world.worker], completed_on=LAST_MONTH - timedelta(days=800))
    assert TrainingCompletion.objects.count() == 2


@pytest.mark.parametrize("who", ["worker", "pod_colleague", "data_officer"])
def test_only_practice_leads_record_training(world, who):
    with pytest.raises(ApplicationError, match=NOT_ALLOWED):
        record(world, actor=getattr(world, who).user)
    assert not TrainingCompletion.objects.exists()


@pytest.mark.parametrize("who", ["manager", "head_of_service", "quality_lead"])
def test_practice_leads_record_training(world, who):
    assert len(record(world, actor=getattr(world, who).user)) == 2


def test_a_correction_is_a_new_record_that_keeps_the_old_one(world):
    old = record(world, staff=[world.worker])[0]
    new = training_correct(
        actor=world.manager.user, completion=old, completed_on=LAST_MONTH - timedelta(days=2), reason="Wrong day"
    )
    old.refresh_from_db()
    assert old.completed_on == LAST_MONTH  # untouched
    assert new.replaces == old and new.reason == "Wrong day" and new.recorded_by == world.manager.user
    assert list(in_force()) == [new]
    assert audits().last().detail["old"]["completed_on"] == LAST_MONTH.isoformat()


def test_a_correction_needs_a_reason_and_a_record_is_corrected_once(world):
    old = record(world, staff=[world.worker])[0]
    with pytest.raises(FormProblems, match=REASON_NEEDED):
        training_correct(actor=world.manager.user, completion=old, completed_on=LAST_MONTH, reason=" ")
    training_correct(actor=world.manager.user, completion=old, completed_on=LAST_MONTH, reason="Notes", notes="x")
    with pytest.raises(ApplicationError, match=re.escape(ALREADY_REPLACED)):
        training_correct(actor=world.manager.user, completion=old, completed_on=LAST_MONTH, reason="Again")
    assert TrainingCompletion.objects.count() == 2


def test_a_correction_to_a_future_date_is_refused(world):
    old = record(world, staff=[world.worker])[0]
    with pytest.raises(FormProblems, match=IN_THE_FUTURE):
        training_correct(actor=world.manager.user, completion=old, completed_on=TODAY + timedelta(days=3), reason="x")
    assert TrainingCompletion.objects.count() == 1


def test_a_withdrawn_record_no_longer_counts_but_stays_in_the_history(world):
    old = record(world, staff=[world.worker])[0]
    withdrawal = training_withdraw(
        actor=world.quality_lead.user, completion=old, reason="Recorded for the wrong person"
    )
    assert withdrawal.withdrawn and withdrawal.replaces == old
    assert not in_force().exists() and TrainingCompletion.objects.count() == 2
    # The right record can now be made for the same day.
    assert record(world, staff=[world.worker])
