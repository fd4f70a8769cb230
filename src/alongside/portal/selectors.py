"""What a family member sees on their own home page: their workers and what is happening, in plain
words. Only their own family's children, and a young person only themselves."""

from dataclasses import dataclass
from datetime import date

from alongside.journey.selectors import EpisodeKind, current_involvement
from alongside.people.models import NetworkRole, Person
from alongside.workforce.models import StaffMember, StaffRole
from alongside.workforce.selectors import open_allocations_on

PLAIN_WORDS = {
    EpisodeKind.LOOKED_AFTER: "{name} lives away from home. The council looks after {name}.",
    EpisodeKind.CHILD_PROTECTION: "There is a plan to help keep {name} safe. It is called a child protection plan.",
    EpisodeKind.CHILD_IN_NEED: "A social worker is helping {name} and your family.",
    EpisodeKind.CARE_LEAVER: "{name} gets help from a personal adviser after leaving care.",
    EpisodeKind.EARLY_HELP: "A family worker is helping {name} and your family.",
}
PLAIN_WORDS_YOU = {
    EpisodeKind.LOOKED_AFTER: "You live away from home, and the council looks after you.",
    EpisodeKind.CHILD_PROTECTION: "There is a plan to help keep you safe.",
    EpisodeKind.CHILD_IN_NEED: "A social worker is helping you and your family.",
    EpisodeKind.CARE_LEAVER: "Your personal adviser helps you as you get older, until you are 21 (or 25 if you ask).",
    EpisodeKind.EARLY_HELP: "A family worker is helping you and your family.",
}


@dataclass(frozen=True)
class ChildAndWorkers:
    child: Person
    worker: StaffMember | None
    pod_members: list[StaffMember]
    what_is_happening: str


def children_for_parent(parent: Person) -> list[Person]:
    """The children this adult has parental responsibility for, or is a parent of."""
    return list(
        Person.objects.filter(
            relationships_to__from_person=parent,
            relationships_to__kind__in=["mother", "father", "step_parent"],
            memberships__role=NetworkRole.CHILD,
        )
        .distinct()
        .order_by("date_of_birth")
    )


def workers_for_children(children: list[Person], *, on: date, you: bool = False) -> list[ChildAndWorkers]:
    allocations = {
        a.child_id: a for a in open_allocations_on(on).filter(child__in=children).select_related("worker", "pod")
    }
    pods = {a.pod_id for a in allocations.values() if a.pod_id}
    members_by_pod: dict[int, list[StaffMember]] = {}
    role_order = list(StaffRole.values)
    for member in sorted(
        StaffMember.objects.filter(pod_id__in=pods, left_on__isnull=True),
        key=lambda m: (role_order.index(m.role), m.first_name),
    ):
        members_by_pod.setdefault(member.pod_id, []).append(member)
    involvement = current_involvement([c.id for c in children], on)
    rows = []
    for child in children:
        allocation = allocations.get(child.id)
        kind = involvement.get(child.id)
        if kind is None:
            happening = "" if you else f"{child.first_name} is not getting help from us at the moment."
        else:
            happening = PLAIN_WORDS_YOU[kind.kind] if you else PLAIN_WORDS[kind.kind].format(name=child.first_name)
        worker = allocation.worker if allocation else None
        pod_members = [m for m in members_by_pod.get(allocation.pod_id, []) if m != worker] if allocation else []
        rows.append(ChildAndWorkers(child, worker, pod_members, happening))
    return rows


@dataclass(frozen=True)
class WorkerForChildren:
    """One worker and the children they work with in this family, so siblings who share a worker
    (as the practice model wants) see that worker and their pod once."""

    worker: StaffMember
    children: list[Person]
    pod_members: list[StaffMember]


def workers_grouped(rows: list[ChildAndWorkers]) -> list[WorkerForChildren]:
    groups: dict[int, WorkerForChildren] = {}
    for row in rows:
        if row.worker is None:
            continue
        if row.worker.id not in groups:
            groups[row.worker.id] = WorkerForChildren(row.worker, [], row.pod_members)
        groups[row.worker.id].children.append(row.child)
    return list(groups.values())
