import json
import os
import subprocess
import sys

# A fresh interpreter, because Django configures logging once, at setup, from the environment.
LOG_TWO_RECORDS = """
import logging
import django

django.setup()
log = logging.getLogger("alongside.example")
log.warning("Return %s produced", "SSDA903")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("Return failed")
"""


def run_with_log_format(log_format: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alongside.settings_for_tests",
        "ALONGSIDE_LOG_FORMAT": log_format,
    }
    result = subprocess.run(
        [sys.executable, "-c", LOG_TWO_RECORDS], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stderr


def test_json_log_format_writes_one_json_object_per_line():
    lines = run_with_log_format("json").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2
    warning, error = records
    assert warning["level"] == "WARNING"
    assert warning["logger"] == "alongside.example"
    assert warning["message"] == "Return SSDA903 produced"
    assert warning["timestamp"].startswith("20")
    assert "exc_info" not in warning
    assert error["level"] == "ERROR"
    assert "ZeroDivisionError: division by zero" in error["exc_info"]


def test_text_log_format_is_the_default_for_people_reading_a_terminal():
    output = run_with_log_format("text")
    assert output.startswith("Return SSDA903 produced\n")
    assert "Traceback" in output
