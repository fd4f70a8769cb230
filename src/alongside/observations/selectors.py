"""Reads about practice observations: whom one may observe, who may consent, and the counts a pod
manager and the service's dashboards use."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth

from alongside.access.rules import MANAGER_CHAIN_LIMIT
from alongside.observations.access import PEER_OBSERVER_ROLES, QUALITY_ROLES
from alongside.observations.models import Observation
from alongside.people.models import Person
from alongside.people.selectors import family_network_for_child
from alongside.workforce.models import CASE_HOLDING_ROLES, Pod, StaffMember, StaffRole
from alongside.workforce.selectors import CASE_HOLDING

# A young person of this age or older may agree for themself to a worker being observed with them
# (Gillick: judged by the worker; younger children's parents or carers agree for them).
YOUNG_PERSON_CONSENT_AGE = 12
WINDOW = relativedelta(months=12)


def consent_givers(child: Person, *, on: date) -> list[tuple[Person, str]]:
    """Who may agree to an observation of work with this child: the adults in the child's family
    networks, and the child themself from 12. Each with how they are related, for the form."""
    givers = [
        (member.person, f"{member.person.full_name} ({member.relationship.lower()})")
        for member in family_network_for_child(child)
        if not member.is_child
    ]
    age = child.age_on(on)
    if age is not None and age >= YOUNG_PERSON_CONSENT_AGE:
        givers.append((child, f"{child.full_name} (the young person)"))
    return givers


def observable_workers(observer: StaffMember) -> list[StaffMember]:
    """The current case-holding staff `observer` may observe, by the rules of access.may_observe
    (which this must agree with; a test holds them together), in two queries."""
    if not observer.is_current:
        return []
    holders = StaffMember.objects.filter(left_on__isnull=True, role__in=CASE_HOLDING_ROLES).exclude(pk=observer.pk)
    if observer.role in QUALITY_ROLES:
        return list(holders.select_related("pod").order_by("pod__name", "last_name", "first_name"))
    # Everyone below the observer in the manager line, walked down from the observer as
    # is_above_in_manager_line walks up, to the same depth.
    reports: dict[int, list[int]] = {}
    for staff_id, manager_id in StaffMember.objects.filter(manager__isnull=False).values_list("id", "manager_id"):
        reports.setdefault(manager_id, []).append(staff_id)
    below: set[int] = set()
    level = [observer.id]
    for _ in range(MANAGER_CHAIN_LIMIT):
        level = [staff_id for manager_id in level for staff_id in reports.get(manager_id, [])]
        below.update(level)
    condition = Q(pk__in=below)
    if observer.role in PEER_OBSERVER_ROLES and observer.pod_id is not None:
        condition |= Q(pod_id=observer.pod_id) & ~Q(role=StaffRole.TEAM_MANAGER)
    return list(holders.filter(condition).select_related("pod").order_by("pod__name", "last_name", "first_name"))


def observation_list_for_worker(worker: StaffMember):
    """Observations of the worker's practice, newest first, with their response if given."""
    return (
        Observation.objects.filter(worker=worker)
        .select_related("observer", "child", "response")
        .order_by("-observed_on", "-id")
    )


def observation_list_by_observer(observer: StaffMember):
    """Observations the staff member made, newest first."""
    return (
        Observation.objects.filter(observer=observer)
        .select_related("worker", "child", "response")
        .order_by("-observed_on", "-id")
    )


@dataclass(frozen=True)
class WorkerObservations:
    worker: StaffMember
    in_last_12_months: int
    last_observed_on: date | None
    waiting_for_response: int  # observations in the last 12 months the worker has not responded to

    @property
    def responded(self) -> bool | None:
        """Whether the worker has responded to every observation of the last 12 months (None: none)."""
        return None if not self.in_last_12_months else self.waiting_for_response == 0


def observation_counts_for_pod(pod: Pod, *, on: date) -> list[WorkerObservations]:
    """For each current case holder in the pod: observations in the 12 months to `on`, the last
    one ever, and how many of the 12 months' are waiting for the worker's response. One query."""
    in_window = Q(observations_received__observed_on__gt=on - WINDOW, observations_received__observed_on__lte=on)
    members = (
        StaffMember.objects.filter(pod=pod, left_on__isnull=True, role__in=CASE_HOLDING)
        .annotate(
            in_window=Count("observations_received", filter=in_window),
            last=Max("observations_received__observed_on", filter=Q(observations_received__observed_on__lte=on)),
            waiting=Count("observations_received", filter=in_window & Q(observations_received__response__isnull=True)),
        )
        .order_by("last_name", "first_name")
    )
    return [WorkerObservations(m, m.in_window, m.last, m.waiting) for m in members]


@dataclass(frozen=True)
class PodMonth:
    pod_id: int | None
    pod_name: str
    month: date  # the first of the month
    observations: int
    responded: int


def observation_counts_by_pod_and_month(*, start: date, end: date) -> list[PodMonth]:
    """Across the local authority: observations made in each pod (the worker's pod on the day) in
    each calendar month from `start` to `end` inclusive, and how many the worker has responded to.
    Months with none are left out. For the impact and fidelity dashboards."""
    rows = (
        Observation.objects.filter(observed_on__gte=start, observed_on__lte=end)
        .annotate(month=TruncMonth("observed_on"))
        .values("pod_id", "pod__name", "month")
        .annotate(observations=Count("id"), responded=Count("response"))
        .order_by("pod__name", "month")
    )
    return [
        PodMonth(row["pod_id"], row["pod__name"] or "No pod", row["month"], row["observations"], row["responded"])
        for row in rows
    ]
