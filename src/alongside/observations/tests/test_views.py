"""The observation pages: recording in three steps, the family's consent refused when missing, the
worker's response once, and the pod manager's counts."""

from datetime import timedelta

from alongside.access.models import AuditEntry, AuditEvent
from alongside.observations.forms import CHOOSE_WORKER
from alongside.observations.models import Observation, ObservationResponse
from alongside.observations.services import ALREADY_RESPONDED, CONSENT_NEEDED
from alongside.observations.tests.helpers import TODAY, record
from alongside.practice_model.config import operating_model

NEW = "/observations/new/"


def form_data(world, **changes):
    observed, agreed = TODAY - timedelta(days=2), TODAY - timedelta(days=3)
    data = {
        "observed_on_0": observed.day,
        "observed_on_1": observed.month,
        "observed_on_2": observed.year,
        "practice": "direct_work",
        "consent_by": world.parent.id,
        "consent_how": "written",
        "consent_on_0": agreed.day,
        "consent_on_1": agreed.month,
        "consent_on_2": agreed.year,
        "went_well": "You used the three houses with Amy and wrote down her words exactly.",
        "even_better_if": "Even better if Mum had heard Amy's house of dreams too.",
    }
    for code, _ in operating_model().quality.observation_prompts:
        data[f"feedback_{code}"] = f"Written feedback on {code}"
    return {**data, **changes}


def test_the_manager_chooses_the_worker_then_the_child_then_records(world, sign_in):
    client = sign_in(world.manager.user)
    page = client.get(NEW).content.decode()
    assert "Rory Williams" in page and "Rose Tyler" not in page  # only the people they may observe
    page = client.get(NEW, {"worker": world.worker.id}).content.decode()
    assert "Amy Pond" in page and "Mels Pond" in page and "John Smith" not in page
    page = client.get(NEW, {"worker": world.worker.id, "child": world.child.id}).content.decode()
    assert "Tabetha Pond (mother)" in page and operating_model().quality.observation_prompts[0][1] in page
    response = client.post(f"{NEW}?worker={world.worker.id}&child={world.child.id}", form_data(world))
    observation = Observation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/observations/{observation.id}/"
    assert (observation.worker, observation.child, observation.practice) == (world.worker, world.child, "direct_work")
    assert observation.feedback.count() == len(operating_model().quality.observation_prompts)


def test_without_consent_the_form_shows_the_problem_and_saves_nothing(world, sign_in):
    client = sign_in(world.manager.user)
    data = form_data(world)
    del data["consent_by"]
    response = client.post(f"{NEW}?worker={world.worker.id}&child={world.child.id}", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and CONSENT_NEEDED in page
    assert "You used the three houses" in page  # what was written is kept
    assert not Observation.objects.exists()
    assert not AuditEntry.objects.filter(event=AuditEvent.OBSERVATION_RECORDED).exists()


def test_a_worker_one_may_not_observe_cannot_be_chosen(world, sign_in):
    client = sign_in(world.manager.user)
    page = client.get(NEW, {"worker": world.team_colleague.id}).content.decode()
    assert CHOOSE_WORKER in page
    response = client.post(f"{NEW}?worker={world.team_colleague.id}&child={world.child.id}", form_data(world))
    assert response.status_code == 200 and not Observation.objects.exists()


def test_a_worker_with_no_one_to_observe_is_told_so(world, sign_in):
    page = sign_in(world.worker.user).get(NEW).content.decode()
    assert "There is no one you can observe" in page


def test_the_worker_responds_once_on_the_page(world, sign_in):
    observation = record(world)
    url = f"/observations/{observation.id}/"
    client = sign_in(world.worker.user)
    assert "Send my response" in client.get(url).content.decode()
    assert client.post(url, {"text": ""}).status_code == 200 and not ObservationResponse.objects.exists()
    assert client.post(url, {"text": "I will name worries sooner."}).status_code == 302
    page = client.get(url).content.decode()
    assert "I will name worries sooner." in page and "Send my response" not in page
    again = client.post(url, {"text": "Rewritten"}).content.decode()
    assert ALREADY_RESPONDED in again
    assert ObservationResponse.objects.get().text == "I will name worries sooner."


def test_the_observer_may_read_but_not_respond(world, sign_in):
    observation = record(world)
    url = f"/observations/{observation.id}/"
    client = sign_in(world.manager.user)
    assert "Send my response" not in client.get(url).content.decode()
    assert client.post(url, {"text": "Pretending to be Rory"}).status_code == 403
    assert not ObservationResponse.objects.exists()


def test_the_pod_manager_sees_counts_per_worker(world, sign_in):
    record(world)
    page = sign_in(world.manager.user).get("/observations/").content.decode()
    assert "Observations in Oakfield pod" in page
    row = page[page.index("Rory Williams") :]
    assert "1 waiting" in row[: row.index("</tr>")]


def test_the_worker_sees_observations_of_them_with_a_link_to_respond(world, sign_in):
    observation = record(world)
    page = sign_in(world.worker.user).get("/observations/").content.decode()
    assert f"/observations/{observation.id}/#response" in page
    assert "Observations in Oakfield pod" not in page  # counts are for the pod manager
