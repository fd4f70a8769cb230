"""From metric rows to figures people read: series by month (or quarter), before and after go-live,
per pod, pooled across LAs, and a title that states the finding.

Every figure here is a ratio of sums: a month's numerator over its denominator, and a window's
(12 months before go-live, or the latest 12 months) summed numerators over summed denominators. So a
rate per 10,000 over a window is the average of its months, a share over a window counts every
event in it once, and pooling LAs is the same sum across their rows."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from dateutil.relativedelta import relativedelta

from alongside.insight.engines import Row
from alongside.insight.metrics import Metric

WINDOW_MONTHS = 12
# A change smaller than this share of the earlier figure is described as "about the same".
STEADY = 0.05
POOLED = "pooled"


@dataclass(frozen=True)
class Point:
    start: date  # first day of the month or quarter
    label: str
    numerator: float | None
    denominator: float | None
    value: float | None


@dataclass(frozen=True)
class Comparison:
    before: float | None  # the 12 months before go-live
    after: float | None  # the latest 12 months
    before_label: str
    after_label: str


@dataclass
class Figure:
    metric: Metric
    points: list[Point]  # the whole LA
    pods: dict[str, list[Point]] = field(default_factory=dict)
    comparison: Comparison | None = None
    pod_comparisons: dict[str, Comparison] = field(default_factory=dict)
    go_live: date | None = None

    @property
    def code(self) -> str:
        return self.metric.code

    @property
    def latest(self) -> Point | None:
        return next((p for p in reversed(self.points) if p.value is not None), None)

    @property
    def finding(self) -> str:
        return finding(self.metric, self.comparison, self.latest)


@cache
def month_label(start: date) -> str:
    return start.strftime("%b %Y")


@cache
def quarter_label(start: date) -> str:
    end = start + relativedelta(months=2)
    return f"{start:%b}\u2013{end:%b %Y}"


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def points(metric: Metric, rows: Iterable[Row], months: list[date]) -> list[Point]:
    """One point per month of the snapshot (or per complete quarter), None where nothing was counted."""
    by_month: dict[date, list[float | None]] = {}
    for row in rows:
        sums = by_month.setdefault(row.month_start, [None, None])
        sums[0] = _add(sums[0], row.numerator)
        sums[1] = _add(sums[1], row.denominator)
    if metric.show == "quarter":
        out = []
        for start, quarter in _complete_quarters(tuple(months)):
            num = den = None
            for month in quarter:
                n, d = by_month.get(month, (None, None))
                num, den = _add(num, n), _add(den, d)
            if num is None and metric.is_count:
                num = 0.0
            out.append(Point(start, quarter_label(start), num, den, metric.figure(num, den)))
        return out
    out = []
    for month in months:
        num, den = by_month.get(month, (None, None))
        if num is None and metric.is_count:
            num = 0.0  # a count with nothing that month is a true zero, not a gap
        out.append(Point(month, month_label(month), num, den, metric.figure(num, den)))
    return out


@cache
def _complete_quarters(months: tuple[date, ...]) -> list[tuple[date, tuple[date, ...]]]:
    """The calendar quarters all of whose months the snapshot covers (figures per pod ask for these
    hundreds of times over the same months)."""
    covered = set(months)
    starts = sorted({_quarter_start(m) for m in months})
    quarters = [(q, tuple(q + relativedelta(months=i) for i in range(3))) for q in starts]
    return [(q, months_in) for q, months_in in quarters if all(m in covered for m in months_in)]


def _add(a: float | None, b: float | None) -> float | None:
    if b is None:
        return a
    return b if a is None else a + b


def compare(metric: Metric, rows: Iterable[Row], months: list[date], go_live: date | None) -> Comparison | None:
    """The 12 months before the go-live month against the latest 12 months. None without a go-live
    date, or when the snapshot does not reach back a full year before it."""
    if go_live is None or not months:
        return None
    go_live_month = go_live.replace(day=1)
    before = [m for m in months if m < go_live_month][-WINDOW_MONTHS:]
    after = [m for m in months if m >= go_live_month][-WINDOW_MONTHS:]
    if len(before) < WINDOW_MONTHS or not after:
        return None
    rows = list(rows)

    def window(span: list[date]) -> float | None:
        wanted = set(span)
        num = den = None
        for row in rows:
            if row.month_start in wanted:
                num, den = _add(num, row.numerator), _add(den, row.denominator)
        if num is None and metric.is_count:
            num = 0.0
        value = metric.figure(num, den)
        if value is not None and metric.is_count:
            value = value / len(span) * (3 if metric.show == "quarter" else 1)  # a count per month or quarter
        return value

    return Comparison(
        before=window(before),
        after=window(after),
        before_label=f"{month_label(before[0])} to {month_label(before[-1])}",
        after_label=f"{month_label(after[0])} to {month_label(after[-1])}",
    )


def build_figure(metric: Metric, rows: list[Row], months: list[date], go_live: date | None) -> Figure:
    whole = [r for r in rows if r.pod_id is None]
    figure = Figure(metric, points(metric, whole, months), go_live=go_live)
    figure.comparison = compare(metric, whole, months, go_live)
    if metric.pods:
        by_pod: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            if row.pod_id is not None:
                by_pod[row.pod_id].append(row)
        for pod_id, pod_rows in by_pod.items():
            figure.pods[pod_id] = points(metric, pod_rows, months)
            comparison = compare(metric, pod_rows, months, go_live)
            if comparison:
                figure.pod_comparisons[pod_id] = comparison
    return figure


def pooled_rows(rows: Iterable[Row]) -> list[Row]:
    """Whole-LA rows summed across LAs, month by month: the region's figure."""
    sums: dict[date, list] = {}
    for row in rows:
        if row.pod_id is not None:
            continue
        total = sums.setdefault(row.month_start, [None, None])
        total[0] = _add(total[0], row.numerator)
        total[1] = _add(total[1], row.denominator)
    return [Row(POOLED, month, None, num, den) for month, (num, den) in sorted(sums.items())]


def format_value(metric: Metric, value: float | None) -> str:
    if value is None:
        return "no figure"
    if metric.unit == "percent":
        return f"{value:.0f}%"
    if metric.unit == "per_10000":
        return f"{value:.1f}"
    if metric.unit in ("per_child", "per_worker", "ratio"):
        return f"{value:.2f}"
    if metric.unit == "count":
        return f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    return f"{value:.1f}"


def _with_unit(metric: Metric, value: float | None) -> str:
    text = format_value(metric, value)
    # The unit is said once: not again when the title already names it ("Workers per child ...").
    if value is None or metric.unit in ("percent", "count") or metric.unit_label in metric.title:
        return text
    return f"{text} {metric.unit_label}".strip()


def finding(metric: Metric, comparison: Comparison | None, latest: Point | None) -> str:
    """A title that states what the figure shows, in words a head of service would use."""
    name = metric.title
    if comparison and comparison.before is not None and comparison.after is not None:
        before, after = comparison.before, comparison.after
        per = " a quarter" if metric.show == "quarter" and metric.is_count else ""
        per = per or (" a month" if metric.is_count else "")
        steady = abs(after - before) <= STEADY * abs(before) if before else after == before
        if steady:
            return (
                f"{name}: about the same since the model started "
                f"({_with_unit(metric, before)}{per} before, {_with_unit(metric, after)}{per} in the latest year)"
            )
        direction = "rose" if after > before else "fell"
        return (
            f"{name} {direction} from {_with_unit(metric, before)} to {_with_unit(metric, after)}{per} "
            f"since the model started"
        )
    if latest is not None:
        return f"{name}: {_with_unit(metric, latest.value)} in {latest.label}"
    return f"{name}: no figures yet"
