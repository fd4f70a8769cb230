from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver"}


def database_warnings(engine: str, allowed_hosts: list[str]) -> list[Warning]:
    """SQLite is for the demo and tests; a council's record belongs on PostgreSQL."""
    if engine.endswith("sqlite3") and set(allowed_hosts) - LOCAL_HOSTS:
        return [
            Warning(
                "The embedded SQLite database is serving hosts other than this machine.",
                hint="Set DATABASE_URL to a PostgreSQL database for a real deployment (README, Settings).",
                id="alongside.W001",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def check_database_for_deployment(app_configs, **kwargs):
    return database_warnings(settings.DATABASES["default"]["ENGINE"], settings.ALLOWED_HOSTS)
