"""Starting, writing, completing and signing off a child and family assessment."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from alongside.access.models import AuditEvent
from alongside.access.rules import is_above_in_manager_line
from alongside.access.services import audit_record
from alongside.assessments.models import AssessmentStatus, ChildAssessment, Decision, ScalingScore
from alongside.codes import AssessmentFactor
from alongside.journey.models import Assessment as DfEAssessment
from alongside.journey.models import ChildInNeedEpisode
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.people.selectors import family_network_for_child
from alongside.story.models import StoryEntry

NO_OPEN_REFERRAL = "This child has no open referral. An assessment follows a referral."
CHANGED_ELSEWHERE = (
    "This assessment was saved somewhere else after you opened it. Your changes have not been "
    "saved: copy what you need, then open it again."
)
NOT_IN_PROGRESS = "This assessment has been completed and cannot be changed"
NOT_YOURS = "Only the worker writing this assessment can change it"
CHILD_VIEW_NEEDED = "Record the child's view and lived experience, or why it could not be gained"
FACTORS_NEEDED = "Select the factors identified at assessment, or 'No factors identified'"
NO_FACTORS_ALONE = "'No factors identified' cannot be selected with other factors"
DECISION_NEEDED = "Select the decision"
WORKER_SCORE_NEEDED = "Add your own scaling score and what it means"
SCORE_RANGE = "A scaling score is a whole number from 0 (worst) to 10 (safe enough to close)"
MEANING_NEEDED = "Say what the score means to them"
NOT_THEIR_MANAGER = "Only the worker's manager can sign off this assessment"
NOT_SUBMITTED = "Only a completed assessment can be signed off"

TEXT_FIELDS = [
    "what_we_know",
    "worries_past_harm",
    "worries_future_danger",
    "worries_complicating",
    "working_well_strengths",
    "working_well_safety",
    "needs_to_happen",
    "child_view",
    "child_view_not_gained",
]


class AssessmentInvalid(FormProblems):
    pass


def what_is_already_known(child) -> str:
    """The starting text: the family network, earlier assessments' conclusions, significant events and
    the child's recent words from the story, so the family need not retell and nothing is re-keyed."""
    lines = ["Family network:"]
    for member in family_network_for_child(child):
        lines.append(
            f"- {member.person.full_name}, {member.relationship.lower()}"
            f"{', lives with them' if member.lives_with else ''}"
        )
    earlier = ChildAssessment.objects.filter(child=child, status=AssessmentStatus.SIGNED_OFF).order_by("-signed_off_on")
    for assessment in earlier[:3]:
        lines.append(
            f"\nAssessment signed off {assessment.signed_off_on:%-d %B %Y} "
            f"({assessment.get_decision_display()}). What needed to happen: {assessment.needs_to_happen}"
        )
    since = timezone.now() - timedelta(days=730)
    significant = StoryEntry.objects.filter(about=child, status="final", significant=True, occurred_at__gte=since)
    if significant.exists():
        lines.append("\nSignificant events in the last two years:")
        for entry in significant.order_by("occurred_at")[:20]:
            lines.append(f"- {entry.occurred_at:%-d %b %Y}: {entry.get_kind_display()}: {entry.summary}")
    recent = since + timedelta(days=550)
    words = StoryEntry.objects.filter(about=child, status="final", occurred_at__gte=recent).exclude(child_words="")
    if words.exists():
        lines.append(f"\nIn {child.first_name}'s words, from recent direct work:")
        for entry in words.order_by("-occurred_at")[:5]:
            lines.append(
                f"- {entry.occurred_at:%-d %b %Y} ({entry.get_direct_work_tool_display()}): "
                f"\u201c{entry.child_words}\u201d"
            )
    return "\n".join(lines)


@transaction.atomic
def assessment_start(*, actor, child, request=None) -> ChildAssessment:
    """The child's assessment in progress, or a new one on their open referral, prefilled."""
    episode = (
        ChildInNeedEpisode.objects.filter(child=child, closure_date__isnull=True, referral_nfa=False)
        .order_by("-referral_date")
        .first()
    )
    if episode is None:
        raise ApplicationError(NO_OPEN_REFERRAL)
    existing = ChildAssessment.objects.filter(child=child).exclude(status=AssessmentStatus.SIGNED_OFF).first()
    if existing is not None:
        return existing
    dfe = DfEAssessment.objects.filter(
        episode=episode, authorised_on__isnull=True, practice__isnull=True
    ).first() or DfEAssessment.objects.create(episode=episode, started_on=timezone.localdate())
    assessment = ChildAssessment.objects.create(
        child=child, dfe=dfe, author=actor, started_on=dfe.started_on, what_we_know=what_is_already_known(child)
    )
    audit_record(
        actor=actor,
        event=AuditEvent.ASSESSMENT_STARTED,
        person=child,
        request=request,
        detail={"assessment": assessment.id},
    )
    return assessment


def _check_scores(scores: list[dict]) -> dict[str, str]:
    for score in scores:
        if not isinstance(score.get("score"), int) or not 0 <= score["score"] <= 10:
            return {"scores": SCORE_RANGE}
        if not (score.get("meaning") or "").strip():
            return {"scores": MEANING_NEEDED}
    return {}


@transaction.atomic
def assessment_save(
    *, actor, assessment: ChildAssessment, data: dict, scores: list[dict], expected_version: int | None
) -> ChildAssessment:
    """Saves the worker's text, factors, decision and scaling scores. Refuses a completed assessment,
    someone else's, and a save from an out-of-date copy."""
    assessment = ChildAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        raise ApplicationError(NOT_IN_PROGRESS)
    if assessment.author_id != actor.id:
        raise ApplicationError(NOT_YOURS)
    if expected_version is not None and expected_version != assessment.version:
        raise ApplicationError(CHANGED_ELSEWHERE)
    problems = _check_scores(scores)
    factors = list(data.get("factors") or [])
    if AssessmentFactor.F21 in factors and len(factors) > 1:
        problems.setdefault("factors", NO_FACTORS_ALONE)
    if problems:
        raise AssessmentInvalid(problems)
    for name in TEXT_FIELDS:
        setattr(assessment, name, (data.get(name) or "").strip())
    assessment.factors = factors
    assessment.decision = data.get("decision") or ""
    assessment.version += 1
    assessment.full_clean(exclude=["child", "dfe", "author", "signed_off_by"])
    assessment.save()
    assessment.scores.all().delete()
    ScalingScore.objects.bulk_create(
        ScalingScore(
            assessment=assessment, role=s["role"], who=s["who"].strip(), score=s["score"], meaning=s["meaning"].strip()
        )
        for s in scores
    )
    return assessment


@transaction.atomic
def assessment_complete(*, actor, assessment: ChildAssessment, request=None) -> ChildAssessment:
    """Submits for sign-off. The child's view (or why it could not be gained) is required: the
    practice model guards against an assessment about a child that never hears from them."""
    assessment = ChildAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        raise ApplicationError(NOT_IN_PROGRESS)
    if assessment.author_id != actor.id:
        raise ApplicationError(NOT_YOURS)
    problems = {}
    if not assessment.child_view.strip() and not assessment.child_view_not_gained.strip():
        problems["child_view"] = CHILD_VIEW_NEEDED
    if not assessment.factors:
        problems["factors"] = FACTORS_NEEDED
    if assessment.decision not in Decision.values:
        problems["decision"] = DECISION_NEEDED
    if not assessment.scores.filter(role="worker").exists():
        problems["scores"] = WORKER_SCORE_NEEDED
    if problems:
        raise AssessmentInvalid(problems)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.completed_on = timezone.localdate()
    assessment.version += 1
    assessment.save(update_fields=["status", "completed_on", "version", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEvent.ASSESSMENT_COMPLETED,
        person=assessment.child,
        request=request,
        detail={"assessment": assessment.id, "decision": assessment.decision},
    )
    return assessment


@transaction.atomic
def assessment_sign_off(*, actor, assessment: ChildAssessment, request=None) -> ChildAssessment:
    """The manager's sign-off authorises the assessment: the DfE record gets its authorisation date
    (which stops the 45-working-day clock) and the factors identified."""
    # Lock only the assessment row: PostgreSQL cannot lock the nullable side of the join to staff.
    assessment = (
        ChildAssessment.objects.select_for_update(of=("self",)).select_related("author__staff").get(pk=assessment.pk)
    )
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ApplicationError(NOT_SUBMITTED)
    staff = getattr(actor, "staff", None)
    if staff is None or not is_above_in_manager_line(staff, assessment.author.staff):
        raise ApplicationError(NOT_THEIR_MANAGER)
    today = timezone.localdate()
    assessment.status = AssessmentStatus.SIGNED_OFF
    assessment.signed_off_on = today
    assessment.signed_off_by = actor
    assessment.save(update_fields=["status", "signed_off_on", "signed_off_by", "updated_at"])
    dfe = assessment.dfe
    dfe.authorised_on = today
    dfe.factors = assessment.factors
    dfe.full_clean(exclude=["episode"])
    dfe.save(update_fields=["authorised_on", "factors"])
    audit_record(
        actor=actor,
        event=AuditEvent.ASSESSMENT_SIGNED_OFF,
        person=assessment.child,
        request=request,
        detail={"assessment": assessment.id, "factors": assessment.factors},
    )
    return assessment
