"""The `alongside` command as the README uses it: a fresh data directory, the embedded database."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from alongside.demo.models import DemoRole

ALONGSIDE = str(Path(sys.executable).with_name("alongside"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("alongside-home")


def run(data_dir, *args, check=True):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    env["ALONGSIDE_DATA_DIR"] = str(data_dir)
    return subprocess.run([ALONGSIDE, *args], env=env, capture_output=True, text=True, timeout=120, check=check)


def test_demo_creates_the_database_seeds_it_and_prints_the_sign_ins(data_dir):
    result = run(data_dir, "demo", "--size", "small", "--no-serve")
    assert (data_dir / "alongside.sqlite3").exists()
    assert (data_dir / "secret_key").stat().st_mode & 0o077 == 0, "the generated secret is private"
    assert "Kestrel Vale Council" in result.stdout
    assert "Demo sign-ins (password for all: alongside-demo)" in result.stdout


def test_demo_again_keeps_the_existing_record(data_dir):
    result = run(data_dir, "demo", "--no-serve")
    assert "rows in" not in result.stdout  # nothing seeded the second time
    assert "Demo sign-ins" in result.stdout


def test_logins_json_lists_every_role(data_dir):
    logins = json.loads(run(data_dir, "logins", "--json").stdout)
    assert sorted(login["role"] for login in logins) == sorted(DemoRole.values)
    assert all(set(login) >= {"role", "username", "password", "home_url"} for login in logins)


def test_seed_refuses_a_database_that_holds_a_record(data_dir):
    result = run(data_dir, "seed", "--size", "small", check=False)
    assert result.returncode != 0
    assert "already holds a record" in result.stderr


def test_serve_answers_healthz(data_dir):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    env["ALONGSIDE_DATA_DIR"] = str(data_dir)
    server = subprocess.Popen(
        [ALONGSIDE, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert response.status == 200
                    assert json.loads(response.read()) == {"status": "ok", "database": "ok"}
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/vendor/govuk/govuk-frontend.min.css") as css:
            assert css.status == 200, "WhiteNoise serves the static files"
    finally:
        server.terminate()
        server.wait(timeout=10)
