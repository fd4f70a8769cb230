"""What a family member sees on their own home page: their workers and what is happening, in plain
words. Only their own family's children, and a young person only themselves."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from alongside.access.visibility import Viewer, ViewerKind, Visibility, can_see_item
from alongside.handovers.models import Handover
from alongside.journey.selectors import EpisodeKind, current_involvement
from alongside.people.models import FamilyMember, Person
from alongside.plans.models import Goal, Plan, PlanResponse, PlanVersion
from alongside.portal.models import LinkPurpose, OneTimeLink
from alongside.story.models import EntryStatus, StoryEntry
from alongside.story.selectors import entry_as_item
from alongside.workforce.models import StaffMember, StaffRole
from alongside.workforce.selectors import open_allocations_on

PLAIN_WORDS = {
    EpisodeKind.LOOKED_AFTER: gettext_lazy("{name} lives away from home. The council looks after {name}."),
    EpisodeKind.CHILD_PROTECTION: gettext_lazy(
        "There is a plan to help keep {name} safe. It is called a child protection plan."
    ),
    EpisodeKind.CHILD_IN_NEED: gettext_lazy("A social worker is helping {name} and your family."),
    EpisodeKind.CARE_LEAVER: gettext_lazy("{name} gets help from a personal adviser after leaving care."),
    EpisodeKind.EARLY_HELP: gettext_lazy("A family worker is helping {name} and your family."),
}
PLAIN_WORDS_YOU = {
    EpisodeKind.LOOKED_AFTER: gettext_lazy("You live away from home, and the council looks after you."),
    EpisodeKind.CHILD_PROTECTION: gettext_lazy("There is a plan to help keep you safe."),
    EpisodeKind.CHILD_IN_NEED: gettext_lazy("A social worker is helping you and your family."),
    EpisodeKind.CARE_LEAVER: gettext_lazy(
        "Your personal adviser helps you as you get older, until you are 21 (or 25 if you ask)."
    ),
    EpisodeKind.EARLY_HELP: gettext_lazy("A family worker is helping you and your family."),
}


@dataclass(frozen=True)
class ChildAndWorkers:
    child: Person
    worker: StaffMember | None
    pod_members: list[StaffMember]
    what_is_happening: str


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
            happening = (
                ""
                if you
                else gettext("%(name)s is not getting help from us at the moment.") % {"name": child.first_name}
            )
        else:
            happening = (
                str(PLAIN_WORDS_YOU[kind.kind]) if you else str(PLAIN_WORDS[kind.kind]).format(name=child.first_name)
            )
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


def family_viewer(user) -> Viewer:
    """The family member as a viewer of their story (access/visibility.py decides each entry)."""
    from alongside.access.access import family_children
    from alongside.access.roles import UserKind, user_kind

    kind = ViewerKind.YOUNG_PERSON if user_kind(user) == UserKind.YOUNG_PERSON else ViewerKind.PARENT
    children = family_children(user)
    return Viewer(kind=kind, user_id=user.id, person_id=user.person.id, child_ids=frozenset(c.id for c in children))


def story_for_family(user, *, limit: int = 100) -> list[StoryEntry]:
    """The family-visible part of their story, newest first: entries about their own children (a
    young person: about themself alone), never what is hidden from them, and all they wrote."""
    viewer = family_viewer(user)
    if not viewer.child_ids:
        return []
    networks = FamilyMember.objects.filter(person_id__in=viewer.child_ids).values("network_id")
    candidates = (
        StoryEntry.objects.filter(network_id__in=networks, status=EntryStatus.FINAL)
        .filter(Q(visibility=Visibility.FAMILY) | Q(author_id=user.id))
        .select_related("author")
        .prefetch_related("about", "hidden_from", "named_users")
        .order_by("-occurred_at", "-id")
    )
    seen = []
    for entry in candidates:
        if can_see_item(viewer, entry_as_item(entry)):
            seen.append(entry)
            if len(seen) == limit:
                break
    return seen


@dataclass(frozen=True)
class ChildPlan:
    child: Person
    plan: Plan
    version: PlanVersion
    goals: list[Goal]
    my_response: PlanResponse | None


def current_plans(children: list[Person], *, person: Person) -> list[ChildPlan]:
    """Each child's current plans (newest version), with this family member's latest answer."""
    plans = (
        Plan.objects.filter(child__in=children, ended_on__isnull=True)
        .select_related("child")
        .order_by("child__date_of_birth", "kind")
    )
    result = []
    for plan in plans:
        version = plan.versions.order_by("-number").first()
        if version is None:
            continue
        goals = list(version.goals.prefetch_related("actions__owner_agency", "actions__owner_person"))
        response = version.responses.filter(person=person).first()
        result.append(ChildPlan(plan.child, plan, version, goals, response))
    return result


# What happens next, in plain words: the timescale rules a family would recognise (meetings and
# visits). Health and education checks are arranged with the carer, so they are left out.
NEXT_WORDS = {
    "assessment": gettext_lazy("Your worker will finish getting to know your family"),
    "initial_conference": gettext_lazy("A meeting to decide how to keep %(name)s safe"),
    "first_core_group": gettext_lazy("The first meeting of the group who help with %(name)s's plan"),
    "first_review_conference": gettext_lazy("A meeting to look at how %(name)s's plan is going"),
    "review_conference": gettext_lazy("A meeting to look at how %(name)s's plan is going"),
    "child_protection_visit": gettext_lazy("A visit from %(name)s's worker"),
    "child_in_need_visit": gettext_lazy("A visit from %(name)s's worker"),
    "first_looked_after_review": gettext_lazy("A meeting to look at how things are going for %(name)s"),
    "second_looked_after_review": gettext_lazy("A meeting to look at how things are going for %(name)s"),
    "later_looked_after_review": gettext_lazy("A meeting to look at how things are going for %(name)s"),
    "looked_after_visit": gettext_lazy("A visit from %(name)s's worker"),
    "pathway_plan_review": gettext_lazy("A meeting about %(name)s's plans for the future"),
}


@dataclass(frozen=True)
class NextThing:
    what: str
    by: date


def what_happens_next(children: list[Person], *, on: date) -> list[NextThing]:
    """Meetings and visits due for these children, soonest first, without the staff words."""
    from alongside.timescales.due import due_items

    names = {c.id: c.first_name for c in children}
    things = []
    for item in due_items(names, on=on):
        words = NEXT_WORDS.get(item.rule.code)
        if words is not None:
            things.append(NextThing(str(words) % {"name": names[item.child_id]}, max(item.due_on, on)))
    return things


def open_handovers(children: list[Person]):
    """Handovers still waiting for the family's message to their new worker."""
    return (
        Handover.objects.filter(child__in=children, completed_on__isnull=True, family_message="")
        .select_related("child", "to_worker", "from_worker")
        .order_by("opened_on")
    )


def latest_invitations(people: list[Person]) -> list[tuple[Person, OneTimeLink | None]]:
    """Each person with their latest portal invitation (None if never invited): one query."""
    latest = {}
    for link in OneTimeLink.objects.filter(person__in=people, purpose=LinkPurpose.INVITATION).order_by("-created_at"):
        latest.setdefault(link.person_id, link)
    return [(person, latest.get(person.id)) for person in people]
