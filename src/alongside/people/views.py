from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
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
from alongside.people.forms import PersonSearchForm
from alongside.people.selectors import family_network_for_child, person_search
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


@access_rule(Rule.CHILD)
@login_required
@require_GET
def child_detail(request, child_id: int):
    try:
        access = access_child(request.user, child_id)
    except NeedsReason as needs:
        return redirect("people:open_with_reason", child_id=needs.child.id)
    child = access.child
    audit_record(
        actor=request.user,
        event=AuditEvent.CHILD_VIEWED,
        person=child,
        request=request,
        detail={"relationship": access.relationship},
    )
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
