"""Time spent in the synthetic LA's story: every practice entry staff write records it, in a range
that suits its kind, and the share spent with families moves from about 30% before the practice
model's go-live to about 45% after (demo/generator/story.py works the mix through)."""

from datetime import date, timedelta

import pytest

from alongside.demo.generator import Generator
from alongside.demo.generator.handovers import write_handovers
from alongside.demo.sizes import SIZES
from alongside.story.models import DIRECT_KINDS, TIMED_KINDS

AS_OF = date(2026, 11, 23)
RANGES = {
    "home_visit": (45, 90),
    "direct_work": (30, 60),
    "contact": (5, 20),
    "meeting": (60, 120),
    "case_note": (10, 150),  # a quick note, or an afternoon writing a report
    "management_oversight": (10, 20),
}


@pytest.fixture(scope="module")
def small():
    """The small LA as seeding makes it, with the handovers' joint visits (home visits in the story)."""
    generator = Generator(SIZES["small"], 11, AS_OF)
    generator.run()
    write_handovers(generator)
    return generator


def direct_share(generator, period: str) -> float:
    direct = total = 0
    for entry in generator.rows["story"]:
        if entry.minutes is not None and generator.period(entry.occurred_at.date()) == period:
            total += entry.minutes
            direct += entry.minutes if entry.kind in DIRECT_KINDS else 0
    return direct / total


def test_every_practice_entry_records_its_time_in_a_range_for_its_kind(small):
    staff = {s.id for s in small.rows["staff"]}
    since = small.story_since()
    timed = [e for e in small.rows["story"] if e.kind in TIMED_KINDS and e.occurred_at.date() >= since]
    assert {e.kind for e in timed} == set(RANGES)
    for entry in timed:
        low, high = RANGES[entry.kind]
        assert entry.author_id in staff
        assert low <= entry.minutes <= high and entry.minutes % 5 == 0, (entry.kind, entry.minutes)
    assert all(e.minutes is None for e in small.rows["story"] if e.kind not in TIMED_KINDS)


def test_the_share_of_time_with_families_is_about_30_before_go_live_and_45_after(small):
    before, after = direct_share(small, "before"), direct_share(small, "after")
    assert 0.27 <= before <= 0.33, before
    assert 0.42 <= after <= 0.48, after
    assert after - before >= 0.10


def test_time_is_recorded_only_where_the_story_is_whole(small):
    """A handover's joint visit before the story starts has no time, or its month would read 100%."""
    since = small.story_since()
    joint_visits = [e for e in small.rows["story"] if e.summary.startswith("Joint visit")]
    assert any(e.occurred_at.date() < since for e in joint_visits)
    assert all(e.minutes is None for e in small.rows["story"] if e.occurred_at.date() < since)
    assert all(e.minutes for e in joint_visits if e.occurred_at.date() >= since)


def test_the_story_reaches_back_before_go_live_on_the_small_la_and_not_on_the_large(small):
    # Small: go-live 1.5 years back (25 May 2025), so the story starts in the month six months earlier.
    assert small.go_live == date(2025, 5, 25) and small.story_since() == date(2024, 11, 1)
    first = min(e.occurred_at.date() for e in small.rows["story"])
    assert first < small.go_live - timedelta(days=150)
    # Large: go-live four years back would mean four and a half years of story; it keeps the last year.
    large = Generator(SIZES["large"], 1, AS_OF)
    assert large.story_since() == date(2025, 11, 1) > large.go_live


def test_management_oversight_is_written_by_the_pods_manager_in_post(small):
    staff = {s.id: s for s in small.rows["staff"]}
    children = {}
    for about in small.rows["story_about"]:
        children.setdefault(about.storyentry_id, []).append(about.person_id)
    oversight = [e for e in small.rows["story"] if e.kind == "management_oversight"]
    assert oversight
    for entry in oversight:
        manager = staff[entry.author_id]
        day = entry.occurred_at.date()
        assert manager.role == "team_manager"
        assert manager.started_on <= day and (manager.left_on is None or manager.left_on > day)
        pods = {
            a.pod_id
            for a in small.rows["allocations"]
            if a.child_id in children[entry.id] and a.started_on <= day <= (a.ended_on or AS_OF)
        }
        assert manager.pod_id in pods
