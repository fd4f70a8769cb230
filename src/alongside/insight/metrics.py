"""The metrics: one SQL file each in metrics/, with a header that says what it measures.

Every metric returns rows of the same shape, so that one piece of Python turns any of them into
figures, charts and CSV, and pooling several LAs is a sum:

    la_code, month_start, pod_id, numerator, denominator

A row with pod_id null is the whole LA; the SQL makes both with GROUPING SETS. A figure is
numerator / denominator x scale (or the numerator alone when the metric has no denominator). The
SQL sticks to what DuckDB and Spark SQL both mean the same way (see docs/insight.md, "Writing a
metric"); test_engines.py proves it on every metric.

The header is a block of `-- key: value` lines at the top of the file (a value may continue on
following `--    ` lines). HEADER_KEYS lists the keys every metric must have."""

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

METRICS_DIR = Path(__file__).with_name("metrics")
OUTPUT_COLUMNS = ["la_code", "month_start", "pod_id", "numerator", "denominator"]
HEADER_KEYS = [
    "title",  # a short name, e.g. "Workers per child in the last 12 months"
    "group",  # fidelity or impact
    "measures",  # what it measures, in a sentence
    "numerator",
    "denominator",
    "period",  # what a month's figure covers (at month end, during the month, the 12 months to month end)
    "unit",  # percent, per_10000, per_child, count, ratio, minutes, ...
    "scale",  # the figure is numerator / denominator x scale
    "better",  # higher, lower, or neither (for figures where the direction is a judgement)
    "source",  # the seed ingredient, and the DfE definition where one exists
]
OPTIONAL_KEYS = ["target", "target_meaning", "show", "pods", "note"]
GROUPS = ("fidelity", "impact")
UNITS = {
    "percent": "%",
    "per_10000": "per 10,000 children",
    "per_child": "per child",
    "per_worker": "per worker",
    "count": "",
    "ratio": "",
}


class MetricDefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Metric:
    code: str
    sql: str
    title: str
    group: str
    measures: str
    numerator: str
    denominator: str
    period: str
    unit: str
    scale: float
    better: str
    source: str
    target: float | None = None  # in the figure's own unit (e.g. 80 for 80%)
    target_meaning: str = ""
    show: str = "month"  # month, or quarter for figures too small to read monthly
    pods: bool = True  # False when a figure has no meaning per pod (e.g. a rate per 10,000 children)
    note: str = ""

    @cached_property
    def is_count(self) -> bool:
        """A count with no denominator (`-- denominator: none`): a month with nothing is a true zero."""
        return self.denominator.lower() == "none"

    @property
    def unit_label(self) -> str:
        return UNITS.get(self.unit, self.unit)

    def figure(self, numerator: float | None, denominator: float | None) -> float | None:
        if numerator is None:
            return None
        if self.is_count:
            return numerator * self.scale
        if not denominator:
            return None
        return numerator / denominator * self.scale


_HEADER_LINE = re.compile(r"^--\s?(?P<key>[a-z_]+):\s*(?P<value>.*)$")


def parse_header(text: str) -> dict[str, str]:
    header: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        match = _HEADER_LINE.match(line)
        if match:
            key = match["key"]
            header[key] = match["value"].strip()
        elif key and line.startswith("--   "):
            header[key] += " " + line[2:].strip()
    return header


def load_metric(path: Path) -> Metric:
    text = path.read_text()
    header = parse_header(text)
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    if missing:
        raise MetricDefinitionError(f"{path.name}: the header lacks {', '.join(missing)}")
    unknown = set(header) - set(HEADER_KEYS) - set(OPTIONAL_KEYS)
    if unknown:
        raise MetricDefinitionError(f"{path.name}: unknown header keys {', '.join(sorted(unknown))}")
    if header["group"] not in GROUPS:
        raise MetricDefinitionError(f"{path.name}: group must be one of {GROUPS}")
    if header["better"] not in ("higher", "lower", "neither"):
        raise MetricDefinitionError(f"{path.name}: better must be higher, lower or neither")
    return Metric(
        code=re.sub(r"^\d+_", "", path.stem),
        sql=text,
        title=header["title"],
        group=header["group"],
        measures=header["measures"],
        numerator=header["numerator"],
        denominator=header["denominator"],
        period=header["period"],
        unit=header["unit"],
        scale=float(header["scale"].replace(",", "")),
        better=header["better"],
        source=header["source"],
        target=float(header["target"]) if header.get("target") else None,
        target_meaning=header.get("target_meaning", ""),
        show=header.get("show", "month"),
        pods=header.get("pods", "yes") != "no",
        note=header.get("note", ""),
    )


@cache
def all_metrics() -> dict[str, Metric]:
    """Every metric, fidelity first, in the order of their file names (`NN_code.sql`; the code is the
    name without its number)."""
    metrics = [load_metric(p) for p in sorted(METRICS_DIR.glob("*.sql"))]
    metrics.sort(key=lambda m: GROUPS.index(m.group))
    return {m.code: m for m in metrics}
