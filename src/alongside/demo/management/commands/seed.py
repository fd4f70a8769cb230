from datetime import date

from django.core.management.base import BaseCommand, CommandError

from alongside.demo.services import SeedError, demo_seed
from alongside.demo.sizes import SIZES


class Command(BaseCommand):
    help = "Fill an empty database with a synthetic local authority (demo data only)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="The 'today' of the synthetic record (YYYY-MM-DD); default today",
        )

    def handle(self, *args, size, seed, as_of, **options):
        try:
            result = demo_seed(size=size, seed=seed, as_of=as_of, progress=self.stdout.write)
        except SeedError as error:
            raise CommandError(str(error)) from error
        for name, count in result.rows.items():
            self.stdout.write(f"  {name:<16} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(f"{result.local_authority.name}: {result.total_rows:,} rows in {result.seconds:.1f}s")
        )
