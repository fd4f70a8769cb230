from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from alongside.demo.services import database_is_empty
from alongside.demo.sizes import SIZES
from alongside.insight.store import take_snapshot
from alongside.practice_model.selectors import is_demo_database


class Command(BaseCommand):
    help = "Create the database if needed, fill it with a synthetic LA if empty, print sign-ins, serve."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), default="medium")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database and stop")

    def handle(self, *args, size, seed, port, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if database_is_empty():
            call_command("seed", size=size, seed=seed, stdout=self.stdout)
            # The head of service's dashboard reads a snapshot; a real service takes one each night.
            result = take_snapshot()
            self.stdout.write(f"Snapshot for the impact and fidelity dashboard: {result.total_rows:,} rows")
        elif not is_demo_database():
            raise CommandError(
                "This database holds a real record; `alongside demo` only runs on demo data. "
                "Set ALONGSIDE_DATA_DIR or DATABASE_URL to use another database."
            )
        call_command("logins", stdout=self.stdout)
        if not no_serve:
            call_command("serve", port=port, stdout=self.stdout)
