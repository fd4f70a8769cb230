"""Recording a practice observation and the worker's response to it."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from alongside.access.access import hidden_child_ids
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.observations.access import may_observe
from alongside.observations.models import (
    ConsentHow,
    Observation,
    ObservationFeedback,
    ObservationResponse,
    ObservedPractice,
)
from alongside.observations.selectors import consent_givers
from alongside.people.models import Person
from alongside.practice_model.config import operating_model
from alongside.workforce.models import StaffMember
from alongside.workforce.selectors import open_allocations_on

OWN_PRACTICE = "You cannot observe your own practice"
NOT_YOURS_TO_OBSERVE = (
    "You can observe only people you manage, colleagues in your pod if you are a senior social worker, "
    "or anyone if you are a principal social worker, quality lead or head of service"
)
NOT_ON_CASELOAD = "Choose a child allocated to {name} on the day of the observation"
DATE_NEEDED = "Enter the date of the observation"
DATE_IN_FUTURE = "The date of the observation must be today or in the past"
PRACTICE_NEEDED = "Select what you observed"
CONSENT_NEEDED = "Select who in the family agreed to the observation. Without their consent it cannot be recorded"
CONSENT_NOT_IN_FAMILY = "Select someone in {name}'s family network, or {name} if they are 12 or older"
CONSENT_HOW_NEEDED = "Select how the family agreed"
CONSENT_DATE_NEEDED = "Enter the date the family agreed"
CONSENT_AFTER = "The family must have agreed on or before the day of the observation"
FEEDBACK_NEEDED = "Write your feedback on: {prompt}"
WENT_WELL_NEEDED = "Write what went well"
EVEN_BETTER_IF_NEEDED = "Write what would make it even better"
NOT_THE_WORKER = "Only the worker observed can respond to the observation"
ALREADY_RESPONDED = "You have already responded to this observation. A response cannot be changed"
RESPONSE_NEEDED = "Write your response"


@dataclass
class ObservationInput:
    worker: StaffMember
    child: Person
    observed_on: date | None
    practice: str
    consent_by: Person | None
    consent_how: str
    consent_on: date | None
    feedback: dict[str, str]  # prompt code -> the observer's feedback
    went_well: str
    even_better_if: str


def _problems(data: ObservationInput) -> dict[str, str]:
    """Every problem with the observation, keyed by the form's field names, so all show at once."""
    problems: dict[str, str] = {}
    today = timezone.localdate()
    if data.observed_on is None:
        problems["observed_on"] = DATE_NEEDED
    elif data.observed_on > today:
        problems["observed_on"] = DATE_IN_FUTURE
    elif not open_allocations_on(data.observed_on).filter(worker=data.worker, child=data.child).exists():
        problems["child"] = NOT_ON_CASELOAD.format(name=data.worker.full_name)
    if data.practice not in ObservedPractice.values:
        problems["practice"] = PRACTICE_NEEDED
    # The family's consent comes first: without it nothing else about the observation matters.
    if data.consent_by is None:
        problems["consent_by"] = CONSENT_NEEDED
    else:
        on = data.consent_on or data.observed_on or today
        if data.consent_by.id not in {person.id for person, _ in consent_givers(data.child, on=on)}:
            problems["consent_by"] = CONSENT_NOT_IN_FAMILY.format(name=data.child.first_name)
    if data.consent_how not in ConsentHow.values:
        problems["consent_how"] = CONSENT_HOW_NEEDED
    if data.consent_on is None:
        problems["consent_on"] = CONSENT_DATE_NEEDED
    elif data.observed_on is not None and data.consent_on > data.observed_on:
        problems["consent_on"] = CONSENT_AFTER
    for code, prompt in operating_model().quality.observation_prompts:
        if not data.feedback.get(code, "").strip():
            problems[f"feedback_{code}"] = FEEDBACK_NEEDED.format(prompt=prompt)
    if not data.went_well.strip():
        problems["went_well"] = WENT_WELL_NEEDED
    if not data.even_better_if.strip():
        problems["even_better_if"] = EVEN_BETTER_IF_NEEDED
    return problems


@transaction.atomic
def observation_record(*, actor, data: ObservationInput, request=None) -> Observation:
    """Records an observation of `data.worker`'s practice by the actor, with feedback on each of the
    operating model's prompts (kept with the prompt's words as they are today).

    Raises ApplicationError if the actor may not observe the worker, and FormProblems for anything
    missing or wrong, above all the family's consent; then nothing is saved and nothing audited.
    Audits OBSERVATION_RECORDED against the child."""
    observer = getattr(actor, "staff", None)
    if observer is not None and observer.id == data.worker.id:
        raise FormProblems({"worker": OWN_PRACTICE})
    if observer is None or not may_observe(observer, data.worker):
        raise FormProblems({"worker": NOT_YOURS_TO_OBSERVE})
    problems = _problems(data)
    # A restricted record the observer may not open is refused as if it were not on the caseload.
    if data.child.id in hidden_child_ids(actor):
        problems["child"] = NOT_ON_CASELOAD.format(name=data.worker.full_name)
    if problems:
        raise FormProblems(problems)
    observation = Observation(
        observer=observer,
        worker=data.worker,
        pod_id=data.worker.pod_id,
        child=data.child,
        observed_on=data.observed_on,
        practice=data.practice,
        consent_by=data.consent_by,
        consent_how=data.consent_how,
        consent_on=data.consent_on,
        went_well=data.went_well.strip(),
        even_better_if=data.even_better_if.strip(),
        recorded_by=actor,
    )
    observation.full_clean()
    observation.save()
    ObservationFeedback.objects.bulk_create(
        ObservationFeedback(
            observation=observation, code=code, prompt=prompt, text=data.feedback[code].strip(), order=order
        )
        for order, (code, prompt) in enumerate(operating_model().quality.observation_prompts)
    )
    audit_record(
        actor=actor,
        event=AuditEvent.OBSERVATION_RECORDED,
        person=data.child,
        detail={"observation": observation.id, "worker": data.worker.id, "practice": data.practice},
        request=request,
    )
    return observation


@transaction.atomic
def observation_respond(*, actor, observation: Observation, text: str, request=None) -> ObservationResponse:
    """The observed worker's response. Given once: a second response is refused and the first is
    kept as written. Raises ApplicationError (not the worker, already responded) or FormProblems
    (empty); audits OBSERVATION_RECORDED against the child, marked as the response."""
    staff = getattr(actor, "staff", None)
    if staff is None or staff.id != observation.worker_id:
        raise ApplicationError(NOT_THE_WORKER)
    # Locks the observation so two submissions at once cannot both pass the check below.
    Observation.objects.select_for_update().filter(pk=observation.pk).first()
    if ObservationResponse.objects.filter(observation_id=observation.pk).exists():
        raise ApplicationError(ALREADY_RESPONDED)
    if not text.strip():
        raise FormProblems({"text": RESPONSE_NEEDED})
    response = ObservationResponse(observation=observation, text=text.strip(), responded_at=timezone.now())
    response.full_clean()
    response.save()
    audit_record(
        actor=actor,
        event=AuditEvent.OBSERVATION_RECORDED,
        person=observation.child,
        detail={"observation": observation.id, "part": "worker_response"},
        request=request,
    )
    return response
