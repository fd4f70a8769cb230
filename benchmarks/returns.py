"""The statutory returns on the large synthetic LA: seeds it into a fresh database, then for each return
times producing it from the record and our validation of the files, and for the CIN census and SSDA903
times the independent validator LAs use (Social Finance's csc-validator-be-cin / -903) on the same files
and compares what the two find, as (child, rule) pairs on the rules we check.

    .venv/bin/python benchmarks/returns.py [--size large] [--year 2026] [--repeat 3]

Target (issue #10): ours at least 10x faster than the independent validator, with the same findings.
The independent validators' time includes starting their own Python (about 1-2 s of it)."""

import argparse
import statistics
import time
from datetime import date

from _fresh_database import fresh_database

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--year", type=int, default=2026)
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()

label = fresh_database(None)
from alongside.demo.services import demo_seed  # noqa: E402  (after Django is set up)
from alongside.returns import ssda903, ssda903_rules  # noqa: E402
from alongside.returns.oracle import run_independent_validator  # noqa: E402
from alongside.returns.registry import RETURN_TYPES  # noqa: E402

began = time.perf_counter()
demo_seed(size=args.size, seed=args.seed, as_of=date.today())
print(f"database: {label}, size {args.size}, seeded in {time.perf_counter() - began:.0f} s; year {args.year}")

# Rules where we knowingly differ from the independent validators (see the tests in test_demo_returns.py).
KNOWN_DIFFERENCES = {
    "cin": {"8540"},
    "903": {"169", "179", "392a", "392c", "SW12STG2", "SW17STG2", "210", "1001", "1002", "SW11bSTG2", "577"},
}


def timed(function, repeat):
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return result, statistics.median(times)


rows = []
for code, return_type in RETURN_TYPES.items():
    produced, produce_s = timed(lambda rt=return_type: rt.produce(args.year), args.repeat)
    if code == "903":
        previous = ssda903.produce_previous(args.year)
        findings, validate_s = timed(lambda p=produced, q=previous: ssda903_rules.validate(p, q), args.repeat)
    else:
        findings, validate_s = timed(lambda rt=return_type, p=produced: rt.validate(p), args.repeat)
    size = sum(len(content) for content in produced.files.values())
    line = (
        f"{return_type.title:32} {produced.children:6,} children {size / 1e6:6.1f} MB  "
        f"produce {produce_s:6.2f} s  validate {validate_s:6.2f} s  "
        f"{sum(not f.is_query for f in findings):5,} errors {sum(f.is_query for f in findings):5,} queries"
    )
    if return_type.independent_validator:
        extra = {"previous": previous.files} if code == "903" else {}
        oracle = run_independent_validator(code, produced.files, year=args.year, la_code=produced.la_code, **extra)
        rules = {doc.code for doc in return_type.rule_docs()}
        rules |= {"1510", "1530", "1540", "1550"} if code == "cin" else set()  # the UPN family, documented once
        checked = rules - KNOWN_DIFFERENCES[code]
        ours = {f.key() for f in findings if f.rule in checked}
        theirs = {k for k in oracle.keys() if k[1] in checked}
        beyond = sorted({f["rule"] for f in oracle.errors()} - rules)
        ratio = oracle.seconds / validate_s if validate_s else float("inf")
        line += (
            f"\n{'':32} independent validator {oracle.seconds:6.1f} s ({ratio:,.0f}x ours); "
            f"same findings on our rules: {'yes' if ours == theirs else 'NO'} "
            f"({len(ours & theirs)} shared, only ours {sorted(ours - theirs)}, only theirs {sorted(theirs - ours)})"
            + (f"; its errors on rules we do not check: {', '.join(beyond)}" if beyond else "")
        )
    rows.append(line)
    print(line, flush=True)
