"""The complaints officer's pages: the log, recording a complaint or compliment received another way
(phone, letter, email, in person, through an advocate), and one complaint's whole history with what
can be done next. Complaints officers only (Rule.COMPLAINTS); anyone else gets "not found"."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import hidden_child_ids, require_complaints
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.complaints import due_dates
from alongside.complaints.access import access_complaint, child_for_complaint
from alongside.complaints.forms import (
    ComplaintForm,
    ComplimentForm,
    EscalateForm,
    ExtendForm,
    LearningForm,
    PanelForm,
    RespondForm,
)
from alongside.complaints.models import ComplaintStatus
from alongside.complaints.selectors import (
    complaint_counts,
    compliment_counts,
    open_complaints,
    recent_compliments,
    recently_answered,
    responses_on_time,
)
from alongside.complaints.services import (
    ComplaintInput,
    ComplimentInput,
    complaint_escalate,
    complaint_extend,
    complaint_learning_add,
    complaint_panel_record,
    complaint_record,
    complaint_respond,
    compliment_record,
)
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.lib.forms import show_refusal
from alongside.practice_model.config import operating_model

NO_SUCH_CHILD = "No child we can name has that LA ID. Check it on the child's page"


@access_rule(Rule.COMPLAINTS)
@login_required
@require_GET
def log(request):
    """Open complaints with their stage and due date, recent answers and compliments, and the
    year's figures: counts by month and pod, and the share of stage 1 responses on time."""
    require_complaints(request.user)
    hidden = hidden_child_ids(request.user)
    today = timezone.localdate()
    year_start = date(today.year, 1, 1)
    # Twelve months counting this one, so each month in the table is a whole month but the last.
    twelve_months_ago = date(today.year - (today.month <= 11), (today.month - 12) % 12 + 1, 1)
    complaints = complaint_counts(twelve_months_ago, today)
    compliments = compliment_counts(twelve_months_ago, today)
    on_time = responses_on_time(twelve_months_ago, today, stage=1)
    return render(
        request,
        "complaints/log.html",
        {
            "today": today,
            "open": open_complaints(today, hidden),
            "answered": recently_answered(10, hidden),
            "compliments": recent_compliments(8, hidden),
            "this_year": {
                "complaints": complaint_counts(year_start, today).total,
                "compliments": compliment_counts(year_start, today).total,
            },
            "months": [
                (month, complaints.by_month[month], compliments.by_month[month]) for month in complaints.by_month
            ],
            "pods": sorted(
                {
                    pod: (complaints.by_pod.get(pod, 0), compliments.by_pod.get(pod, 0))
                    for pod in complaints.by_pod | compliments.by_pod
                }.items()
            ),
            "reached": complaints.reached_stage,
            "complaint_total": complaints.total,
            "compliment_total": compliments.total,
            "on_time": on_time,
            "since": twelve_months_ago,
        },
    )


def _record_compliment(request, data: dict):
    return compliment_record(
        actor=request.user,
        data=ComplimentInput(
            received_on=data["received_on"],
            how_received=data["how_received"],
            from_name=data["from_name"],
            from_relationship=data["from_relationship"],
            staff=data["staff"],
            pod=data["pod"],
            words=data["words"],
        ),
        request=request,
    )


def _record_complaint(request, data: dict, child):
    return complaint_record(
        actor=request.user,
        data=ComplaintInput(
            received_on=data["received_on"],
            how_received=data["how_received"],
            made_by_name=data["made_by_name"],
            made_by_relationship=data["made_by_relationship"],
            child=child,
            about=data["about"],
            pod=data["pod"],
            staff_named=data["staff_named"],
            reply_by=data["reply_by"],
            reply_email=data["reply_email"],
            reply_phone=data["reply_phone"],
            reply_address=data["reply_address"],
        ),
        request=request,
    )


@access_rule(Rule.COMPLAINTS)
@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    """Record a complaint (or, with ?kind=compliment, a compliment) received by phone, letter, email,
    in person or through an advocate."""
    require_complaints(request.user)
    compliment = request.GET.get("kind") == "compliment"
    form = (ComplimentForm if compliment else ComplaintForm)(
        request.POST or None, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        child = None if compliment else child_for_complaint(request.user, form.cleaned_data["child"])
        try:
            if compliment:
                _record_compliment(request, form.cleaned_data)
            elif child is None:
                raise FormProblems({"child": NO_SUCH_CHILD})
            else:
                saved = _record_complaint(request, form.cleaned_data, child)
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            if compliment:
                messages.success(request, "Compliment recorded.")
                return redirect("complaints:log")
            messages.success(request, "Complaint recorded at stage 1.")
            return redirect("complaints:complaint", complaint_id=saved.id)
    return render(request, "complaints/new.html", {"form": form, "compliment": compliment})


# What can be done to a complaint from its page: the form for each action, and how to apply it.
ACTIONS = {
    "extend": ExtendForm,
    "panel": PanelForm,
    "respond": RespondForm,
    "escalate": EscalateForm,
    "learning": LearningForm,
}


def _apply(action: str, request, complaint, data: dict):
    actor = request.user
    if action == "extend":
        return complaint_extend(
            actor=actor, complaint=complaint, extended_to=data["extended_to"], reason=data["reason"], request=request
        )
    if action == "panel":
        return complaint_panel_record(
            actor=actor,
            complaint=complaint,
            panel_held_on=data["panel_held_on"],
            findings_on=data["findings_on"],
            request=request,
        )
    if action == "respond":
        return complaint_respond(
            actor=actor,
            complaint=complaint,
            responded_on=data["responded_on"],
            outcome=data["outcome"],
            summary=data["summary"],
            learning=data["learning"],
            request=request,
        )
    if action == "escalate":
        return complaint_escalate(
            actor=actor,
            complaint=complaint,
            requested_on=data["requested_on"],
            asked_for=data["asked_for"],
            late_reason=data["late_reason"],
            request=request,
        )
    return complaint_learning_add(
        actor=actor, complaint=complaint, what_will_change=data["what_will_change"], request=request
    )


DONE = {
    "extend": "Stage extended.",
    "panel": "Review panel dates saved.",
    "respond": "Response recorded.",
    "escalate": "Next stage started.",
    "learning": "Learning added.",
}


def _forms_for(complaint, stage, today, bound=None):
    """The actions open now, each with its form (the one just posted, bound, if it had problems)."""
    forms = {}
    answered = stage.answered
    if complaint.status == ComplaintStatus.OPEN and not answered:
        latest = due_dates.latest_extension(stage.number, stage.started_on)
        if latest is not None and stage.extended_to is None:
            forms["extend"] = ExtendForm(initial={"extended_to": latest}, action="extend", prefix="extend")
        if stage.number == due_dates.LAST_STAGE and stage.findings_on is None:
            forms["panel"] = PanelForm(action="panel", prefix="panel")
        forms["respond"] = RespondForm(initial={"responded_on": today}, action="respond", prefix="respond")
    if complaint.status == ComplaintStatus.CLOSED and stage.number < due_dates.LAST_STAGE:
        forms["escalate"] = EscalateForm(initial={"requested_on": today}, action="escalate", prefix="escalate")
    if any(s.answered for s in complaint.stages.all()):
        forms["learning"] = LearningForm(action="learning", prefix="learning")
    if bound is not None:
        forms[bound[0]] = bound[1]
    return forms


@access_rule(Rule.COMPLAINTS)
@login_required
@require_http_methods(["GET", "POST"])
def complaint(request, complaint_id: int):
    """A complaint's whole history (each stage: due, extension, response, outcome; the learning) and
    what can be done next. Every GET is audited as COMPLAINT_VIEWED."""
    complaint = access_complaint(request.user, complaint_id)
    today = timezone.localdate()
    stage = next(s for s in complaint.stages.all() if s.number == complaint.stage)
    bound = None
    action = request.GET.get("action", "")
    if request.method == "POST" and action in ACTIONS:
        form = ACTIONS[action](request.POST, action=action, prefix=action)
        if form.is_valid():
            try:
                _apply(action, request, complaint, form.cleaned_data)
            except ApplicationError as refused:
                show_refusal(form, refused)
            else:
                messages.success(request, DONE[action])
                return redirect("complaints:complaint", complaint_id=complaint.id)
        bound = (action, form)
    elif request.method == "GET":
        audit_record(actor=request.user, event=AuditEvent.COMPLAINT_VIEWED, person=complaint.child, request=request)
    procedure = operating_model().complaints
    stages = [
        {
            "stage": s,
            "due": due_dates.what_is_due(s),
            "ask_by": due_dates.next_stage_ask_by(s.responded_on) if s.responded_on else None,
            "name": procedure.stage(s.number).name,
            "extendable_to": due_dates.latest_extension(s.number, s.started_on),
        }
        for s in complaint.stages.all()
    ]
    due = due_dates.what_is_due(stage) if complaint.status == ComplaintStatus.OPEN else None
    return render(
        request,
        "complaints/complaint.html",
        {
            "complaint": complaint,
            "stage": stage,
            "stages": stages,
            "due": due,
            "days_left": due_dates.working_days_left(due.due_on, today) if due else None,
            "forms": _forms_for(complaint, stage, today, bound),
            "form": bound[1] if bound else None,  # the base template marks the title "Error" by it
            "panel_days": procedure.panel_findings_working_days,
            "council_days": procedure.council_response_working_days,
        },
    )
