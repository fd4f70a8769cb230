"""What is due for each child: every timescale rule in the operating model, started by an event the
record holds and met by a recording, so recording the thing clears it.

Each `starts` event in the config (practice_model/config.py TIMESCALE_STARTS) has a function here
that finds, for a set of children, the day each child's clock started, for the clocks still
running. A handful of queries serve a whole caseload or pod, whatever its size."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from alongside.journey.meetings import MeetingKind
from alongside.journey.models import LookedAfterReview, Section47Enquiry
from alongside.journey.selectors import (
    care_period_starts,
    open_care_episodes,
    open_care_leaver_episodes,
    open_cin_episodes,
    open_cin_plans,
    open_cp_plans,
)
from alongside.lib.working_days import calendar_for
from alongside.people.models import Person
from alongside.plans.models import Plan, PlanKind
from alongside.practice_model.config import TimescaleRule, operating_model
from alongside.story.models import EntryKind, EntryStatus, StoryEntry
from alongside.timescales.engine import due_on

OVERDUE, THIS_WEEK, LATER = "overdue", "this_week", "later"
STATUS_LABELS = {OVERDUE: "Overdue", THIS_WEEK: "Due in the next 5 working days", LATER: "Due later"}


@dataclass(frozen=True)
class DueItem:
    child_id: int
    rule: TimescaleRule
    started_on: date
    due_on: date
    status: str
    link: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _cp_plans(child_ids, on):
    return open_cp_plans(on).filter(episode__child_id__in=child_ids)


def _care(child_ids, on):
    return open_care_episodes(on).filter(child_id__in=child_ids)


def _last_entry(child_ids, since: dict[int, date], *conditions: Q, **match) -> dict[int, date]:
    """The day of each child's latest finished story entry of this shape, on or after their date."""
    rows = (
        StoryEntry.objects.filter(*conditions, status=EntryStatus.FINAL, about__id__in=list(child_ids), **match)
        .values("about__id")
        .annotate(last=Max("occurred_at__date"))
    )
    return {r["about__id"]: r["last"] for r in rows if r["last"] >= since.get(r["about__id"], date.max)}


def _last_seen(since: dict[int, date]) -> dict[int, date]:
    """The last day each child was seen (a home visit where they were seen, or direct work with
    them), from the story, or their own date if they have not been seen since."""
    seen = Q(kind=EntryKind.HOME_VISIT, child_seen=True) | Q(kind=EntryKind.DIRECT_WORK)
    last = _last_entry(list(since), since, seen)
    return {child: last.get(child, start) for child, start in since.items()}


def _meetings_since(child_ids, kind: str, since: dict[int, date]) -> set[int]:
    """Children with a finished meeting of this kind in the story on or after their own date."""
    return set(_last_entry(child_ids, since, kind=EntryKind.MEETING, meeting_kind=kind))


def starts_referral(child_ids, on, rule, memo):
    """The open assessment's start (the referral, for the first one), until it is authorised."""
    episodes = list(open_cin_episodes(on).filter(child_id__in=child_ids).prefetch_related("assessments"))
    if rule.done_by == "referral_decision":
        # A referral is decided when it is assessed or closed; an accepted referral with neither waits.
        return {e.child_id: e.referral_date for e in episodes if not e.assessments.all()}
    starts = {}
    for episode in episodes:
        assessments = sorted(episode.assessments.all(), key=lambda a: a.started_on)
        if not assessments:
            starts[episode.child_id] = episode.referral_date
        elif assessments[-1].authorised_on is None:
            starts[episode.child_id] = assessments[-1].started_on
    return starts


def starts_section_47(child_ids, on, rule, memo):
    enquiries = Section47Enquiry.objects.filter(
        episode__child_id__in=child_ids, started_on__lte=on, icpc_date__isnull=True, icpc_not_required=False
    ).filter(Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gt=on))
    return {s.episode.child_id: s.started_on for s in enquiries.select_related("episode")}


def starts_plan_for_core_group(child_ids, on, rule, memo):
    plans = {p.episode.child_id: p.started_on for p in _cp_plans(child_ids, on).select_related("episode")}
    held = _meetings_since(child_ids, MeetingKind.CORE_GROUP, plans)
    return {child: start for child, start in plans.items() if child not in held}


def _plans_with_reviews(child_ids, on):
    return (
        _cp_plans(child_ids, on)
        .select_related("episode")
        .annotate(reviews_held=Count("reviews"), last_review=Max("reviews__held_on"))
    )


def starts_cp_plan(child_ids, on, rule, memo):
    return {p.episode.child_id: p.started_on for p in _plans_with_reviews(child_ids, on) if not p.reviews_held}


def starts_last_review(child_ids, on, rule, memo):
    return {p.episode.child_id: p.last_review for p in _plans_with_reviews(child_ids, on) if p.reviews_held}


def starts_cp_visit(child_ids, on, rule, memo):
    plans = {p.episode.child_id: p.started_on for p in _cp_plans(child_ids, on).select_related("episode")}
    return _last_seen(plans)


def starts_cin_visit(child_ids, on, rule, memo):
    """Children on a child in need plan (not a protection plan, not in care): the visiting rhythm
    runs from the plan's start or the last time they were seen."""
    plans = open_cin_plans(on).filter(episode__child_id__in=child_ids)
    starts = {p.episode.child_id: p.started_on for p in plans.select_related("episode")}
    others = {p.episode.child_id for p in _cp_plans(list(starts), on).select_related("episode")}
    others |= set(_care(list(starts), on).values_list("child_id", flat=True))
    starts = {child: start for child, start in starts.items() if child not in others}
    return _last_seen(starts)


def _care_periods(child_ids, on, memo: dict) -> dict[int, date]:
    """When each child's current period of care began, read once per due_items call (`memo`): the
    reviews, health assessments, PEPs and pathway plans all run from it."""
    key = ("care_periods", tuple(child_ids), on)
    if key not in memo:
        memo[key] = care_period_starts(child_ids, on)
    return memo[key]


def _reviews_in_period(child_ids, on, memo):
    periods = _care_periods(child_ids, on, memo)
    reviews = defaultdict(list)
    for review in LookedAfterReview.objects.filter(child_id__in=list(periods)).order_by("held_on"):
        if review.held_on >= periods[review.child_id]:
            reviews[review.child_id].append(review.held_on)
    return periods, reviews


def starts_became_looked_after(child_ids, on, rule, memo):
    periods, reviews = _reviews_in_period(child_ids, on, memo)
    return {child: start for child, start in periods.items() if not reviews[child]}


def starts_first_review(child_ids, on, rule, memo):
    periods, reviews = _reviews_in_period(child_ids, on, memo)
    return {child: reviews[child][0] for child in periods if len(reviews[child]) == 1}


def starts_later_review(child_ids, on, rule, memo):
    periods, reviews = _reviews_in_period(child_ids, on, memo)
    return {child: reviews[child][-1] for child in periods if len(reviews[child]) >= 2}


def starts_looked_after_visit(child_ids, on, rule, memo):
    # Each placement restarts the clock (CPPCR reg 28): from the current episode's start.
    placements = {e.child_id: e.started_on for e in _care(child_ids, on)}
    return _last_seen(placements)


def _age_on(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _health(child_ids, on, memo):
    periods = _care_periods(child_ids, on, memo)
    return periods, _last_entry(list(periods), periods, kind=EntryKind.HEALTH_ASSESSMENT)


def starts_without_health_assessment(child_ids, on, rule, memo):
    periods, done = _health(child_ids, on, memo)
    return {child: start for child, start in periods.items() if child not in done}


def _health_by_age(child_ids, on, memo, under_five: bool):
    periods, done = _health(child_ids, on, memo)
    born = dict(Person.objects.filter(id__in=list(done)).values_list("id", "date_of_birth"))
    # The interval follows the child's age at the last assessment (the shorter one at the boundary).
    return {
        child: last
        for child, last in done.items()
        if born.get(child) is not None and (_age_on(born[child], last) < 5) == under_five
    }


def starts_health_under_5(child_ids, on, rule, memo):
    return _health_by_age(child_ids, on, memo, under_five=True)


def starts_health_5_and_over(child_ids, on, rule, memo):
    return _health_by_age(child_ids, on, memo, under_five=False)


PEP_FROM_AGE = 3  # an early-years PEP from 3, as most LAs do; statute requires it from school age


def _pep(child_ids, on, memo):
    periods = _care_periods(child_ids, on, memo)
    born = dict(Person.objects.filter(id__in=list(periods)).values_list("id", "date_of_birth"))
    starts = {}
    for child, start in periods.items():
        if born.get(child) is None or _age_on(born[child], on) < PEP_FROM_AGE:
            continue
        third = born[child] + relativedelta(years=PEP_FROM_AGE)
        starts[child] = max(start, third)
    done = _last_entry(list(starts), starts, kind=EntryKind.MEETING, meeting_kind=MeetingKind.PERSONAL_EDUCATION_PLAN)
    return starts, done


def starts_without_pep(child_ids, on, rule, memo):
    starts, done = _pep(child_ids, on, memo)
    return {child: start for child, start in starts.items() if child not in done}


def starts_last_pep(child_ids, on, rule, memo):
    return _pep(child_ids, on, memo)[1]


def _pathway(child_ids, on, memo):
    """Children who need a pathway plan: care leavers, and children in care aged 16 or more (our
    reading of 'eligible': the 13 weeks in care since 14 are not checked yet). Each with when the
    need began, and when the plan was last written or reviewed."""
    eligible = {}
    for leaver in open_care_leaver_episodes(on).filter(child_id__in=list(child_ids)):
        eligible[leaver.child_id] = leaver.started_on
    periods = _care_periods(child_ids, on, memo)
    born = dict(Person.objects.filter(id__in=list(periods)).values_list("id", "date_of_birth"))
    for child, start in periods.items():
        if born.get(child) and _age_on(born[child], on) >= 16:
            sixteen = born[child] + relativedelta(years=16)
            eligible.setdefault(child, max(start, sixteen))
    plans = Plan.objects.filter(child_id__in=list(eligible), kind=PlanKind.PATHWAY, ended_on__isnull=True)
    written = dict(plans.annotate(last=Max("versions__written_at")).values_list("child_id", "last"))
    reviewed = dict(plans.annotate(last=Max("reviews__held_on")).values_list("child_id", "last"))
    last = {}
    for child, at in written.items():
        if at is not None:
            day = timezone.localdate(at)
            review = reviewed.get(child)
            last[child] = max(day, review) if review else day
    return eligible, last


def starts_eligible_for_pathway_plan(child_ids, on, rule, memo):
    eligible, last = _pathway(child_ids, on, memo)
    return {child: start for child, start in eligible.items() if child not in last}


def starts_last_pathway_plan(child_ids, on, rule, memo):
    return _pathway(child_ids, on, memo)[1]


STARTS = {
    "referral": starts_referral,
    "section_47_started": starts_section_47,
    "initial_conference_plan": starts_plan_for_core_group,
    "child_protection_plan_started": starts_cp_plan,
    "last_review_conference": starts_last_review,
    "last_visit_on_child_protection_plan": starts_cp_visit,
    "last_visit_in_need": starts_cin_visit,
    "became_looked_after": starts_became_looked_after,
    "first_looked_after_review": starts_first_review,
    "later_looked_after_review": starts_later_review,
    "last_visit_looked_after": starts_looked_after_visit,
    "looked_after_without_health_assessment": starts_without_health_assessment,
    "last_health_assessment_under_5": starts_health_under_5,
    "last_health_assessment_5_and_over": starts_health_5_and_over,
    "looked_after_without_pep": starts_without_pep,
    "last_pep": starts_last_pep,
    "eligible_for_pathway_plan": starts_eligible_for_pathway_plan,
    "last_pathway_plan": starts_last_pathway_plan,
}


def _meeting_link(child_id, meeting):
    return reverse("story:record", args=[child_id, EntryKind.MEETING]) + f"?meeting={meeting}"


# Where doing each thing is recorded: recording it there clears the item.
LINKS = {
    "referral_decision": lambda child: reverse("people:child", args=[child]),
    "assessment_authorised": lambda child: reverse("assessments:assessment", args=[child]),
    "initial_conference": lambda child: _meeting_link(child, MeetingKind.INITIAL_CONFERENCE),
    "core_group": lambda child: _meeting_link(child, MeetingKind.CORE_GROUP),
    "review_conference": lambda child: _meeting_link(child, MeetingKind.REVIEW_CONFERENCE),
    "looked_after_review": lambda child: _meeting_link(child, MeetingKind.LOOKED_AFTER_REVIEW),
    "child_seen": lambda child: reverse("story:record", args=[child, EntryKind.HOME_VISIT]),
    "health_assessment": lambda child: reverse("story:record", args=[child, EntryKind.HEALTH_ASSESSMENT]),
    "pep_meeting": lambda child: _meeting_link(child, MeetingKind.PERSONAL_EDUCATION_PLAN),
    "pathway_plan_saved": lambda child: reverse("plans:plan", args=[child, PlanKind.PATHWAY]),
}


def due_items(child_ids, *, on: date) -> list[DueItem]:
    """Everything due for these children by the operating model's timescales, soonest first."""
    child_ids = list(child_ids)
    if not child_ids:
        return []
    soon = calendar_for(on.year, on.year + 1).add(on, 5)
    items, memo = [], {}  # memo: what several rules read, read once for this call
    for rule in operating_model().timescales:
        for child_id, started in STARTS[rule.starts](child_ids, on, rule, memo).items():
            due = due_on(rule, started)
            status = OVERDUE if due < on else THIS_WEEK if due <= soon else LATER
            items.append(DueItem(child_id, rule, started, due, status, LINKS[rule.done_by](child_id)))
    items.sort(key=lambda item: (item.due_on, item.child_id, item.rule.code))
    return items


@dataclass(frozen=True)
class DueGroup:
    status: str
    label: str
    items: list[DueItem]


def due_groups(items: list[DueItem], statuses=(OVERDUE, THIS_WEEK, LATER)) -> list[DueGroup]:
    """Items under overdue / due this week / due later, each soonest first."""
    return [DueGroup(s, STATUS_LABELS[s], [i for i in items if i.status == s]) for s in statuses]
