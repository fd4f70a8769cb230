"""One engine for every due date: a rule from the operating model (count and unit) applied to the
day its clock started, on the English working-day calendar (the `holidays` package, England) or in
calendar days, weeks or months as the rule says."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from alongside.lib.working_days import calendar_for
from alongside.practice_model.config import TimescaleRule


def due_on(rule: TimescaleRule, start: date) -> date:
    """The day the thing is due. Day 0 is the start event and is never counted. Months clamp to the
    month's end (30 November + 3 months = 28 February). A calendar-based limit that lands on a
    weekend or bank holiday moves back to the working day before it, since "not more than" is a
    latest date (shared/reference/timescales.md, section 2)."""
    calendar = calendar_for(start.year, start.year + 2)  # covers the longest rule the schema allows
    if rule.unit == "working_days":
        return calendar.add(start, rule.amount)
    if rule.unit == "days":
        due = start + timedelta(days=rule.amount)
    elif rule.unit == "weeks":
        due = start + timedelta(weeks=rule.amount)
    elif rule.unit == "months":
        due = start + relativedelta(months=rule.amount)
    else:
        raise ValueError(f"unknown unit {rule.unit!r}")
    # Never back past the start itself (only a limit of a day or two over a long weekend could).
    while due > start and not calendar.is_working_day(due):
        due -= timedelta(days=1)
    return due
