from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alongside.access.access import require_front_door
from alongside.access.declare import Rule, access_rule
from alongside.journey.selectors import contacts_waiting


@access_rule(Rule.FRONT_DOOR)
@login_required
@require_GET
def front_door(request):
    """Contacts waiting for the front door's decision (due within one working day), oldest first."""
    require_front_door(request.user)
    waiting = contacts_waiting(on=timezone.localdate())
    return render(request, "journey/front_door.html", {"contacts": waiting})
