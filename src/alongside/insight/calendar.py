"""The snapshot's month table: the months figures are reported by, with the dates the SQL needs.

DuckDB and Spark SQL disagree on date arithmetic (datediff, add_months), so the dates a metric
compares against (a month's last day, the start of the 12 months to it) are written here once, in
Python, and the SQL only compares dates."""

from datetime import date

from dateutil.relativedelta import relativedelta

from alongside.lib.working_days import calendar_for


def month_rows(first_month: date, last_month: date, go_live: date | None) -> list[dict]:
    """One row per month from first_month to last_month (each the first day of a month)."""
    calendar = calendar_for(first_month.year - 1, last_month.year + 1)
    go_live_month = go_live.replace(day=1) if go_live else None
    rows = []
    month = first_month.replace(day=1)
    while month <= last_month:
        end = month + relativedelta(months=1) - relativedelta(days=1)
        rows.append(
            {
                "month_start": month,
                "month_end": end,
                "year_before_start": end - relativedelta(years=1) + relativedelta(days=1),
                "working_days": calendar.between(month - relativedelta(days=1), end),
                "after_go_live": bool(go_live_month and month >= go_live_month),
            }
        )
        month += relativedelta(months=1)
    return rows
