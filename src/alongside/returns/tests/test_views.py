"""The data officer's Statutory returns pages, end to end through the test client: produce a return
in the background, see a finding with a link to put it right, fix it, produce again and see it clear."""

from datetime import date

import pytest
from django.utils import timezone

from alongside.access.models import AuditEntry, AuditEvent
from alongside.practice_model.models import LocalAuthority
from alongside.returns.models import ReturnRun, RunStatus
from alongside.returns.services import latest_complete_year, years_offered


@pytest.fixture
def la(db):
    return LocalAuthority.objects.create(id=1, name="Matrix", dfe_code="886", child_population=1000)


def test_years_offered_are_the_year_in_progress_and_the_last_complete_ones():
    assert latest_complete_year(date(2026, 11, 23)) == 2026
    assert latest_complete_year(date(2026, 3, 30)) == 2025
    assert years_offered(date(2026, 11, 23)) == [2027, 2026, 2025, 2024]


def test_a_data_officer_produces_the_census_fixes_a_finding_and_sees_it_clear(world, la, sign_in):
    client = sign_in(world.data_officer.user)
    year = latest_complete_year(timezone.localdate())
    episode = world.child.cin_episodes.get()
    episode.primary_need = ""
    episode.save()

    response = client.post("/returns/", {"kind": "cin", "year": year})
    run = ReturnRun.objects.get()
    assert response["Location"] == f"/returns/{run.id}/"
    assert run.status == RunStatus.DONE and run.requested_by == world.data_officer
    assert run.findings.filter(rule="8610", child=world.child).exists()

    page = client.get(f"/returns/{run.id}/").content.decode()
    assert "Rule 8610" in page
    # The link opens the child's Details for statutory returns at the referral to put right.
    assert f'href="/people/children/{world.child.id}/details-for-returns/#referral-{episode.id}"' in page
    assert world.child.full_name in page

    file = run.files.get()
    download = client.get(f"/returns/{run.id}/files/{file.id}/")
    assert download["Content-Type"] == "application/xml"
    assert bytes(download.content) == bytes(file.content) and b"<Collection>CIN</Collection>" in download.content
    events = list(AuditEntry.objects.filter(actor=world.data_officer.user).values_list("event", flat=True))
    assert {AuditEvent.RETURN_PRODUCED, AuditEvent.RETURN_VIEWED, AuditEvent.RETURN_DOWNLOADED} <= set(events)

    episode.primary_need = "N1"
    episode.save()
    client.post("/returns/", {"kind": "cin", "year": year})
    again = ReturnRun.objects.first()
    assert again.id != run.id and not again.findings.filter(rule="8610").exists()
    page = client.get(f"/returns/{again.id}/").content.decode()
    assert "cleared" in page and "Rule 8610" not in page


def test_bad_choices_are_refused_with_a_message_and_nothing_is_produced(world, la, sign_in):
    client = sign_in(world.data_officer.user)
    for data, message in (
        ({"year": 2026}, "Choose which return to produce"),
        ({"kind": "cin", "year": 1999}, "Choose a year from the list"),
        ({"kind": "ssda", "year": 2026}, "Select a valid choice"),
    ):
        page = client.post("/returns/", data).content.decode()
        assert "govuk-error-summary" in page and message in page
    assert not ReturnRun.objects.exists()


def test_a_failure_is_kept_on_the_run_in_plain_words(world, sign_in):
    client = sign_in(world.data_officer.user)
    client.post("/returns/", {"kind": "cin", "year": latest_complete_year(timezone.localdate())})
    run = ReturnRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "no local authority" in run.problem
    assert "This return could not be produced" in client.get(f"/returns/{run.id}/").content.decode()


def test_progress_is_polled_until_the_run_finishes(world, la, sign_in):
    client = sign_in(world.data_officer.user)
    run = ReturnRun.objects.create(kind="cin", year=2026, step="Writing 1,000 children", progress=0.4)
    run.status = RunStatus.RUNNING
    run.save()
    panel = client.get(f"/returns/{run.id}/progress/")
    assert 'hx-trigger="every 1s"' in panel.content.decode() and 'value="40"' in panel.content.decode()
    assert "HX-Refresh" not in panel
    ReturnRun.objects.filter(id=run.id).update(status=RunStatus.DONE, progress=1)
    assert client.get(f"/returns/{run.id}/progress/")["HX-Refresh"] == "true"


def test_a_restricted_childs_finding_is_not_named(world, la, sign_in):
    world.restricted_child.disabilities = []
    world.restricted_child.save()
    client = sign_in(world.data_officer.user)
    client.post("/returns/", {"kind": "cin", "year": latest_complete_year(timezone.localdate())})
    run = ReturnRun.objects.get()
    assert run.findings.filter(rule="8540", child=world.restricted_child).exists()
    page = client.get(f"/returns/{run.id}/").content.decode()
    assert world.restricted_child.full_name not in page
    assert "restricted record" in page


def test_only_the_latest_runs_of_a_return_are_kept(world, la, sign_in):
    from alongside.returns.services import KEEP_RUNS

    client = sign_in(world.data_officer.user)
    year = latest_complete_year(timezone.localdate())
    for _ in range(KEEP_RUNS + 2):
        client.post("/returns/", {"kind": "cin", "year": year})
    kept = ReturnRun.objects.filter(kind="cin", year=year)
    assert kept.count() == KEEP_RUNS
    assert all(run.files.exists() for run in kept)
