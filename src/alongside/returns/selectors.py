"""What the data officer's return pages show, worked out here so the views stay thin."""

from collections import defaultdict
from dataclasses import dataclass, field

from alongside.returns.models import ReturnFinding, ReturnRun, RunStatus
from alongside.returns.registry import RETURN_TYPES

MOST_ROWS_PER_RULE = 200


@dataclass
class RuleGroup:
    rule: str
    summary: str
    is_query: bool
    findings: list[ReturnFinding] = field(default_factory=list)
    total: int = 0


@dataclass
class Comparison:
    """Against the last finished run of the same return and year: what a fix cleared, and what is new."""

    previous: ReturnRun
    cleared: int
    new: int


def _key(finding: ReturnFinding) -> tuple:
    return (finding.rule, finding.la_child_id, finding.where, finding.table)


def rule_groups(run: ReturnRun) -> list[RuleGroup]:
    """Findings grouped by rule, errors before queries, each rule's first rows with the child."""
    summaries = {doc.code: doc.summary for doc in RETURN_TYPES[run.kind].rule_docs()}
    groups: dict[str, RuleGroup] = {}
    for finding in run.findings.select_related("child").order_by("is_query", "rule", "la_child_id", "id"):
        group = groups.get(finding.rule)
        if group is None:
            summary = summaries.get(finding.rule) or finding.message
            group = groups[finding.rule] = RuleGroup(finding.rule, summary, finding.is_query)
        group.total += 1
        if len(group.findings) < MOST_ROWS_PER_RULE:
            group.findings.append(finding)
    return list(groups.values())


def comparison(run: ReturnRun) -> Comparison | None:
    previous = (
        ReturnRun.objects.filter(kind=run.kind, year=run.year, status=RunStatus.DONE, requested_at__lt=run.requested_at)
        .exclude(id=run.id)
        .first()
    )
    if previous is None:
        return None
    before = {_key(f) for f in previous.findings.all()}
    now = {_key(f) for f in run.findings.all()}
    return Comparison(previous, cleared=len(before - now), new=len(now - before))


def run_counts(runs) -> dict[int, dict]:
    """Errors and queries per run, for the list of runs, in one query."""
    counts = defaultdict(lambda: {"errors": 0, "queries": 0})
    rows = ReturnFinding.objects.filter(run__in=runs).values_list("run_id", "is_query")
    for run_id, is_query in rows.iterator():
        counts[run_id]["queries" if is_query else "errors"] += 1
    return counts
