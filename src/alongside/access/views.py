from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alongside.access.access import can_break_glass, require_staff
from alongside.access.declare import Rule, access_rule
from alongside.access.forms import BreakGlassForm, ReviewForm
from alongside.access.models import AccessReview, RestrictedRecord
from alongside.access.selectors import notifications_for
from alongside.access.services import access_grant_break_glass, access_review_decide, notifications_mark_read
from alongside.lib.errors import ApplicationError
from alongside.people.identifiers import normalise_nhs_number
from alongside.people.models import NetworkRole, Person

NO_SUCH_CHILD = "No child has that LA ID or NHS number"


@access_rule(Rule.BREAK_GLASS)
@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request):
    """Opening a restricted record in an emergency, by its exact identifier and a reason."""
    if not can_break_glass(request.user):
        raise Http404
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"].strip()
        child = (
            Person.objects.filter(memberships__role=NetworkRole.CHILD).filter(la_id=identifier).first()
            or Person.objects.filter(
                memberships__role=NetworkRole.CHILD, nhs_number=normalise_nhs_number(identifier)
            ).first()
        )
        if child is None:
            form.add_error("identifier", NO_SUCH_CHILD)
        else:
            record = RestrictedRecord.objects.filter(child=child).first()
            if record is None:
                # Not restricted: the ordinary rules apply, no glass to break.
                return redirect("people:child", child_id=child.id)
            try:
                access_grant_break_glass(
                    actor=request.user,
                    record=record,
                    request=request,
                    reason_code=form.cleaned_data["reason"],
                    detail=form.cleaned_data["detail"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                return redirect("people:child", child_id=child.id)
    return render(request, "access/break_glass.html", {"form": form})


@access_rule(Rule.STAFF)
@login_required
@require_http_methods(["GET"])
def notifications(request):
    require_staff(request.user)
    items = list(notifications_for(request.user))
    notifications_mark_read(actor=request.user)
    return render(request, "access/notifications.html", {"notifications": items})


@access_rule(Rule.REVIEWER)
@login_required
@require_POST
def decide_review(request, review_id: int):
    require_staff(request.user)
    review = get_object_or_404(AccessReview, pk=review_id, reviewer=request.user)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        access_review_decide(actor=request.user, review=review, decision=form.cleaned_data["decision"])
    except ApplicationError:
        raise PermissionDenied from None
    return redirect("home")
