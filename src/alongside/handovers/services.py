"""Opening and completing handovers. Only the two workers and their managers write one."""

from django.db import transaction
from django.utils import timezone

from alongside.access.rules import is_above_in_manager_line
from alongside.handovers.models import Handover
from alongside.lib.errors import ApplicationError
from alongside.plans.models import Plan
from alongside.story.models import EntryKind, EntryStatus, StoryEntry

NOT_YOURS = "Only the two workers and their managers can write this handover"
SUMMARY_BY_OUTGOING = "The summary is written by the outgoing worker (or their manager)"
REASON_BY_MANAGER = "Only a manager can record why part of the handover could not happen"
VISIT_NOT_JOINT = "Choose a home visit to the child recorded since the handover began"
MESSAGE_WHO = "Say who in the family the message is from"
CHANGED_ELSEWHERE = "Someone saved this handover after you opened it. Open it again to see their changes."
ALREADY_COMPLETE = "This handover is complete"


def handover_roles(actor, handover: Handover) -> set[str]:
    """How this user stands to the handover: outgoing, incoming, manager (any may apply)."""
    staff = getattr(actor, "staff", None)
    if staff is None:
        return set()
    roles = set()
    if staff.id == handover.from_worker_id:
        roles.add("outgoing")
    if staff.id == handover.to_worker_id:
        roles.add("incoming")
    if is_above_in_manager_line(staff, handover.to_worker) or is_above_in_manager_line(staff, handover.from_worker):
        roles.add("manager")
    return roles


def handover_open(*, allocation, previous) -> Handover:
    return Handover.objects.create(
        child=allocation.child,
        allocation=allocation,
        from_worker=previous.worker,
        to_worker=allocation.worker,
        opened_on=allocation.started_on,
    )


def handover_summary_draft(handover: Handover) -> str:
    """A starting point for the outgoing worker, from what the record holds: the significant events
    of the last year, the child's latest words from direct work, and the current plan's goals."""
    child = handover.child
    entries = StoryEntry.objects.filter(status=EntryStatus.FINAL, about=child).order_by("-occurred_at")
    lines = [f"{child.first_name}: what the new worker needs to know."]
    significant = list(entries.filter(significant=True)[:5])
    if significant:
        lines.append("Significant events:")
        lines += [f"- {e.occurred_at:%-d %b %Y}: {e.summary or e.get_kind_display()}" for e in significant]
    words = entries.filter(kind=EntryKind.DIRECT_WORK).exclude(child_words="").first()
    if words:
        lines.append(f"In {child.first_name}'s words ({words.occurred_at:%-d %b %Y}): \u201c{words.child_words}\u201d")
    plan = Plan.objects.filter(child=child, ended_on__isnull=True).prefetch_related("versions__goals").first()
    latest = plan.versions.order_by("-number").first() if plan else None
    if latest:
        lines.append(f"The {plan.get_kind_display().lower()}'s goals, in the family's words:")
        lines += [f"- {goal.in_their_words}" for goal in latest.goals.all()]
    lines.append("What is working, what we are worried about, and how the family likes to be worked with:")
    return "\n".join(lines)


def _complete_if_done(handover: Handover) -> None:
    if handover.completed_on is None and (all(handover.parts_done.values()) or handover.incomplete_reason.strip()):
        handover.completed_on = timezone.localdate()


@transaction.atomic
def handover_save(
    *,
    actor,
    handover: Handover,
    expected_version: int | None,
    summary: str | None = None,
    family_message: str | None = None,
    family_message_from: str = "",
    joint_visit_id: int | None = None,
    incomplete_reason: str | None = None,
) -> Handover:
    """Saves whichever parts were given. Each part is checked against who may write it; nothing is
    saved if any part is refused."""
    handover = Handover.objects.select_for_update(of=("self",)).get(pk=handover.pk)
    roles = handover_roles(actor, handover)
    if not roles:
        raise ApplicationError(NOT_YOURS)
    if handover.completed_on is not None:
        raise ApplicationError(ALREADY_COMPLETE)
    if expected_version is not None and expected_version != handover.version:
        raise ApplicationError(CHANGED_ELSEWHERE)
    if summary is not None and summary.strip() != handover.summary:
        if not roles & {"outgoing", "manager"}:
            raise ApplicationError(SUMMARY_BY_OUTGOING)
        handover.summary, handover.summary_by = summary.strip(), actor
    if family_message is not None and family_message.strip():
        if not family_message_from.strip():
            raise ApplicationError(MESSAGE_WHO)
        handover.family_message = family_message.strip()
        handover.family_message_from = family_message_from.strip()
        handover.family_message_by = actor
    if joint_visit_id:
        visit = StoryEntry.objects.filter(
            pk=joint_visit_id,
            status=EntryStatus.FINAL,
            kind=EntryKind.HOME_VISIT,
            about=handover.child,
            occurred_at__date__gte=handover.opened_on,
        ).first()
        if visit is None:
            raise ApplicationError(VISIT_NOT_JOINT)
        handover.joint_visit = visit
    if incomplete_reason is not None and incomplete_reason.strip():
        if "manager" not in roles:
            raise ApplicationError(REASON_BY_MANAGER)
        handover.incomplete_reason, handover.incomplete_reason_by = incomplete_reason.strip(), actor
    handover.version += 1
    _complete_if_done(handover)
    handover.save()
    return handover


def visits_since_opened(handover: Handover):
    """The home visits to the child since the handover began, to choose the joint visit from."""
    return StoryEntry.objects.filter(
        status=EntryStatus.FINAL,
        kind=EntryKind.HOME_VISIT,
        about=handover.child,
        occurred_at__date__gte=handover.opened_on,
    ).order_by("-occurred_at")
