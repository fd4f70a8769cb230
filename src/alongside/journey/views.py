from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alongside.access.access import require_front_door
from alongside.access.declare import Rule, access_rule
from alongside.journey.models import Contact
from alongside.lib.working_days import calendar_for


@access_rule(Rule.FRONT_DOOR)
@login_required
@require_GET
def front_door(request):
    """Contacts waiting for the front door's decision (due within one working day), oldest first."""
    require_front_door(request.user)
    waiting = list(Contact.objects.filter(decided_at__isnull=True).select_related("child").order_by("received_at"))
    today = timezone.localdate()
    if waiting:
        calendar = calendar_for(waiting[0].received_at.year, today.year + 1)
        for contact in waiting:
            contact.decision_due = calendar.add(timezone.localtime(contact.received_at).date(), 1)
            contact.overdue = contact.decision_due < today
    return render(request, "journey/front_door.html", {"contacts": waiting})
