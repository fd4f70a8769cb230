"""The procedure's timescales on the English working-day calendar. Expected dates were worked out by
hand from the English bank holidays; the counts are checked again with the calendar itself."""

from datetime import date

from alongside.complaints import due_dates
from alongside.lib.working_days import calendar_for
from alongside.practice_model.config import operating_model

# Friday 18 December 2026. Not working days: Christmas Day (Fri 25), Boxing Day (Sat 26, so the
# holiday moves to Mon 28 December), New Year's Day (Fri 1 January 2027), and the weekends.
RECEIVED = date(2026, 12, 18)
# 21, 22, 23, 24, 29, 30, 31 December and 4, 5, 6 January: the tenth working day.
STAGE_1_DUE = date(2027, 1, 6)
# Then 7, 8, 11-15, 18, 19, 20 January: the twentieth.
STAGE_1_LATEST = date(2027, 1, 20)


def test_stage_1_over_christmas_is_due_on_the_tenth_english_working_day():
    assert due_dates.stage_due(1, RECEIVED) == STAGE_1_DUE
    calendar = calendar_for(2026, 2027)
    assert calendar.between(RECEIVED, STAGE_1_DUE) == operating_model().complaints.stage(1).respond_working_days
    # Counting calendar days instead would give 28 December, a bank holiday.
    assert not calendar.is_working_day(date(2026, 12, 28))


def test_stage_1_can_be_extended_to_the_twentieth_working_day_and_stage_3_not_at_all():
    assert due_dates.latest_extension(1, RECEIVED) == STAGE_1_LATEST
    assert calendar_for(2026, 2027).between(RECEIVED, STAGE_1_LATEST) == 20
    assert due_dates.latest_extension(3, RECEIVED) is None


def test_stage_2_and_the_window_to_ask_count_from_their_own_start():
    # Stage 2 asked for on Monday 4 January 2027: 25 working days, no holidays in the way.
    assert due_dates.stage_due(2, date(2027, 1, 4)) == date(2027, 2, 8)
    # A response on 6 January 2027: the complainant can ask for the next stage until 3 February.
    assert due_dates.next_stage_ask_by(STAGE_1_DUE) == date(2027, 2, 3)


def test_stage_3_moves_from_panel_to_findings_to_the_councils_response():
    from alongside.complaints.models import Stage

    stage = Stage(number=3, started_on=date(2027, 1, 4), due_on=due_dates.stage_due(3, date(2027, 1, 4)))
    assert due_dates.what_is_due(stage) == due_dates.WhatIsDue("Review panel", date(2027, 2, 15))
    stage.panel_held_on = date(2027, 2, 10)  # a Wednesday: findings 5 working days later
    assert due_dates.what_is_due(stage) == due_dates.WhatIsDue("Panel findings", date(2027, 2, 17))
    stage.findings_on = date(2027, 2, 17)  # the council's response 15 working days after the findings
    assert due_dates.what_is_due(stage) == due_dates.WhatIsDue("Council's response", date(2027, 3, 10))


def test_working_days_left_is_zero_on_the_day_and_negative_when_overdue():
    assert due_dates.working_days_left(STAGE_1_DUE, date(2027, 1, 4)) == 2
    assert due_dates.working_days_left(STAGE_1_DUE, STAGE_1_DUE) == 0
    assert due_dates.working_days_left(STAGE_1_DUE, date(2027, 1, 8)) == -2
    assert due_dates.working_days_left(STAGE_1_DUE, date(2027, 1, 10)) == -2  # a Sunday adds nothing
