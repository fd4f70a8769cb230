"""Recording supervision. Case discussions become management oversight in each child's story."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from alongside.access.rules import is_above_in_manager_line
from alongside.lib.errors import ApplicationError
from alongside.people.models import FamilyMember
from alongside.story.models import EntryKind
from alongside.story.services import EntryInput, story_entry_finalise
from alongside.supervision.models import CaseDiscussion, GroupAttendance, GroupSession, SupervisionSession
from alongside.workforce.models import StaffMember
from alongside.workforce.selectors import open_allocations_on

NOT_THEIR_SUPERVISOR = "You can record supervision only for people you manage"
IN_THE_FUTURE = "The date must be today or in the past"
NOT_ON_CASELOAD = "Discuss only children allocated to {name} on the day"
DISCUSSION_INCOMPLETE = "For each child discussed, say what was discussed, the decision and why"
ATTENDEES_NEEDED = "Select who attended"
MINUTES_RANGE = "Give the length in minutes, from 15 to 480"
FAMILY_NEEDED = "Give the family a pseudonym"
NAMES_A_CHILD = (
    "The notes name {name}. Use a pseudonym for the family, as the group notes are not part of their record."
)


@dataclass
class DiscussionInput:
    child_id: int
    discussion: str
    decisions: str
    reasons: str


def _manages(staff: StaffMember, supervisee: StaffMember) -> bool:
    return is_above_in_manager_line(staff, supervisee)


@transaction.atomic
def supervision_record(
    *,
    actor,
    supervisee: StaffMember,
    held_on: date,
    reflective_notes: str,
    discussions: list[DiscussionInput],
    request=None,
) -> SupervisionSession:
    """A one-to-one session. Each case discussion (decision and why) is added to the child's story
    as management oversight, written by the supervisor; the reflective part stays private."""
    supervisor = getattr(actor, "staff", None)
    if supervisor is None or not _manages(supervisor, supervisee):
        raise ApplicationError(NOT_THEIR_SUPERVISOR)
    if held_on > timezone.localdate():
        raise ApplicationError(IN_THE_FUTURE)
    caseload = set(open_allocations_on(held_on).filter(worker=supervisee).values_list("child_id", flat=True))
    for item in discussions:
        if item.child_id not in caseload:
            raise ApplicationError(NOT_ON_CASELOAD.format(name=supervisee.full_name))
        if not (item.discussion.strip() and item.decisions.strip() and item.reasons.strip()):
            raise ApplicationError(DISCUSSION_INCOMPLETE)
    session = SupervisionSession.objects.create(
        supervisor=supervisor,
        supervisee=supervisee,
        held_on=held_on,
        reflective_notes=reflective_notes.strip(),
        recorded_by=actor,
    )
    when = timezone.make_aware(datetime.combine(held_on, time(12, 0)))
    when = min(when, timezone.now())
    for item in discussions:
        network = FamilyMember.objects.filter(person_id=item.child_id).select_related("network").first().network
        entry = story_entry_finalise(
            actor=actor,
            network=network,
            data=EntryInput(
                kind=EntryKind.MANAGEMENT_OVERSIGHT,
                occurred_at=when,
                about_ids=[item.child_id],
                summary=f"Supervision with {supervisee.full_name}",
                body=f"{item.discussion.strip()}\n\nWhy: {item.reasons.strip()}",
                decisions=item.decisions.strip(),
            ),
            request=request,
        )
        CaseDiscussion.objects.create(
            session=session,
            child_id=item.child_id,
            discussion=item.discussion.strip(),
            decisions=item.decisions.strip(),
            reasons=item.reasons.strip(),
            story_entry=entry,
        )
    return session


def _named_child(texts: list[str], attendees: list[StaffMember], on: date) -> str:
    """The full name of a child on an attendee's caseload that appears in the notes, or ''."""
    allocations = open_allocations_on(on).filter(worker__in=attendees).select_related("child")
    joined = "\n".join(texts).lower()
    for allocation in allocations:
        child = allocation.child
        for name in (child.full_name, child.last_name):
            if len(name) >= 3 and re.search(rf"\b{re.escape(name.lower())}\b", joined):
                return child.full_name
    return ""


@transaction.atomic
def group_session_record(
    *,
    actor,
    held_on: date,
    minutes: int | None,
    family: str,
    themes: str,
    takeaways: dict[int, str],
) -> GroupSession:
    """A group reflective practice session, with each attendee's takeaway. The family is discussed
    under a pseudonym: notes that name a child on an attendee's caseload are refused."""
    facilitator = getattr(actor, "staff", None)
    if facilitator is None:
        raise ApplicationError(NOT_THEIR_SUPERVISOR)
    if held_on > timezone.localdate():
        raise ApplicationError(IN_THE_FUTURE)
    if not takeaways:
        raise ApplicationError(ATTENDEES_NEEDED)
    if minutes is None or not 15 <= minutes <= 480:
        raise ApplicationError(MINUTES_RANGE)
    if not family.strip():
        raise ApplicationError(FAMILY_NEEDED)
    attendees = list(StaffMember.objects.filter(id__in=list(takeaways), left_on__isnull=True))
    if len(attendees) != len(takeaways):
        raise ApplicationError(ATTENDEES_NEEDED)
    named = _named_child([family, themes, *takeaways.values()], attendees, held_on)
    if named:
        raise ApplicationError(NAMES_A_CHILD.format(name=named))
    session = GroupSession.objects.create(
        held_on=held_on,
        minutes=minutes,
        facilitator=facilitator,
        pod=facilitator.pod,
        family=family.strip(),
        themes=themes.strip(),
        recorded_by=actor,
    )
    GroupAttendance.objects.bulk_create(
        GroupAttendance(session=session, staff=staff, takeaway=takeaways[staff.id].strip()) for staff in attendees
    )
    return session
