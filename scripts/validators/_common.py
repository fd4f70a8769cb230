"""What run_cin.py and run_903.py share. Imported from beside them, inside either validator venv, so it
uses the standard library only."""

import argparse
import contextlib
import dataclasses
import json
import logging
import sys
import time
import traceback
from collections.abc import Callable, Iterator


def arguments(description: str, *, previous: bool = False, ons_code: bool = False) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("directory", help="the directory holding the return's files")
    parser.add_argument("--year", type=int, required=True, help="collection year: the year ending on 31 March")
    parser.add_argument("--la-code", required=True, help="the DfE three-digit LA number")
    if previous:
        parser.add_argument("--previous", help="a directory holding last year's tables")
    if ons_code:
        parser.add_argument(
            "--ons-code",
            help="the LA's ONS code (E06..., E08..., E09..., E10...), which placement LAs are compared with",
        )
    return parser.parse_args()


def ruleset_name(prefix: str, year: int) -> str:
    """The packages name each ruleset by the year it starts and the last two digits of the year it ends."""
    return f"{prefix}{year - 1}_{str(year)[2:]}"


class Guard:
    """Runs each rule so that one that raises is recorded and left out, rather than ending the run."""

    def __init__(self) -> None:
        self.crashed: dict[str, str] = {}

    def wrap(self, rules: dict, fallback: object) -> dict:
        return {
            code: dataclasses.replace(rule, func=self._guarded(code, rule.func, fallback))
            for code, rule in rules.items()
        }

    def _guarded(self, code: str, func: Callable, fallback: object) -> Callable:
        def run(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - any rule's failure is reported, never fatal
                last = traceback.extract_tb(error.__traceback__)[-1]
                self.crashed[code] = f"{type(error).__name__}: {error} (at {last.name}, line {last.lineno})"
                return fallback

        return run


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Both packages print and log as they go. Our stdout must carry only the JSON, so their output goes to
    stderr and their INFO logging is silenced."""
    logging.disable(logging.INFO)
    with contextlib.redirect_stdout(sys.stderr):
        yield


def report(findings: list[dict], skipped: list[dict], started: float) -> None:
    findings = sorted(findings, key=lambda f: (f["child"] or "", f["rule"], f["table"]))
    skipped = sorted(skipped, key=lambda s: s["rule"])
    json.dump(
        {"findings": findings, "skipped_rules": skipped, "seconds": round(time.perf_counter() - started, 3)}, sys.stdout
    )
    sys.stdout.write("\n")


def fail(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.exit(2)
