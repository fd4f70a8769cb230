from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.access.access import may_make_returns, may_see_insight
from alongside.access.roles import UserKind, user_kind
from alongside.access.selectors import unread_notification_count


def navigation(request):
    """The service navigation for the signed-in user: each kind of user sees only their own pages."""
    items = []
    user = getattr(request, "user", None)
    kind = user_kind(user) if user is not None else UserKind.NONE
    if kind != UserKind.NONE:
        items.append((_("Home"), reverse("home")))
    unread = 0
    if kind == UserKind.STAFF:
        items.append(("Find a person", reverse("people:search")))
        items.append(("Supervision", reverse("supervision:home")))
        items.append(("Quality and learning", reverse("quality:home")))
        if may_see_insight(user):
            items.append(("Impact and fidelity", reverse("insight:dashboard")))
        if may_make_returns(user):
            items.append(("Statutory returns", reverse("returns:home")))
        unread = unread_notification_count(user)
        items.append((f"Notifications ({unread})" if unread else "Notifications", reverse("access:notifications")))
    if kind in (UserKind.PARENT, UserKind.YOUNG_PERSON):
        items.append((_("Our story") if kind == UserKind.PARENT else _("My story"), reverse("portal:story")))
        if kind == UserKind.YOUNG_PERSON:
            items.append((_("My view"), reverse("portal:my_view")))
        items.append((_("Tell us what you think"), reverse("portal:feedback")))
        items.append((_("Compliment or complaint"), reverse("portal:say_something")))
    if kind == UserKind.PARTNER:
        items.append(("Make a referral", reverse("partners:referral")))
    if kind in (UserKind.STAFF, UserKind.PARTNER):
        # The operating model is written for professionals; families have their own pages.
        items.append(("How we work", reverse("practice_model:operating_model")))
    path = request.path
    nav = [{"text": text, "href": href, "current": path == href} for text, href in items]
    return {
        "service_name": settings.ALONGSIDE_SERVICE_NAME,
        "phase": settings.ALONGSIDE_PHASE,
        "navigation": nav,
        "user_kind": kind,
        "unread_notifications": unread,
        # Families and people not signed in can choose their language; staff pages are in English.
        "offer_languages": kind in (UserKind.NONE, UserKind.PARENT, UserKind.YOUNG_PERSON),
    }
