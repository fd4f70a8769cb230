"""Fuzzy person search over a million people: p50/p95 latency of name + date of birth searches.

    .venv/bin/python benchmarks/search.py [--people 1000000] [--database-url postgres://.../x_bench]

Each query takes a real person, misspells their name the way a phone call might (a dropped or
doubled letter, a sound-alike vowel) and gives their date of birth, then times the search selector:
the database lookup on the sound-alike keys plus the ranking. Target (issue #3): p95 under 50 ms."""

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from types import SimpleNamespace

from _fresh_database import fresh_database

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--people", type=int, default=1_000_000)
parser.add_argument("--queries", type=int, default=500)
parser.add_argument("--database-url", default=None)
args = parser.parse_args()

label = fresh_database(args.database_url)
from django.db import connection, transaction  # noqa: E402

from alongside.demo.distributions import ETHNICITY  # noqa: E402
from alongside.demo.names import NamePools  # noqa: E402
from alongside.demo.services import _insert  # noqa: E402
from alongside.people.identifiers import phonetic_key  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.people.selectors import SearchCriteria, person_search  # noqa: E402

rng = random.Random(42)
names = NamePools(seed=42)
print(f"database: {label}")
print(f"writing {args.people:,} people...")
began = time.perf_counter()
sample = []
batch = []
earliest = date(1940, 1, 1)
with transaction.atomic():
    for n in range(1, args.people + 1):
        locale = names.locale_for(ETHNICITY.draw(rng), rng)
        sex = rng.choice("MF")
        first, last = names.first_name(locale, sex, rng), names.last_name(locale, rng)
        born = earliest + timedelta(days=rng.randrange(30_000))
        batch.append(
            SimpleNamespace(
                id=n,
                la_id=f"{1_000_000 + n}",
                first_name=first,
                last_name=last,
                date_of_birth=born,
                sex=sex,
                first_name_key=phonetic_key(first),
                last_name_key=phonetic_key(last),
                ethnicity="WBRI",
            )
        )
        if n % 997 == 0 and len(sample) < args.queries:
            sample.append((first, last, born))
        if len(batch) == 50_000:
            _insert(Person, batch)
            batch = []
    _insert(Person, batch)
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")
else:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print(f"wrote {args.people:,} people in {time.perf_counter() - began:.1f}s")


def misspell(name: str) -> str:
    choice = rng.randrange(4)
    if choice == 0 and len(name) > 3:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1 :]  # dropped letter
    if choice == 1:
        i = rng.randrange(1, len(name))
        return name[:i] + name[i] + name[i:]  # doubled letter
    if choice == 2:
        return name.replace("y", "i").replace("ph", "f").replace("th", "t")  # sound-alike spelling
    return name


timings = []
found = 0
for first, last, born in sample:
    criteria = SearchCriteria(name=f"{misspell(first)} {misspell(last)}", date_of_birth=born)
    began = time.perf_counter()
    results = person_search(criteria)
    timings.append((time.perf_counter() - began) * 1000)
    found += any(r.person.first_name == first and r.person.last_name == last for r in results)
timings.sort()
p50 = statistics.median(timings)
p95 = timings[int(len(timings) * 0.95) - 1]
print(f"queries: {len(timings)} (fuzzy name + date of birth)")
print(f"found the intended person: {found}/{len(timings)}")
print(f"p50: {p50:.1f} ms   p95: {p95:.1f} ms   max: {timings[-1]:.1f} ms (target p95 < 50 ms)")
