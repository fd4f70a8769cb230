"""The dashboard's pages through their URLs: who may open them, what they show from a snapshot of
the record, the CSV, and taking a new snapshot, each written to the audit trail."""

import csv
import io
from datetime import date

import pytest

from alongside.access.models import AuditEntry, AuditEvent
from alongside.insight.store import latest_snapshot, take_snapshot
from alongside.practice_model.models import LocalAuthority


@pytest.fixture(autouse=True)
def _own_data_dir(settings, tmp_path):
    # Each test reads only the snapshots it takes.
    settings.DATA_DIR = tmp_path


@pytest.fixture
def world(world):
    LocalAuthority.objects.create(
        id=1, name="Test Borough", dfe_code="999", child_population=20_000, practice_model_go_live=date(2024, 6, 1)
    )
    return world


@pytest.fixture
def as_user(client):
    def sign_in(staff):
        client.force_login(staff.user)
        return client

    return sign_in


@pytest.mark.parametrize("who", ["worker", "manager", "other_team_worker", "parent", "partner", "protection_officer"])
@pytest.mark.parametrize("url", ["/insight/", "/insight/workers_per_child/", "/insight/workers_per_child/figures.csv"])
def test_only_those_who_lead_the_service_open_the_figures(world, as_user, who, url):
    take_snapshot()
    assert as_user(getattr(world, who)).get(url).status_code == 404


def test_others_cannot_take_a_snapshot(world, as_user):
    assert as_user(world.manager).post("/insight/refresh/").status_code == 404
    assert latest_snapshot() is None


def test_with_no_local_authority_taking_a_snapshot_says_what_to_do(world, as_user):
    LocalAuthority.objects.all().delete()
    page = as_user(world.head_of_service).post("/insight/refresh/", follow=True).content.decode()
    assert "holds no local authority yet" in page and latest_snapshot() is None


def test_with_no_snapshot_the_page_offers_to_take_one_and_taking_it_shows_the_figures(world, as_user):
    client = as_user(world.head_of_service)
    page = client.get("/insight/").content.decode()
    assert "There are no figures yet" in page and "Take a snapshot and show the figures" in page
    response = client.post("/insight/refresh/", follow=True)
    page = response.content.decode()
    assert "Figures updated from a new snapshot" in page
    assert "Are we doing the model?" in page and "Is it helping children and families?" in page
    assert "Workers per child in the last 12 months" in page
    assert AuditEntry.objects.filter(event=AuditEvent.SNAPSHOT_TAKEN, actor=world.head_of_service.user).count() == 1
    assert AuditEntry.objects.filter(event=AuditEvent.INSIGHT_VIEWED, actor=world.head_of_service.user).count() == 2


@pytest.mark.parametrize("who", ["head_of_service", "quality_lead", "data_officer"])
def test_a_figure_page_shows_its_definition_table_and_sql(world, as_user, who):
    take_snapshot()
    page = as_user(getattr(world, who)).get("/insight/workers_per_child/").content.decode()
    assert "Definition" in page and "What it measures" in page
    assert "GROUPING SETS" in page  # the SQL itself, so a data officer can check it
    assert 'data-chart="chart-data-by-month"' in page
    assert "Oakfield pod" in page  # the world's pod, to compare


def test_an_unknown_figure_is_not_found(world, as_user):
    take_snapshot()
    assert as_user(world.head_of_service).get("/insight/no_such_figure/").status_code == 404


def test_choosing_more_pods_than_a_chart_can_hold_says_so(world, as_user):
    take_snapshot()
    client = as_user(world.head_of_service)
    page = client.get("/insight/workers_per_child/?pod=a&pod=b&pod=c&pod=d&pod=e").content.decode()
    assert "Choose 4 pods or fewer" in page


def test_the_csv_has_every_month_for_the_whole_service_and_is_audited(world, as_user):
    take_snapshot()
    response = as_user(world.data_officer).get("/insight/workers_per_child/figures.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and {r["pod"] for r in rows} >= {"Whole service"}
    assert set(rows[0]) == {"figure", "period", "period_start", "pod", "numerator", "denominator", "value", "unit"}
    entry = AuditEntry.objects.get(event=AuditEvent.FIGURES_DOWNLOADED)
    assert entry.actor == world.data_officer.user and entry.route == "export"
    assert entry.detail["figure"] == "workers_per_child"


def test_the_staff_menu_shows_the_dashboard_only_to_those_who_lead(world, as_user):
    assert "Impact and fidelity" in as_user(world.head_of_service).get("/quality/").content.decode()
    assert "Impact and fidelity" not in as_user(world.worker).get("/quality/").content.decode()
