from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import hidden_child_ids, require_staff
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.observations.access import access_observation, can_respond, has_response
from alongside.observations.forms import ChooseChildForm, ChooseWorkerForm, ObservationForm, ResponseForm
from alongside.observations.selectors import (
    consent_givers,
    observable_workers,
    observation_counts_for_pod,
    observation_list_by_observer,
    observation_list_for_worker,
)
from alongside.observations.services import ObservationInput, observation_record, observation_respond
from alongside.practice_model.config import operating_model
from alongside.workforce.models import StaffRole
from alongside.workforce.selectors import caseload_for

RECENT = 20


@access_rule(Rule.STAFF)
@login_required
@require_GET
def observations_home(request):
    """Observations of my practice (with a link to respond), the ones I made, and for a team
    manager how often each worker in the pod has been observed in the last 12 months."""
    require_staff(request.user)
    staff = request.user.staff
    today = timezone.localdate()
    pod_rows = []
    if staff.role == StaffRole.TEAM_MANAGER and staff.pod_id is not None:
        pod_rows = observation_counts_for_pod(staff.pod, on=today)
    return render(
        request,
        "observations/home.html",
        {
            "of_me": list(observation_list_for_worker(staff)[:RECENT]),
            "by_me": list(observation_list_by_observer(staff)[:RECENT]),
            "pod": staff.pod,
            "pod_rows": pod_rows,
            "may_observe": bool(observable_workers(staff)),
            "hidden": hidden_child_ids(request.user),
        },
    )


@access_rule(Rule.STAFF)
@login_required
@require_http_methods(["GET", "POST"])
def observation_new(request):
    """Recording an observation: whose practice (from those the user may observe), which child
    (from that worker's caseload today), then the family's consent and the feedback."""
    require_staff(request.user)
    staff = request.user.staff
    today = timezone.localdate()
    workers = observable_workers(staff)
    context = {"step": "none", "workers": workers}
    if not workers:
        return render(request, "observations/new.html", context)

    worker_form = ChooseWorkerForm(request.GET if "worker" in request.GET else None, workers=workers)
    if not worker_form.is_valid():
        return render(request, "observations/new.html", context | {"step": "worker", "form": worker_form})
    worker = next(w for w in workers if w.id == worker_form.cleaned_data["worker"])

    # A restricted record the observer may not open is left out, as everywhere else.
    hidden = hidden_child_ids(request.user)
    children = [entry.child for entry in caseload_for(worker, on=today) if entry.child.id not in hidden]
    context |= {"worker": worker, "children": children}
    child_form = ChooseChildForm(
        request.GET if "child" in request.GET else None, initial={"worker": worker.id}, children=children
    )
    if not child_form.is_valid():
        return render(request, "observations/new.html", context | {"step": "child", "form": child_form})
    child = next(c for c in children if c.id == child_form.cleaned_data["child"])

    givers = consent_givers(child, on=today)
    prompts = operating_model().quality.observation_prompts
    form = ObservationForm(request.POST or None, consent_givers=givers, prompts=prompts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = {person.id: person for person, _ in givers}
        try:
            observation = observation_record(
                actor=request.user,
                data=ObservationInput(
                    worker=worker,
                    child=child,
                    observed_on=data["observed_on"],
                    practice=data["practice"],
                    consent_by=people.get(data["consent_by"]),
                    consent_how=data["consent_how"],
                    consent_on=data["consent_on"],
                    feedback=form.feedback(),
                    went_well=data["went_well"],
                    even_better_if=data["even_better_if"],
                ),
                request=request,
            )
        except ApplicationError as problem:
            show_refusal(form, problem)
        else:
            messages.success(request, f"Observation of {worker.full_name} recorded. They can now respond.")
            return redirect("observations:observation", observation_id=observation.id)
    return render(request, "observations/new.html", context | {"step": "observation", "child": child, "form": form})


@access_rule(Rule.OBSERVATION)
@login_required
@require_http_methods(["GET", "POST"])
def observation_page(request, observation_id: int):
    """One observation: the consent, the feedback on each prompt, and the worker's response (or,
    for the worker, the form to respond once). Seen by the observer, the worker and their manager
    line; every showing is audited against the child."""
    observation = access_observation(request.user, observation_id)
    form = ResponseForm(request.POST or None)
    if request.method == "POST":
        # Only the worker observed changes anything here; the others may only read.
        if request.user.staff.id != observation.worker_id:
            raise PermissionDenied
        if form.is_valid():
            try:
                observation_respond(
                    actor=request.user, observation=observation, text=form.cleaned_data["text"], request=request
                )
            except ApplicationError as problem:
                show_refusal(form, problem)
            else:
                messages.success(request, "Your response has been added.")
                return redirect("observations:observation", observation_id=observation.id)
    audit_record(
        actor=request.user,
        event=AuditEvent.OBSERVATION_VIEWED,
        person=observation.child,
        detail={"observation": observation.id},
        request=request,
    )
    answered = has_response(observation)
    return render(
        request,
        "observations/observation.html",
        {
            "observation": observation,
            "child_hidden": observation.child_id in hidden_child_ids(request.user),
            "response": observation.response if answered else None,
            "form": form if can_respond(request.user, observation) or form.errors else None,
        },
    )
