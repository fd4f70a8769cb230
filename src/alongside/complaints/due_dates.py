"""The complaints procedure's timescales, in English working days, from the operating model.

Regulations 2006: stage 1 is answered within 10 working days of receipt (up to 20 when extended),
stage 2 within 25 (up to 65); a stage 3 review panel meets within 30 working days of the request,
sends its findings within 5 working days of meeting, and the council responds within 15 working days
of the findings. After any response the complainant has 20 working days to ask for the next stage.
Every number here is read from `operating_model().complaints`."""

from dataclasses import dataclass
from datetime import date

from alongside.lib.working_days import WorkingDayCalendar, calendar_for
from alongside.practice_model.config import operating_model

LAST_STAGE = 3


def calendar_around(day: date) -> WorkingDayCalendar:
    # The longest timescale (65 working days) is about three months; a year either side covers it.
    return calendar_for(day.year - 1, day.year + 1)


def stage_due(number: int, started_on: date) -> date:
    """The statutory date for the stage's response (for stage 3: the panel)."""
    days = operating_model().complaints.stage(number).respond_working_days
    return calendar_around(started_on).add(started_on, days)


def latest_extension(number: int, started_on: date) -> date | None:
    """The latest date a stage may be extended to, or None when it cannot be extended."""
    days = operating_model().complaints.stage(number).extended_working_days
    return None if days is None else calendar_around(started_on).add(started_on, days)


def panel_findings_due(panel_held_on: date) -> date:
    return calendar_around(panel_held_on).add(panel_held_on, operating_model().complaints.panel_findings_working_days)


def council_response_due(findings_on: date) -> date:
    return calendar_around(findings_on).add(findings_on, operating_model().complaints.council_response_working_days)


def next_stage_ask_by(responded_on: date) -> date:
    """The last day the complainant can ask for the next stage without a reason for being late."""
    days = operating_model().complaints.next_stage_request_working_days
    return calendar_around(responded_on).add(responded_on, days)


@dataclass(frozen=True)
class WhatIsDue:
    what: str
    due_on: date


def what_is_due(stage) -> WhatIsDue | None:
    """What an unanswered stage is waiting for, and by when. Stage 3 moves through three steps
    (panel, findings, council response), each with its own timescale from the step before."""
    if stage.responded_on is not None:
        return None
    if stage.number == LAST_STAGE:
        if stage.panel_held_on is None:
            return WhatIsDue("Review panel", stage.due_in_force)
        if stage.findings_on is None:
            return WhatIsDue("Panel findings", panel_findings_due(stage.panel_held_on))
        return WhatIsDue("Council's response", council_response_due(stage.findings_on))
    return WhatIsDue("Response", stage.due_in_force)


def working_days_left(due_on: date, on: date) -> int:
    """Working days from `on` to `due_on`: 0 on the day, negative once overdue."""
    calendar = calendar_for(min(due_on, on).year - 1, max(due_on, on).year + 1)
    if due_on >= on:
        return calendar.between(on, due_on)
    return -calendar.between(due_on, on)
