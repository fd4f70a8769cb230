"""Runs the CIN census validator LAs use (Social Finance's csc-validator-be-cin) on one CIN census XML file
and prints what it finds as JSON. Runs inside .venv-validators-cin (scripts/validators/install), called by
alongside.returns.oracle; it calls the package's classes rather than its command line, which prints a
truncated table.

    .venv-validators-cin/bin/python scripts/validators/run_cin.py DIR --year 2026 --la-code 999

Output: {"findings": [{"child", "rule", "table", "message", "is_query"}], "skipped_rules": [{"rule",
"reason"}], "seconds"}. `child` is the LAchildID, or null for a rule judged on the whole return or its
header. `table` is the validator's name for the part of the XML the finding is in (CINdetails,
Assessments...), blank for whole-return rules."""

import importlib
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from _common import Guard, arguments, fail, quiet, report, ruleset_name

# Rules of this package known to crash on correct data. None so far; Guard catches any other.
KNOWN_CRASHES: dict[str, str] = {}


def main() -> None:
    args = arguments(__doc__.split("\n\n")[0])
    started = time.perf_counter()
    files = sorted(Path(args.directory).glob("*.xml"))
    if len(files) != 1:
        fail(f"Expected one CIN census XML file in {args.directory}, found {len(files)}.")
    root = ET.parse(files[0]).getroot()
    lea = root.findtext("Header/Source/LEA")
    if lea != args.la_code:
        fail(f"The file's header gives LA {lea}, not {args.la_code}.")

    with quiet():
        from cin_validator import cin_validator
        from cin_validator.rule_engine import RuleType

        name = ruleset_name("cin", args.year)
        try:
            registry = importlib.import_module(f"cin_validator.rules.{name}").registry
        except ModuleNotFoundError:
            fail(f"csc-validator-be-cin has no ruleset {name} for the year {args.year}.")
        skipped = [{"rule": code, "reason": reason} for code, reason in KNOWN_CRASHES.items() if code in registry]
        rules = {code: rule for code, rule in registry.items() if code not in KNOWN_CRASHES}
        guard = Guard()
        tables = cin_validator.process_data(cin_validator.convert_data(root))
        # Rules report by pushing locations to their context and return nothing, hence the None.
        validator = cin_validator.CinValidator(tables, guard.wrap(rules, None))

    def finding(code, child, table: str) -> dict:
        rule = registry[str(code)]
        return {
            "child": None if child is None or child != child or str(child) in ("", "nan", "<NA>") else str(child),
            "rule": str(code),
            "table": table,
            "message": rule.message or "",
            "is_query": rule.rule_type == RuleType.QUERY,
        }

    found = {}
    # One finding per child, rule and table: the package lists every column and row it points at.
    for row in validator.full_issue_df.itertuples():
        item = finding(row.rule_code, row.child_id, str(row.tables_affected))
        found[(item["child"], item["rule"], item["table"])] = item
    # Rules judged on the whole return, or on its header, have no child.
    for row in validator.multichild_issues.itertuples():
        item = finding(row.rule_code, None, "")
        found[(None, item["rule"], "")] = item
    # A rule that raised may have pushed some locations first; what it found is not to be trusted.
    findings = [item for item in found.values() if item["rule"] not in guard.crashed]
    skipped += [{"rule": code, "reason": reason} for code, reason in guard.crashed.items()]
    report(findings, skipped, started)


if __name__ == "__main__":
    main()
