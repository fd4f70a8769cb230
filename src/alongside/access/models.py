"""Who may see a child's record beyond their working relationships, and the audit trail of who did.

Audit rows are only ever added: the model refuses updates and deletes, and on PostgreSQL a trigger
refuses them at the database too (migration 0002)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.people.models import Person


class AuditEvent(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    TWO_FACTOR_ENABLED = "two_factor_enabled", "Two-factor sign-in set up"
    CHILD_VIEWED = "child_viewed", "Child's record viewed"
    PERSON_SEARCHED = "person_searched", "People searched"
    OPENED_WITH_REASON = "opened_with_reason", "Record opened with a reason"
    BREAK_GLASS = "break_glass", "Restricted record opened in an emergency (break glass)"
    RESTRICTED_REFUSED = "restricted_refused", "Restricted record refused"
    AUDIT_VIEWED = "audit_viewed", "Who has looked at the record viewed"
    SUBJECT_ACCESS_EXPORTED = "subject_access_exported", "Subject access request exported"
    RECORD_RESTRICTED = "record_restricted", "Record restricted"
    NAMED_ACCESS_GRANTED = "named_access_granted", "Named access to a restricted record granted"
    NAMED_ACCESS_REMOVED = "named_access_removed", "Named access to a restricted record removed"
    ACCESS_REVIEWED = "access_reviewed", "Access reviewed after a change of pod"
    STAFF_MOVED_POD = "staff_moved_pod", "Staff member moved pod"
    STORY_VIEWED = "story_viewed", "Family story viewed"
    STORY_PRINTED = "story_printed", "Family story printed"
    STORY_ENTRY_ADDED = "story_entry_added", "Story entry added"
    STORY_ENTRY_CORRECTED = "story_entry_corrected", "Story entry corrected"
    DOCUMENT_DOWNLOADED = "document_downloaded", "Document downloaded"
    ASSESSMENT_VIEWED = "assessment_viewed", "Assessment viewed"
    ASSESSMENT_STARTED = "assessment_started", "Assessment started"
    ASSESSMENT_COMPLETED = "assessment_completed", "Assessment completed"
    ASSESSMENT_SIGNED_OFF = "assessment_signed_off", "Assessment signed off"
    PLAN_VIEWED = "plan_viewed", "Plan viewed"
    PLAN_SAVED = "plan_saved", "Plan saved (new version)"
    PLAN_FAMILY_VIEW_RECORDED = "plan_family_view", "Family's view of the plan recorded"
    PLAN_REVIEWED = "plan_reviewed", "Plan reviewed"
    WORKER_ALLOCATED = "worker_allocated", "Worker allocated"
    HANDOVER_VIEWED = "handover_viewed", "Handover viewed"
    DEMO_SEEDED = "demo_seeded", "Synthetic local authority created"
    FAMILY_INVITED = "family_invited", "Family member invited to the portal"
    FAMILY_JOINED = "family_joined", "Family member joined the portal"
    SIGN_IN_LINK_SENT = "sign_in_link_sent", "Sign-in link sent to a family member"
    FAMILY_FEEDBACK = "family_feedback", "Family said what helped"
    WORKER_CHANGE_ASKED = "worker_change_asked", "Family asked for a change of worker"
    WORKER_CHANGE_ANSWERED = "worker_change_answered", "Request for a change of worker answered"
    HANDOVER_MESSAGE = "handover_message", "Family's message for a new worker added"
    ACTION_UPDATED = "action_updated", "Plan action updated by its owner"
    CONTACT_MADE = "contact_made", "Referral made to the front door"
    AUDIT_ROUND_SET_UP = "audit_round_set_up", "Case file audit round set up"
    CASE_AUDIT_VIEWED = "case_audit_viewed", "Case file audit viewed"
    CASE_AUDIT_CHANGED = "case_audit_changed", "Case file audit graded, moderated or answered"
    FAMILY_VIEW_GIVEN = "family_view_given", "Family's view given for a case file audit"
    OBSERVATION_RECORDED = "observation_recorded", "Practice observation recorded"
    OBSERVATION_VIEWED = "observation_viewed", "Practice observation viewed"
    PULSE_ANSWERED = "pulse_answered", "Took part in the staff pulse survey"
    TRAINING_RECORDED = "training_recorded", "Training completion recorded"
    COMPLAINT_RECORDED = "complaint_recorded", "Compliment or complaint recorded"
    COMPLAINT_VIEWED = "complaint_viewed", "Complaint viewed"
    COMPLAINT_CHANGED = "complaint_changed", "Complaint moved on a stage or answered"
    INSIGHT_VIEWED = "insight_viewed", "Impact and fidelity figures viewed"
    FIGURES_DOWNLOADED = "figures_downloaded", "Impact and fidelity figures downloaded"
    SNAPSHOT_TAKEN = "snapshot_taken", "Analytics snapshot taken"
    RECORD_CORRECTED = "record_corrected", "Details for statutory returns corrected"
    RETURN_PRODUCED = "return_produced", "Statutory return produced"
    RETURN_DOWNLOADED = "return_downloaded", "Statutory return downloaded"
    RETURN_VIEWED = "return_viewed", "Statutory return's findings viewed"


class AuditRoute(models.TextChoices):
    PAGE = "page", "Web page"
    API = "api", "API"
    EXPORT = "export", "Export"
    COMMAND = "command", "Command line"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail cannot be changed")

    def delete(self):
        raise PermissionError("The audit trail cannot be deleted")


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # For a command or the seeder there is no user; the name says which system actor it was.
    actor_name = models.CharField(max_length=150)
    event = models.CharField(max_length=30, choices=AuditEvent.choices)
    route = models.CharField(max_length=10, choices=AuditRoute.choices, default=AuditRoute.PAGE)
    # The person the event is about: usually a child, an adult for a subject access request.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["person", "at"], name="audit_person_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_event_display()}"

    def save(self, *args, **kwargs):
        # Append-only: a row, once written, is never rewritten.
        if self.pk is not None:
            raise PermissionError("The audit trail cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail cannot be deleted")


class RestrictionKind(models.TextChoices):
    STAFF_FAMILY = "staff_family", "A member of staff's own family"
    ADOPTION = "adoption", "Adoption"
    HIGH_PROFILE = "high_profile", "High-profile case"
    OTHER = "other", "Other"


class RestrictedRecord(models.Model):
    """A child whose record only named users may open. Everyone else gets "not found"."""

    child = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="restriction")
    kind = models.CharField(max_length=20, choices=RestrictionKind.choices)
    reason = models.TextField()
    # The person accountable for the restriction; alerted when someone breaks the glass.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Restricted record for person {self.child_id} ({self.get_kind_display()})"


class NamedAccess(models.Model):
    record = models.ForeignKey(RestrictedRecord, on_delete=models.CASCADE, related_name="named")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="named_access")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "user"], name="one_named_access_per_user")]

    def __str__(self):
        return f"{self.user} named on {self.record}"


class GrantKind(models.TextChoices):
    REASON = "reason", "Opened with a reason"
    BREAK_GLASS = "break_glass", "Break glass"


class AccessGrant(models.Model):
    """A time-limited opening of one child's record by one user who has no working relationship
    with the child: a stated reason, or break-glass on a restricted record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_grants")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_grants")
    kind = models.CharField(max_length=20, choices=GrantKind.choices)
    reason_code = models.CharField(max_length=40)
    reason_detail = models.TextField(blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "child", "expires_at"], name="grant_lookup_idx")]

    def __str__(self):
        return f"{self.user} opened person {self.child_id} ({self.get_kind_display()})"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(default=timezone.now)
    message = models.TextField()
    child = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        ordering = ["-created_at"]

    def __str__(self):
        return f"To {self.recipient}: {self.message[:40]}"


class ReviewDecision(models.TextChoices):
    KEEP = "keep", "Keep"
    REMOVE = "remove", "Remove"


class AccessReview(models.Model):
    """When someone changes pod, each named access they hold is reviewed by their new manager."""

    named_access = models.ForeignKey(NamedAccess, null=True, on_delete=models.SET_NULL, related_name="reviews")
    staff_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_reviews")
    created_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Review of {self.staff_user}'s access to person {self.child_id}"
