"""An observation is about one person's practice: the observer, the worker and the worker's manager
line see it; pod colleagues, quality leads who did not observe, and everyone else get 404."""

import pytest
from django.http import Http404

from alongside.access.models import AuditEntry, AuditEvent
from alongside.lib.errors import FormProblems
from alongside.observations.access import access_observation
from alongside.observations.models import Observation
from alongside.observations.services import NOT_ON_CASELOAD, observation_record
from alongside.observations.tests.helpers import TODAY, amy_visit, record

ALLOWED = {"manager", "worker", "head_of_service"}
EVERYONE = [
    "worker",
    "pod_colleague",
    "team_colleague",
    "manager",
    "head_of_service",
    "other_team_worker",
    "data_officer",
    "protection_officer",
    "quality_lead",
    "parent",
    "young_person",
    "partner",
]


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_observer_the_worker_and_the_manager_line_open_an_observation(world, who):
    observation = record(world)
    user = getattr(world, who).user
    if who in ALLOWED:
        assert access_observation(user, observation.id) == observation
    else:
        with pytest.raises(Http404):
            access_observation(user, observation.id)


def test_a_pod_colleague_gets_404_even_though_they_share_the_family(world):
    observation = record(world)
    with pytest.raises(Http404):
        access_observation(world.pod_colleague.user, observation.id)


def test_the_observer_opens_it_when_not_in_the_manager_line(world):
    observation = record(world, actor="quality_lead")
    assert access_observation(world.quality_lead.user, observation.id) == observation


@pytest.mark.parametrize("observation_id", [999_999, "x", None])
def test_a_missing_observation_is_404(world, observation_id):
    with pytest.raises(Http404):
        access_observation(world.manager.user, observation_id)


def test_the_page_is_404_for_a_pod_colleague_and_audited_for_the_worker(world, sign_in):
    observation = record(world)
    url = f"/observations/{observation.id}/"
    assert sign_in(world.pod_colleague.user).get(url).status_code == 404
    assert not AuditEntry.objects.filter(event=AuditEvent.OBSERVATION_VIEWED).exists()
    response = sign_in(world.worker.user).get(url)
    assert response.status_code == 200 and "Feedback on relationship" in response.content.decode()
    viewed = AuditEntry.objects.get(event=AuditEvent.OBSERVATION_VIEWED)
    assert viewed.person == world.child and viewed.actor == world.worker.user


def test_a_restricted_childs_name_is_shown_only_to_those_who_may_open_the_record(world, sign_in):
    # Martha is named on Clara's restricted record; the quality lead is not, so cannot choose her.
    data = amy_visit(world, worker=world.other_team_worker, child=world.restricted_child, consent_by=None)
    with pytest.raises(FormProblems) as refused:
        observation_record(actor=world.quality_lead.user, data=data)
    assert refused.value.problems["child"] == NOT_ON_CASELOAD.format(name="Martha Jones")
    # Had it been recorded before the record was restricted, the observer would not see her name.
    observation = Observation.objects.create(
        observer=world.quality_lead,
        worker=world.other_team_worker,
        child=world.restricted_child,
        observed_on=TODAY,
        practice="home_visit",
        consent_by=world.restricted_child,
        consent_how="verbal",
        consent_on=TODAY,
        went_well="Kind",
        even_better_if="Slower",
        recorded_by=world.quality_lead.user,
    )
    url = f"/observations/{observation.id}/"
    assert "Clara Oswald" in sign_in(world.other_team_worker.user).get(url).content.decode()
    page = sign_in(world.quality_lead.user).get(url).content.decode()
    assert "Clara" not in page and "A child whose record is restricted" in page
