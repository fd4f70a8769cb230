"""Recording an observation: only with the family's consent, only by someone who may observe the
worker, feedback on each of the model's prompts; the worker responds once."""

from datetime import timedelta

import pytest

from alongside.access.models import AuditEntry, AuditEvent
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.observations.access import may_observe
from alongside.observations.models import Observation, ObservationFeedback, ObservationResponse
from alongside.observations.selectors import observable_workers
from alongside.observations.services import (
    ALREADY_RESPONDED,
    CONSENT_AFTER,
    CONSENT_NEEDED,
    CONSENT_NOT_IN_FAMILY,
    DATE_IN_FUTURE,
    FEEDBACK_NEEDED,
    NOT_ON_CASELOAD,
    NOT_THE_WORKER,
    NOT_YOURS_TO_OBSERVE,
    OWN_PRACTICE,
    RESPONSE_NEEDED,
    observation_record,
    observation_respond,
)
from alongside.observations.tests.helpers import TODAY, amy_visit, record
from alongside.practice_model.config import operating_model
from alongside.testing import factories as f
from alongside.workforce.models import StaffMember, StaffRole


def assert_nothing_saved():
    assert not Observation.objects.exists()
    assert not ObservationFeedback.objects.exists()
    assert not AuditEntry.objects.filter(event=AuditEvent.OBSERVATION_RECORDED).exists()


def test_an_observation_keeps_each_prompt_with_its_words_and_is_audited_against_the_child(world):
    observation = record(world)
    prompts = operating_model().quality.observation_prompts
    assert [(fb.code, fb.prompt, fb.text) for fb in observation.feedback.all()] == [
        (code, prompt, f"Feedback on {code}") for code, prompt in prompts
    ]
    assert observation.observer == world.manager and observation.pod == world.worker.pod
    entry = AuditEntry.objects.get(event=AuditEvent.OBSERVATION_RECORDED)
    assert entry.person == world.child and entry.actor == world.manager.user


def test_without_the_familys_consent_it_is_refused_and_nothing_is_saved(world):
    with pytest.raises(FormProblems) as refused:
        record(world, consent_by=None)
    assert refused.value.problems == {"consent_by": CONSENT_NEEDED}
    assert_nothing_saved()


def test_consent_from_someone_outside_the_childs_family_is_refused(world):
    with pytest.raises(FormProblems) as refused:
        record(world, consent_by=world.young_person)
    assert refused.value.problems == {"consent_by": CONSENT_NOT_IN_FAMILY.format(name="Amy")}
    assert_nothing_saved()


def test_a_child_under_12_cannot_agree_for_themself(world):
    with pytest.raises(FormProblems) as refused:
        record(world, consent_by=world.child)  # Amy is 10
    assert refused.value.problems == {"consent_by": CONSENT_NOT_IN_FAMILY.format(name="Amy")}
    assert_nothing_saved()


def test_a_young_person_agrees_for_themself(world):
    # River (15) is allocated to Martha, who has no manager: the quality lead observes.
    data = amy_visit(world, worker=world.other_team_worker, child=world.young_person, consent_by=world.young_person)
    observation = observation_record(actor=world.quality_lead.user, data=data)
    assert observation.consent_by == world.young_person


def test_consent_given_after_the_observation_is_refused(world):
    with pytest.raises(FormProblems) as refused:
        record(world, consent_on=TODAY - timedelta(days=2))
    assert refused.value.problems == {"consent_on": CONSENT_AFTER}
    assert_nothing_saved()


def test_every_problem_is_reported_at_once(world):
    empty = {code: " " for code, _ in operating_model().quality.observation_prompts}
    with pytest.raises(FormProblems) as refused:
        record(world, observed_on=TODAY + timedelta(days=1), consent_by=None, feedback=empty, went_well="")
    problems = refused.value.problems
    assert problems["observed_on"] == DATE_IN_FUTURE and problems["consent_by"] == CONSENT_NEEDED
    code, prompt = operating_model().quality.observation_prompts[0]
    assert problems[f"feedback_{code}"] == FEEDBACK_NEEDED.format(prompt=prompt)
    assert "went_well" in problems and "even_better_if" not in problems
    assert_nothing_saved()


def test_the_child_must_be_allocated_to_the_worker_on_the_day(world):
    with pytest.raises(FormProblems) as refused:
        record(world, child=world.other_child)
    assert refused.value.problems["child"] == NOT_ON_CASELOAD.format(name="Rory Williams")
    assert_nothing_saved()


@pytest.mark.parametrize(
    "observer,allowed",
    [
        ("manager", True),  # the worker's team manager
        ("head_of_service", True),  # further up the manager line
        ("quality_lead", True),  # a quality role observes anyone
        ("pod_colleague", True),  # a senior social worker in the same pod: peer observation
        ("team_colleague", False),  # same team, another pod
        ("other_team_worker", False),
        ("data_officer", False),
    ],
)
def test_who_may_observe_the_worker(world, observer, allowed):
    if allowed:
        assert record(world, actor=observer).observer == getattr(world, observer)
        return
    with pytest.raises(FormProblems) as refused:
        record(world, actor=observer)
    assert refused.value.problems == {"worker": NOT_YOURS_TO_OBSERVE}
    assert_nothing_saved()


def test_nobody_observes_themself(world):
    with pytest.raises(FormProblems) as refused:
        record(world, actor="worker")
    assert refused.value.problems == {"worker": OWN_PRACTICE}
    assert_nothing_saved()


def test_a_senior_social_worker_does_not_observe_their_own_team_manager(world):
    assert not may_observe(world.pod_colleague, world.manager)
    assert may_observe(world.pod_colleague, world.worker)


def test_a_team_manager_from_another_pod_may_not_observe(world):
    other_manager = f.StaffFactory(role=StaffRole.TEAM_MANAGER, pod=world.team_colleague.pod)
    assert not may_observe(other_manager, world.worker)


def test_the_list_of_people_one_may_observe_follows_the_same_rule(world):
    f.StaffFactory(pod=world.worker.pod, manager=world.pod_colleague)  # a worker managed by the senior
    everyone = list(StaffMember.objects.all())
    for observer in everyone:
        listed = {w.id for w in observable_workers(observer)}
        for worker in everyone:
            case_holder = worker.role in (
                "social_worker",
                "senior_social_worker",
                "nqsw",
                "team_manager",
                "personal_adviser",
                "early_help_worker",
            )
            expected = case_holder and may_observe(observer, worker)
            assert (worker.id in listed) == expected, f"{observer} observing {worker}"
    assert {w.id for w in observable_workers(world.manager)} >= {world.worker.id, world.pod_colleague.id}


def test_the_worker_responds_once_and_the_response_is_never_rewritten(world):
    observation = record(world)
    observation_respond(actor=world.worker.user, observation=observation, text="I will name worries sooner.")
    with pytest.raises(ApplicationError, match=ALREADY_RESPONDED):
        observation_respond(actor=world.worker.user, observation=observation, text="Something else entirely.")
    assert ObservationResponse.objects.get().text == "I will name worries sooner."
    audited = AuditEntry.objects.filter(event=AuditEvent.OBSERVATION_RECORDED, person=world.child)
    assert audited.count() == 2


@pytest.mark.parametrize("actor", ["manager", "pod_colleague", "head_of_service"])
def test_only_the_worker_observed_responds(world, actor):
    observation = record(world)
    with pytest.raises(ApplicationError, match=NOT_THE_WORKER):
        observation_respond(actor=getattr(world, actor).user, observation=observation, text="Thank you")
    assert not ObservationResponse.objects.exists()


def test_an_empty_response_is_refused(world):
    observation = record(world)
    with pytest.raises(FormProblems) as refused:
        observation_respond(actor=world.worker.user, observation=observation, text="   ")
    assert refused.value.problems == {"text": RESPONSE_NEEDED}
    assert not ObservationResponse.objects.exists()
