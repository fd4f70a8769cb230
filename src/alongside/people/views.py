from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alongside.access.access import access_child, require_staff
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.journey.selectors import child_episodes
from alongside.people.forms import PersonSearchForm
from alongside.people.selectors import family_network_for_child, person_search
from alongside.workforce.selectors import allocations_for_child


@login_required
@require_GET
def search(request):
    require_staff(request.user)
    results = None
    form = PersonSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        criteria = form.criteria()
        results = person_search(criteria)
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


@login_required
@require_GET
def child_detail(request, child_id: int):
    child = access_child(request.user, child_id)
    audit_record(actor=request.user, event=AuditEvent.CHILD_VIEWED, child=child, request=request)
    return render(
        request,
        "people/child_detail.html",
        {
            "child": child,
            "network": family_network_for_child(child),
            "episodes": child_episodes(child),
            "allocations": allocations_for_child(child),
            "today": timezone.localdate(),
        },
    )
