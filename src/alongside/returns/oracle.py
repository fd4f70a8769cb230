"""The independent validators LAs run on their returns before submitting them: Social Finance's
csc-validator-be-cin and csc-validator-be-903. Our own checks must find what they find, so tests and the
benchmark run them on the files we produce and compare findings as (child, rule) pairs, never row numbers.

They live in venvs of their own (.venv-validators-cin and .venv-validators-903, made by
scripts/validators/install) because their pins clash with ours and with each other. We talk to them
through files and JSON: scripts/validators/run_cin.py and run_903.py, run by each venv's python.

Where the validators are wrong (csc-validator-be-cin 0.1.13, csc-validator-be-903 0.1.17), we follow the DfE
specification and the comparison must allow for the difference:
- 903 rules 231 and 233 crash on every input (they read columns named UASC_STATUS and DATE_EPISODE_CEASED;
  the columns are UASC and DEC). 2026-27 rules 709 and 710 crash when DoLo rows are given (they read
  PLACEMENT, not PLACE), and 706 when DoLo rows are given without last year's. Such rules are listed in
  skipped_rules, never reported as passed.
- 903 rules 1015, 241 and 229 compare a placement's LA, found from its postcode, with the LA's ONS code,
  which the 903 files don't carry. Without `ons_code` they are skipped rather than run against a wrong code.
- CIN 2887Q (fewer than 8 disability codes used in the return) counts the children recorded as NONE, not
  the different codes: it queries any return with 7 or fewer NONE children, and no return with more, however
  few codes it uses. CIN 2888Q (no child has more than one disability) never fires when no child has one."""

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from alongside.lib.errors import ApplicationError

ROOT = Path(__file__).resolve().parents[3]
INSTALL_COMMAND = "scripts/validators/install"
# The CIN validator spends about 90 s on 5,000 children; a return four times that size still fits.
TIMEOUT_SECONDS = 1800

Kind = Literal["cin", "903"]


@dataclass
class OracleResult:
    """What the validator found. Each finding is a dict: child (LAchildID, or None for a rule judged on the
    whole return), rule (the DfE code), table (where the validator found it, or ""), message (the
    validator's wording) and is_query. skipped_rules lists the rules not run, each {"rule", "reason"}."""

    findings: list[dict]
    skipped_rules: list[dict]
    seconds: float

    def keys(self) -> set[tuple[str | None, str]]:
        return {(f["child"], f["rule"]) for f in self.findings}

    def errors(self) -> list[dict]:
        """The findings that block a return; the rest are queries the LA must explain or fix."""
        return [f for f in self.findings if not f["is_query"]]


def venv_python(kind: Kind) -> Path:
    return ROOT / f".venv-validators-{kind}" / "bin" / "python"


def run_independent_validator(
    kind: Kind,
    files: dict[str, bytes],
    *,
    year: int,
    la_code: str,
    previous: dict[str, bytes] | None = None,
    ons_code: str | None = None,
) -> OracleResult:
    """Runs the independent validator for `kind` on `files` (name -> bytes, as produced) for the collection
    `year`. CIN takes the one XML file; the 903 takes its CSV tables, with last year's as `previous`, and
    the LA's ONS code if known (without it the rules comparing a placement's LA with ours are skipped).
    Raises ApplicationError if the validator is not installed, or fails or times out on these files."""
    if kind not in ("cin", "903"):
        raise ApplicationError(f"There is no independent validator for '{kind}'.")
    if kind == "cin" and (previous or ons_code):
        raise ApplicationError("The CIN validator reads one year's XML file only.")
    python = venv_python(kind)
    if not python.exists():
        raise ApplicationError(
            f"The independent {kind} validator is not installed ({python.parent.parent.name} is missing). "
            f"Install it with {INSTALL_COMMAND}"
        )
    with tempfile.TemporaryDirectory(prefix=f"alongside-oracle-{kind}-") as tmp:
        command = [str(python), str(ROOT / "scripts" / "validators" / f"run_{kind}.py")]
        command += [_write(Path(tmp) / "this-year", files), "--year", str(year), "--la-code", la_code]
        if previous:
            command += ["--previous", _write(Path(tmp) / "last-year", previous)]
        if ons_code:
            command += ["--ons-code", ons_code]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as timeout:
            raise ApplicationError(
                f"The independent {kind} validator took longer than {TIMEOUT_SECONDS} seconds."
            ) from timeout
    if done.returncode != 0:
        last_line = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ApplicationError(f"The independent {kind} validator failed: {last_line}")
    output = json.loads(done.stdout)
    return OracleResult(output["findings"], output["skipped_rules"], output["seconds"])


def _write(directory: Path, files: dict[str, bytes]) -> str:
    directory.mkdir()
    for name, content in files.items():
        # Names come from our own producers; keep only the last part so none can point outside the directory.
        (directory / Path(name).name).write_bytes(content)
    return str(directory)
