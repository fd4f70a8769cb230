from datetime import date

import pytest

from alongside.lib.working_days import calendar_for


@pytest.fixture
def calendar():
    return calendar_for(2020, 2028)


# The worked examples in shared/reference/timescales.md, section 2.
def test_referral_on_christmas_eve_decision_due_after_boxing_day_substitute(calendar):
    assert calendar.add(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_strategy_discussion_18_december_icpc_due_13_january(calendar):
    assert calendar.add(date(2026, 12, 18), 15) == date(2027, 1, 13)


def test_referral_23_november_assessment_due_28_january(calendar):
    assert calendar.add(date(2026, 11, 23), 45) == date(2027, 1, 28)


def test_one_working_day_from_saturday_is_monday(calendar):
    assert calendar.add(date(2026, 11, 21), 1) == date(2026, 11, 23)


def test_between_counts_working_days_after_start_up_to_end(calendar):
    assert calendar.between(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert calendar.between(date(2026, 11, 23), date(2026, 11, 23)) == 0


def test_good_friday_is_not_a_working_day(calendar):
    assert not calendar.is_working_day(date(2026, 4, 3))
    assert calendar.is_working_day(date(2026, 12, 24))


def test_dates_outside_the_calendar_are_refused(calendar):
    with pytest.raises(ValueError):
        calendar.add(date(2019, 5, 1), 3)
