"""What kind of user someone is, from their relationship to the record (never a role flag)."""

from django.db import models

from alongside.people.models import NetworkRole


class UserKind(models.TextChoices):
    STAFF = "staff", "Children's services staff"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Child or young person"
    PARTNER = "partner", "Partner agency"
    NONE = "none", "No access"


def user_kind(user) -> UserKind:
    """Cached on the user object for the request; each page asks several times."""
    cached = getattr(user, "_alongside_kind", None)
    if cached is not None:
        return cached
    kind = _work_out_kind(user)
    user._alongside_kind = kind
    return kind


def _work_out_kind(user) -> UserKind:
    if not user.is_authenticated or not user.is_active:
        return UserKind.NONE
    staff = getattr(user, "staff", None)
    if staff is not None:
        # A leaver loses access the day they leave, even before their account is switched off.
        return UserKind.STAFF if staff.left_on is None else UserKind.NONE
    if getattr(user, "partner", None) is not None:
        return UserKind.PARTNER
    person = getattr(user, "person", None)
    if person is not None:
        roles = set(person.memberships.values_list("role", flat=True))
        if NetworkRole.CHILD in roles:
            return UserKind.YOUNG_PERSON
        if NetworkRole.PARENT in roles:
            return UserKind.PARENT
    return UserKind.NONE
