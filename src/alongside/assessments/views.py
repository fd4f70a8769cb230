from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alongside.access.access import NeedsReason, access_child
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.assessments.forms import AssessmentForm, ScoreFormSet
from alongside.assessments.models import AssessmentStatus, ChildAssessment
from alongside.assessments.services import (
    TEXT_FIELDS,
    AssessmentInvalid,
    assessment_complete,
    assessment_save,
    assessment_sign_off,
    assessment_start,
)
from alongside.lib.errors import ApplicationError


def _scores_from(formset) -> list[dict]:
    return [
        {
            "role": f.cleaned_data["role"],
            "who": f.cleaned_data["who"] or f.cleaned_data["role"],
            "score": f.cleaned_data["score"],
            "meaning": f.cleaned_data["meaning"],
        }
        for f in formset.forms
        if f.has_score()
    ]


def _editable(request, current) -> bool:
    return (
        current is not None and current.status == AssessmentStatus.IN_PROGRESS and current.author_id == request.user.id
    )


def _save_from(request, current):
    """Saves the posted assessment (as the page's Save, or as autosave); returns the bound forms,
    the assessment and whether it saved. Problems are put on the forms; nothing is saved then."""
    form = AssessmentForm(request.POST)
    scores = ScoreFormSet(request.POST, prefix="scores")
    if not (form.is_valid() and scores.is_valid()):
        return form, scores, current, False
    try:
        current = assessment_save(
            actor=request.user,
            assessment=current,
            data=form.cleaned_data,
            scores=_scores_from(scores),
            expected_version=int(request.POST.get("version") or 0) or None,
        )
    except AssessmentInvalid as invalid:
        for name, message in invalid.problems.items():
            form.add_error(name if name in form.fields else None, message)
        return form, scores, current, False
    except ApplicationError as error:
        form.add_error(None, error.message)
        return form, scores, current, False
    return form, scores, current, True


@access_rule(Rule.CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def assessment(request, child_id: int):
    """The child's current assessment: start it, write it (saving as often as needed), complete it."""
    try:
        child = access_child(request.user, child_id).child
    except NeedsReason as needs:
        return redirect("people:open_with_reason", child_id=needs.child.id)
    current = ChildAssessment.objects.filter(child=child).order_by("-started_on", "-id").first()
    if request.method == "POST" and request.POST.get("action") == "start":
        try:
            current = assessment_start(actor=request.user, child=child, request=request)
        except ApplicationError as error:
            return render(
                request,
                "assessments/assessment.html",
                {"child": child, "assessment": current, "start_error": error.message},
            )
        return redirect("assessments:assessment", child_id=child.id)
    if current is None:
        return render(request, "assessments/assessment.html", {"child": child, "assessment": None})
    editable = _editable(request, current)
    if request.method == "POST" and editable:
        form, scores, current, saved = _save_from(request, current)
        if saved and request.POST.get("action") == "complete":
            try:
                current = assessment_complete(actor=request.user, assessment=current, request=request)
            except AssessmentInvalid as invalid:
                saved = False
                for name, message in invalid.problems.items():
                    form.add_error(name if name in form.fields else None, message)
            except ApplicationError as error:
                saved = False
                form.add_error(None, error.message)
        if saved:
            return redirect("assessments:assessment", child_id=child.id)
    else:
        form = AssessmentForm(
            initial={
                **{name: getattr(current, name) for name in TEXT_FIELDS},
                "factors": current.factors,
                "decision": current.decision,
            }
        )
        scores = ScoreFormSet(
            prefix="scores",
            initial=[
                {"role": s.role, "who": s.who, "score": s.score, "meaning": s.meaning} for s in current.scores.all()
            ],
        )
    audit_record(
        actor=request.user,
        event=AuditEvent.ASSESSMENT_VIEWED,
        person=child,
        request=request,
        detail={"assessment": current.id},
    )
    return render(
        request,
        "assessments/assessment.html",
        {
            "child": child,
            "assessment": current,
            "form": form,
            "scores": scores,
            "editable": editable,
        },
    )


@access_rule(Rule.CHILD)
@login_required
@require_POST
def autosave(request, child_id: int):
    """htmx: saves the worker's assessment as they type, so nothing is lost if the browser closes."""
    try:
        child = access_child(request.user, child_id).child
    except NeedsReason:
        raise Http404 from None
    current = ChildAssessment.objects.filter(child=child).order_by("-started_on", "-id").first()
    if not _editable(request, current):
        return render(request, "assessments/_autosave.html", {"message": "Nothing to save here"})
    form, scores, current, saved = _save_from(request, current)
    problems = [str(e) for e in form.non_field_errors()] + [
        str(e) for name, errors in form.errors.items() if name != "__all__" for e in errors
    ]
    problems += [str(e) for f in scores.forms for errors in f.errors.values() for e in errors]
    return render(
        request,
        "assessments/_autosave.html",
        {
            "assessment": current if saved else None,
            "message": "Not saved yet: " + "; ".join(problems) if problems else "",
        },
    )


@access_rule(Rule.ASSESSMENT_SIGN_OFF)
@login_required
@require_POST
def sign_off(request, assessment_id: int):
    current = ChildAssessment.objects.filter(pk=assessment_id).select_related("child").first()
    if current is None:
        raise Http404
    try:
        access_child(request.user, current.child_id)
        assessment_sign_off(actor=request.user, assessment=current, request=request)
    except (NeedsReason, ApplicationError):
        # Not their worker's assessment to sign off: as if it did not exist.
        raise Http404 from None
    return redirect("assessments:assessment", child_id=current.child_id)
