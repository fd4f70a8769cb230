"""The impact and fidelity dashboard on the large synthetic LA: seeds it into a fresh database, takes
the snapshot, then times computing every metric from the snapshot (DuckDB) and rendering the page.

    .venv/bin/python benchmarks/dashboard.py [--size large] [--repeat 5]

Targets (issue #9): snapshot under 30 s; every metric computed from the snapshot under 1 s."""

import argparse
import statistics
import time
from datetime import date

from _fresh_database import fresh_database

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--repeat", type=int, default=5)
args = parser.parse_args()

label = fresh_database(None)
from django.test import Client, override_settings  # noqa: E402  (after Django is set up)
from django_otp import devices_for_user  # noqa: E402

from alongside.access.access import INSIGHT_ROLES  # noqa: E402
from alongside.demo.services import demo_seed  # noqa: E402
from alongside.insight import store  # noqa: E402
from alongside.workforce.models import StaffMember  # noqa: E402

demo_seed(size=args.size, seed=args.seed, as_of=date.today())
with override_settings(ALLOWED_HOSTS=["*"]):
    began = time.perf_counter()
    result = store.take_snapshot()
    snapshot_seconds = time.perf_counter() - began
    compute = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        board = store.compute_dashboard(result.directory)
        compute.append(time.perf_counter() - began)
    client = Client()
    # A leader without a two-factor device, so the page is served rather than the code prompt.
    leader = next(
        s
        for s in StaffMember.objects.filter(role__in=INSIGHT_ROLES, left_on__isnull=True)
        if not any(devices_for_user(s.user))
    )
    client.force_login(leader.user)
    client.get("/insight/")  # the first request computes and keeps the figures
    render = []
    for path in ["/insight/"] * args.repeat + ["/insight/workers_per_child/"] * args.repeat:
        began = time.perf_counter()
        response = client.get(path)
        render.append((path, time.perf_counter() - began))
        assert response.status_code == 200, (path, response.status_code, response.content[:300])

print(f"database: {label}, size {args.size}")
print(f"snapshot: {result.total_rows:,} rows in {snapshot_seconds:.1f} s (target < 30 s)")
print(f"metrics: {len(board.figures)} over {len(board.months)} months")
median, worst = statistics.median(compute), max(compute)
print(f"compute every metric and figure: median {median:.3f} s, max {worst:.3f} s (target < 1 s)")
for path in ("/insight/", "/insight/workers_per_child/"):
    times = [t for p, t in render if p == path]
    print(f"render {path}: median {statistics.median(times) * 1000:.0f} ms")
