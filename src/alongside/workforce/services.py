"""Changing a child's worker: with a reason from the operating model, never silently over a cap."""

from datetime import date

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import FormProblems
from alongside.people.models import Person
from alongside.practice_model.config import operating_model
from alongside.workforce.allocation import is_over_cap, weight_for_child, weighted_caseloads
from alongside.workforce.models import (
    CASE_HOLDING_ROLES,
    Allocation,
    AllocationEndReason,
    AllocationReason,
    StaffMember,
)

# Sent when a child's worker changes (not on a first allocation), so the handover opens in the same
# transaction. A signal keeps workforce, at the bottom of the layers, free of the handovers module.
worker_changed = Signal()  # kwargs: allocation, previous (the ended Allocation), actor

WORKER_NEEDED = "Choose a worker"
NOT_A_CASE_HOLDER = "Choose a worker who holds cases and has not left"
SAME_WORKER = "{worker} is already {child}'s worker"
REASON_NEEDED = "Select why the worker is changing"
OVER_CAP = (
    "{worker} would have a weighted caseload of {load:g}, over their cap of {cap}. Say why they are the right "
    "worker for {child} all the same, or choose someone else."
)


class AllocationInvalid(FormProblems):
    pass


@transaction.atomic
def allocation_change(
    *,
    actor,
    child: Person,
    worker: StaffMember | None,
    reason: str,
    over_cap_reason: str = "",
    on: date | None = None,
    request=None,
) -> Allocation:
    """Ends the child's current allocation (if any) and starts one with `worker`. A change of worker
    needs a reason from the operating model's list; a first allocation is a new referral. A worker
    taken over their cap needs a stated reason, which is audited with the change."""
    on = on or timezone.localdate()
    list(Person.objects.select_for_update().filter(pk=child.pk).values_list("pk", flat=True))
    current = Allocation.objects.filter(child=child, ended_on__isnull=True).select_related("worker").first()
    if worker is None:
        raise AllocationInvalid({"worker": WORKER_NEEDED})
    if worker.left_on is not None or worker.role not in CASE_HOLDING_ROLES:
        raise AllocationInvalid({"worker": NOT_A_CASE_HOLDER})
    if current is not None and current.worker_id == worker.id:
        raise AllocationInvalid({"worker": SAME_WORKER.format(worker=worker.full_name, child=child.first_name)})
    allowed = dict(operating_model().change_of_worker_reasons) if current else {AllocationReason.NEW_REFERRAL: ""}
    if reason not in allowed:
        raise AllocationInvalid({"reason": REASON_NEEDED})
    cap = operating_model().caseload_caps.get(worker.role)
    load = weighted_caseloads([worker.id], on=on)[worker.id] + weight_for_child(child.id, on=on)
    if is_over_cap(load, cap) and not over_cap_reason.strip():
        raise AllocationInvalid(
            {"over_cap_reason": OVER_CAP.format(worker=worker.full_name, load=load, cap=cap, child=child.first_name)}
        )
    if current is not None:
        current.ended_on = on
        current.end_reason = AllocationEndReason.WORKER_CHANGED
        current.save(update_fields=["ended_on", "end_reason"])
    allocation = Allocation.objects.create(child=child, worker=worker, pod=worker.pod, started_on=on, reason=reason)
    if current is not None:
        worker_changed.send(sender=Allocation, allocation=allocation, previous=current, actor=actor)
    audit_record(
        actor=actor,
        event=AuditEvent.WORKER_ALLOCATED,
        person=child,
        request=request,
        reason=over_cap_reason.strip(),
        detail={
            "from": current.worker_id if current else None,
            "to": worker.id,
            "reason": reason,
            "weighted_caseload_after": load,
            "cap": cap,
        },
    )
    return allocation
