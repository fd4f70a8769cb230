"""A handover: what a family's new worker needs when the worker changes. The outgoing worker's
summary, the family's own message to the new worker, and a visit by both workers together. It is
complete when all three exist, or when a manager records why one could not happen."""

from django.conf import settings
from django.db import models

from alongside.people.models import Person
from alongside.story.models import StoryEntry
from alongside.workforce.models import Allocation, StaffMember


class Handover(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="handovers")
    allocation = models.OneToOneField(Allocation, on_delete=models.PROTECT, related_name="handover")
    from_worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="handovers_given")
    to_worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="handovers_taken")
    opened_on = models.DateField()
    summary = models.TextField("the outgoing worker's summary", blank=True)
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    family_message = models.TextField("the family's message to the new worker", blank=True)
    family_message_from = models.CharField("who in the family said it", max_length=200, blank=True)
    family_message_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    joint_visit = models.ForeignKey(
        StoryEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="joint visit"
    )
    incomplete_reason = models.TextField("why part of the handover could not happen", blank=True)
    incomplete_reason_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["completed_on", "to_worker"], name="handover_open_idx")]

    def __str__(self):
        return f"Handover of person {self.child_id} from {self.from_worker_id} to {self.to_worker_id}"

    @property
    def parts_done(self) -> dict[str, bool]:
        return {
            "summary": bool(self.summary.strip()),
            "family_message": bool(self.family_message.strip()),
            "joint_visit": self.joint_visit_id is not None,
        }
