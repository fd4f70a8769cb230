"""Runs the SSDA903 validator LAs use (Social Finance's csc-validator-be-903) on one year's 903 CSV tables,
with last year's if given, and prints what it finds as JSON. Runs inside .venv-validators-903
(scripts/validators/install), called by alongside.returns.oracle; it calls the package's classes rather
than its command line, which hard-codes file names and a year.

    .venv-validators-903/bin/python scripts/validators/run_903.py DIR --year 2026 --la-code 999 \\
        [--previous DIR] [--ons-code E09000027]

The package recognises each CSV by its columns, whatever its name. Output: {"findings": [{"child", "rule",
"table", "message", "is_query"}], "skipped_rules": [{"rule", "reason"}], "seconds"}. `table` is the
package's table name (Header, Episodes...; last year's carry "_last"). This package marks no rule as a
query, so is_query is true only for a code ending in Q, as the DfE write them."""

import time
from pathlib import Path

from _common import Guard, arguments, fail, quiet, report, ruleset_name

# Rules that raise on every input in csc-validator-be-903 0.1.17, each reading a column the package never
# loads. The DfE rules still stand, so Alongside checks them itself.
KNOWN_CRASHES = {
    "231": "crashes on every input in csc-validator-be-903 0.1.17 (reads UASC_STATUS; the column is UASC)",
    "233": "crashes on every input in csc-validator-be-903 0.1.17 (reads DATE_EPISODE_CEASED; the column is DEC)",
}
# 2026-27 only: these read a PLACEMENT column (it is PLACE), so they crash whenever DoLo rows are supplied.
KNOWN_CRASHES_2027 = {
    "709": "crashes in csc-validator-be-903 0.1.17 when DoLo rows are supplied (reads PLACEMENT; the column is PLACE)",
    "710": "crashes in csc-validator-be-903 0.1.17 when DoLo rows are supplied (reads PLACEMENT; the column is PLACE)",
}
# These compare the LA a placement's postcode lies in with the LA making the return, by ONS code. The 903
# files carry no LA code, so without --ons-code they would call every own-provision placement out of area.
NEED_ONS_CODE = {
    "1015": "needs the LA's ONS code (--ons-code) to tell placements inside the LA from those outside",
    "241": "needs the LA's ONS code (--ons-code) to tell placements inside the LA from those outside",
    "229": "needs the LA's ONS code (--ons-code) and Ofsted's provider lists",
}


def uploads(directory: str, description: str) -> list[dict]:
    paths = sorted(p for p in Path(directory).iterdir() if p.suffix.lower() == ".csv")
    return [{"name": p.name, "file_content": p.read_bytes(), "description": description} for p in paths]


def main() -> None:
    args = arguments(__doc__.split("\n\n")[0], previous=True, ons_code=True)
    started = time.perf_counter()
    files = uploads(args.directory, "This year")
    if not files:
        fail(f"No 903 CSV files in {args.directory}.")
    if args.previous:
        files += uploads(args.previous, "Prev year")

    with quiet():
        from lac_validator import lac_validator
        from lac_validator.rules.ruleset_utils import get_year_ruleset

        try:
            registry = get_year_ruleset(str(args.year))
        except ModuleNotFoundError:
            fail(f"csc-validator-be-903 has no ruleset {ruleset_name('lac', args.year)} for the year {args.year}.")
        leave_out = dict(KNOWN_CRASHES)
        if args.year == 2027:
            leave_out |= KNOWN_CRASHES_2027
        if not args.ons_code:
            leave_out |= NEED_ONS_CODE
        skipped = [{"rule": code, "reason": reason} for code, reason in leave_out.items() if code in registry]
        rules = {code: rule for code, rule in registry.items() if code not in leave_out}
        guard = Guard()
        metadata = {"collectionYear": str(args.year), "localAuthority": args.ons_code or args.la_code}
        # A rule returns {table: [failing row labels]}; {} is its own way of saying it had nothing to check.
        validator = lac_validator.LacValidator(metadata=metadata, files=files, registry=guard.wrap(rules, {}))

    found = {}
    for table, frame in validator.ds_results.items():
        if table == "metadata":
            continue
        for column in (c for c in frame.columns if c.startswith("ERR_")):
            code = column[len("ERR_") :]
            for child in frame.loc[frame[column] == True, "CHILD"]:  # noqa: E712 - the column also holds NaN
                child = None if child != child else str(child)
                found[(child, code, table)] = {
                    "child": child,
                    "rule": code,
                    "table": table,
                    "message": registry[code].message or "",
                    "is_query": code.endswith("Q"),
                }
    skipped += [{"rule": code, "reason": reason} for code, reason in guard.crashed.items()]
    report([f for f in found.values() if f["rule"] not in guard.crashed], skipped, started)


if __name__ == "__main__":
    main()
