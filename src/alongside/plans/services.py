"""Writing plans with families. Saving makes a new version; earlier versions are never changed."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.people.models import Person
from alongside.plans.models import Action, Agreement, Goal, OwnerKind, Plan, PlanDraft, PlanReview, PlanVersion

GOAL_NEEDED = "Add at least one goal, in the family's own words"
ACTION_OWNER_NEEDED = "Say who will do each action"
ACTION_DATE_NEEDED = "Give each action a date"
ACTION_WHAT_NEEDED = "Say what each action is"
PLAN_CHANGED_ELSEWHERE = (
    "Someone saved a newer version of this plan after you opened it. Your changes have not "
    "been saved: open the plan again to see theirs, then add yours."
)
SCORE_RANGE = "Score each goal from 0 to 10"
REVIEW_DATE_FUTURE = "The review date must be today or in the past"
FGC_OUTCOME_WITHOUT_OFFER = "Record that a family group conference was offered before its outcome"


@dataclass
class ActionInput:
    what: str
    owner_kind: str
    due_on: date | None
    owner_name: str = ""
    owner_person_id: int | None = None
    owner_agency_id: int | None = None


@dataclass
class GoalInput:
    in_their_words: str
    why_it_matters: str = ""
    actions: list[ActionInput] = field(default_factory=list)


@dataclass
class PlanInput:
    goals: list[GoalInput]
    safety_plan: str = ""
    contingency: str = ""
    family_group_conference_offered: bool = False
    family_group_conference_outcome: str = ""


def _check(data: PlanInput) -> None:
    goals = [g for g in data.goals if g.in_their_words.strip()]
    if not goals:
        raise ApplicationError(GOAL_NEEDED)
    for goal in goals:
        for action in goal.actions:
            if not action.what.strip():
                raise ApplicationError(ACTION_WHAT_NEEDED)
            owner_named = {
                OwnerKind.FAMILY: action.owner_person_id or action.owner_name.strip(),
                OwnerKind.NETWORK: action.owner_name.strip() or action.owner_person_id,
                OwnerKind.WORKER: True,
                OwnerKind.PARTNER: action.owner_agency_id,
            }.get(action.owner_kind)
            if not owner_named:
                raise ApplicationError(ACTION_OWNER_NEEDED)
            if action.due_on is None:
                raise ApplicationError(ACTION_DATE_NEEDED)
    if data.family_group_conference_outcome.strip() and not data.family_group_conference_offered:
        raise ApplicationError(FGC_OUTCOME_WITHOUT_OFFER)


@transaction.atomic
def plan_save(*, actor, child, kind: str, data: PlanInput, based_on: int | None, request=None) -> PlanVersion:
    """Saves the plan as a new version. `based_on` is the version the writer started from (None for
    a new plan); if someone saved a newer one meanwhile, nothing is saved and they are told."""
    _check(data)
    # Lock the child first: two people starting the same child's first plan at once would otherwise
    # both find no plan, and the second would hit the one-current-plan constraint as a server error.
    list(Person.objects.select_for_update().filter(pk=child.pk).values_list("pk", flat=True))
    plan = Plan.objects.select_for_update().filter(child=child, kind=kind, ended_on__isnull=True).first()
    if plan is None:
        plan = Plan.objects.create(child=child, kind=kind)
    latest = plan.versions.order_by("-number").first()
    if (latest.number if latest else None) != based_on:
        raise ApplicationError(PLAN_CHANGED_ELSEWHERE)
    version = PlanVersion.objects.create(
        plan=plan,
        number=(latest.number + 1) if latest else 1,
        written_by=actor,
        safety_plan=data.safety_plan.strip(),
        contingency=data.contingency.strip(),
        family_group_conference_offered=data.family_group_conference_offered,
        family_group_conference_outcome=data.family_group_conference_outcome.strip(),
    )
    for order, goal_data in enumerate(g for g in data.goals if g.in_their_words.strip()):
        goal = Goal.objects.create(
            version=version,
            order=order,
            in_their_words=goal_data.in_their_words.strip(),
            why_it_matters=goal_data.why_it_matters.strip(),
        )
        for action in goal_data.actions:
            Action.objects.create(
                goal=goal,
                what=action.what.strip(),
                owner_kind=action.owner_kind,
                owner_name=action.owner_name.strip(),
                owner_person_id=action.owner_person_id,
                owner_agency_id=action.owner_agency_id,
                due_on=action.due_on,
            )
    PlanDraft.objects.filter(child=child, kind=kind, author=actor).delete()
    audit_record(
        actor=actor,
        event=AuditEvent.PLAN_SAVED,
        person=child,
        request=request,
        detail={"plan": plan.id, "version": version.number},
    )
    return version


# A draft is the plan form's fields, which are a few kilobytes; anything far bigger is not one.
DRAFT_MAX_CHARACTERS = 100_000
DRAFT_TOO_BIG = "This draft is too long to keep; save it as a version instead"


def plan_draft_keep(*, actor, child, kind: str, fields: dict[str, list[str]], based_on: int | None) -> PlanDraft | None:
    """Keeps the writer's unsaved next version (autosave). Only the plan form's own fields are kept."""
    kept = {
        name: [str(v) for v in values]
        for name, values in fields.items()
        if name.startswith("goal-") or name in ("safety_plan", "contingency", "fgc_offered", "fgc_outcome")
    }
    if not kept:
        return None
    if sum(len(v) for values in kept.values() for v in values) > DRAFT_MAX_CHARACTERS:
        raise ApplicationError(DRAFT_TOO_BIG)
    draft, _ = PlanDraft.objects.update_or_create(
        child=child, kind=kind, author=actor, defaults={"fields": kept, "based_on": based_on}
    )
    return draft


def plan_draft_discard(*, actor, child, kind: str) -> None:
    PlanDraft.objects.filter(child=child, kind=kind, author=actor).delete()


@transaction.atomic
def plan_record_family_view(*, actor, version: PlanVersion, agreement: str, comments: str, request=None):
    """Records that the family has seen this version, whether they agree, and what they said."""
    if agreement not in Agreement.values or agreement == "":
        raise ApplicationError("Select whether the family agreed the plan")
    version.family_seen_on = timezone.localdate()
    version.family_agreement = agreement
    version.family_comments = comments.strip()
    version.save(update_fields=["family_seen_on", "family_agreement", "family_comments"])
    audit_record(
        actor=actor,
        event=AuditEvent.PLAN_FAMILY_VIEW_RECORDED,
        person=version.plan.child,
        request=request,
        detail={"version": version.number, "agreement": agreement},
    )
    return version


@transaction.atomic
def plan_review(
    *, actor, plan: Plan, held_on: date, scores: dict[int, tuple[int, str]], notes: str = "", request=None
) -> PlanReview:
    """A review re-scores each goal of the current version 0-10 and records progress."""
    if held_on > timezone.localdate():
        raise ApplicationError(REVIEW_DATE_FUTURE)
    version = plan.versions.order_by("-number").first()
    goals = {g.id: g for g in version.goals.all()}
    if set(scores) != set(goals) or any(not 0 <= s <= 10 for s, _ in scores.values()):
        raise ApplicationError(SCORE_RANGE)
    review = PlanReview.objects.create(
        plan=plan, version=version, held_on=held_on, recorded_by=actor, notes=notes.strip()
    )
    for goal_id, (score, progress) in scores.items():
        review.scores.create(goal=goals[goal_id], score=score, progress=progress.strip())
    audit_record(
        actor=actor,
        event=AuditEvent.PLAN_REVIEWED,
        person=plan.child,
        request=request,
        detail={"plan": plan.id, "review": review.id},
    )
    return review
