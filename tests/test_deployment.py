"""The container files hang together: compose.yaml's services, the image they share, and no secret
written into anything committed. (No Docker daemon in CI: the YAML is read, not run.)"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SECRET_WORDS = re.compile(r"PASSWORD|SECRET|TOKEN|KEY", re.IGNORECASE)


def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def env_file_settings(path: Path) -> dict[str, str]:
    lines = [line.strip() for line in path.read_text().splitlines()]
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_compose_has_the_app_worker_database_and_a_one_off_migration():
    services = compose()["services"]
    assert set(services) == {"app", "worker", "db", "migrate"}
    assert services["worker"]["command"] == ["alongside", "db_worker"]
    assert services["migrate"]["command"][:2] == ["alongside", "migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["app"]["command"][:3] == ["alongside", "serve", "--no-worker"]
    assert services["app"]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert services["app"]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert services["db"]["image"] == "postgres:16"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["db"]["volumes"] == ["postgres:/var/lib/postgresql/data"]
    assert "postgres" in compose()["volumes"]


def test_app_worker_and_migrate_share_one_image_database_and_data_volume():
    services = compose()["services"]
    runs_alongside = [services[name] for name in ("app", "worker", "migrate")]
    assert len({service["image"] for service in runs_alongside}) == 1
    assert len({service["environment"]["DATABASE_URL"] for service in runs_alongside}) == 1
    assert services["app"]["environment"]["DATABASE_URL"].endswith("@db:5432/alongside")
    assert all(service["volumes"] == ["data:/data"] for service in runs_alongside)
    assert all(service["environment"]["SECRET_KEY_FILE"] == "/run/secrets/secret_key" for service in runs_alongside)


def test_no_secret_is_written_into_compose_or_the_example_env():
    for service in compose()["services"].values():
        for name, value in service.get("environment", {}).items():
            if name == "DATABASE_URL":
                password = re.match(r"postgres://[^:]+:([^@]+)@", value).group(1)
                assert password.startswith("${"), "the database password comes from .env"
            elif SECRET_WORDS.search(name):
                assert value.startswith("${") or name.endswith("_FILE"), f"{name} holds a literal value"
    assert compose()["secrets"]["secret_key"] == {"file": "./secrets/secret_key"}
    example = env_file_settings(ROOT / ".env.example")
    assert "SECRET_KEY" not in example
    assert all(value == "" for name, value in example.items() if SECRET_WORDS.search(name))


def test_secret_files_and_env_stay_out_of_git_and_the_image():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in ignored and "secrets/" in ignored
    docker_ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ".env" in docker_ignored and "secrets" in docker_ignored


def test_the_image_runs_as_a_non_root_user_and_checks_its_health():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "\nFROM python:3.11-slim\n" in dockerfile
    assert re.search(r"^USER alongside$", dockerfile, re.MULTILINE)
    assert "collectstatic --noinput" in dockerfile
    assert "/healthz" in dockerfile.split("HEALTHCHECK", 1)[1]
    assert '\nCMD ["alongside", "serve", "--no-worker", "--host", "0.0.0.0"' in dockerfile
