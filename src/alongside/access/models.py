"""The audit trail: who saw or changed what, when and why. Rows are only ever added."""

from django.conf import settings
from django.db import models

from alongside.people.models import Person


class AuditEvent(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    CHILD_VIEWED = "child_viewed", "Child's record viewed"
    PERSON_SEARCHED = "person_searched", "People searched"
    DEMO_SEEDED = "demo_seeded", "Synthetic local authority created"


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # For a command or the seeder there is no user; the name says which system actor it was.
    actor_name = models.CharField(max_length=150)
    event = models.CharField(max_length=30, choices=AuditEvent.choices)
    child = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["child", "at"], name="audit_child_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_event_display()}"
