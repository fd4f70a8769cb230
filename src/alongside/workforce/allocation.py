"""Who should work with a child: continuity first, then capacity, then the pod.

The practice model's first promise is the same worker for as long as possible, so a worker who
already knows the child, a sibling or the family comes first, whatever their pod. Among equals, a
worker with room under their caseload cap comes before one without, then the manager's own pod,
then whoever has the most room. Caseloads are weighted by what is open for each child (operating
model `caseloads.weights`), so a child on a protection plan counts more than one on early help.
Every suggestion says why."""

from dataclasses import dataclass, field
from datetime import date

from alongside.journey.selectors import EpisodeKind, current_involvement, open_care_episodes
from alongside.people.models import FamilyMember, NetworkRole
from alongside.practice_model.config import operating_model
from alongside.workforce.models import CASE_HOLDING_ROLES, Allocation, Pod, StaffMember
from alongside.workforce.selectors import open_allocations_on

WEIGHT_KEYS = {
    EpisodeKind.EARLY_HELP: "early_help",
    EpisodeKind.CHILD_IN_NEED: "child_in_need",
    EpisodeKind.CHILD_PROTECTION: "child_protection",
    EpisodeKind.LOOKED_AFTER: "looked_after",
    EpisodeKind.CARE_LEAVER: "care_leaver",
}
KNOWS_CHILD, KNOWS_FAMILY, NEW_TO_FAMILY = 2, 1, 0


def child_weight(kind: str | None) -> float:
    """A child's weight in a caseload by what is open for them (child in need if nothing is)."""
    weights = operating_model().caseload_weights
    return weights[WEIGHT_KEYS.get(kind, "child_in_need")]


def in_proceedings(child_ids, *, on: date) -> set[int]:
    """Children in care proceedings today (an interim care order), whose work weighs more."""
    return set(
        open_care_episodes(on)
        .filter(child_id__in=list(child_ids), legal_status="C1")
        .values_list("child_id", flat=True)
    )


def weights_for_children(child_ids, *, on: date) -> dict[int, float]:
    """Each child's weight in a caseload on a date: by what is open for them, plus the operating
    model's complexity extra for a child in care proceedings."""
    child_ids = list(child_ids)
    involvement = current_involvement(child_ids, on)
    complex_ = in_proceedings(child_ids, on=on)
    extra = operating_model().complexity_extra
    weights = {}
    for child in child_ids:
        kind = involvement.get(child)
        weights[child] = child_weight(kind.kind if kind else None) + (extra if child in complex_ else 0.0)
    return weights


def weight_for_child(child_id: int, *, on: date) -> float:
    """One child's weight in a caseload on a date (see weights_for_children)."""
    return weights_for_children([child_id], on=on)[child_id]


def weighted_caseloads(worker_ids, *, on: date) -> dict[int, float]:
    """Each worker's caseload on a date, weighted by what is open for each of their children, plus
    the operating model's complexity extra for a child in care proceedings."""
    pairs = list(open_allocations_on(on).filter(worker_id__in=list(worker_ids)).values_list("worker_id", "child_id"))
    weights = weights_for_children([child for _, child in pairs], on=on)
    loads = {worker: 0.0 for worker in worker_ids}
    for worker, child in pairs:
        loads[worker] = loads.get(worker, 0.0) + weights[child]
    return {worker: round(load, 2) for worker, load in loads.items()}


def is_over_cap(load: float, cap: int | None) -> bool:
    """A weighted caseload over the role's cap (a role without a cap is never over it)."""
    return cap is not None and load > cap


@dataclass(frozen=True)
class MemberLoad:
    weighted: float
    cap: int | None

    @property
    def over_cap(self) -> bool:
        return is_over_cap(self.weighted, self.cap)


def member_loads(members, *, on: date) -> dict[int, MemberLoad]:
    """Each staff member's weighted caseload on a date against their role's cap, by staff id."""
    members = list(members)
    weighted = weighted_caseloads([m.id for m in members], on=on)
    caps = operating_model().caseload_caps
    return {m.id: MemberLoad(weighted.get(m.id, 0), caps.get(m.role)) for m in members}


@dataclass
class Suggestion:
    worker: StaffMember
    continuity: int
    weighted_caseload: float
    cap: int | None
    same_pod: bool
    weight_of_child: float
    reasons: list[str] = field(default_factory=list)

    @property
    def load_after(self) -> float:
        return self.weighted_caseload + self.weight_of_child

    @property
    def over_cap(self) -> bool:
        return is_over_cap(self.load_after, self.cap)


def allocation_suggestions(child, *, pod: Pod | None, on: date) -> list[Suggestion]:
    """Workers for this child, best first, each with the reasons for their place. Candidates are
    the case-holding staff of the pod's team, and anyone who has worked with the child or family."""
    family = FamilyMember.objects.filter(
        network__in=FamilyMember.objects.filter(person=child).values("network"), role=NetworkRole.CHILD
    ).exclude(person=child)
    sibling_names = {m.person_id: m.person.first_name for m in family.select_related("person")}
    history = Allocation.objects.filter(child_id__in=[child.id, *sibling_names]).select_related("worker")
    current = next((a for a in history if a.child_id == child.id and a.ended_on is None), None)
    knows: dict[int, tuple[int, str]] = {}
    for allocation in sorted(history, key=lambda a: a.started_on):
        worker = allocation.worker_id
        if allocation.child_id == child.id:
            until = "now" if allocation.ended_on is None else f"{allocation.ended_on:%-d %b %Y}"
            knows[worker] = (
                KNOWS_CHILD,
                f"Worked with {child.first_name} from {allocation.started_on:%-d %b %Y} to {until}",
            )
        elif knows.get(worker, (NEW_TO_FAMILY, ""))[0] < KNOWS_CHILD:
            name = sibling_names[allocation.child_id]
            tense = "Works" if allocation.ended_on is None else "Worked"
            knows[worker] = (KNOWS_FAMILY, f"{tense} with {name}, in the same family")
    caps = operating_model().caseload_caps
    candidates = StaffMember.objects.filter(role__in=CASE_HOLDING_ROLES, left_on__isnull=True)
    team_or_known = candidates.filter(id__in=list(knows))
    if pod is not None:
        # From the team, the roles the operating model gives a caseload cap (not managers, who
        # hold a case only by choice, or because they already know the family).
        team_or_known = team_or_known | candidates.filter(team_id=pod.team_id, role__in=list(caps))
    workers = [
        w for w in team_or_known.select_related("pod").distinct() if current is None or w.id != current.worker_id
    ]
    loads = weighted_caseloads([w.id for w in workers], on=on)
    weight = weight_for_child(child.id, on=on)
    suggestions = []
    for worker in workers:
        continuity, why = knows.get(worker.id, (NEW_TO_FAMILY, "New to the family"))
        suggestion = Suggestion(
            worker=worker,
            continuity=continuity,
            weighted_caseload=loads.get(worker.id, 0.0),
            cap=caps.get(worker.role),
            same_pod=pod is not None and worker.pod_id == pod.id,
            weight_of_child=weight,
        )
        suggestion.reasons.append(why)
        if suggestion.cap is None:
            suggestion.reasons.append(f"Caseload {suggestion.weighted_caseload:g} (no cap set for the role)")
        elif suggestion.over_cap:
            suggestion.reasons.append(
                f"Over cap: {suggestion.load_after:g} of {suggestion.cap} with {child.first_name}"
            )
        else:
            suggestion.reasons.append(f"Room: {suggestion.load_after:g} of {suggestion.cap} with {child.first_name}")
        suggestion.reasons.append(
            "In your pod" if suggestion.same_pod else f"In {worker.pod.name if worker.pod else 'no pod'}"
        )
        suggestions.append(suggestion)
    suggestions.sort(
        key=lambda s: (
            -s.continuity,
            s.over_cap,
            not s.same_pod,
            -((s.cap or 0) - s.load_after),  # then the most room
            s.worker.last_name,
        )
    )
    return suggestions
