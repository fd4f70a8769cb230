"""Reads about the workforce: caseloads, pods, who has worked with a child."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from alongside.journey.selectors import Involvement, current_involvement
from alongside.people.models import Person
from alongside.workforce.models import Allocation, Pod, StaffMember, StaffRole


def allocations_for_child(child: Person):
    """Everyone who has been allocated to the child, newest first."""
    return (
        Allocation.objects.filter(child=child)
        .select_related("worker", "pod", "worker__team")
        .order_by("-started_on", "-id")
    )


def open_allocations_on(on: date):
    return Allocation.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), started_on__lte=on)


@dataclass(frozen=True)
class CaseloadEntry:
    child: Person
    worker: StaffMember
    allocated_on: date
    involvement: Involvement | None


def _caseload_entries(allocations, on: date) -> list[CaseloadEntry]:
    """Open allocations as caseload rows, with what is open for each child: three queries in all."""
    allocations = list(
        allocations.select_related("child", "worker").order_by("child__last_name", "child__first_name", "child_id")
    )
    involvement = current_involvement([a.child_id for a in allocations], on)
    return [CaseloadEntry(a.child, a.worker, a.started_on, involvement.get(a.child_id)) for a in allocations]


def caseload_for(worker: StaffMember, *, on: date) -> list[CaseloadEntry]:
    """The children allocated to a worker on a date, with what is open for each."""
    return _caseload_entries(open_allocations_on(on).filter(worker=worker), on)


@dataclass(frozen=True)
class PodMemberLoad:
    member: StaffMember
    caseload: int


def pod_members_with_caseloads(pod: Pod, *, on: date) -> list[PodMemberLoad]:
    members = (
        StaffMember.objects.filter(pod=pod, left_on__isnull=True)
        .annotate(
            caseload=Count(
                "allocations",
                filter=Q(allocations__started_on__lte=on)
                & (Q(allocations__ended_on__isnull=True) | Q(allocations__ended_on__gt=on)),
            )
        )
        .order_by("role", "last_name")
    )
    order = list(StaffRole.values)
    rows = [PodMemberLoad(m, m.caseload) for m in members]
    rows.sort(key=lambda r: (order.index(r.member.role), r.member.last_name))
    return rows


def pod_children(pod: Pod, *, on: date) -> list[CaseloadEntry]:
    """The children allocated to anyone in the pod on a date, with their worker."""
    return _caseload_entries(open_allocations_on(on).filter(pod=pod), on)


@dataclass(frozen=True)
class PodSummary:
    pod: Pod
    members: int
    case_holders: int
    children: int

    @property
    def average_caseload(self) -> float | None:
        return round(self.children / self.case_holders, 1) if self.case_holders else None


CASE_HOLDING = [
    StaffRole.SOCIAL_WORKER,
    StaffRole.SENIOR_SOCIAL_WORKER,
    StaffRole.NQSW,
    StaffRole.PERSONAL_ADVISER,
    StaffRole.EARLY_HELP_WORKER,
]


def pod_summaries(*, on: date, pods=None) -> list[PodSummary]:
    """Each pod's current members, case holders and children: three queries for all pods."""
    pods = list((pods if pods is not None else Pod.objects.all()).select_related("team").order_by("team__name", "name"))
    members = dict(
        StaffMember.objects.filter(pod__in=pods, left_on__isnull=True)
        .values("pod")
        .annotate(n=Count("id"))
        .values_list("pod", "n")
    )
    holders = dict(
        StaffMember.objects.filter(pod__in=pods, left_on__isnull=True, role__in=CASE_HOLDING)
        .values("pod")
        .annotate(n=Count("id"))
        .values_list("pod", "n")
    )
    children = dict(
        open_allocations_on(on)
        .filter(pod__in=pods)
        .values("pod")
        .annotate(n=Count("child", distinct=True))
        .values_list("pod", "n")
    )
    return [PodSummary(pod, members.get(pod.id, 0), holders.get(pod.id, 0), children.get(pod.id, 0)) for pod in pods]


def current_workforce_figures() -> dict[str, float]:
    current = StaffMember.objects.filter(left_on__isnull=True)
    total = current.count()
    agency = current.filter(employment="agency").count()
    holders = current.filter(role__in=CASE_HOLDING).count()
    return {
        "staff": total,
        "agency": agency,
        "agency_share": round(100 * agency / total, 1) if total else 0,
        "case_holders": holders,
    }


@dataclass(frozen=True)
class Span:
    manager: StaffMember
    people: int


def spans_of_management() -> list[Span]:
    """How many current staff each manager supervises directly, widest first."""
    managers = (
        StaffMember.objects.filter(left_on__isnull=True, reports__left_on__isnull=True)
        .annotate(people=Count("reports"))
        .order_by("-people", "last_name")
    )
    return [Span(m, m.people) for m in managers if m.people]


def children_waiting_for_a_worker(pod: Pod, *, on: date) -> list[CaseloadEntry]:
    """Children with something open but no worker today, whose last worker was in this pod (a worker
    left, or an allocation was ended without a new one): the manager's to allocate. A fixed number of
    queries however many children wait."""
    waiting = []
    last_in_pod = (
        Allocation.objects.filter(pod=pod, ended_on__isnull=False, ended_on__lte=on)
        .exclude(child__allocations__ended_on__isnull=True)
        .select_related("child", "worker")
        .order_by("child_id", "-ended_on")
    )
    seen = set()
    candidates = []
    for allocation in last_in_pod:
        if allocation.child_id not in seen:
            seen.add(allocation.child_id)
            candidates.append(allocation)
    later, newest_pod = set(), {}
    history = (
        Allocation.objects.filter(child_id__in=seen)
        .order_by("started_on", "id")
        .values_list("child_id", "pod_id", "started_on")
    )
    for child_id, pod_id, started_on in history:
        newest_pod[child_id] = pod_id  # oldest first, so each child's newest allocation is the one left
        if started_on > on:
            later.add(child_id)
    involvement = current_involvement([a.child_id for a in candidates], on)
    for allocation in candidates:
        child_id = allocation.child_id
        if child_id in involvement and child_id not in later and newest_pod[child_id] == pod.id:
            waiting.append(
                CaseloadEntry(allocation.child, allocation.worker, allocation.started_on, involvement[child_id])
            )
    return waiting
