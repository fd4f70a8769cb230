import json

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from alongside.access.backends import DEMO_PASSWORD
from alongside.demo.models import DemoLogin
from alongside.practice_model.selectors import is_demo_database

NOT_DEMO = "This is not a demo database: there are no demo sign-ins to show."


def demo_logins() -> list[dict]:
    return [
        {
            "role": login.role,
            "username": login.user.username,
            "password": DEMO_PASSWORD,
            "home_url": reverse("home"),
            "description": login.get_role_display(),
        }
        for login in DemoLogin.objects.select_related("user")
    ]


class Command(BaseCommand):
    help = "Print the demo sign-ins (only on a database made by `alongside seed`)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print a JSON list")

    def handle(self, *args, json: bool = False, **options):
        if not is_demo_database():
            raise CommandError(NOT_DEMO)
        logins = demo_logins()
        if json:
            self.stdout.write(_dumps(logins))
            return
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login['description']:<40} {login['username']}")


def _dumps(value) -> str:
    return json.dumps(value, indent=2)
