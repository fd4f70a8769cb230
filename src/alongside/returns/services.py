"""Producing a return: asked for on the page or the command line, run in the background, kept."""

import logging
import time
from datetime import date

from django.db import transaction
from django.utils import timezone

from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.people.models import Person
from alongside.returns.base import Finding, Produced, Progress, no_progress
from alongside.returns.fix_links import anchors
from alongside.returns.models import ReturnFile, ReturnFinding, ReturnRun, RunStatus
from alongside.returns.registry import RETURN_TYPES

log = logging.getLogger(__name__)

FIRST_YEAR = 2023  # the first collection year the DfE rules we follow cover (2022-23)


def latest_complete_year(today: date) -> int:
    """The collection year whose 31 March has most recently passed."""
    return today.year if today >= date(today.year, 3, 31) else today.year - 1


def years_offered(today: date) -> list[int]:
    """Newest first: the year in progress (to check data before the census), then complete years."""
    latest = latest_complete_year(today)
    return list(range(latest + 1, max(FIRST_YEAR, latest - 2) - 1, -1))


def check_request(kind: str, year, today: date) -> int:
    if kind not in RETURN_TYPES:
        raise ApplicationError("Choose which return to produce.")
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ApplicationError("Choose the collection year.") from None
    if year not in years_offered(today):
        raise ApplicationError(f"Returns can be produced for {', '.join(map(str, years_offered(today)))}.")
    return year


def produce_and_validate(
    kind: str, year: int, progress: Progress = no_progress
) -> tuple[Produced, list[Finding], float, float]:
    """The files, our findings on them, and the seconds each step took."""
    return_type = RETURN_TYPES[kind]
    started = time.perf_counter()
    produced = return_type.produce(year, lambda step, done: progress(step, 0.8 * done))
    produced_at = time.perf_counter()
    progress("Checking the files against the rules", 0.85)
    findings = return_type.validate(produced)
    return produced, findings, produced_at - started, time.perf_counter() - produced_at


def request_return(*, staff, kind: str, year, request=None) -> ReturnRun:
    """Queues a return to be produced in the background, and records who asked for it."""
    year = check_request(kind, year, timezone.localdate())
    run = ReturnRun.objects.create(kind=kind, year=year, requested_by=staff)
    audit_record(
        actor=staff.user,
        event=AuditEvent.RETURN_PRODUCED,
        detail={"return": kind, "year": year, "run": run.id},
        request=request,
    )
    from alongside.returns.tasks import produce_return

    produce_return.enqueue(run.id)
    return run


class _RunProgress:
    """Writes progress to the run, but not for every small step: the page polls once a second."""

    def __init__(self, run: ReturnRun):
        self.run = run
        self.saved_at = 0.0

    def __call__(self, step: str, done: float):
        now = time.monotonic()
        if now - self.saved_at < 0.5 and done < 1:
            return
        self.saved_at = now
        ReturnRun.objects.filter(id=self.run.id).update(step=step[:200], progress=min(max(done, 0), 1))


def run_return(run_id: int) -> ReturnRun:
    """The background work: produce the files, validate them, keep both. A failure is kept on the run
    in plain words rather than lost in a worker's log."""
    run = ReturnRun.objects.get(id=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    ReturnRun.objects.filter(id=run.id).update(status=RunStatus.RUNNING, started_at=timezone.now())
    try:
        produced, findings, produce_seconds, validate_seconds = produce_and_validate(
            run.kind, run.year, _RunProgress(run)
        )
    except ApplicationError as problem:
        return _fail(run, str(problem))
    except Exception:
        log.exception("Return run %s failed", run.id)
        return _fail(run, "Something went wrong producing this return. The technical team have the details.")
    save_results(run, produced, findings)
    ReturnRun.objects.filter(id=run.id).update(
        status=RunStatus.DONE,
        step="Ready",
        progress=1,
        finished_at=timezone.now(),
        children=produced.children,
        produce_seconds=produce_seconds,
        validate_seconds=validate_seconds,
    )
    run.refresh_from_db()
    prune_runs(run.kind, run.year)
    return run


KEEP_RUNS = 5


def prune_runs(kind: str, year: int) -> int:
    """A return holds every child's details: keep only the latest few finished runs of each return and
    year (enough to compare a re-run with the one before), not every copy ever made."""
    finished = ReturnRun.objects.filter(kind=kind, year=year, status__in=[RunStatus.DONE, RunStatus.FAILED])
    old = list(finished.order_by("-requested_at", "-id").values_list("id", flat=True)[KEEP_RUNS:])
    if old:
        ReturnRun.objects.filter(id__in=old).delete()
    return len(old)


def _fail(run: ReturnRun, problem: str) -> ReturnRun:
    ReturnRun.objects.filter(id=run.id).update(status=RunStatus.FAILED, problem=problem, finished_at=timezone.now())
    run.refresh_from_db()
    return run


@transaction.atomic
def save_results(run: ReturnRun, produced: Produced, findings: list[Finding]) -> None:
    ReturnFile.objects.bulk_create(
        ReturnFile(run=run, name=name, content=content, size=len(content)) for name, content in produced.files.items()
    )
    la_ids = {finding.la_child_id for finding in findings if finding.la_child_id}
    children = {}
    ids = sorted(la_ids)
    for start in range(0, len(ids), 900):  # SQLite's limit on the parameters of one query
        children.update(Person.objects.filter(la_id__in=ids[start : start + 900]).values_list("la_id", "id"))
    ReturnFinding.objects.bulk_create(
        (
            ReturnFinding(
                run=run,
                rule=finding.rule,
                message=finding.message,
                la_child_id=finding.la_child_id or "",
                child_id=children.get(finding.la_child_id),
                where=finding.where[:200],
                anchor=anchor,
                table=finding.table,
                is_query=finding.is_query,
            )
            for finding, anchor in zip(findings, anchors(findings, children), strict=True)
        ),
        batch_size=500,
    )
