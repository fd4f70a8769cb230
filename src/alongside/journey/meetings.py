"""Meetings on a child's journey: recorded once, in the story, and the record follows from them.

The section 47 path runs strategy discussion -> section 47 enquiry -> initial child protection
conference -> plan -> core groups and review conferences; children in care have looked-after reviews.
The worker records each meeting once, as a story entry with who attended, the decisions and the
family's view. For the meetings that change a child's legal journey the entry also says what was
decided, and finishing it writes the DfE record from that (CIN census Section47,
ChildProtectionPlans and their review dates, CINPlanDates; SSDA903 Reviews), so nothing is keyed
twice. Core groups, child in need reviews and family group conferences live in the story alone.

A correction of a meeting entry fixes the story's words; it does not rewrite the DfE record (see
docs/recording.md), because a conference's decision is changed by another conference, not by an edit.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models

from alongside.codes import AbuseCategory, ReviewParticipation
from alongside.journey.models import (
    CareEpisode,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    ChildProtectionPlan,
    ChildProtectionReview,
    LookedAfterReview,
    Section47Enquiry,
)
from alongside.lib.working_days import calendar_for
from alongside.people.models import Person

# Working Together 2023: the initial conference within 15 working days of the strategy discussion
# that started the enquiry (shared/reference/timescales.md).
ICPC_WORKING_DAYS = 15


class MeetingKind(models.TextChoices):
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    INITIAL_CONFERENCE = "initial_conference", "Initial child protection conference"
    REVIEW_CONFERENCE = "review_conference", "Review child protection conference"
    CORE_GROUP = "core_group", "Core group"
    CHILD_IN_NEED_REVIEW = "cin_review", "Child in need review"
    LOOKED_AFTER_REVIEW = "looked_after_review", "Looked-after review"
    FAMILY_GROUP_CONFERENCE = "family_group_conference", "Family group conference"
    PERSONAL_EDUCATION_PLAN = "pep", "Personal education plan meeting"
    PROFESSIONALS = "professionals", "Professionals meeting"


class MeetingOutcome(models.TextChoices):
    START_S47 = "start_s47", "Start a section 47 enquiry"
    S47_NO_CONFERENCE = "s47_no_conference", "The section 47 enquiry ends: no conference is needed"
    NO_S47 = "no_s47", "No section 47 enquiry: carry on assessing or supporting"
    CP_PLAN = "cp_plan", "A child protection plan"
    NO_PLAN_CIN = "no_plan_cin", "No plan: support as a child in need"
    NO_PLAN = "no_plan", "No plan and no further support from children's social care"
    PLAN_CONTINUES = "plan_continues", "The child protection plan continues"
    PLAN_ENDS_CIN = "plan_ends_cin", "The plan ends: support as a child in need"
    PLAN_ENDS = "plan_ends", "The plan ends: no further support from children's social care"


OUTCOMES = {
    MeetingKind.STRATEGY_DISCUSSION: [
        MeetingOutcome.START_S47,
        MeetingOutcome.S47_NO_CONFERENCE,
        MeetingOutcome.NO_S47,
    ],
    MeetingKind.INITIAL_CONFERENCE: [MeetingOutcome.CP_PLAN, MeetingOutcome.NO_PLAN_CIN, MeetingOutcome.NO_PLAN],
    MeetingKind.REVIEW_CONFERENCE: [
        MeetingOutcome.PLAN_CONTINUES,
        MeetingOutcome.PLAN_ENDS_CIN,
        MeetingOutcome.PLAN_ENDS,
    ],
}

OUTCOME_NEEDED = "Select what the meeting decided"
CATEGORY_NEEDED = "Select the category of abuse the plan is under"
PARTICIPATION_NEEDED = "Select how the child took part in their review"
ONE_CHILD_PER_REVIEW = "A looked-after review is for one child: record a review for each child"
NO_REFERRAL = "{name} has no open referral on {on}: a strategy discussion belongs to a referral"
S47_ALREADY_OPEN = "{name} already has a section 47 enquiry open since {since}"
NO_S47_OPEN = "{name} has no section 47 enquiry open on {on}"
CP_PLAN_ALREADY = "{name} is already on a child protection plan since {since}"
NO_CP_PLAN = "{name} is not on a child protection plan on {on}"
REVIEW_AFTER_START = "{name}'s plan started on {since}: a review conference comes after the plan starts"
NOT_LOOKED_AFTER = "{name} is not looked after on {on}"


@dataclass(frozen=True)
class MeetingDecision:
    kind: str
    held_on: date
    child_ids: list[int]
    outcome: str = ""
    category: str = ""
    participation: str = ""


def _open_referral(child_id: int, on: date):
    return (
        ChildInNeedEpisode.objects.filter(child_id=child_id, referral_date__lte=on, referral_nfa=False)
        .exclude(closure_date__lt=on)
        .order_by("-referral_date")
        .first()
    )


def _open_s47(child_id: int, on: date):
    return (
        Section47Enquiry.objects.filter(
            episode__child_id=child_id, started_on__lte=on, icpc_date__isnull=True, icpc_not_required=False
        )
        .order_by("-started_on")
        .first()
    )


def _open_cp_plan(child_id: int, on: date):
    return (
        ChildProtectionPlan.objects.filter(episode__child_id=child_id, started_on__lte=on)
        .exclude(ended_on__lte=on)
        .order_by("-started_on")
        .first()
    )


def _looked_after(child_id: int, on: date) -> bool:
    return CareEpisode.objects.filter(child_id=child_id, started_on__lte=on).exclude(ended_on__lt=on).exists()


def _child_problem(decision: MeetingDecision, child: Person) -> str:
    """What stops this meeting's decision applying to this child, in plain words, or ''."""
    on, name = decision.held_on, child.full_name
    when = f"{on:%-d %B %Y}"
    outcome = decision.outcome
    if decision.kind == MeetingKind.STRATEGY_DISCUSSION:
        if outcome == MeetingOutcome.START_S47:
            if _open_referral(child.id, on) is None:
                return NO_REFERRAL.format(name=name, on=when)
            if s47 := _open_s47(child.id, on):
                return S47_ALREADY_OPEN.format(name=name, since=f"{s47.started_on:%-d %B %Y}")
        if outcome == MeetingOutcome.S47_NO_CONFERENCE and _open_s47(child.id, on) is None:
            return NO_S47_OPEN.format(name=name, on=when)
    if decision.kind == MeetingKind.INITIAL_CONFERENCE:
        if _open_s47(child.id, on) is None:
            return NO_S47_OPEN.format(name=name, on=when)
        if outcome == MeetingOutcome.CP_PLAN and (plan := _open_cp_plan(child.id, on)):
            return CP_PLAN_ALREADY.format(name=name, since=f"{plan.started_on:%-d %B %Y}")
    if decision.kind == MeetingKind.REVIEW_CONFERENCE:
        plan = _open_cp_plan(child.id, on)
        if plan is None:
            return NO_CP_PLAN.format(name=name, on=when)
        if plan.started_on >= on:
            return REVIEW_AFTER_START.format(name=name, since=f"{plan.started_on:%-d %B %Y}")
    if decision.kind == MeetingKind.LOOKED_AFTER_REVIEW and not _looked_after(child.id, on):
        return NOT_LOOKED_AFTER.format(name=name, on=when)
    return ""


def meeting_problems(decision: MeetingDecision) -> dict[str, str]:
    """Plain-words problems with a meeting's decision, by form field; empty when it can be recorded."""
    problems = {}
    choices = OUTCOMES.get(decision.kind)
    if choices and decision.outcome not in choices:
        problems["meeting_outcome"] = OUTCOME_NEEDED
    if decision.outcome == MeetingOutcome.CP_PLAN and decision.category not in AbuseCategory.values:
        problems["abuse_category"] = CATEGORY_NEEDED
    if decision.kind == MeetingKind.LOOKED_AFTER_REVIEW:
        if decision.participation not in ReviewParticipation.values:
            problems["review_participation"] = PARTICIPATION_NEEDED
        if len(decision.child_ids) > 1:
            problems["about"] = ONE_CHILD_PER_REVIEW
    if problems or not (choices or decision.kind == MeetingKind.LOOKED_AFTER_REVIEW):
        return problems
    for child in Person.objects.filter(id__in=decision.child_ids).order_by("first_name"):
        if message := _child_problem(decision, child):
            problems["meeting_outcome"] = message
            break
    return problems


def journey_record_meeting(decision: MeetingDecision) -> None:
    """Writes what the meeting decided into each child's journey. Call inside the transaction that
    finishes the story entry, after meeting_problems() found nothing."""
    on = decision.held_on
    for child_id in decision.child_ids:
        if decision.kind == MeetingKind.STRATEGY_DISCUSSION:
            _after_strategy_discussion(decision, child_id)
        elif decision.kind == MeetingKind.INITIAL_CONFERENCE:
            _after_initial_conference(decision, child_id)
        elif decision.kind == MeetingKind.REVIEW_CONFERENCE:
            _after_review_conference(decision, child_id)
        elif decision.kind == MeetingKind.LOOKED_AFTER_REVIEW:
            LookedAfterReview.objects.create(child_id=child_id, held_on=on, participation=decision.participation)


def _after_strategy_discussion(decision: MeetingDecision, child_id: int) -> None:
    on = decision.held_on
    if decision.outcome == MeetingOutcome.START_S47:
        Section47Enquiry.objects.create(
            episode=_open_referral(child_id, on),
            started_on=on,
            icpc_target_date=calendar_for(on.year, on.year + 1).add(on, ICPC_WORKING_DAYS),
        )
    elif decision.outcome == MeetingOutcome.S47_NO_CONFERENCE:
        s47 = _open_s47(child_id, on)
        s47.icpc_not_required = True
        s47.save(update_fields=["icpc_not_required"])


def _start_cin_plan(episode: ChildInNeedEpisode, on: date) -> None:
    if not episode.cin_plans.filter(ended_on__isnull=True).exists():
        ChildInNeedPlan.objects.create(episode=episode, started_on=on)


def _after_initial_conference(decision: MeetingDecision, child_id: int) -> None:
    on = decision.held_on
    s47 = _open_s47(child_id, on)
    s47.icpc_date = on
    s47.save(update_fields=["icpc_date"])
    episode = s47.episode
    if decision.outcome == MeetingOutcome.CP_PLAN:
        # A child in need plan never runs beside a child protection plan (CIN census 4001).
        episode.cin_plans.filter(ended_on__isnull=True).update(ended_on=on)
        ChildProtectionPlan.objects.create(
            episode=episode,
            started_on=on,
            initial_category=decision.category,
            latest_category=decision.category,
            previous_plans=ChildProtectionPlan.objects.filter(episode__child_id=child_id, started_on__lt=on).count(),
        )
    elif decision.outcome == MeetingOutcome.NO_PLAN_CIN:
        _start_cin_plan(episode, on)


def _after_review_conference(decision: MeetingDecision, child_id: int) -> None:
    on = decision.held_on
    plan = _open_cp_plan(child_id, on)
    ChildProtectionReview.objects.create(plan=plan, held_on=on)
    if decision.category in AbuseCategory.values:
        plan.latest_category = decision.category
    if decision.outcome in (MeetingOutcome.PLAN_ENDS, MeetingOutcome.PLAN_ENDS_CIN):
        plan.ended_on = on
    plan.save(update_fields=["latest_category", "ended_on"])
    if decision.outcome == MeetingOutcome.PLAN_ENDS_CIN:
        _start_cin_plan(plan.episode, on)
