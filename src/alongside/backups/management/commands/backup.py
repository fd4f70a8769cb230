from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.backups.services import BackupError, backup_write


class Command(BaseCommand):
    help = "Write the whole record (database rows and uploaded documents) to one .tar.gz file, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="The backup file to write (.tar.gz)")

    def handle(self, *args, out, **options):
        try:
            result = backup_write(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup in {result.path}: {result.rows:,} rows in {result.tables} tables, "
                f"{result.files:,} documents, {result.bytes / 1e6:.1f} MB in {result.seconds:.1f}s"
            )
        )
