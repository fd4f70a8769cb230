"""`alongside returns cin|903|annex-a --year YYYY --out PATH`: the same return the data officer's
page produces, written to a folder, with what our checks found. Exits 1 when a file breaks a rule
that blocks submission, so a scheduled job can tell."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from alongside.access.models import AuditEvent, AuditRoute
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.returns.registry import RETURN_TYPES
from alongside.returns.services import check_request, produce_and_validate


class Command(BaseCommand):
    help = "Produce a statutory return (CIN census XML, SSDA903 CSVs, Ofsted Annex A workbook) and check it."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(RETURN_TYPES))
        parser.add_argument("--year", type=int, required=True, help="Collection year: the year of its 31 March")
        parser.add_argument("--out", required=True, help="Folder for the file(s); created if need be")
        parser.add_argument("--quiet", action="store_true", help="Print only the summary")

    def handle(self, *args, kind, year, out, quiet, **options):
        try:
            year = check_request(kind, year, timezone.localdate())
        except ApplicationError as problem:
            raise CommandError(str(problem)) from None
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} is a file: give a folder for the return's files.")

        def progress(step: str, done: float):
            if not quiet:
                self.stderr.write(f"  {round(done * 100):3d}%  {step}")

        try:
            produced, findings, produce_seconds, validate_seconds = produce_and_validate(kind, year, progress)
        except ApplicationError as problem:
            raise CommandError(str(problem)) from None
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in produced.files.items():
            (folder / name).write_bytes(content)
            self.stdout.write(f"Wrote {folder / name} ({len(content):,} bytes)")
        audit_record(
            actor=None,
            actor_name="alongside returns (command line)",
            event=AuditEvent.RETURN_PRODUCED,
            route=AuditRoute.EXPORT,
            detail={"return": kind, "year": year, "folder": str(folder.resolve())},
        )
        errors = [f for f in findings if not f.is_query]
        queries = [f for f in findings if f.is_query]
        self.stdout.write(
            f"{RETURN_TYPES[kind].title} {year - 1}-{year % 100:02d}: {produced.children:,} children, "
            f"produced in {produce_seconds:.1f} s, checked in {validate_seconds:.1f} s: "
            f"{len(errors):,} errors, {len(queries):,} queries"
        )
        if not quiet:
            for rule, count in sorted(Counter(f.rule for f in findings).items()):
                example = next(f for f in findings if f.rule == rule)
                self.stdout.write(f"  {rule:>9}  {count:5,}  {example.message}")
        if errors:
            raise SystemExit(1)
