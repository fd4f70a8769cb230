import io
import json
import zipfile

import pytest
from django.db import connection

from alongside.access.models import (
    AccessGrant,
    AccessReview,
    AuditEntry,
    AuditEvent,
    AuditRoute,
    GrantKind,
    NamedAccess,
    Notification,
)
from alongside.access.services import DETAIL_REQUIRED, REASON_REQUIRED, staff_move_pod
from alongside.access.subject_access import THIRD_PARTY
from alongside.access.views import NO_SUCH_CHILD


def child_url(child, suffix=""):
    return f"/people/children/{child.id}/{suffix}"


def test_opening_outside_the_team_asks_for_a_reason_then_records_it(world, sign_in):
    client = sign_in(world.other_team_worker.user)
    response = client.get(child_url(world.child))
    assert response.status_code == 302 and response["Location"] == child_url(world.child, "open/")
    page = client.get(child_url(world.child, "open/")).content.decode()
    assert "You are not working with this child" in page and "Front door or MASH screening" in page

    response = client.post(child_url(world.child, "open/"), {"reason": "covering", "detail": "Rory is off sick"})
    assert response.status_code == 302 and response["Location"] == child_url(world.child)
    grant = AccessGrant.objects.get(user=world.other_team_worker.user, child=world.child)
    assert grant.kind == GrantKind.REASON and grant.reason_detail == "Rory is off sick"
    entry = AuditEntry.objects.get(event=AuditEvent.OPENED_WITH_REASON)
    assert entry.reason == "Covering for a colleague. Rory is off sick" and entry.person == world.child

    assert client.get(child_url(world.child)).status_code == 200
    viewed = AuditEntry.objects.get(event=AuditEvent.CHILD_VIEWED)
    assert viewed.detail == {"relationship": "reason_given"}


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, REASON_REQUIRED),
        ({"reason": "other", "detail": " "}, DETAIL_REQUIRED),
        ({"reason": "made-up"}, "Select a valid choice"),
    ],
)
def test_a_missing_reason_is_refused_and_nothing_is_recorded(world, sign_in, data, message):
    client = sign_in(world.other_team_worker.user)
    response = client.post(child_url(world.child, "open/"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AccessGrant.objects.exists()
    assert not AuditEntry.objects.filter(event=AuditEvent.OPENED_WITH_REASON).exists()


def test_need_to_know_shows_the_no_access_page(world, sign_in, settings, tmp_path):
    from alongside.access.tests.test_access_child import NEED_TO_KNOW

    path = tmp_path / "model.yaml"
    path.write_text(NEED_TO_KNOW)
    settings.ALONGSIDE_OPERATING_MODEL = str(path)
    response = sign_in(world.other_team_worker.user).get(child_url(world.child))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_a_restricted_record_cannot_be_opened_with_a_reason(world, sign_in):
    client = sign_in(world.worker.user)
    assert client.get(child_url(world.restricted_child)).status_code == 404
    assert client.get(child_url(world.restricted_child, "open/")).status_code == 404


def test_break_glass_opens_a_restricted_record_and_alerts_the_manager_and_owner(world, sign_in):
    client = sign_in(world.manager.user)
    response = client.post(
        "/access/break-glass/",
        {"identifier": "T900003", "reason": "out_of_hours", "detail": "Police at the door at 2am"},
    )
    assert response["Location"] == child_url(world.restricted_child)
    assert client.get(child_url(world.restricted_child)).status_code == 200
    alerted = set(Notification.objects.values_list("recipient__username", flat=True))
    assert alerted == {"head"}  # the manager's manager and the record's owner are the same person here
    entry = AuditEntry.objects.get(event=AuditEvent.BREAK_GLASS)
    assert "Police at the door at 2am" in entry.reason and entry.actor == world.manager.user

    head = sign_in(world.head_of_service.user)
    page = head.get("/access/notifications/").content.decode()
    assert "Police at the door at 2am" in page
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_break_glass_needs_the_role_a_reason_and_a_real_child(world, sign_in):
    assert sign_in(world.worker.user).get("/access/break-glass/").status_code == 404
    client = sign_in(world.manager.user)
    response = client.post("/access/break-glass/", {"identifier": "NOPE", "reason": "out_of_hours", "detail": "x"})
    assert NO_SUCH_CHILD in response.content.decode()
    response = client.post("/access/break-glass/", {"identifier": "T900003", "reason": "out_of_hours", "detail": ""})
    assert DETAIL_REQUIRED in response.content.decode()
    assert not AccessGrant.objects.exists() and not Notification.objects.exists()


def test_managers_see_who_has_looked_including_reasons(world, sign_in):
    sign_in(world.other_team_worker.user).post(child_url(world.child, "open/"), {"reason": "covering", "detail": "x"})
    page = sign_in(world.manager.user).get(child_url(world.child, "who-has-looked/")).content.decode()
    assert "Record opened with a reason" in page and "Covering for a colleague" in page
    assert AuditEntry.objects.filter(event=AuditEvent.AUDIT_VIEWED, actor=world.manager.user).count() == 1


@pytest.mark.parametrize(
    "persona,status",
    [
        ("worker", 404),
        ("pod_colleague", 404),
        ("manager", 200),
        ("head_of_service", 200),
        ("protection_officer", 200),
        ("parent", 404),
        ("partner", 404),
    ],
)
def test_who_has_looked_is_for_the_childs_managers_and_audit_readers(world, sign_in, persona, status):
    client = sign_in(getattr(world, persona).user)
    assert client.get(child_url(world.child, "who-has-looked/")).status_code == status


def test_the_pod_manager_sees_records_opened_from_outside(world, sign_in):
    sign_in(world.other_team_worker.user).post(child_url(world.child, "open/"), {"reason": "joint_work", "detail": ""})
    page = sign_in(world.manager.user).get("/").content.decode()
    assert "Opened by people outside the pod" in page and "Joint work with another team" in page


def test_subject_access_export_holds_everything_and_marks_third_parties(world, sign_in):
    sign_in(world.worker.user).get(child_url(world.child))  # a view to appear in the export
    client = sign_in(world.protection_officer.user)
    assert client.get("/", {"la_id": "T900001"})["Location"] == f"/access/subject-access/{world.child.id}/"
    page = client.get(f"/access/subject-access/{world.child.id}/").content.decode()
    assert "Amy Pond" in page and "Download as a zip" in page
    response = client.get(f"/access/subject-access/{world.child.id}/", {"download": "zip"})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"record.html", "record.json", "README.txt"}
    record = json.loads(archive.read("record.json"))
    items = {(i["label"], i["value"]): i["redaction"] for s in record["sections"] for i in s["items"]}
    assert items[("Parent or carer", "Tabetha Pond")] == THIRD_PARTY
    assert items[("Name", "Amy Pond")] == ""
    assert any("Child's record viewed" in value for (_, value) in items)
    assert "Amy Pond" in archive.read("record.html").decode()
    entry = AuditEntry.objects.get(event=AuditEvent.SUBJECT_ACCESS_EXPORTED)
    assert (entry.person, entry.route) == (world.child, AuditRoute.EXPORT)


def test_subject_access_is_only_for_the_data_protection_officer(world, sign_in):
    for persona in ("worker", "manager", "head_of_service", "data_officer", "parent"):
        assert sign_in(getattr(world, persona).user).get(f"/access/subject-access/{world.child.id}/").status_code == 404


def test_an_unknown_la_id_for_subject_access_gets_a_message(world, sign_in):
    page = sign_in(world.protection_officer.user).get("/", {"la_id": "NOPE"}).content.decode()
    assert "No one has that LA ID" in page and "govuk-error-summary" in page


def test_moving_pod_puts_named_access_up_for_review_and_removal_is_audited(world, sign_in):
    from alongside.testing.factories import PodFactory, StaffFactory
    from alongside.workforce.models import StaffRole

    new_pod = PodFactory(name="Riverside pod")
    new_manager = StaffFactory(pod=new_pod, role=StaffRole.TEAM_MANAGER, user__username="new_manager")
    [review] = staff_move_pod(actor=world.head_of_service.user, staff=world.other_team_worker, pod=new_pod)
    assert review.reviewer == new_manager.user
    page = sign_in(new_manager.user).get("/").content.decode()
    assert "Access to review" in page and "T900003" in page
    sign_in(new_manager.user).post(f"/access/reviews/{review.id}/", {"decision": "remove"})
    assert not NamedAccess.objects.filter(user=world.other_team_worker.user).exists()
    assert AccessReview.objects.get().decision == "remove"
    assert AuditEntry.objects.filter(event=AuditEvent.NAMED_ACCESS_REMOVED).count() == 1
    # Only the reviewer can decide.
    assert sign_in(world.manager.user).post(f"/access/reviews/{review.id}/", {"decision": "keep"}).status_code == 404


def test_the_audit_trail_cannot_be_changed_or_deleted_through_the_app(world, sign_in):
    sign_in(world.worker.user)
    entry = AuditEntry.objects.first()
    entry.reason = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_postgresql_refuses_to_change_audit_rows_even_in_raw_sql(world, sign_in):
    from django.db import DatabaseError, transaction

    sign_in(world.worker.user)
    for statement in ("UPDATE access_auditentry SET reason = 'x'", "DELETE FROM access_auditentry"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEntry.objects.filter(reason="x").count() == 0
