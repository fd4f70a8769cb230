"""When supervision is due, against the operating model's standards."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from alongside.lib.working_days import calendar_for
from alongside.practice_model.config import operating_model
from alongside.supervision.models import GroupAttendance, GroupSession, SupervisionSession
from alongside.workforce.models import StaffMember


@dataclass(frozen=True)
class SupervisionDue:
    staff: StaffMember
    last: date | None
    due: date | None
    every_working_days: int | None
    last_group: date | None

    def overdue(self, on: date) -> bool:
        return self.due is not None and self.due < on


def supervision_due(staff: list[StaffMember], *, on: date) -> list[SupervisionDue]:
    """For each person, their last one-to-one and when the next is due by their role's standard
    (from their start date if they have never had one), and their last group session."""
    ids = [s.id for s in staff]
    last = dict(
        SupervisionSession.objects.filter(supervisee_id__in=ids, held_on__lte=on)
        .values("supervisee_id")
        .annotate(last=Max("held_on"))
        .values_list("supervisee_id", "last")
    )
    groups = dict(
        GroupAttendance.objects.filter(staff_id__in=ids, session__held_on__lte=on)
        .values("staff_id")
        .annotate(last=Max("session__held_on"))
        .values_list("staff_id", "last")
    )
    model = operating_model()
    rows = []
    for person in staff:
        every = model.supervision_every(person.role)
        since = last.get(person.id) or person.started_on
        due = calendar_for(since.year, since.year + 1).add(since, every) if every else None
        rows.append(SupervisionDue(person, last.get(person.id), due, every, groups.get(person.id)))
    return rows


def group_sessions_for_pod(pod, *, limit: int = 12):
    return GroupSession.objects.filter(pod=pod).prefetch_related("attendances__staff").order_by("-held_on")[:limit]


def next_group_due(pod, *, on: date) -> date | None:
    last = GroupSession.objects.filter(pod=pod, held_on__lte=on).aggregate(last=Max("held_on"))["last"]
    if last is None:
        return None
    every = operating_model().group_every_working_days
    return calendar_for(last.year, last.year + 1).add(last, every)
