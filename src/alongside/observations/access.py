"""Who may observe whom, and who may open an observation once it is written."""

from django.http import Http404

from alongside.access.access import require_staff
from alongside.access.rules import is_above_in_manager_line
from alongside.observations.models import Observation
from alongside.workforce.models import StaffMember, StaffRole

# Roles whose job is the quality of practice across the service: they may observe anyone.
QUALITY_ROLES = (StaffRole.PRINCIPAL_SOCIAL_WORKER, StaffRole.QUALITY_LEAD, StaffRole.HEAD_OF_SERVICE)
# Senior practitioners observe the colleagues they share families with (peer observation).
PEER_OBSERVER_ROLES = (StaffRole.SENIOR_SOCIAL_WORKER,)


def may_observe(observer: StaffMember, worker: StaffMember) -> bool:
    """Whether `observer` may record an observation of `worker`'s practice. Current staff only."""
    # Feedback on one's own practice is reflection, not observation.
    if observer.id == worker.id:
        return False
    # Someone who has left neither observes nor is observed.
    if not (observer.is_current and worker.is_current):
        return False
    # Principal social worker, quality lead, head of service: practice across the service.
    if observer.role in QUALITY_ROLES:
        return True
    # A senior social worker observes a colleague in their own pod (not the pod's manager).
    if (
        observer.role in PEER_OBSERVER_ROLES
        and observer.pod_id is not None
        and observer.pod_id == worker.pod_id
        and worker.role != StaffRole.TEAM_MANAGER
    ):
        return True
    # Otherwise only someone above the worker in the manager line (their team manager, and up).
    return is_above_in_manager_line(observer, worker)


def access_observation(user, observation_id) -> Observation:
    """The observation, for the observer, the worker observed and the worker's manager line.

    Everyone else, pod colleagues and quality leads who did not observe included, gets Http404
    exactly as for an observation that does not exist: the feedback is about one person's practice."""
    require_staff(user)
    try:
        wanted = int(observation_id)
    except (TypeError, ValueError):
        raise Http404 from None
    observation = (
        Observation.objects.filter(pk=wanted)
        .select_related("observer", "worker", "child", "consent_by", "pod", "response")
        .prefetch_related("feedback")
        .first()
    )
    if observation is None:
        raise Http404
    staff = user.staff
    # The observer wrote it.
    if staff.id == observation.observer_id:
        return observation
    # The worker is the one it is about.
    if staff.id == observation.worker_id:
        return observation
    # The worker's team manager and those above them follow their development.
    if is_above_in_manager_line(staff, observation.worker):
        return observation
    raise Http404


def can_respond(user, observation: Observation) -> bool:
    """Whether to offer the response form: the worker observed, once."""
    return user.staff.id == observation.worker_id and not has_response(observation)


def has_response(observation: Observation) -> bool:
    """Whether the worker has responded (read from the row already loaded, if it was)."""
    try:
        observation.response  # noqa: B018 (the reverse one-to-one raises when there is none)
    except Observation.response.RelatedObjectDoesNotExist:
        return False
    return True
