"""Sign-in, failed sign-in and sign-out are audited from Django's own auth signals, so every way of
signing in (password, single sign-on, two-factor) is recorded the same way, once."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from alongside.access.models import AuditEvent
from alongside.access.services import audit_record


@receiver(user_logged_in, dispatch_uid="alongside_audit_signed_in")
def _signed_in(sender, request, user, **kwargs):
    backend = getattr(user, "backend", "") or ""
    audit_record(
        actor=user,
        event=AuditEvent.SIGNED_IN,
        request=request,
        detail={"method": "single sign-on" if "oidc" in backend.lower() else "password"},
    )


@receiver(user_login_failed, dispatch_uid="alongside_audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Never the password: only the name tried.
    name = str(credentials.get("username") or "")[:150] or "anonymous"
    audit_record(actor=None, actor_name=name, event=AuditEvent.SIGN_IN_FAILED, request=request)


@receiver(user_logged_out, dispatch_uid="alongside_audit_signed_out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, event=AuditEvent.SIGNED_OUT, request=request)
