"""The due-date engine on the English working-day calendar, with the worked examples from
shared/reference/timescales.md and properties checked by Hypothesis around weekends, bank holidays
and year ends."""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.lib.working_days import calendar_for
from alongside.practice_model.config import TIMESCALE_DONE_BY, TIMESCALE_STARTS, TimescaleRule
from alongside.timescales.due import LINKS, STARTS
from alongside.timescales.engine import due_on

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2024, 2032))


def rule(unit: str, amount: int) -> TimescaleRule:
    return TimescaleRule("x", "x", "referral", unit, amount, "assessment_authorised", "test")


@pytest.mark.parametrize(
    "unit,amount,start,due",
    [
        # Christmas 2026: the 25th, a weekend and Boxing Day's substitute on the 28th are not counted.
        ("working_days", 1, date(2026, 12, 24), date(2026, 12, 29)),
        ("working_days", 15, date(2026, 12, 18), date(2027, 1, 13)),
        ("working_days", 45, date(2026, 11, 23), date(2027, 1, 28)),
        # A referral on a Saturday: one working day later is the Monday.
        ("working_days", 1, date(2026, 11, 21), date(2026, 11, 23)),
        # 30 November + 3 months clamps to 28 February 2027, a Sunday: due the Friday before.
        ("months", 3, date(2026, 11, 30), date(2027, 2, 26)),
        ("months", 6, date(2026, 3, 3), date(2026, 9, 3)),
        ("weeks", 6, date(2026, 11, 2), date(2026, 12, 14)),
        # Six weeks from 13 November 2026 is Christmas Day: the last working day before is the 24th.
        ("weeks", 6, date(2026, 11, 13), date(2026, 12, 24)),
    ],
)
def test_worked_examples(unit, amount, start, due):
    assert due_on(rule(unit, amount), start) == due


def test_every_event_the_config_may_name_is_implemented():
    assert set(STARTS) == set(TIMESCALE_STARTS)
    assert set(LINKS) == set(TIMESCALE_DONE_BY)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in ENGLAND


days = st.dates(min_value=date(2024, 11, 1), max_value=date(2029, 2, 28))


@given(start=days, amount=st.integers(min_value=1, max_value=60))
def test_working_days_land_on_a_working_day_exactly_n_working_days_on(start, amount):
    due = due_on(rule("working_days", amount), start)
    assert is_working_day(due)
    counted = sum(1 for n in range(1, (due - start).days + 1) if is_working_day(start + timedelta(days=n)))
    assert counted == amount
    assert calendar_for(start.year, due.year).between(start, due) == amount


@given(start=days, amount=st.integers(min_value=1, max_value=59))
def test_one_more_working_day_is_never_earlier(start, amount):
    assert due_on(rule("working_days", amount + 1), start) > due_on(rule("working_days", amount), start)


@given(start=days, unit=st.sampled_from(["days", "weeks", "months"]), amount=st.integers(min_value=1, max_value=12))
def test_a_calendar_limit_is_the_last_working_day_on_or_before_it(start, unit, amount):
    due = due_on(rule(unit, amount), start)
    assert is_working_day(due) or due == start  # a day's limit over a long weekend can only be day 0
    assert due >= start
    limit = {"days": start + timedelta(days=amount), "weeks": start + timedelta(weeks=amount)}.get(unit)
    if limit is not None:
        assert due <= limit and all(
            not is_working_day(due + timedelta(days=n)) for n in range(1, (limit - due).days + 1)
        )
