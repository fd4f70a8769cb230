from django.conf import settings
from django.urls import reverse

from alongside.access.roles import UserKind, user_kind
from alongside.workforce.models import StaffRole


def navigation(request):
    """The service navigation for the signed-in user: each kind of user sees only their own pages."""
    items = []
    user = getattr(request, "user", None)
    kind = user_kind(user) if user is not None else UserKind.NONE
    if kind != UserKind.NONE:
        items.append(("Home", reverse("home")))
    if kind == UserKind.STAFF:
        items.append(("Find a person", reverse("people:search")))
        if user.staff.role == StaffRole.DATA_OFFICER:
            items.append(("Data quality", reverse("home")))
    path = request.path
    nav = [{"text": text, "href": href, "current": path == href} for text, href in items]
    # Only one item is marked current: the longest matching prefix.
    return {
        "service_name": settings.ALONGSIDE_SERVICE_NAME,
        "phase": settings.ALONGSIDE_PHASE,
        "navigation": nav,
        "user_kind": kind,
    }
