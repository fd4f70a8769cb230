"""What is due for each child: every timescale rule in the operating model, started by an event the
record holds and met by a recording, so recording the thing clears it.

Each `starts` event in the config (practice_model/config.py TIMESCALE_STARTS) has a function here
that finds, for a set of children, the day each child's clock started, for the clocks still
running. A handful of queries serve a whole caseload or pod, whatever its size."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q
from django.urls import reverse

from alongside.journey.meetings import MeetingKind
from alongside.journey.models import (
    CareEpisode,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    ChildProtectionPlan,
    LookedAfterReview,
    Section47Enquiry,
)
from alongside.lib.working_days import calendar_for
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


def _open(prefix_start: str, prefix_end: str, on: date) -> Q:
    return Q(**{f"{prefix_start}__lte": on}) & (Q(**{f"{prefix_end}__isnull": True}) | Q(**{f"{prefix_end}__gt": on}))


def _open_episodes(child_ids, on):
    return ChildInNeedEpisode.objects.filter(
        _open("referral_date", "closure_date", on), child_id__in=child_ids, referral_nfa=False
    )


def _cp_plans(child_ids, on):
    return ChildProtectionPlan.objects.filter(_open("started_on", "ended_on", on), episode__child_id__in=child_ids)


def _care(child_ids, on):
    return CareEpisode.objects.filter(_open("started_on", "ended_on", on), child_id__in=child_ids)


def _last_seen(child_ids, since: dict[int, date]) -> dict[int, date]:
    """The last day each child was seen (a home visit where they were seen, or direct work with
    them), from the story, not before `since` for that child."""
    seen = (
        StoryEntry.objects.filter(status=EntryStatus.FINAL, about__id__in=child_ids)
        .filter(Q(kind=EntryKind.HOME_VISIT, child_seen=True) | Q(kind=EntryKind.DIRECT_WORK))
        .values("about__id")
        .annotate(last=Max("occurred_at__date"))
    )
    last = {row["about__id"]: row["last"] for row in seen}
    return {child: max(start, last.get(child) or start) for child, start in since.items()}


def _meetings_since(child_ids, kind: str, since: dict[int, date]) -> set[int]:
    """Children with a finished meeting of this kind in the story on or after their own date."""
    rows = (
        StoryEntry.objects.filter(
            status=EntryStatus.FINAL, kind=EntryKind.MEETING, meeting_kind=kind, about__id__in=child_ids
        )
        .values("about__id")
        .annotate(last=Max("occurred_at__date"))
    )
    return {row["about__id"] for row in rows if row["last"] >= since.get(row["about__id"], date.max)}


def starts_referral(child_ids, on, rule):
    """The open assessment's start (the referral, for the first one), until it is authorised."""
    episodes = list(_open_episodes(child_ids, on).prefetch_related("assessments"))
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


def starts_section_47(child_ids, on, rule):
    enquiries = Section47Enquiry.objects.filter(
        episode__child_id__in=child_ids, started_on__lte=on, icpc_date__isnull=True, icpc_not_required=False
    ).filter(Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gt=on))
    return {s.episode.child_id: s.started_on for s in enquiries.select_related("episode")}


def starts_plan_for_core_group(child_ids, on, rule):
    plans = {p.episode.child_id: p.started_on for p in _cp_plans(child_ids, on).select_related("episode")}
    held = _meetings_since(child_ids, MeetingKind.CORE_GROUP, plans)
    return {child: start for child, start in plans.items() if child not in held}


def _plans_with_reviews(child_ids, on):
    return (
        _cp_plans(child_ids, on)
        .select_related("episode")
        .annotate(reviews_held=Count("reviews"), last_review=Max("reviews__held_on"))
    )


def starts_cp_plan(child_ids, on, rule):
    return {p.episode.child_id: p.started_on for p in _plans_with_reviews(child_ids, on) if not p.reviews_held}


def starts_last_review(child_ids, on, rule):
    return {p.episode.child_id: p.last_review for p in _plans_with_reviews(child_ids, on) if p.reviews_held}


def starts_cp_visit(child_ids, on, rule):
    plans = {p.episode.child_id: p.started_on for p in _cp_plans(child_ids, on).select_related("episode")}
    return _last_seen(list(plans), plans)


def starts_cin_visit(child_ids, on, rule):
    """Children on a child in need plan (not a protection plan, not in care): the visiting rhythm
    runs from the plan's start or the last time they were seen."""
    plans = ChildInNeedPlan.objects.filter(_open("started_on", "ended_on", on), episode__child_id__in=child_ids)
    starts = {p.episode.child_id: p.started_on for p in plans.select_related("episode")}
    others = {p.episode.child_id for p in _cp_plans(list(starts), on).select_related("episode")}
    others |= set(_care(list(starts), on).values_list("child_id", flat=True))
    starts = {child: start for child, start in starts.items() if child not in others}
    return _last_seen(list(starts), starts)


def _care_periods(child_ids, on) -> dict[int, date]:
    """When each child's current period of care began: episodes chain while each starts the day the
    last one ended (SSDA903), so walk back through the chain."""
    open_now = {e.child_id: e for e in _care(child_ids, on)}
    episodes = defaultdict(list)
    for e in CareEpisode.objects.filter(child_id__in=list(open_now), started_on__lte=on).order_by("started_on"):
        episodes[e.child_id].append(e)
    periods = {}
    for child, current in open_now.items():
        start = current.started_on
        for earlier in reversed([e for e in episodes[child] if e.started_on < current.started_on]):
            if earlier.ended_on == start:
                start = earlier.started_on
            else:
                break
        periods[child] = start
    return periods


def _reviews_in_period(child_ids, on):
    periods = _care_periods(child_ids, on)
    reviews = defaultdict(list)
    for review in LookedAfterReview.objects.filter(child_id__in=list(periods)).order_by("held_on"):
        if review.held_on >= periods[review.child_id]:
            reviews[review.child_id].append(review.held_on)
    return periods, reviews


def starts_became_looked_after(child_ids, on, rule):
    periods, reviews = _reviews_in_period(child_ids, on)
    return {child: start for child, start in periods.items() if not reviews[child]}


def starts_first_review(child_ids, on, rule):
    periods, reviews = _reviews_in_period(child_ids, on)
    return {child: reviews[child][0] for child in periods if len(reviews[child]) == 1}


def starts_later_review(child_ids, on, rule):
    periods, reviews = _reviews_in_period(child_ids, on)
    return {child: reviews[child][-1] for child in periods if len(reviews[child]) >= 2}


def starts_looked_after_visit(child_ids, on, rule):
    # Each placement restarts the clock (CPPCR reg 28): from the current episode's start.
    placements = {e.child_id: e.started_on for e in _care(child_ids, on)}
    return _last_seen(list(placements), placements)


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
}


def due_items(child_ids, *, on: date) -> list[DueItem]:
    """Everything due for these children by the operating model's timescales, soonest first."""
    child_ids = list(child_ids)
    if not child_ids:
        return []
    soon = calendar_for(on.year, on.year + 1).add(on, 5)
    items = []
    for rule in operating_model().timescales:
        for child_id, started in STARTS[rule.starts](child_ids, on, rule).items():
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
