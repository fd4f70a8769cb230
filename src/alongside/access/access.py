"""Permission-checked fetches. Views never load a child with Model.objects.get; they call these.

Each returns the object or raises Http404 alike for "missing" and "not yours", so a record's
existence never leaks. The relationship-based rules (allocation, pod, manager line, restricted
records, break-glass) arrive with the access issue (#4); until then every current member of staff
may open any child, and families and partners never reach staff pages.
"""

from django.http import Http404

from alongside.access.roles import UserKind, user_kind
from alongside.people.models import NetworkRole, Person


def access_child(user, child_id) -> Person:
    """The child with this id, if `user` may open the staff view of their record."""
    try:
        child_id = int(child_id)
    except (TypeError, ValueError):
        raise Http404 from None
    # Only current children's services staff use the staff record; families and partners have
    # their own pages, which show them only what is theirs.
    if user_kind(user) != UserKind.STAFF:
        raise Http404
    # A person is a child's record only if some family network holds them as a child.
    child = Person.objects.filter(pk=child_id, memberships__role=NetworkRole.CHILD).first()
    if child is None:
        raise Http404
    return child


def require_staff(user) -> None:
    """Staff-only pages (search, caseloads) are 404 to everyone else, like a missing page."""
    if user_kind(user) != UserKind.STAFF:
        raise Http404
