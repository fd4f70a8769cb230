"""English working days: not Saturday, Sunday or a bank holiday in England and Wales.

Uses the `holidays` package (GB, subdivision ENG), which includes Good Friday, Christmas Day,
substitute days and one-off proclaimed days. Day 0 is the start event and is never counted.
"""

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays


class WorkingDayCalendar:
    """Precomputed working days over a span of years, for fast arithmetic in bulk (the generator,
    reports). Outside the span it raises rather than guess."""

    def __init__(self, first_year: int, last_year: int):
        bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        day = date(first_year, 1, 1)
        end = date(last_year, 12, 31)
        ordinals = []
        while day <= end:
            if day.weekday() < 5 and day not in bank_holidays:
                ordinals.append(day.toordinal())
            day += timedelta(days=1)
        self._ordinals = ordinals
        self.first_year = first_year
        self.last_year = last_year

    def _check(self, day: date) -> None:
        if not (self.first_year <= day.year <= self.last_year):
            raise ValueError(f"{day} is outside the calendar {self.first_year}-{self.last_year}")

    def add(self, start: date, working_days: int) -> date:
        """The Nth working day after `start` (day 0). With 0, `start` or the next working day."""
        self._check(start)
        index = (
            bisect_right(self._ordinals, start.toordinal())
            if working_days > 0
            else bisect_left(self._ordinals, start.toordinal())
        )
        index += max(working_days - 1, 0)
        if index >= len(self._ordinals):
            raise ValueError(f"{working_days} working days after {start} is past the calendar")
        return date.fromordinal(self._ordinals[index])

    def between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the elapsed working days for reporting."""
        self._check(start)
        self._check(end)
        return bisect_right(self._ordinals, end.toordinal()) - bisect_right(self._ordinals, start.toordinal())

    def is_working_day(self, day: date) -> bool:
        self._check(day)
        index = bisect_left(self._ordinals, day.toordinal())
        return index < len(self._ordinals) and self._ordinals[index] == day.toordinal()


@lru_cache(maxsize=4)
def calendar_for(first_year: int, last_year: int) -> WorkingDayCalendar:
    return WorkingDayCalendar(first_year, last_year)
