"""Recording training completions. Nothing is edited: corrections and withdrawals are new rows."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from alongside.access.access import QUALITY_ROLES
from alongside.access.models import AuditEvent
from alongside.access.roles import UserKind, user_kind
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.practice_model.config import operating_model
from alongside.training.models import TrainingCompletion
from alongside.training.selectors import in_force
from alongside.workforce.models import StaffMember

NOT_ALLOWED = "Only practice leads can record training"
UNKNOWN_COURSE = "Select the course"
DATE_NEEDED = "Enter the date the course was completed"
IN_THE_FUTURE = "The date the course was completed must be today or in the past"
NOBODY_CHOSEN = "Select who completed the course"
BEFORE_STARTED = "{name} started on {started:%-d %B %Y}: the date must be on or after that"
AFTER_LEFT = "{name} left on {left:%-d %B %Y}: the date must be on or before that"
ALREADY_RECORDED = "{name} already has {course} recorded on {on:%-d %B %Y}"
REASON_NEEDED = "Say why the record is being corrected"
WITHDRAW_REASON_NEEDED = "Say why the record is being withdrawn"
ALREADY_REPLACED = "This record has already been corrected or withdrawn: change the latest one"


def _practice_lead(actor) -> None:
    if user_kind(actor) != UserKind.STAFF or actor.staff.role not in QUALITY_ROLES:
        raise ApplicationError(NOT_ALLOWED)


def _check_person(person: StaffMember, course, completed_on: date, *, ignoring: int | None = None) -> str | None:
    if completed_on < person.started_on:
        return BEFORE_STARTED.format(name=person.full_name, started=person.started_on)
    if person.left_on is not None and completed_on > person.left_on:
        return AFTER_LEFT.format(name=person.full_name, left=person.left_on)
    duplicate = in_force().filter(staff=person, course=course.code, completed_on=completed_on)
    if ignoring is not None:
        duplicate = duplicate.exclude(pk=ignoring)
    if duplicate.exists():
        return ALREADY_RECORDED.format(name=person.full_name, course=course.name, on=completed_on)
    return None


@transaction.atomic
def training_record(
    *,
    actor,
    course_code: str,
    completed_on: date | None,
    staff: list[StaffMember],
    notes: str = "",
    request=None,
) -> list[TrainingCompletion]:
    """Records that each of `staff` completed the course on the day, all or none.

    Refuses: anyone but a practice lead, a course the operating model does not have, no date or a
    date in the future, nobody chosen, a date before a person started (or after they left), and a
    second record of the same course on the same day for a person. Audited once, with who."""
    _practice_lead(actor)
    problems = {}
    course = operating_model().training.course(course_code or "")
    if course is None:
        problems["course"] = UNKNOWN_COURSE
    if completed_on is None:
        problems["completed_on"] = DATE_NEEDED
    elif completed_on > timezone.localdate():
        problems["completed_on"] = IN_THE_FUTURE
    if not staff:
        problems["staff"] = NOBODY_CHOSEN
    if problems:
        raise FormProblems(problems)
    # Locking the people makes a double submission wait, then find the first one's records.
    people = list(StaffMember.objects.select_for_update().filter(pk__in=[s.pk for s in staff]).order_by("pk"))
    refusals = [message for person in people if (message := _check_person(person, course, completed_on))]
    if refusals:
        raise FormProblems({"staff": refusals[0]})
    made = []
    for person in people:
        completion = TrainingCompletion(
            staff=person, course=course.code, completed_on=completed_on, notes=notes.strip(), recorded_by=actor
        )
        completion.full_clean()
        completion.save()
        made.append(completion)
    audit_record(
        actor=actor,
        event=AuditEvent.TRAINING_RECORDED,
        detail={
            "course": course.code,
            "completed_on": completed_on.isoformat(),
            "staff": [p.pk for p in people],
            "completions": [c.pk for c in made],
        },
        request=request,
    )
    return made


def _replaceable(completion: TrainingCompletion) -> TrainingCompletion:
    locked = TrainingCompletion.objects.select_for_update().get(pk=completion.pk)
    if locked.withdrawn or TrainingCompletion.objects.filter(replaces=locked).exists():
        raise ApplicationError(ALREADY_REPLACED)
    return locked


@transaction.atomic
def training_correct(
    *, actor, completion: TrainingCompletion, completed_on: date | None, reason: str, notes: str = "", request=None
) -> TrainingCompletion:
    """A corrected date (or notes) for a completion: a new record naming the one it replaces and
    why. The same checks as recording apply to the new date."""
    _practice_lead(actor)
    old = _replaceable(completion)
    if not reason.strip():
        raise FormProblems({"reason": REASON_NEEDED})
    if completed_on is None:
        raise FormProblems({"completed_on": DATE_NEEDED})
    if completed_on > timezone.localdate():
        raise FormProblems({"completed_on": IN_THE_FUTURE})
    course = operating_model().training.course(old.course)
    if course is None:
        raise FormProblems({"course": UNKNOWN_COURSE})
    if problem := _check_person(old.staff, course, completed_on, ignoring=old.pk):
        raise FormProblems({"completed_on": problem})
    new = TrainingCompletion(
        staff=old.staff,
        course=old.course,
        completed_on=completed_on,
        notes=notes.strip() or old.notes,
        recorded_by=actor,
        replaces=old,
        reason=reason.strip(),
    )
    new.full_clean()
    new.save()
    audit_record(
        actor=actor,
        event=AuditEvent.TRAINING_RECORDED,
        detail={
            "course": old.course,
            "staff": [old.staff_id],
            "corrects": old.pk,
            "old": {"completed_on": old.completed_on.isoformat(), "notes": old.notes},
            "new": {"completed_on": completed_on.isoformat(), "notes": new.notes},
            "reason": new.reason,
        },
        request=request,
    )
    return new


@transaction.atomic
def training_withdraw(*, actor, completion: TrainingCompletion, reason: str, request=None) -> TrainingCompletion:
    """Takes back a completion recorded in error: a new row, marked withdrawn, that replaces it."""
    _practice_lead(actor)
    old = _replaceable(completion)
    if not reason.strip():
        raise FormProblems({"reason": WITHDRAW_REASON_NEEDED})
    withdrawal = TrainingCompletion(
        staff=old.staff,
        course=old.course,
        completed_on=old.completed_on,
        recorded_by=actor,
        replaces=old,
        withdrawn=True,
        reason=reason.strip(),
    )
    withdrawal.full_clean()
    withdrawal.save()
    audit_record(
        actor=actor,
        event=AuditEvent.TRAINING_RECORDED,
        detail={"course": old.course, "staff": [old.staff_id], "withdraws": old.pk, "reason": withdrawal.reason},
        request=request,
    )
    return withdrawal
