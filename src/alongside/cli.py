"""The `alongside` command: Django's management commands under one name.

`alongside demo`, `alongside seed`, `alongside serve`, `alongside logins` and every Django command
(`alongside migrate`, `alongside check --deploy`, ...) run through here."""

import os
import secrets
import sys
from pathlib import Path


def _prepare_data_dir() -> Path:
    """The data directory holds the embedded database, a generated secret and collected static files."""
    data_dir = Path(os.environ.get("ALONGSIDE_DATA_DIR", Path.cwd() / "var"))
    (data_dir / "static").mkdir(parents=True, exist_ok=True)
    return data_dir


def _ensure_local_secret(data_dir: Path) -> None:
    """With no SECRET_KEY given, use a random key kept in the data directory (created once, readable
    only by its owner). Fine for a demo or a single machine; production passes SECRET_KEY(_FILE)."""
    if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
        return
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    os.environ["SECRET_KEY_FILE"] = str(key_file)


def main(argv: list[str] | None = None) -> None:
    argv = list(argv if argv is not None else sys.argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
    if os.environ["DJANGO_SETTINGS_MODULE"] == "alongside.settings":
        _ensure_local_secret(_prepare_data_dir())
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
