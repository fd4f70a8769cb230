"""The log's figures: the counts the impact dashboard reads, the on-time share, what is open and due."""

from datetime import date

from alongside.complaints import selectors, services
from alongside.complaints.models import Outcome, ReplyBy


def _compliment(world, received_on, staff=None):
    return services.compliment_record(
        actor=world.quality_lead.user,
        data=services.ComplimentInput(
            received_on=received_on, how_received="email", from_name="A parent", words="Thank you", staff=staff
        ),
    )


def _respond(world, complaint, on):
    services.complaint_respond(
        actor=world.quality_lead.user, complaint=complaint, responded_on=on, outcome=Outcome.UPHELD, summary="Sorry"
    )


def test_counts_by_month_and_pod_include_empty_months_and_only_the_range(world, make_complaint):
    make_complaint(received_on=date(2025, 12, 31))  # before the range
    make_complaint(received_on=date(2026, 1, 5))
    make_complaint(received_on=date(2026, 3, 2))
    make_complaint(
        received_on=date(2026, 3, 31),
        child=world.other_child,
        made_by=None,
        reply_by=ReplyBy.PHONE,
        reply_phone="01632 960 001",
    )
    _compliment(world, date(2026, 2, 10), staff=world.worker)
    _compliment(world, date(2026, 3, 10))

    complaints = selectors.complaint_counts(date(2026, 1, 1), date(2026, 3, 31))
    assert complaints.total == 3
    assert complaints.by_month == {date(2026, 1, 1): 1, date(2026, 2, 1): 0, date(2026, 3, 1): 2}
    assert complaints.by_pod == {"Oakfield pod": 2, "Harbour pod": 1}
    assert complaints.reached_stage == {1: 3, 2: 0, 3: 0}
    compliments = selectors.compliment_counts(date(2026, 1, 1), date(2026, 3, 31))
    assert compliments.total == 2
    assert compliments.by_month == {date(2026, 1, 1): 0, date(2026, 2, 1): 1, date(2026, 3, 1): 1}
    assert compliments.by_pod == {"Oakfield pod": 1, selectors.NO_POD: 1}


def test_counts_of_stages_reached(world, make_complaint):
    complaint = make_complaint()
    _respond(world, complaint, date(2026, 3, 13))
    services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 3, 20))
    make_complaint()
    assert selectors.complaint_counts(date(2026, 3, 1), date(2026, 3, 31)).reached_stage == {1: 2, 2: 1, 3: 0}


def test_stage_1_on_time_counts_an_agreed_extension_but_not_a_late_reply(world, make_complaint):
    on_time = make_complaint()  # due 16 March 2026
    _respond(world, on_time, date(2026, 3, 16))
    extended = make_complaint()
    services.complaint_extend(
        actor=world.quality_lead.user, complaint=extended, extended_to=date(2026, 3, 30), reason="Complex"
    )
    _respond(world, extended, date(2026, 3, 27))
    late = make_complaint()
    _respond(world, late, date(2026, 3, 17))
    make_complaint()  # not answered: not counted either way
    result = selectors.responses_on_time(date(2026, 3, 1), date(2026, 3, 31), stage=1)
    assert (result.answered, result.on_time) == (3, 2)
    assert selectors.responses_on_time(date(2026, 4, 1), date(2026, 4, 30)).share is None


def test_open_complaints_show_the_working_days_left_or_overdue(world, make_complaint, today):
    today(date(2026, 3, 18))  # a Wednesday
    overdue = make_complaint()  # due Monday 16 March
    soon = make_complaint(received_on=date(2026, 3, 16))  # due Monday 30 March
    answered = make_complaint()
    _respond(world, answered, date(2026, 3, 13))
    rows = selectors.open_complaints(date(2026, 3, 18))
    assert [(r.complaint, r.due_on, r.working_days_left, r.overdue) for r in rows] == [
        (overdue, date(2026, 3, 16), -2, True),
        (soon, date(2026, 3, 30), 8, False),
    ]


def test_a_family_member_sees_only_the_complaints_they_made(world, make_complaint):
    mine = make_complaint()
    make_complaint(
        made_by=None,
        made_by_name="Amy's nan",
        made_by_relationship="relative",
        reply_by=ReplyBy.POST,
        reply_address="1 High Street",
    )
    rows = selectors.family_complaints(world.parent)
    assert [row.complaint for row in rows] == [mine]
    assert (rows[0].reply_due, rows[0].ask_by) == (date(2026, 3, 16), None)
    _respond(world, mine, date(2026, 3, 13))
    row = selectors.family_complaints(world.parent)[0]
    assert (row.reply_due, row.ask_by) == (None, date(2026, 4, 14))
    assert selectors.family_complaints(world.young_person) == []
