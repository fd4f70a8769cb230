"""The family's story page with ten years of entries: server time against the raw SQL fetch.

    .venv/bin/python benchmarks/family_page.py [--entries 2000] [--database-url postgres://.../x_bench]

Builds one family (three children, a parent, their worker) with 2,000 finished entries over ten
years, then times, in-process, (a) the story page as the worker opens it (access checks, audit row,
queries, template), and (b) the same SQL the page runs for its rows, executed raw with a cursor.
Targets (issue #5): p95 of (a) under 150 ms, and (a) no more than 3x (b)."""

import argparse
import statistics
import time
from datetime import date, timedelta

from _fresh_database import fresh_database

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--entries", type=int, default=2000)
parser.add_argument("--requests", type=int, default=100)
parser.add_argument("--database-url", default=None)
parser.add_argument("--profile", action="store_true", help="print where the server time goes (cProfile)")
args = parser.parse_args()

label = fresh_database(args.database_url)
import random  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from alongside.people.models import FamilyMember, FamilyNetwork, NetworkRole, Person  # noqa: E402
from alongside.story.models import StoryEntry  # noqa: E402
from alongside.workforce.models import Allocation, Pod, StaffMember, Team  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]
rng = random.Random(5)
from django.contrib.auth import get_user_model  # noqa: E402

user = get_user_model().objects.create_user("worker", first_name="Rory", last_name="Williams")
team = Team.objects.create(name="Family Safeguarding", service="family_safeguarding")
pod = Pod.objects.create(team=team, name="Oakfield pod")
worker = StaffMember.objects.create(
    user=user,
    first_name="Rory",
    last_name="Williams",
    role="social_worker",
    team=team,
    pod=pod,
    started_on=date(2010, 1, 1),
)
network = FamilyNetwork.objects.create(name="Pond family")
children = []
for n, (first, born) in enumerate([("Amy", date(2012, 3, 4)), ("Mels", date(2015, 8, 1)), ("River", date(2018, 1, 9))]):
    child = Person.objects.create(la_id=f"B{n}", first_name=first, last_name="Pond", date_of_birth=born)
    FamilyMember.objects.create(network=network, person=child, role=NetworkRole.CHILD, joined_on=date(2016, 1, 1))
    Allocation.objects.create(child=child, worker=worker, pod=pod, started_on=date(2016, 1, 1), reason="new_referral")
    children.append(child)

kinds = ["home_visit"] * 5 + ["direct_work"] * 2 + ["case_note", "meeting", "contact", "family_words"]
start = timezone.now() - timedelta(days=3650)
entries = []
for n in range(args.entries):
    at = start + timedelta(days=3650 * n / args.entries, hours=rng.randint(0, 8))
    kind = rng.choice(kinds)
    entries.append(
        StoryEntry(
            network=network,
            kind=kind,
            status="final",
            author=user,
            occurred_at=at,
            finalised_at=at,
            summary=f"{kind.replace('_', ' ').capitalize()} number {n}",
            body="What happened, in a few sentences. " * 4,
            child_seen=True if kind == "home_visit" else None,
            child_seen_alone=kind == "home_visit",
            direct_work_tool="three_houses" if kind == "direct_work" else "",
            child_words="My worry house has shouting in it." if kind == "direct_work" else "",
            meeting_kind="core_group" if kind == "meeting" else "",
            significant=rng.random() < 0.05,
        )
    )
StoryEntry.objects.bulk_create(entries, batch_size=500)
Through = StoryEntry.about.through
links = [
    Through(storyentry_id=entry.id, person_id=child.id)
    for entry in StoryEntry.objects.all()
    for child in rng.sample(children, rng.randint(1, 3))
]
Through.objects.bulk_create(links, batch_size=2000)
# As autovacuum (PostgreSQL) or a routine ANALYZE would, so the planner knows the table's shape.
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
print(f"database: {label}; {StoryEntry.objects.count():,} entries for one family")

client = Client()
client.force_login(user)
url = f"/people/children/{children[0].id}/story/"
for _ in range(5):
    assert client.get(url).status_code == 200


def measure(page_url):
    """Server times with the entry cache warm (as a worker meets the page) and cold (each request
    after a cache clear, so every row is fetched and rendered), and the raw fetch of the page's rows
    in full: the story SQL of a cold request, which is everything the page shows, run with a cursor."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(page_url)
    story_sql = [
        q["sql"] for q in captured.captured_queries if "story_" in q["sql"] and not q["sql"].startswith("INSERT")
    ]
    warm, cold, raw = [], [], []
    for _ in range(args.requests):
        began = time.perf_counter()
        response = client.get(page_url)
        warm.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
        cache.clear()
        began = time.perf_counter()
        client.get(page_url)
        cold.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in story_sql:
                cursor.execute(sql)
                cursor.fetchall()
        raw.append((time.perf_counter() - began) * 1000)
    return warm, cold, raw


def p95(values):
    return sorted(values)[int(len(values) * 0.95) - 1]


if args.profile:
    import cProfile
    import pstats

    for page_url in (url, url + "print/"):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            client.get(page_url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)

for name, page_url in (("story page (newest 50 entries)", url), ("printable story (all entries)", url + "print/")):
    for _ in range(3):
        client.get(page_url)
    warm, cold, raw = measure(page_url)
    print(f"{name}:")
    print(f"  server time: p50 {statistics.median(warm):.1f} ms, p95 {p95(warm):.1f} ms (target p95 < 150 ms)")
    print(f"  server time, nothing cached: p50 {statistics.median(cold):.1f} ms, p95 {p95(cold):.1f} ms")
    print(f"  raw SQL fetch of the same rows: p50 {statistics.median(raw):.1f} ms, p95 {p95(raw):.1f} ms")
    print(f"  ratio server / raw SQL (p50): {statistics.median(warm) / statistics.median(raw):.1f}x (target <= 3x)")
