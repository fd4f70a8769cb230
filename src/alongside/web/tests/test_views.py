import pytest
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from alongside.access.models import AuditEntry, AuditEvent
from alongside.testing.factories import UserFactory
from alongside.web.forms import SIGN_IN_FAILED


def test_healthz_answers_ok_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_readyz_answers_ok_when_the_database_answers_and_every_migration_is_applied(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}


def test_readyz_names_the_migrations_not_yet_applied(client, db):
    # Forgetting one applied migration is what the table looks like before `alongside migrate` runs.
    (app, name) = MigrationExecutor(connection).loader.graph.leaf_nodes("people")[0]
    MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["migrations"] == "pending"
    assert body["pending"] == [f"people.{name}"]


def test_readyz_and_healthz_say_so_when_the_database_does_not_answer(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:  # undone before the test database is torn down
        patched.setattr(connection, "cursor", refuse)
        ready = client.get("/readyz")
        live = client.get("/healthz")
    assert ready.status_code == 503
    assert ready.json()["database"] == "unavailable"
    assert live.status_code == 503


def test_sign_in_is_recorded(world, sign_in):
    sign_in(world.worker.user)
    assert AuditEntry.objects.filter(event=AuditEvent.SIGNED_IN, actor=world.worker.user).count() == 1


def test_a_wrong_password_shows_the_error_summary_and_is_recorded(client, world):
    response = client.post("/sign-in/", {"username": "worker", "password": "wrong"})
    assert response.status_code == 200
    assert SIGN_IN_FAILED in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert AuditEntry.objects.get(event=AuditEvent.SIGN_IN_FAILED).actor_name == "worker"


def test_sign_out_needs_a_post_and_ends_the_session(world, sign_in):
    client = sign_in(world.worker.user)
    assert client.get("/sign-out/").status_code == 405
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/").status_code == 302


def test_csrf_is_enforced_on_sign_in(db):
    client = Client(enforce_csrf_checks=True)
    UserFactory(username="someone")
    assert client.post("/sign-in/", {"username": "someone", "password": "x"}).status_code == 403


def test_missing_pages_use_the_govuk_404_page(world, sign_in):
    response = sign_in(world.worker.user).get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_pages_about_children_are_not_cached(world, sign_in):
    response = sign_in(world.worker.user).get("/")
    assert response["Cache-Control"] == "no-store"


def test_social_worker_home_lists_their_own_caseload(world, sign_in):
    page = sign_in(world.worker.user).get("/").content.decode()
    assert "My caseload" in page
    assert "Amy Pond" in page and "Mels Pond" in page
    assert "John Smith" not in page  # another team's child


def test_team_manager_home_shows_their_pod_and_its_children_with_their_worker(world, sign_in):
    response = sign_in(world.manager.user).get("/")
    page = response.content.decode()
    assert "Oakfield pod" in page and "Amy Pond" in page
    assert "John Smith" not in page
    children = response.context["children"]
    assert {(entry.child.first_name, entry.worker.full_name) for entry in children} == {
        ("Amy", "Rory Williams"),
        ("Mels", "Rory Williams"),
    }


def test_head_of_service_home_shows_la_figures_and_pods(world, sign_in):
    page = sign_in(world.head_of_service.user).get("/").content.decode()
    assert "Children on a child protection plan" in page
    assert "Oakfield pod" in page and "Harbour pod" in page


def test_data_officer_home_lists_open_cases_with_gaps(world, sign_in):
    world.child.ethnicity = "NOBT"
    world.child.save()
    page = sign_in(world.data_officer.user).get("/").content.decode()
    assert "Ethnicity not yet recorded" in page
    assert f"/people/children/{world.child.id}/" in page


def test_parent_home_shows_only_their_own_children_and_their_worker(world, sign_in):
    page = sign_in(world.parent.user).get("/").content.decode()
    assert "Amy" in page and "Mels" in page
    assert "Rory Williams" in page
    assert "River" not in page and "John" not in page
    assert "child protection plan" in page


def test_young_person_home_is_about_them_only(world, sign_in):
    page = sign_in(world.young_person.user).get("/").content.decode()
    assert "Hello River" in page
    assert world.other_team_worker.full_name in page
    assert "Amy" not in page and "John Smith" not in page


def test_partner_home_shows_only_children_shared_and_in_force(world, sign_in):
    page = sign_in(world.partner.user).get("/").content.decode()
    assert "Amy Pond" in page
    assert "Mels Pond" not in page  # the sharing for Mels ended
    other = sign_in(world.other_partner.user).get("/").content.decode()
    assert "Amy Pond" not in other


@pytest.mark.parametrize("url", ["/", "/people/search/"])
def test_a_user_with_no_relationship_to_the_record_sees_nothing(db, client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_the_caseload_costs_the_same_queries_however_many_children(world, sign_in):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alongside.testing.factories import AllocationFactory, ChildInNeedEpisodeFactory, FamilyMemberFactory

    client = sign_in(world.worker.user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        return len(queries)

    before = count()
    for _ in range(10):
        child = FamilyMemberFactory().person
        ChildInNeedEpisodeFactory(child=child)
        AllocationFactory(child=child, worker=world.worker, started_on=date(2025, 5, 1))
    assert count() == before


def test_health_checks_answer_over_plain_http_where_pages_redirect_to_https(client, db, settings):
    # The container's HEALTHCHECK and a load balancer probe over HTTP, before TLS.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/sign-in/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
