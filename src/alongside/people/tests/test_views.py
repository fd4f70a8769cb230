from datetime import date

import pytest

from alongside.access.models import AuditEntry, AuditEvent
from alongside.people.forms import DATE_OF_BIRTH_FUTURE, SEARCH_EMPTY
from alongside.people.identifiers import NHS_NUMBER_BAD_CHECK, NHS_NUMBER_INVALID

SEARCH = "/people/search/"


def child_url(person):
    return f"/people/children/{person.id}/"


def test_search_finds_a_child_by_a_misspelt_name_and_links_to_their_page(world, sign_in):
    client = sign_in(world.worker.user)
    response = client.get(SEARCH, {"name": "Aimee Pond"})
    assert response.status_code == 200
    assert child_url(world.child) in response.content.decode()


def test_search_is_recorded_in_the_audit_trail(world, sign_in):
    client = sign_in(world.worker.user)
    client.get(SEARCH, {"name": "Amy Pond"})
    entry = AuditEntry.objects.get(event=AuditEvent.PERSON_SEARCHED)
    assert entry.actor == world.worker.user
    assert entry.detail["name"] == "Amy Pond"


def test_an_empty_search_asks_for_something_to_search_by(world, sign_in):
    client = sign_in(world.worker.user)
    response = client.get(SEARCH, {"name": ""})
    assert response.status_code == 200
    assert SEARCH_EMPTY in response.content.decode()
    assert not AuditEntry.objects.filter(event=AuditEvent.PERSON_SEARCHED).exists()


@pytest.mark.parametrize("number,message", [("12345", NHS_NUMBER_INVALID), ("9434765918", NHS_NUMBER_BAD_CHECK)])
def test_a_malformed_nhs_number_gets_a_clear_message(world, sign_in, number, message):
    response = sign_in(world.worker.user).get(SEARCH, {"nhs_number": number})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_a_date_of_birth_in_the_future_is_refused(world, sign_in):
    next_year = date.today().year + 1
    response = sign_in(world.worker.user).get(
        SEARCH, {"date_of_birth_0": "1", "date_of_birth_1": "2", "date_of_birth_2": str(next_year)}
    )
    assert DATE_OF_BIRTH_FUTURE in response.content.decode()


def test_an_impossible_date_of_birth_gets_a_message_not_an_error_page(world, sign_in):
    response = sign_in(world.worker.user).get(
        SEARCH, {"date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "2015"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_search_by_date_of_birth_finds_the_child(world, sign_in):
    response = sign_in(world.worker.user).get(
        SEARCH, {"date_of_birth_0": "4", "date_of_birth_1": "3", "date_of_birth_2": "2016"}
    )
    assert child_url(world.child) in response.content.decode()


@pytest.mark.parametrize("persona", ["parent", "young_person", "partner"])
def test_families_and_partners_cannot_search(world, sign_in, persona):
    person = getattr(world, persona)
    assert sign_in(person.user).get(SEARCH, {"name": "Amy"}).status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(client, world):
    response = client.get(child_url(world.child))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_child_page_shows_who_they_are_their_network_episodes_and_workers(world, sign_in):
    response = sign_in(world.worker.user).get(child_url(world.child))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Amy Pond" in page and "T900001" in page
    assert "Tabetha Pond" in page and "Mother" in page  # family network
    assert "Mels Pond" in page and "Brother or sister" in page
    assert "Child protection plan" in page and "Neglect" in page  # episodes
    assert "Rory Williams" in page and "New referral" in page  # who has worked with her


def test_viewing_a_child_is_recorded(world, sign_in):
    sign_in(world.worker.user).get(child_url(world.child))
    entry = AuditEntry.objects.get(event=AuditEvent.CHILD_VIEWED)
    assert (entry.actor, entry.person) == (world.worker.user, world.child)


def test_unknown_child_id_is_a_404(world, sign_in):
    assert sign_in(world.worker.user).get("/people/children/999999999/").status_code == 404


def test_an_adult_is_not_a_child_record(world, sign_in):
    assert sign_in(world.worker.user).get(child_url(world.parent)).status_code == 404


@pytest.mark.parametrize("persona", ["parent", "young_person", "partner"])
def test_families_and_partners_get_404_on_the_staff_child_page(world, sign_in, persona):
    client = sign_in(getattr(world, persona).user)
    assert client.get(child_url(world.child)).status_code == 404
    assert not AuditEntry.objects.filter(event=AuditEvent.CHILD_VIEWED).exists()


def test_a_leaver_cannot_open_a_child(world, client):
    world.leaver.user.is_active = True  # even with the account still switched on
    world.leaver.user.save()
    client.force_login(world.leaver.user)
    assert client.get(child_url(world.child)).status_code == 404


def test_finding_a_parent_links_to_their_children(world, sign_in):
    page = sign_in(world.worker.user).get(SEARCH, {"name": "Tabetha Pond"}).content.decode()
    assert "Mother of" in page
    assert child_url(world.child) in page and child_url(world.sibling) in page


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_child_page_costs_the_same_queries_however_long_the_history(world, sign_in):
    from alongside.journey.models import Assessment, ChildProtectionReview
    from alongside.testing.factories import AllocationFactory, ChildInNeedEpisodeFactory

    client = sign_in(world.worker.user)

    def add_history(year):
        episode = ChildInNeedEpisodeFactory(
            child=world.child, referral_date=date(year, 1, 5), closure_date=date(year, 6, 1), closure_reason="RC7"
        )
        Assessment.objects.create(episode=episode, started_on=date(year, 1, 5), authorised_on=date(year, 2, 1))
        plan = episode.cp_plans.create(started_on=date(year, 2, 1), initial_category="EMO", latest_category="EMO")
        ChildProtectionReview.objects.create(plan=plan, held_on=date(year, 5, 1))
        AllocationFactory(
            child=world.child, started_on=date(year, 1, 5), ended_on=date(year, 6, 1), end_reason="case_closed"
        )

    add_history(2014)  # one of everything, so each related list is fetched once
    before = _count_queries(client, child_url(world.child))
    for year in range(2015, 2023):
        add_history(year)
    assert _count_queries(client, child_url(world.child)) == before


def test_a_restricted_child_is_invisible_in_search_unless_named(world, sign_in):
    assert "No one found" in sign_in(world.worker.user).get(SEARCH, {"name": "Clara Oswald"}).content.decode()
    named = sign_in(world.other_team_worker.user).get(SEARCH, {"name": "Clara Oswald"}).content.decode()
    assert child_url(world.restricted_child) in named
