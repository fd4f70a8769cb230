"""Seeds the large synthetic LA into a fresh database and prints rows written and seconds.

    .venv/bin/python benchmarks/seed.py [--size large] [--database-url postgres://.../x_bench]

Target (issue #3): under 60 s on a 2-core machine."""

import argparse
import time
from datetime import date

from _fresh_database import fresh_database

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--database-url", default=None)
args = parser.parse_args()

label = fresh_database(args.database_url)
from alongside.demo.services import demo_seed  # noqa: E402  (after Django is set up)

began = time.perf_counter()
result = demo_seed(size=args.size, seed=args.seed, as_of=date.today(), progress=lambda m: print(f"  {m}"))
seconds = time.perf_counter() - began
print(f"database: {label}")
for name, count in result.rows.items():
    print(f"  {name:<16} {count:>10,}")
print(f"rows written: {result.total_rows:,}")
print(f"seconds: {seconds:.1f} (target < 60)")
print(f"rows per second: {result.total_rows / seconds:,.0f}")
