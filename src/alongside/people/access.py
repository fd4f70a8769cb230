"""Who may correct the details of a child's record that the statutory returns read.

Seeing them follows the child's page (access.access_child). Changing them is narrower: the codes
feed the LA's submissions to the DfE, so the people who answer for the record and the people who
prepare the returns change them, and colleagues who only cover for the worker do not.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404
from django.utils import timezone

from alongside.access.access import NeedsReason, access_child, int_or_404
from alongside.access.rules import is_allocated_worker, manages_the_allocated_worker
from alongside.people.models import Person
from alongside.people.returns_details import CORRECTABLE, Kind
from alongside.workforce.models import Allocation, StaffRole


def may_correct_returns_details(user, child: Person) -> bool:
    """Whether this member of staff, who has already opened the child's record, may correct it."""
    staff = user.staff
    # Data officers prepare the returns and fix what the validators find, for every child.
    if staff.role == StaffRole.DATA_OFFICER:
        return True
    today = timezone.localdate()
    allocation = (
        Allocation.objects.filter(child=child, started_on__lte=today, ended_on__isnull=True)
        .select_related("worker")
        .first()
    )
    # The child's worker knows the facts of the case.
    if is_allocated_worker.test(staff, allocation):
        return True
    # Anyone above the worker in the manager line answers for the record.
    return manages_the_allocated_worker.test(staff, allocation)


def access_returns_correction(user, child_id) -> Person:
    """The child, if the user may correct the details their returns read.

    First the child's own rule (access_child): Http404 for non-staff, a missing or restricted
    child; NeedsReason passed on only to a data officer (whose LA may not make them service-wide:
    they state a reason, as on the child's page). Then may_correct_returns_details: PermissionDenied
    for staff who may see the record but not change it (no existence leaks: they may open it)."""
    try:
        child = access_child(user, child_id).child
    except NeedsReason:
        # Anyone else who would need a reason cannot change the record even with one.
        if user.staff.role == StaffRole.DATA_OFFICER:
            raise
        raise PermissionDenied from None
    if not may_correct_returns_details(user, child):
        raise PermissionDenied
    return child


@dataclass(frozen=True)
class CorrectionTarget:
    child: Person
    kind: Kind
    obj: Model


def access_correction_target(user, child_id, kind_slug: str, object_id) -> CorrectionTarget:
    """One correctable object of the child's (access_returns_correction, then the object): Http404
    for a kind not in CORRECTABLE or an object that is not this child's."""
    child = access_returns_correction(user, child_id)
    kind = CORRECTABLE.get(kind_slug)
    if kind is None:
        raise Http404
    obj = kind.get_for_child(child, int_or_404(object_id))
    if obj is None:
        raise Http404
    return CorrectionTarget(child, kind, obj)
