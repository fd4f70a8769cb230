"""Counts of observations: per worker for the pod manager, per pod and month for the service."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from alongside.observations.models import Observation
from alongside.observations.selectors import (
    consent_givers,
    observation_counts_by_pod_and_month,
    observation_counts_for_pod,
    observation_list_for_worker,
)
from alongside.observations.services import observation_respond
from alongside.observations.tests.helpers import TODAY, record
from alongside.testing import factories as f


def test_counts_per_worker_in_the_pod_cover_the_last_12_months(world):
    recent = record(world, observed_on=TODAY - timedelta(days=10), consent_on=TODAY - timedelta(days=10))
    record(
        world, actor="head_of_service", observed_on=TODAY - timedelta(days=40), consent_on=TODAY - timedelta(days=41)
    )
    old_day = TODAY - relativedelta(months=12)  # exactly a year ago: outside the 12 months
    record(world, observed_on=old_day, consent_on=old_day)
    observation_respond(actor=world.worker.user, observation=recent, text="Thanks, I will try it.")

    rows = {row.worker: row for row in observation_counts_for_pod(world.worker.pod, on=TODAY)}
    rory = rows[world.worker]
    assert (rory.in_last_12_months, rory.last_observed_on, rory.waiting_for_response) == (2, recent.observed_on, 1)
    assert rory.responded is False
    donna = rows[world.pod_colleague]
    assert (donna.in_last_12_months, donna.last_observed_on, donna.responded) == (0, None, None)
    assert world.manager not in rows and world.leaver not in rows  # the manager and people who left


def test_a_worker_who_responded_to_everything_shows_as_responded(world):
    observation = record(world)
    observation_respond(actor=world.worker.user, observation=observation, text="Agreed.")
    row = next(r for r in observation_counts_for_pod(world.worker.pod, on=TODAY) if r.worker == world.worker)
    assert row.responded is True and row.waiting_for_response == 0


def test_counts_per_worker_take_one_query(world, django_assert_num_queries):
    record(world)
    with django_assert_num_queries(1):
        observation_counts_for_pod(world.worker.pod, on=TODAY)


def test_counts_per_pod_per_month_keep_the_pod_of_the_day(world):
    first = record(world, observed_on=TODAY - timedelta(days=3), consent_on=TODAY - timedelta(days=3))
    observation_respond(actor=world.worker.user, observation=first, text="Noted.")
    record(world, observed_on=TODAY - timedelta(days=3), consent_on=TODAY - timedelta(days=3))
    world.worker.pod = world.team_colleague.pod  # Rory moves pod later: the counts stay with Oakfield
    world.worker.save(update_fields=["pod"])
    rows = observation_counts_by_pod_and_month(start=TODAY - timedelta(days=400), end=TODAY)
    month = (TODAY - timedelta(days=3)).replace(day=1)
    assert [(r.pod_name, r.month, r.observations, r.responded) for r in rows] == [("Oakfield pod", month, 2, 1)]


def test_months_outside_the_range_are_left_out(world):
    record(world)
    assert observation_counts_by_pod_and_month(start=date(2020, 1, 1), end=date(2020, 12, 31)) == []


def test_the_observations_of_a_worker_are_newest_first(world):
    older = record(world, observed_on=TODAY - timedelta(days=30), consent_on=TODAY - timedelta(days=30))
    newer = record(world)
    assert list(observation_list_for_worker(world.worker)) == [newer, older]
    assert not Observation.objects.filter(worker=world.pod_colleague).exists()


def test_consent_comes_from_the_adults_in_the_family_or_a_young_person_from_12(world):
    assert [person for person, _ in consent_givers(world.child, on=TODAY)] == [world.parent]
    assert consent_givers(world.child, on=TODAY)[0][1] == "Tabetha Pond (mother)"
    twelve = f.PersonFactory(date_of_birth=TODAY - relativedelta(years=12))
    network = world.child.memberships.get().network
    network.members.create(person=twelve, role="child", joined_on=TODAY)
    givers = consent_givers(twelve, on=TODAY)
    assert givers[-1] == (twelve, f"{twelve.full_name} (the young person)")
    assert consent_givers(twelve, on=TODAY - timedelta(days=1))[-1][0] != twelve
