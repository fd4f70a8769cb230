from functools import cache, partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alongside.access.access import NeedsReason, access_child
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.handovers.models import Handover
from alongside.handovers.services import handover_roles, handover_save, handover_summary_draft, visits_since_opened
from alongside.lib.errors import ApplicationError


@access_rule(Rule.CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def handover(request, child_id: int):
    """The child's latest handover: the summary, the family's message and the joint visit."""
    try:
        child = access_child(request.user, child_id).child
    except NeedsReason as needs:
        return redirect("people:open_with_reason", child_id=needs.child.id)
    current = (
        Handover.objects.filter(child=child)
        .select_related("from_worker", "to_worker", "joint_visit")
        .order_by("-opened_on", "-id")
        .first()
    )
    error = None
    # The prefilled summary, worked out once: the POST compares against it and the page may show it.
    draft = cache(partial(handover_summary_draft, current))
    if request.method == "POST" and current is not None:
        post = request.POST
        visit = post.get("joint_visit", "")
        summary = post.get("summary")
        # The prefilled starting point, sent back untouched, is not a summary anyone has written.
        if summary is not None and summary.strip() == draft().strip():
            summary = None
        try:
            handover_save(
                actor=request.user,
                handover=current,
                expected_version=int(post["version"]) if post.get("version", "").isdigit() else None,
                summary=summary,
                family_message=post.get("family_message"),
                family_message_from=post.get("family_message_from", ""),
                joint_visit_id=int(visit) if visit.isdigit() else None,
                incomplete_reason=post.get("incomplete_reason"),
            )
        except ApplicationError as problem:
            error = problem.message
        else:
            messages.success(request, "Handover saved.")
            return redirect("handovers:handover", child_id=child.id)
    roles = handover_roles(request.user, current) if current else set()
    audit_record(actor=request.user, event=AuditEvent.HANDOVER_VIEWED, person=child, request=request)
    return render(
        request,
        "handovers/handover.html",
        {
            "child": child,
            "handover": current,
            "roles": roles,
            "error": error,
            "post": request.POST if request.method == "POST" else {},
            "summary": (current.summary or draft()) if current else "",
            "visits": visits_since_opened(current) if current else [],
        },
    )
