"""Changes to who may see what, each written to the audit trail in the same transaction."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from alongside.access.models import (
    AccessGrant,
    AccessReview,
    AuditEntry,
    AuditEvent,
    AuditRoute,
    GrantKind,
    NamedAccess,
    Notification,
    RestrictedRecord,
    ReviewDecision,
)
from alongside.lib.errors import ApplicationError
from alongside.practice_model.config import access_policy


def audit_record(
    *,
    actor,
    event: AuditEvent,
    person=None,
    reason: str = "",
    detail=None,
    request=None,
    actor_name: str = "",
    route: AuditRoute = AuditRoute.PAGE,
) -> AuditEntry:
    """Adds one row to the audit trail. `actor` is a user, or None for a named system actor."""
    if actor is not None and not actor_name:
        actor_name = actor.get_username()
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor_name or "system",
        event=event,
        route=route,
        person=person,
        reason=reason,
        detail=detail or {},
        ip_address=ip,
    )


REASON_REQUIRED = "Select why you need to open this record"
DETAIL_REQUIRED = "Say why you need to open this record"


def _expiry():
    return timezone.now() + timedelta(hours=access_policy().reason_lasts_hours)


def _check_reason(reason_code: str, detail: str) -> None:
    codes = dict(access_policy().reasons_for_opening)
    if reason_code not in codes:
        raise ApplicationError(REASON_REQUIRED)
    if reason_code == "other" and not detail.strip():
        raise ApplicationError(DETAIL_REQUIRED)


@transaction.atomic
def access_grant_open_with_reason(*, actor, child, reason_code: str, detail: str, request=None) -> AccessGrant:
    """Opens a child's record for `actor` for the configured hours, on a stated reason. The caller
    has checked the policy allows it (access.access_child raised NeedsReason). Audited; the
    child's managers see it on "who has looked at this record"."""
    _check_reason(reason_code, detail)
    grant = AccessGrant.objects.create(
        user=actor,
        child=child,
        kind=GrantKind.REASON,
        reason_code=reason_code,
        reason_detail=detail.strip(),
        expires_at=_expiry(),
    )
    audit_record(
        actor=actor,
        event=AuditEvent.OPENED_WITH_REASON,
        person=child,
        request=request,
        reason=f"{access_policy().reason_label(reason_code)}. {detail.strip()}".strip(),
        detail={"reason_code": reason_code, "expires_at": grant.expires_at.isoformat()},
    )
    return grant


@transaction.atomic
def access_grant_break_glass(
    *, actor, record: RestrictedRecord, reason_code: str, detail: str, request=None
) -> AccessGrant:
    """Opens a restricted record in an emergency. A reason in words is always required; the actor's
    manager and the record's owner are alerted, and it is audited."""
    _check_reason(reason_code, detail)
    if not detail.strip():
        raise ApplicationError(DETAIL_REQUIRED)
    grant = AccessGrant.objects.create(
        user=actor,
        child=record.child,
        kind=GrantKind.BREAK_GLASS,
        reason_code=reason_code,
        reason_detail=detail.strip(),
        expires_at=_expiry(),
    )
    who = actor.get_full_name() or actor.get_username()
    message = (
        f"{who} opened the restricted record of {record.child.full_name} (break glass): "
        f"{access_policy().reason_label(reason_code)}. {detail.strip()}"
    )
    recipients = {record.owner_id}
    staff = getattr(actor, "staff", None)
    if staff is not None and staff.manager_id is not None:
        recipients.add(staff.manager.user_id)
    recipients.discard(actor.id)
    Notification.objects.bulk_create(
        Notification(recipient_id=user_id, message=message, child=record.child) for user_id in sorted(recipients)
    )
    audit_record(
        actor=actor,
        event=AuditEvent.BREAK_GLASS,
        person=record.child,
        request=request,
        reason=message,
        detail={"reason_code": reason_code, "alerted_user_ids": sorted(recipients)},
    )
    return grant


@transaction.atomic
def restricted_record_create(*, actor, child, kind: str, reason: str, named_users=()) -> RestrictedRecord:
    """Restricts a child's record to named users (the owner is always one)."""
    if RestrictedRecord.objects.filter(child=child).exists():
        raise ApplicationError("This record is already restricted")
    record = RestrictedRecord.objects.create(child=child, kind=kind, reason=reason, owner=actor)
    record.full_clean()
    audit_record(actor=actor, event=AuditEvent.RECORD_RESTRICTED, person=child, reason=reason, detail={"kind": kind})
    for user in {actor, *named_users}:
        named_access_grant(actor=actor, record=record, user=user)
    return record


@transaction.atomic
def named_access_grant(*, actor, record: RestrictedRecord, user) -> NamedAccess:
    access, _ = NamedAccess.objects.get_or_create(record=record, user=user, defaults={"granted_by": actor})
    audit_record(
        actor=actor, event=AuditEvent.NAMED_ACCESS_GRANTED, person=record.child, detail={"user": user.get_username()}
    )
    return access


@transaction.atomic
def staff_move_pod(*, actor, staff, pod) -> list[AccessReview]:
    """Moves a member of staff to another pod. Their named access to restricted records is then
    reviewed by the new pod's manager (issue #4: access is reviewed when someone changes pod)."""
    from alongside.workforce.models import StaffMember, StaffRole

    old_pod = staff.pod
    staff.pod = pod
    staff.team = pod.team
    manager = StaffMember.objects.filter(pod=pod, role=StaffRole.TEAM_MANAGER, left_on__isnull=True).first()
    if manager is not None and manager.pk != staff.pk:
        staff.manager = manager
    staff.full_clean()
    staff.save(update_fields=["pod", "team", "manager"])
    audit_record(
        actor=actor,
        event=AuditEvent.STAFF_MOVED_POD,
        detail={"staff": staff.user.get_username(), "from": str(old_pod), "to": str(pod)},
    )
    reviewer = manager or staff.manager
    reviews = []
    if reviewer is None:
        return reviews
    for access in NamedAccess.objects.filter(user=staff.user).select_related("record"):
        reviews.append(
            AccessReview.objects.create(
                named_access=access, staff_user=staff.user, child=access.record.child, reviewer=reviewer.user
            )
        )
    return reviews


@transaction.atomic
def access_review_decide(*, actor, review: AccessReview, decision: str) -> AccessReview:
    if review.reviewer_id != actor.id:
        raise ApplicationError("Only the reviewing manager can decide this review")
    if review.decided_at is not None:
        raise ApplicationError("This review has already been decided")
    if decision not in ReviewDecision.values:
        raise ApplicationError("Select keep or remove")
    review.decision = decision
    review.decided_at = timezone.now()
    review.save(update_fields=["decision", "decided_at"])
    if decision == ReviewDecision.REMOVE and review.named_access is not None:
        access = review.named_access
        audit_record(
            actor=actor,
            event=AuditEvent.NAMED_ACCESS_REMOVED,
            person=review.child,
            detail={"user": access.user.get_username()},
        )
        access.delete()
    audit_record(
        actor=actor,
        event=AuditEvent.ACCESS_REVIEWED,
        person=review.child,
        detail={"user": review.staff_user.get_username(), "decision": decision},
    )
    return review


def notifications_mark_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
