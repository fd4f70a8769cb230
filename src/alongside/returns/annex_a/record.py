"""What the Annex A lists share, read from the record once: the window the lists cover, who held the
work on a day, when the child was seen, periods of care, and plans or assessments as date spans."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from alongside.journey.models import CareEpisode
from alongside.returns.annex_a.lists import TEAM, WORKER
from alongside.story.models import EntryKind, EntryStatus, StoryEntry
from alongside.workforce.models import Allocation

NEW_PLACEMENT = {"S", "P", "T"}  # SSDA903 reasons for a new episode that start a new placement


@dataclass
class Window:
    on: date
    six: date  # first day of the 6 months to `on`
    twelve: date  # first day of the 12 months to `on`

    @classmethod
    def ending(cls, on: date) -> "Window":
        return cls(
            on, on - relativedelta(months=6) + timedelta(days=1), on - relativedelta(months=12) + timedelta(days=1)
        )


@dataclass
class Allocated:
    started_on: date
    ended_on: date | None
    worker: str
    role: str
    team: str


class Allocations:
    """Every allocation that could answer "who held the work" for a day in the lists: one query."""

    def __init__(self, window: Window):
        self.by_child: dict[int, list[Allocated]] = defaultdict(list)
        rows = (
            Allocation.objects.filter(started_on__lte=window.on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=window.twelve - relativedelta(years=1)))
            .order_by("started_on", "id")
            .values_list(
                "child_id",
                "started_on",
                "ended_on",
                "worker__first_name",
                "worker__last_name",
                "worker__role",
                "pod__team__name",
                "worker__team__name",
            )
        )
        for child, start, end, first, last, role, pod_team, own_team in rows:
            self.by_child[child].append(Allocated(start, end, f"{first} {last}", role, pod_team or own_team or ""))

    def on(self, child_id: int, day: date) -> Allocated | None:
        """The allocation open on `day`; one that ended that day counts, so closed work keeps the
        worker who closed it, and a new one starting the same day takes over."""
        found = None
        for allocation in self.by_child.get(child_id, ()):
            if allocation.started_on <= day and (allocation.ended_on is None or allocation.ended_on >= day):
                found = allocation
        return found

    def cells(self, child_id: int, day: date) -> dict:
        allocation = self.on(child_id, day)
        return {TEAM: allocation.team, WORKER: allocation.worker} if allocation else {TEAM: "", WORKER: ""}


@dataclass(frozen=True)
class Seen:
    day: date
    home_visit: bool
    alone: bool | None


def seen_by_child(child_ids, since: date, on: date) -> dict[int, list[Seen]]:
    """Each child's finished home visits where they were seen, and direct work with them, from
    `since` to `on`, oldest first: one query. An entry replaced by a finished correction is left out
    (its correction is the entry that counts)."""
    corrected = StoryEntry.objects.filter(corrects=OuterRef("pk"), status=EntryStatus.FINAL)
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))
    rows = (
        StoryEntry.objects.filter(
            Q(kind=EntryKind.HOME_VISIT, child_seen=True) | Q(kind=EntryKind.DIRECT_WORK),
            status=EntryStatus.FINAL,
            about__id__in=list(child_ids),
            occurred_at__gte=start,
            occurred_at__lt=end,
        )
        .filter(~Exists(corrected))
        .order_by("occurred_at")
        .values_list("about__id", "occurred_at", "kind", "child_seen_alone")
    )
    seen = defaultdict(list)
    for child, at, kind, alone in rows:
        seen[child].append(Seen(timezone.localtime(at).date(), kind == EntryKind.HOME_VISIT, alone))
    return seen


def last_event(events: list[Seen], start: date, end: date, *, home_visits: bool = False) -> Seen | None:
    found = None
    for event in events:
        if start <= event.day <= end and (event.home_visit or not home_visits):
            found = event
    return found


def last_entries(child_ids, kind: str, on: date) -> dict[int, date]:
    """The day of each child's latest finished story entry of a kind, on or before `on`."""
    end = timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))
    rows = (
        StoryEntry.objects.filter(
            kind=kind, status=EntryStatus.FINAL, about__id__in=list(child_ids), occurred_at__lt=end
        )
        .values("about__id")
        .annotate(last=Max("occurred_at"))
    )
    return {r["about__id"]: timezone.localtime(r["last"]).date() for r in rows}


@dataclass
class Period:
    """A period of care: SSDA903 episodes chained, each starting the day the last one ended."""

    episodes: list[CareEpisode] = field(default_factory=list)

    @property
    def started_on(self) -> date:
        return self.episodes[0].started_on

    @property
    def last(self) -> CareEpisode:
        return self.episodes[-1]

    @property
    def ended_on(self) -> date | None:
        return self.last.ended_on

    def placements(self) -> list[list[CareEpisode]]:
        """Episodes grouped by placement: a new one starts on S, P or T (new carers)."""
        groups: list[list[CareEpisode]] = []
        for episode in self.episodes:
            if not groups or episode.new_episode_reason in NEW_PLACEMENT:
                groups.append([])
            groups[-1].append(episode)
        return groups


def periods_of_care(on: date) -> dict[int, list[Period]]:
    """Every child's periods of care up to `on`, oldest first, with anything after `on` unknown (an
    episode that ended later is open): one query."""
    periods: dict[int, list[Period]] = defaultdict(list)
    episodes = CareEpisode.objects.filter(started_on__lte=on).order_by("child_id", "started_on", "id")
    for episode in episodes:
        if episode.ended_on and episode.ended_on > on:
            episode.ended_on, episode.end_reason = None, ""
        child_periods = periods[episode.child_id]
        previous = child_periods[-1].last if child_periods else None
        chained = previous is not None and previous.ended_on == episode.started_on and previous.end_reason == "X1"
        if not chained:
            child_periods.append(Period())
        child_periods[-1].episodes.append(episode)
    return periods


def overlaps(start: date, end: date | None, window_start: date, window_end: date) -> bool:
    return start <= window_end and (end is None or end >= window_start)


@dataclass(frozen=True)
class Span:
    started_on: date
    ended_on: date | None


def spans_by_episode(model, episode_ids: set[int], end: str) -> dict[int, list[Span]]:
    """Assessments or plans by child in need episode, as start and end dates: one query, and plain
    tuples rather than model instances, as a large LA has thousands."""
    spans = defaultdict(list)
    rows = model.objects.filter(episode_id__in=list(episode_ids)).values_list("episode_id", "started_on", end)
    for episode, start, finish in rows:
        spans[episode].append(Span(start, finish))
    return spans


@dataclass
class Shared:
    """What every list's builder is given beside the window: read once for the whole workbook."""

    allocations: Allocations
    periods: dict[int, list[Period]]
