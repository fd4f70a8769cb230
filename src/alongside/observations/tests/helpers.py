from datetime import timedelta

from django.utils import timezone

from alongside.observations.services import ObservationInput, observation_record
from alongside.practice_model.config import operating_model

TODAY = timezone.localdate()


def amy_visit(world, **changes) -> ObservationInput:
    """The manager's observation of Rory's home visit to Amy, with Tabetha's agreement."""
    data = {
        "worker": world.worker,
        "child": world.child,
        "observed_on": TODAY - timedelta(days=3),
        "practice": "home_visit",
        "consent_by": world.parent,
        "consent_how": "verbal",
        "consent_on": TODAY - timedelta(days=5),
        "feedback": {code: f"Feedback on {code}" for code, _ in operating_model().quality.observation_prompts},
        "went_well": "You sat at Amy's level and let her show you her drawings.",
        "even_better_if": "Even better if you had named the worry about the school run plainly.",
    }
    return ObservationInput(**{**data, **changes})


def record(world, actor="manager", **changes):
    return observation_record(actor=getattr(world, actor).user, data=amy_visit(world, **changes))
