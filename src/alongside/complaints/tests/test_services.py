"""Recording complaints and moving them through the stages: each refusal leaves the record unchanged
and adds no audit entry; nothing recorded is ever overwritten."""

from datetime import date

import pytest

from alongside.access.models import AuditEntry, AuditEvent
from alongside.complaints import services
from alongside.complaints.models import Complaint, ComplaintStatus, Compliment, Learning, Outcome, ReplyBy, Stage
from alongside.complaints.tests.conftest import complaint_input
from alongside.lib.errors import ApplicationError, FormProblems


def _audit(event):
    return list(AuditEntry.objects.filter(event=event).values_list("person_id", "detail"))


def test_a_complaint_starts_at_stage_1_due_in_10_working_days_and_is_audited(world, make_complaint):
    complaint = make_complaint()  # received Monday 2 March 2026
    stage = complaint.stages.get()
    assert (complaint.stage, complaint.status) == (1, ComplaintStatus.OPEN)
    assert (stage.number, stage.started_on, stage.due_on) == (1, date(2026, 3, 2), date(2026, 3, 16))
    # The pod concerned is the child's pod on the day (Amy is allocated in the Oakfield pod).
    assert complaint.pod == world.worker.pod
    assert _audit(AuditEvent.COMPLAINT_RECORDED) == [
        (world.child.id, {"complaint": complaint.id, "how_received": "phone"})
    ]


def test_over_christmas_the_reply_is_due_on_6_january(world, make_complaint, today):
    today(date(2027, 1, 10))
    complaint = make_complaint(received_on=date(2026, 12, 18))
    assert complaint.stages.get().due_on == date(2027, 1, 6)


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"reply_by": ""}, {"reply_by": services.NO_CONTACT}),
        ({"reply_by": ReplyBy.EMAIL, "reply_email": ""}, {"reply_email": services.EMAIL_WRONG}),
        ({"reply_by": ReplyBy.EMAIL, "reply_email": "tabetha at home"}, {"reply_email": services.EMAIL_WRONG}),
        ({"reply_by": ReplyBy.PHONE, "reply_phone": "0163"}, {"reply_phone": services.PHONE_WRONG}),
        ({"reply_by": ReplyBy.POST, "reply_address": "  "}, {"reply_address": services.ADDRESS_NEEDED}),
        ({"reply_by": ReplyBy.PORTAL, "made_by": None}, {"reply_by": services.NO_PORTAL}),
    ],
)
def test_a_complaint_with_no_way_to_reply_is_refused_and_nothing_is_saved(world, changes, problems):
    with pytest.raises(FormProblems) as refused:
        services.complaint_record(actor=world.quality_lead.user, data=complaint_input(world, **changes))
    assert refused.value.problems == problems
    assert not Complaint.objects.exists() and not Stage.objects.exists()
    assert not AuditEntry.objects.filter(event=AuditEvent.COMPLAINT_RECORDED).exists()


def test_the_database_also_refuses_a_complaint_without_a_way_to_reply(world, make_complaint):
    from django.db import IntegrityError, transaction

    complaint = make_complaint(reply_by=ReplyBy.EMAIL, reply_email="tabetha@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(reply_email="")


def test_every_problem_is_reported_at_once(world):
    with pytest.raises(FormProblems) as refused:
        services.complaint_record(
            actor=world.quality_lead.user,
            data=complaint_input(
                world,
                received_on=date(2999, 1, 1),
                how_received="",
                made_by_name=" ",
                child=None,
                about="",
                reply_by="",
            ),
        )
    assert set(refused.value.problems) == {
        "received_on",
        "how_received",
        "made_by_name",
        "child",
        "about",
        "reply_by",
    }


def test_an_extension_needs_a_reason_keeps_the_original_date_and_respects_the_maximum(world, make_complaint):
    complaint = make_complaint()
    stage = complaint.stages.get()
    with pytest.raises(FormProblems) as refused:
        services.complaint_extend(actor=world.quality_lead.user, complaint=complaint, extended_to=None, reason="")
    assert set(refused.value.problems) == {"extended_to", "reason"}
    # Stage 1 may go to 20 working days after 2 March 2026: 30 March. 31 March is one too many.
    with pytest.raises(FormProblems) as refused:
        services.complaint_extend(
            actor=world.quality_lead.user, complaint=complaint, extended_to=date(2026, 3, 31), reason="Complex"
        )
    assert refused.value.problems == {
        "extended_to": "Enter a new due date after 16 March 2026 and no later than 30 March 2026"
    }
    stage.refresh_from_db()
    assert stage.extended_to is None and not _audit(AuditEvent.COMPLAINT_CHANGED)

    services.complaint_extend(
        actor=world.quality_lead.user,
        complaint=complaint,
        extended_to=date(2026, 3, 30),
        reason="An advocate is being arranged for Amy",
    )
    stage.refresh_from_db()
    assert (stage.due_on, stage.extended_to) == (date(2026, 3, 16), date(2026, 3, 30))
    assert stage.extension_reason == "An advocate is being arranged for Amy"
    with pytest.raises(ApplicationError, match=services.EXTENDED_ALREADY):
        services.complaint_extend(
            actor=world.quality_lead.user, complaint=complaint, extended_to=date(2026, 3, 27), reason="Again"
        )
    stage.refresh_from_db()
    assert stage.extended_to == date(2026, 3, 30)


def _respond(world, complaint, on=date(2026, 3, 13), outcome=Outcome.PARTLY_UPHELD, **kwargs):
    return services.complaint_respond(
        actor=world.quality_lead.user,
        complaint=complaint,
        responded_on=on,
        outcome=outcome,
        summary=kwargs.pop("summary", "We are sorry nobody called back. Your worker will call every Friday."),
        **kwargs,
    )


def test_a_response_is_final_once_recorded(world, make_complaint):
    complaint = make_complaint()
    _respond(world, complaint, learning="Duty workers return calls within one working day")
    with pytest.raises(ApplicationError, match="answered already"):
        _respond(world, complaint, outcome=Outcome.UPHELD, summary="Changed our mind")
    stage = complaint.stages.get()
    complaint.refresh_from_db()
    assert (stage.outcome, stage.responded_on) == (Outcome.PARTLY_UPHELD, date(2026, 3, 13))
    assert complaint.status == ComplaintStatus.CLOSED
    assert list(Learning.objects.values_list("what_will_change", flat=True)) == [
        "Duty workers return calls within one working day"
    ]


def test_a_response_needs_a_date_an_outcome_and_a_summary(world, make_complaint):
    complaint = make_complaint()
    with pytest.raises(FormProblems) as refused:
        _respond(world, complaint, on=date(2026, 2, 27), outcome="", summary=" ")
    assert set(refused.value.problems) == {"responded_on", "outcome", "summary"}
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OPEN and complaint.stages.get().responded_on is None


def test_asking_for_stage_2_within_20_working_days_needs_no_reason(world, make_complaint):
    complaint = make_complaint()
    _respond(world, complaint)  # Friday 13 March 2026: with Easter, they may ask until 14 April
    stage = services.complaint_escalate(
        actor=world.quality_lead.user,
        complaint=complaint,
        requested_on=date(2026, 4, 14),  # the last day
        asked_for="Still no calls",
    )
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.status) == (2, ComplaintStatus.OPEN)
    assert (stage.number, stage.started_on, stage.due_on, stage.late_reason) == (
        2,
        date(2026, 4, 14),
        date(2026, 5, 20),  # 25 working days, over the early May bank holiday
        "",
    )


def test_a_late_request_for_the_next_stage_needs_a_reason(world, make_complaint):
    complaint = make_complaint()
    _respond(world, complaint)
    with pytest.raises(FormProblems) as refused:
        services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 4, 15))
    assert refused.value.problems == {
        "late_reason": "They asked after 14 April 2026, more than 20 working days after the response. "
        "Say why it is accepted"
    }
    complaint.refresh_from_db()
    assert complaint.stage == 1 and complaint.stages.count() == 1

    stage = services.complaint_escalate(
        actor=world.quality_lead.user,
        complaint=complaint,
        requested_on=date(2026, 4, 15),
        late_reason="Mrs Pond was in hospital until 10 April",
    )
    assert stage.late_reason == "Mrs Pond was in hospital until 10 April"


def test_stage_2_cannot_be_asked_for_before_the_response_nor_after_stage_3(world, make_complaint):
    complaint = make_complaint()
    with pytest.raises(ApplicationError, match="not answered yet"):
        services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 3, 5))
    _respond(world, complaint)
    services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 3, 16))
    _respond(world, complaint, on=date(2026, 4, 17), outcome=Outcome.NOT_UPHELD)
    services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 4, 20))
    with pytest.raises(FormProblems, match="panel"):
        _respond(world, complaint, on=date(2026, 5, 1))  # the council cannot answer before the panel
    services.complaint_panel_record(
        actor=world.quality_lead.user,
        complaint=complaint,
        panel_held_on=date(2026, 5, 20),
        findings_on=date(2026, 5, 26),
    )
    _respond(world, complaint, on=date(2026, 6, 9), outcome=Outcome.NOT_UPHELD)
    with pytest.raises(ApplicationError, match="last step"):
        services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 6, 10))
    assert list(complaint.stages.values_list("number", "outcome")) == [
        (1, "partly_upheld"),
        (2, "not_upheld"),
        (3, "not_upheld"),
    ]


def test_stage_3_cannot_be_extended(world, make_complaint):
    complaint = make_complaint()
    _respond(world, complaint)
    services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 3, 16))
    _respond(world, complaint, on=date(2026, 4, 17))
    services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 4, 20))
    with pytest.raises(ApplicationError, match="Stage 3 cannot be extended"):
        services.complaint_extend(
            actor=world.quality_lead.user, complaint=complaint, extended_to=date(2026, 6, 1), reason="Busy"
        )


def test_a_withdrawn_complaint_cannot_go_to_the_next_stage(world, make_complaint):
    complaint = make_complaint()
    _respond(world, complaint, outcome=Outcome.WITHDRAWN, summary="Mrs Pond withdrew it after the meeting")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.WITHDRAWN
    with pytest.raises(ApplicationError, match="withdrawn"):
        services.complaint_escalate(actor=world.quality_lead.user, complaint=complaint, requested_on=date(2026, 3, 16))


def test_learning_is_added_never_edited_and_only_after_a_response(world, make_complaint):
    complaint = make_complaint()
    with pytest.raises(ApplicationError, match="once a stage has been answered"):
        services.complaint_learning_add(actor=world.quality_lead.user, complaint=complaint, what_will_change="x")
    _respond(world, complaint)
    services.complaint_learning_add(actor=world.quality_lead.user, complaint=complaint, what_will_change="First")
    services.complaint_learning_add(actor=world.quality_lead.user, complaint=complaint, what_will_change="Second")
    assert list(complaint.learning.values_list("what_will_change", "stage__number")) == [("First", 1), ("Second", 1)]
    changes = [detail["change"] for _person, detail in _audit(AuditEvent.COMPLAINT_CHANGED)]
    assert changes == ["responded", "learning", "learning"]


def test_a_compliment_takes_the_pod_of_the_worker_it_names(world):
    compliment = services.compliment_record(
        actor=world.quality_lead.user,
        data=services.ComplimentInput(
            received_on=date(2026, 3, 2),
            how_received="letter",
            from_name="Amy's nan",
            from_relationship="relative",
            staff=world.worker,
            words="Rory listened to Amy and to us.",
        ),
    )
    assert compliment.pod == world.worker.pod
    assert _audit(AuditEvent.COMPLAINT_RECORDED) == [(None, {"compliment": compliment.id, "how_received": "letter"})]


def test_a_compliment_without_words_is_refused(world):
    with pytest.raises(FormProblems) as refused:
        services.compliment_record(
            actor=world.quality_lead.user,
            data=services.ComplimentInput(received_on=date(2026, 3, 2), how_received="letter", from_name="A", words=""),
        )
    assert refused.value.problems == {"words": services.WORDS_NEEDED}
    assert not Compliment.objects.exists()
