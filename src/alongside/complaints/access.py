"""Permission-checked fetches of complaints. A complaint holds a family's own account of the service,
often about a named worker: complaints officers see the log, and a family member sees only what they
made. Anything else is "not found", exactly like an id that does not exist."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.access.access import NeedsReason, access_child, hidden_child_ids, require_complaints, require_family
from alongside.complaints.models import Complaint
from alongside.complaints.selectors import complaint_history
from alongside.people.models import NetworkRole, Person


def access_complaint(user, complaint_id) -> Complaint:
    """The complaint with its history, for a complaints officer (quality leads, principal social
    workers, heads of service). Raises Http404 for anyone else and for an unknown id."""
    require_complaints(user)
    complaint = complaint_history(int(complaint_id))
    if complaint is None:
        raise Http404
    # About a restricted child the officer is not named on: as if it did not exist.
    if complaint.child_id in hidden_child_ids(user):
        raise Http404
    return complaint


def access_family_complaint(user, complaint_id) -> Complaint:
    """A complaint the signed-in family member made themself. Another person's complaint, even their
    own child's made by the other parent, is not found."""
    person = require_family(user)
    try:
        wanted = int(complaint_id)
    except (TypeError, ValueError):
        raise Http404 from None
    complaint = complaint_history(wanted)
    # Only the person who made it: a complaint can be about a worker, or about the other parent.
    if complaint is None or complaint.made_by_id != person.id:
        raise Http404
    return complaint


def child_for_complaint(user, la_id: str) -> Person | None:
    """The child with this LA ID, for a complaint about them. Logging a complaint names the child but
    does not open their record, so a complaints officer outside the child's team may do it; a
    restricted record they are not named on reads as None, the same as an LA ID no one has."""
    require_complaints(user)
    la_id = (la_id or "").strip()
    child = Person.objects.filter(la_id__iexact=la_id, memberships__role=NetworkRole.CHILD).first() if la_id else None
    if child is None:
        return None
    try:
        access_child(user, child.id)
    except (PermissionDenied, NeedsReason):
        return child  # no working relationship: fine for naming the child in the log
    except Http404:
        return None  # restricted, and not named
    return child
