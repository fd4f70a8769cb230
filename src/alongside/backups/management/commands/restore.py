from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Load a backup written by `alongside backup` into an empty, migrated database, and its documents into "
        "the data directory. Refuses, changing nothing, if the database is not empty or the backup does not match."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (.tar.gz)")

    def handle(self, *args, file, **options):
        try:
            result = backup_restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for label, count in result.counts.items():
            if count:
                self.stdout.write(f"  {label:<45} {count:>10,} rows")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.rows:,} rows and {result.files:,} documents from {file} in {result.seconds:.1f}s"
            )
        )
