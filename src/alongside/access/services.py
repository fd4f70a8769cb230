from alongside.access.models import AuditEntry, AuditEvent


def audit_record(
    *, actor, event: AuditEvent, child=None, reason: str = "", detail=None, request=None, actor_name: str = ""
) -> AuditEntry:
    """Adds one row to the audit trail. `actor` is a user, or None for a named system actor."""
    if actor is not None and not actor_name:
        actor_name = actor.get_username()
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor_name or "system",
        event=event,
        child=child,
        reason=reason,
        detail=detail or {},
        ip_address=ip,
    )
