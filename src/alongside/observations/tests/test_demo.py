"""The demo's observations obey the same rules as the service: the worker's team manager observes,
the family agreed first, the child was the worker's on the day, one feedback per prompt."""

from collections import Counter
from datetime import date

import pytest

from alongside.demo.generator import Generator
from alongside.demo.sizes import SIZES
from alongside.observations.models import Observation, ObservationFeedback, ObservationResponse
from alongside.practice_model.config import operating_model

AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def rows():
    return Generator(SIZES["small"], 11, AS_OF).run()


def test_every_observation_row_is_valid_for_its_model(rows):
    for name, model in (
        ("observations", Observation),
        ("observation_feedback", ObservationFeedback),
        ("observation_responses", ObservationResponse),
    ):
        assert rows[name], f"the demo has no {name}"
        for row in rows[name]:
            model(**vars(row)).full_clean(
                validate_unique=False,
                validate_constraints=False,
                exclude=[f.name for f in model._meta.fields if f.is_relation],
            )


def test_the_team_manager_observes_a_child_of_the_workers_with_the_familys_agreement(rows):
    staff = {s.id: s for s in rows["staff"]}
    allocations = rows["allocations"]
    for observation in rows["observations"]:
        assert staff[observation.worker_id].manager_id == observation.observer_id
        assert staff[observation.observer_id].role == "team_manager"
        assert observation.consent_on <= observation.observed_on < AS_OF
        assert any(
            a.worker_id == observation.worker_id
            and a.child_id == observation.child_id
            and a.started_on <= observation.observed_on
            and (a.ended_on is None or a.ended_on > observation.observed_on)
            for a in allocations
        )


def test_each_worker_is_observed_at_most_three_times_and_most_workers_respond(rows):
    per_worker = Counter(o.worker_id for o in rows["observations"])
    assert max(per_worker.values()) <= 3
    assert sum(1 for n in per_worker.values() if n in (1, 2)) > len(per_worker) / 2
    codes = [code for code, _ in operating_model().quality.observation_prompts]
    feedback = Counter(f.observation_id for f in rows["observation_feedback"])
    assert set(feedback.values()) == {len(codes)}
    share = len(rows["observation_responses"]) / len(rows["observations"])
    assert 0.7 <= share <= 0.95
