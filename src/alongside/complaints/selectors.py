"""Reading the compliments and complaints log. The counts are plain functions returning plain data, so
the impact dashboard reads the same figures the log shows."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Prefetch

from alongside.complaints import due_dates
from alongside.complaints.models import Complaint, ComplaintStatus, Compliment, Learning, Stage

NO_POD = "Not about one pod"


@dataclass(frozen=True)
class OpenComplaint:
    complaint: Complaint
    stage: Stage
    what_is_due: str
    due_on: date
    working_days_left: int  # negative once overdue

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(-self.working_days_left, 0)


def _with_stages(queryset):
    return queryset.select_related("child", "pod", "staff_named").prefetch_related(
        Prefetch("stages", queryset=Stage.objects.order_by("number"))
    )


def open_complaints(on: date, hidden: set[int] = frozenset()) -> list[OpenComplaint]:
    """Complaints waiting for a response (or, at stage 3, a panel or findings), soonest due first.
    Complaints about the `hidden` children (restricted records the reader is not named on) are left
    out, as every list leaves them out."""
    rows = []
    waiting = Complaint.objects.filter(status=ComplaintStatus.OPEN).exclude(child_id__in=hidden)
    for complaint in _with_stages(waiting):
        stage = next(s for s in complaint.stages.all() if s.number == complaint.stage)
        due = due_dates.what_is_due(stage)
        rows.append(OpenComplaint(complaint, stage, due.what, due.due_on, due_dates.working_days_left(due.due_on, on)))
    return sorted(rows, key=lambda row: (row.due_on, row.complaint.id))


@dataclass(frozen=True)
class Answered:
    complaint: Complaint
    stage: Stage  # the last stage it reached, answered

    @property
    def late(self) -> bool:
        return self.stage.responded_on > self.stage.due_in_force


def recently_answered(limit: int = 20, hidden: set[int] = frozenset()) -> list[Answered]:
    """Closed or withdrawn complaints, the most recently answered first (none about `hidden` children)."""
    answered = (
        Complaint.objects.exclude(status=ComplaintStatus.OPEN)
        .exclude(child_id__in=hidden)
        .annotate(last_answer=Max("stages__responded_on"))
    )
    return [
        Answered(complaint, next(s for s in complaint.stages.all() if s.number == complaint.stage))
        for complaint in _with_stages(answered).order_by("-last_answer", "-id")[:limit]
    ]


def recent_compliments(limit: int = 10, hidden: set[int] = frozenset()) -> list[Compliment]:
    compliments = Compliment.objects.exclude(child_id__in=hidden).select_related("staff", "pod")
    return list(compliments.order_by("-received_on", "-id")[:limit])


def complaint_history(complaint_id: int) -> Complaint | None:
    """The complaint with its stages and learning, or None."""
    return (
        _with_stages(Complaint.objects.filter(pk=complaint_id))
        .select_related("made_by", "recorded_by")
        .prefetch_related(Prefetch("learning", queryset=Learning.objects.select_related("stage", "recorded_by")))
        .first()
    )


@dataclass(frozen=True)
class Counts:
    total: int
    by_month: dict[date, int]  # the first of each month from start to end, months with none included
    by_pod: dict[str, int]  # pod name (NO_POD for those not about one pod), most first
    # Complaints only: how many of them reached each stage.
    reached_stage: dict[int, int] = field(default_factory=dict)


def _months(start: date, end: date) -> list[date]:
    months, day = [], date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _counts(rows: list[tuple[date, str | None]], start: date, end: date) -> tuple[int, dict, dict]:
    by_month = dict.fromkeys(_months(start, end), 0)
    for received_on, _pod in rows:
        by_month[date(received_on.year, received_on.month, 1)] += 1
    by_pod = Counter(pod or NO_POD for _received, pod in rows)
    return len(rows), by_month, dict(by_pod.most_common())


def complaint_counts(start: date, end: date) -> Counts:
    """Complaints received from `start` to `end` (both included): by month, by pod, and how many
    reached each stage."""
    queryset = Complaint.objects.filter(received_on__gte=start, received_on__lte=end)
    total, by_month, by_pod = _counts(list(queryset.values_list("received_on", "pod__name")), start, end)
    reached = Counter(Stage.objects.filter(complaint__in=queryset).values_list("number", flat=True))
    return Counts(total, by_month, by_pod, {n: reached.get(n, 0) for n in range(1, due_dates.LAST_STAGE + 1)})


def compliment_counts(start: date, end: date) -> Counts:
    """Compliments received from `start` to `end` (both included): by month and by pod."""
    queryset = Compliment.objects.filter(received_on__gte=start, received_on__lte=end)
    total, by_month, by_pod = _counts(list(queryset.values_list("received_on", "pod__name")), start, end)
    return Counts(total, by_month, by_pod)


@dataclass(frozen=True)
class OnTime:
    answered: int
    on_time: int

    @property
    def share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None


def responses_on_time(start: date, end: date, stage: int = 1) -> OnTime:
    """Responses at a stage sent from `start` to `end`, and how many by the due date in force (an
    extension the procedure allows counts; a response after it does not)."""
    answered = Stage.objects.filter(number=stage, responded_on__gte=start, responded_on__lte=end)
    rows = list(answered.values_list("responded_on", "due_on", "extended_to"))
    return OnTime(len(rows), sum(1 for responded, due, extended in rows if responded <= (extended or due)))


@dataclass(frozen=True)
class FamilyComplaint:
    complaint: Complaint
    stage: Stage
    next_step: str  # what the stage waits for ("Response", "Review panel", ...); "" once answered
    reply_due: date | None  # when that is due (None once answered)
    ask_by: date | None  # the last day to ask for the next stage (None when they cannot)


def family_complaints(person) -> list[FamilyComplaint]:
    """The complaints this family member made, newest first: never anyone else's."""
    rows = []
    for complaint in _with_stages(Complaint.objects.filter(made_by=person)).order_by("-received_on", "-id"):
        stage = next(s for s in complaint.stages.all() if s.number == complaint.stage)
        due = due_dates.what_is_due(stage)
        can_ask = stage.answered and complaint.status == ComplaintStatus.CLOSED and stage.number < due_dates.LAST_STAGE
        rows.append(
            FamilyComplaint(
                complaint,
                stage,
                next_step=due.what if due else "",
                reply_due=due.due_on if due else None,
                ask_by=due_dates.next_stage_ask_by(stage.responded_on) if can_ask else None,
            )
        )
    return rows
