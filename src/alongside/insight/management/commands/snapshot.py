from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.insight.schema_doc import schema_markdown
from alongside.insight.snapshot import NO_LA, write_snapshot
from alongside.insight.store import take_snapshot
from alongside.practice_model.models import LocalAuthority


class Command(BaseCommand):
    help = (
        "Write the record as Parquet files, one per table, with pseudonymised ids (docs/insight-snapshot.md). "
        "Without --out, the snapshot goes where the dashboard reads it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="Directory to write the Parquet files into")
        parser.add_argument("--on", type=date.fromisoformat, help="The snapshot's date (YYYY-MM-DD); default today")
        parser.add_argument("--schema-doc", action="store_true", help="Print the schema as Markdown and stop")

    def handle(self, *args, out, on, schema_doc, **options):
        if schema_doc:
            self.stdout.write(schema_markdown(), ending="")
            return
        if not LocalAuthority.objects.exists():
            raise CommandError(NO_LA)
        if out is not None and out.exists() and any(out.iterdir()) and not (out / "manifest.json").exists():
            raise CommandError(f"{out} is not empty and is not a snapshot: choose an empty or new directory.")

        def progress(table, rows, seconds):
            self.stdout.write(f"  {table:<18} {rows:>10,} rows  {seconds:6.2f}s")

        result = write_snapshot(out, on=on, progress=progress) if out else take_snapshot(on=on, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(f"Snapshot in {result.directory}: {result.total_rows:,} rows in {result.seconds:.1f}s")
        )
