"""Training in the practice model: courses from the operating model, who completed them and when,
coverage and refreshers.

A completion is never edited. A correction is a new completion that names the one it replaces and
why; a withdrawal (recorded in error) is a new row, marked withdrawn, that replaces it. The history
of what was recorded, by whom and when stays readable."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.workforce.models import StaffMember


class CourseStatus(models.TextChoices):
    CURRENT = "current", "Current"
    DUE_SOON = "due_soon", "Refresher due soon"
    EXPIRED = "expired", "Needs a refresher"
    NEVER = "never", "Not done yet"


class TrainingCompletion(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="training_completions")
    course = models.CharField(max_length=50)  # a course code from the operating model
    completed_on = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    withdrawn = models.BooleanField(default=False)
    reason = models.TextField("why it was corrected or withdrawn", blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(reason=""), name="training_correction_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn=False) | Q(replaces__isnull=False), name="training_withdrawal_names_record"
            ),
        ]
        indexes = [models.Index(fields=["staff", "course"], name="training_staff_course_idx")]

    def __str__(self):
        return f"{self.course} by {self.staff_id} on {self.completed_on}"
