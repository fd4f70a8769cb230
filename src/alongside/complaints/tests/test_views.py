"""The complaints officer's pages and the family's pages, through their URLs: who may open them, what
a good form records, and that a bad one shows the problem and changes nothing."""

from datetime import date

import pytest
from django.utils import timezone

from alongside.access.models import AuditEntry, AuditEvent
from alongside.complaints import due_dates, services
from alongside.complaints.models import Complaint, ComplaintStatus, Compliment, Outcome, Stage


@pytest.fixture
def as_user(client):
    def sign_in(staff_or_person):
        client.force_login(staff_or_person.user)
        return client

    return sign_in


def _date(prefix: str, day: date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


# The complaints officer's pages.


@pytest.mark.parametrize("who", ["worker", "manager", "data_officer", "parent", "partner"])
def test_only_complaints_officers_open_the_log(world, as_user, who):
    assert as_user(getattr(world, who)).get("/complaints/").status_code == 404


@pytest.mark.parametrize("who", ["quality_lead", "head_of_service"])
def test_the_log_shows_open_complaints_with_an_overdue_tag(world, as_user, make_complaint, who):
    make_complaint()  # received 2 March 2026, due 16 March 2026: long overdue
    page = as_user(getattr(world, who)).get("/complaints/").content.decode()
    assert "Amy Pond" in page and "16 Mar 2026" in page
    assert 'govuk-tag--red">Overdue by' in page


def test_recording_a_complaint_received_by_phone(world, as_user):
    response = as_user(world.quality_lead).post(
        "/complaints/new/",
        {
            **_date("received_on", date(2026, 3, 2)),
            "how_received": "phone",
            "made_by_name": "Amy's nan",
            "made_by_relationship": "relative",
            "child": "t900001",
            "about": "Nobody told us about the meeting",
            "reply_by": "phone",
            "reply_phone": "01632 960 001",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/complaints/{complaint.id}/"
    assert (complaint.child, complaint.reply_phone, complaint.recorded_by) == (
        world.child,
        "01632 960 001",
        world.quality_lead.user,
    )


def test_a_complaint_with_no_way_to_reply_shows_the_problem_and_saves_nothing(world, as_user):
    response = as_user(world.quality_lead).post(
        "/complaints/new/",
        {
            **_date("received_on", date(2026, 3, 2)),
            "how_received": "letter",
            "made_by_name": "Amy's nan",
            "made_by_relationship": "relative",
            "child": "T900001",
            "about": "Nobody told us about the meeting",
            "reply_by": "email",
            "reply_email": "",
        },
    )
    assert response.status_code == 200
    assert str(services.EMAIL_WRONG) in response.content.decode()
    assert not Complaint.objects.exists() and not AuditEntry.objects.filter(event=AuditEvent.COMPLAINT_RECORDED)


def test_a_restricted_child_reads_as_an_unknown_la_id(world, as_user):
    response = as_user(world.quality_lead).post(
        "/complaints/new/",
        {
            **_date("received_on", date(2026, 3, 2)),
            "how_received": "letter",
            "made_by_name": "Someone",
            "made_by_relationship": "other",
            "child": world.restricted_child.la_id,
            "about": "About Clara",
            "reply_by": "post",
            "reply_address": "1 High Street",
        },
    )
    assert "No child we can name has that LA ID" in response.content.decode()
    assert not Complaint.objects.exists()


def test_opening_a_complaint_is_audited_and_an_unknown_one_is_not_found(world, as_user, make_complaint):
    complaint = make_complaint()
    client = as_user(world.quality_lead)
    page = client.get(f"/complaints/{complaint.id}/").content.decode()
    assert "Nobody called me back" in page and "Stage 1: Local resolution" in page
    assert list(AuditEntry.objects.filter(event=AuditEvent.COMPLAINT_VIEWED).values_list("person", flat=True)) == [
        world.child.id
    ]
    assert client.get("/complaints/999999/").status_code == 404
    assert as_user(world.worker).get(f"/complaints/{complaint.id}/").status_code == 404
    assert as_user(world.parent).get(f"/complaints/{complaint.id}/").status_code == 404


def test_an_extension_without_a_reason_shows_the_problem_and_changes_nothing(world, as_user, make_complaint):
    complaint = make_complaint()
    response = as_user(world.quality_lead).post(
        f"/complaints/{complaint.id}/?action=extend", {**_date("extend-extended_to", date(2026, 3, 30))}
    )
    assert response.status_code == 200
    assert "Say why the stage needs longer" in response.content.decode()
    assert Stage.objects.get().extended_to is None
    assert not AuditEntry.objects.filter(event=AuditEvent.COMPLAINT_CHANGED).exists()


def test_responding_at_stage_1_from_the_complaint_page(world, as_user, make_complaint):
    complaint = make_complaint()
    response = as_user(world.head_of_service).post(
        f"/complaints/{complaint.id}/?action=respond",
        {
            **_date("respond-responded_on", date(2026, 3, 12)),
            "respond-outcome": "upheld",
            "respond-summary": "We are sorry. Rory will call you every Friday.",
            "respond-learning": "Call-backs within one working day",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    stage = complaint.stages.get()
    assert (complaint.status, stage.outcome, stage.responded_by) == (
        ComplaintStatus.CLOSED,
        Outcome.UPHELD,
        world.head_of_service.user,
    )
    assert complaint.learning.get().what_will_change == "Call-backs within one working day"


# The family's pages.


def _family_complaint(client, **fields):
    return client.post(
        "/family/compliment-or-complaint/",
        {"kind": "complaint", "about": "Nobody came to the meeting", "reply_by": "portal", **fields},
    )


def test_a_parent_makes_a_complaint_and_is_told_the_real_reply_date(world, as_user):
    client = as_user(world.parent)
    response = _family_complaint(client, child=world.child.id)
    complaint = Complaint.objects.get()
    assert response["Location"] == f"/family/compliment-or-complaint/sent/?complaint={complaint.id}"
    assert (complaint.made_by, complaint.child, complaint.how_received) == (world.parent, world.child, "portal")
    reply_by = due_dates.stage_due(1, timezone.localdate())
    page = client.get(response["Location"]).content.decode()
    assert f"We will reply by {reply_by:%-d %B %Y}" in page


def test_a_family_complaint_with_no_way_to_reply_is_refused_and_nothing_saved(world, as_user):
    response = _family_complaint(as_user(world.parent), child=world.child.id, reply_by="")
    assert str(services.NO_CONTACT) in response.content.decode()
    response = _family_complaint(as_user(world.parent), child=world.child.id, reply_by="email", reply_email="")
    assert str(services.EMAIL_WRONG) in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_parent_cannot_complain_about_another_familys_child(world, as_user):
    response = _family_complaint(as_user(world.parent), child=world.other_child.id)
    assert response.status_code == 200 and not Complaint.objects.exists()


def test_a_young_person_complains_about_their_own_help_and_a_parent_sends_a_compliment(world, as_user):
    _family_complaint(as_user(world.young_person), reply_by="phone", reply_phone="07700 900 982")
    assert Complaint.objects.get().child == world.young_person
    assert Complaint.objects.get().made_by_relationship == "child"
    as_user(world.parent).post(
        "/family/compliment-or-complaint/",
        {"kind": "compliment", "child": world.child.id, "about": "Rory is kind to Amy"},
    )
    compliment = Compliment.objects.get()
    assert (compliment.made_by, compliment.pod) == (world.parent, world.worker.pod)


def test_another_family_members_complaint_is_not_found(world, as_user, make_complaint):
    complaint = make_complaint()  # Tabetha's
    client = as_user(world.young_person)
    assert client.get(f"/family/compliment-or-complaint/sent/?complaint={complaint.id}").status_code == 404
    assert client.get(f"/family/my-complaints/next-stage/?complaint={complaint.id}").status_code == 404
    assert (
        client.post(f"/family/my-complaints/next-stage/?complaint={complaint.id}", {"unhappy": "x"}).status_code == 404
    )
    assert "Nobody called me back" not in client.get("/family/my-complaints/").content.decode()
    assert "Nobody called me back" in as_user(world.parent).get("/family/my-complaints/").content.decode()
    assert Stage.objects.count() == 1


def test_a_parent_asks_for_stage_2_after_the_reply(world, as_user, make_complaint, today):
    complaint = make_complaint()
    services.complaint_respond(
        actor=world.quality_lead.user,
        complaint=complaint,
        responded_on=date(2026, 3, 13),
        outcome=Outcome.NOT_UPHELD,
        summary="We looked into it",
    )
    today(date(2026, 4, 1))
    client = as_user(world.parent)
    assert "Ask for the next step" in client.get("/family/my-complaints/").content.decode()
    response = client.post(
        f"/family/my-complaints/next-stage/?complaint={complaint.id}", {"unhappy": "Still nobody calls back"}
    )
    assert response.status_code == 302
    stage = complaint.stages.get(number=2)
    assert (stage.started_on, stage.asked_for, stage.recorded_by) == (
        date(2026, 4, 1),
        "Still nobody calls back",
        world.parent.user,
    )


def test_a_late_family_request_needs_them_to_say_why(world, as_user, make_complaint, today):
    complaint = make_complaint()
    services.complaint_respond(
        actor=world.quality_lead.user,
        complaint=complaint,
        responded_on=date(2026, 3, 13),
        outcome=Outcome.NOT_UPHELD,
        summary="We looked into it",
    )
    today(date(2026, 4, 15))  # one working day past 14 April
    client = as_user(world.parent)
    url = f"/family/my-complaints/next-stage/?complaint={complaint.id}"
    response = client.post(url, {"unhappy": "Still nobody calls back"})
    assert "Tell us why you are asking now" in response.content.decode()
    assert complaint.stages.count() == 1
    client.post(url, {"unhappy": "Still nobody calls back", "why_now": "I was in hospital"})
    assert complaint.stages.get(number=2).late_reason == "I was in hospital"


def test_the_family_pages_are_in_polish_for_a_family_that_chose_it(world, as_user):
    client = as_user(world.parent)
    client.post("/family/language/", {"language": "pl", "next": "/"})
    response = _family_complaint(client, child=world.child.id, reply_by="")
    page = response.content.decode()
    assert "Powiedz nam, co myślisz o naszej pomocy" in page and "Wybierz, jak mamy odpowiedzieć" in page
    assert not Complaint.objects.exists()


def test_a_complaint_about_a_restricted_child_is_left_out_for_officers_not_named(world, as_user, make_complaint):
    complaint = make_complaint(child=world.restricted_child, made_by=None, reply_by="post", reply_address="1 High St")
    assert "Clara" not in as_user(world.quality_lead).get("/complaints/").content.decode()
    assert as_user(world.quality_lead).get(f"/complaints/{complaint.id}/").status_code == 404
    # The head of service owns the restriction, so sees it.
    assert as_user(world.head_of_service).get(f"/complaints/{complaint.id}/").status_code == 200


def test_the_log_reads_the_same_number_of_queries_however_many_complaints(world, as_user, make_complaint):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def answered():
        complaint = make_complaint()
        services.complaint_respond(
            actor=world.quality_lead.user,
            complaint=complaint,
            responded_on=date(2026, 3, 13),
            outcome="upheld",
            summary="Sorry",
            learning="Call back",
        )

    client = as_user(world.quality_lead)
    answered()
    make_complaint()
    with CaptureQueriesContext(connection) as few:
        client.get("/complaints/")
    for _ in range(4):
        answered()
        make_complaint()
    with CaptureQueriesContext(connection) as many:
        client.get("/complaints/")
    assert len(many) == len(few)
