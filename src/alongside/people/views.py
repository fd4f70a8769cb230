from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import (
    NeedsReason,
    access_child,
    access_child_audit,
    access_child_for_reason,
    can_allocate,
    hidden_child_ids,
    require_staff,
)
from alongside.access.declare import Rule, access_rule
from alongside.access.forms import OpenWithReasonForm
from alongside.access.models import AuditEvent
from alongside.access.selectors import who_has_looked_at
from alongside.access.services import access_grant_open_with_reason, audit_record
from alongside.journey.selectors import child_episodes
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.people.access import access_correction_target, may_correct_returns_details
from alongside.people.forms import CorrectionForm, PersonSearchForm
from alongside.people.returns_details import corrections_for, details_for_returns, in_sentence
from alongside.people.selectors import family_network_for_child, person_search
from alongside.people.services import correct_record
from alongside.workforce.selectors import allocations_for_child


@access_rule(Rule.STAFF)
@login_required
@require_GET
def search(request):
    require_staff(request.user)
    results = None
    form = PersonSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        criteria = form.criteria()
        results = person_search(criteria, hidden_ids=hidden_child_ids(request.user))
        audit_record(
            actor=request.user,
            event=AuditEvent.PERSON_SEARCHED,
            request=request,
            detail={
                "name": criteria.name,
                "date_of_birth": str(criteria.date_of_birth or ""),
                "nhs_number": criteria.nhs_number,
                "la_id": criteria.la_id,
                "results": len(results),
            },
        )
    return render(request, "people/search.html", {"form": form, "results": results, "today": timezone.localdate()})


def _open_child(request, child_id: int, **detail):
    """The child's access for this user, with the view audited; or a redirect to give a reason first."""
    try:
        access = access_child(request.user, child_id)
    except NeedsReason as needs:
        return None, redirect("people:open_with_reason", child_id=needs.child.id)
    audit_record(
        actor=request.user,
        event=AuditEvent.CHILD_VIEWED,
        person=access.child,
        request=request,
        detail={"relationship": access.relationship, **detail},
    )
    return access, None


@access_rule(Rule.CHILD)
@login_required
@require_GET
def child_detail(request, child_id: int):
    access, ask_reason = _open_child(request, child_id)
    if ask_reason:
        return ask_reason
    child = access.child
    return render(
        request,
        "people/child_detail.html",
        {
            "child": child,
            "access": access,
            "network": family_network_for_child(child),
            "episodes": child_episodes(child),
            "allocations": allocations_for_child(child),
            "can_allocate": can_allocate(request.user, child),
            "can_correct_returns_details": may_correct_returns_details(request.user, child),
            "today": timezone.localdate(),
        },
    )


@access_rule(Rule.CHILD_REASON)
@login_required
@require_http_methods(["GET", "POST"])
def open_with_reason(request, child_id: int):
    child = access_child_for_reason(request.user, child_id)
    form = OpenWithReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            access_grant_open_with_reason(
                actor=request.user,
                child=child,
                request=request,
                reason_code=form.cleaned_data["reason"],
                detail=form.cleaned_data["detail"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("people:child", child_id=child.id)
    return render(request, "access/open_with_reason.html", {"child": child, "form": form})


@access_rule(Rule.CHILD_AUDIT)
@login_required
@require_GET
def who_has_looked(request, child_id: int):
    child = access_child_audit(request.user, child_id)
    audit_record(actor=request.user, event=AuditEvent.AUDIT_VIEWED, person=child, request=request)
    return render(request, "access/who_has_looked.html", {"child": child, "entries": who_has_looked_at(child)})


@access_rule(Rule.CHILD)
@login_required
@require_GET
def returns_details(request, child_id: int):
    """The details of the child's record the statutory returns read, with a link to correct each
    object for those who may, and the history of corrections."""
    access, ask_reason = _open_child(request, child_id, page="details_for_returns")
    if ask_reason:
        return ask_reason
    child = access.child
    sections = details_for_returns(child)
    return render(
        request,
        "people/returns_details.html",
        {
            "child": child,
            "sections": sections,
            "corrections": corrections_for(child, sections),
            "may_correct": may_correct_returns_details(request.user, child),
        },
    )


@access_rule(Rule.RETURNS_CORRECTION)
@login_required
@require_http_methods(["GET", "POST"])
def returns_correction(request, child_id: int, kind: str, object_id: int):
    """Correcting one object's codes, with a reason; back to the details page, at that object."""
    try:
        found = access_correction_target(request.user, child_id, kind, object_id)
    except NeedsReason as needs:
        return redirect("people:open_with_reason", child_id=needs.child.id)
    child, kind, obj = found.child, found.kind, found.obj
    form = CorrectionForm(kind, obj, request.POST if request.method == "POST" else None)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            event=AuditEvent.CHILD_VIEWED,
            person=child,
            request=request,
            detail={"page": "details_for_returns", "kind": kind.slug, "object_id": obj.pk},
        )
    title = kind.title(obj)
    if request.method == "POST" and form.is_valid():
        try:
            corrections = correct_record(
                by=request.user,
                child=child,
                target=obj,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            if corrections:
                changed = ", ".join(in_sentence(kind.label(c.field_name)) for c in corrections)
                messages.success(request, f"{capfirst(title)}: {changed} corrected.")
            else:
                messages.success(request, f"{capfirst(title)}: nothing was changed.")
            url = reverse("people:returns_details", kwargs={"child_id": child.id})
            return redirect(f"{url}#{kind.anchor(obj)}")
    return render(
        request,
        "people/returns_correction.html",
        {
            "child": child,
            "kind": kind,
            "title": title,
            "form": form,
            "anchor": kind.anchor(obj),
        },
    )
