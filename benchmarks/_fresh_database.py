"""A fresh, migrated database for a benchmark: a temporary SQLite file by default, or a PostgreSQL
database that the benchmark drops and recreates (its name must end in _bench, so a real database is
never touched)."""

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def fresh_database(database_url: str | None) -> str:
    workdir = Path(tempfile.mkdtemp(prefix="alongside-bench-"))
    os.environ["ALONGSIDE_DATA_DIR"] = str(workdir)
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["DJANGO_SETTINGS_MODULE"] = "alongside.settings"
    if database_url:
        parsed = urlparse(database_url)
        name = parsed.path.lstrip("/")
        if not name.endswith("_bench"):
            raise SystemExit(f"The benchmark recreates its database; use a name ending in _bench, not {name!r}")
        import psycopg

        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
        label = f"PostgreSQL ({name})"
    else:
        os.environ.pop("DATABASE_URL", None)
        label = f"SQLite ({workdir / 'alongside.sqlite3'})"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return label
