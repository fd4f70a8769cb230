"""What a partner professional sees: the children shared with their agency today, the
partner-visible parts of each child's story and plan, and the actions their agency owns."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from alongside.access.visibility import Viewer, ViewerKind, Visibility, can_see_item
from alongside.partners.models import Sharing
from alongside.people.models import FamilyMember, Person
from alongside.plans.models import Action, Goal, Plan, PlanVersion
from alongside.story.models import EntryStatus, StoryEntry
from alongside.story.selectors import entry_as_item


def sharings_in_force(agency, *, on: date):
    """Children shared with an agency today: started, and not yet ended. A partner sees nothing
    about a child once the sharing has ended."""
    return (
        Sharing.objects.filter(agency=agency, started_on__lte=on, ends_on__gte=on)
        .select_related("child")
        .order_by("child__last_name", "child__first_name", "-started_on")
    )


def partner_viewer(user, child: Person) -> Viewer:
    return Viewer(kind=ViewerKind.PARTNER, user_id=user.id, child_ids=frozenset({child.id}))


def story_for_partner(user, child: Person, *, limit: int = 100) -> list[StoryEntry]:
    """The partner-visible entries about this child (never restricted or staff-only ones), and
    everything the partner wrote about them, newest first."""
    viewer = partner_viewer(user, child)
    networks = FamilyMember.objects.filter(person=child).values("network_id")
    candidates = (
        StoryEntry.objects.filter(network_id__in=networks, status=EntryStatus.FINAL, about=child)
        .filter(Q(visibility__in=[Visibility.PARTNER, Visibility.FAMILY]) | Q(author_id=user.id))
        .select_related("author", "agency")
        .prefetch_related("about", "hidden_from", "named_users")
        .order_by("-occurred_at", "-id")
    )
    return [e for e in candidates[: limit * 2] if can_see_item(viewer, entry_as_item(e))][:limit]


@dataclass(frozen=True)
class PartnerPlan:
    plan: Plan
    version: PlanVersion
    goals: list[Goal]


def plans_for_partner(child: Person) -> list[PartnerPlan]:
    """The child's current plans: goals and actions, which the core group works to. The safety plan
    and contingency are the family network's and stay with staff and the family."""
    result = []
    for plan in Plan.objects.filter(child=child, ended_on__isnull=True).order_by("kind"):
        version = plan.versions.order_by("-number").first()
        if version is not None:
            goals = list(
                version.goals.prefetch_related("actions__owner_agency", "actions__owner_person", "actions__updates")
            )
            result.append(PartnerPlan(plan, version, goals))
    return result


def actions_for_agency(agency, child: Person) -> list[Action]:
    """The actions this agency owns in the child's current plans (latest version only)."""
    actions = []
    for partner_plan in plans_for_partner(child):
        for goal in partner_plan.goals:
            actions += [a for a in goal.actions.all() if a.owner_agency_id == agency.id]
    return actions
