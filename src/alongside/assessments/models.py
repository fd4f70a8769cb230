"""The child and family assessment, in the strengths-and-risks style the practice model uses.

Worries (past harm, future danger, complicating factors), what is working well (strengths,
safety), what needs to happen, each person's scaling 0-10 with what the number means to them, and
the child's own view and lived experience, which the assessment cannot be completed without (or
without a recorded reason it could not be gained). Its DfE shadow (start, authorisation, factors)
is the journey's Assessment row, which sign-off fills in: the census reads that, never re-keyed."""

from django.conf import settings
from django.db import models

from alongside.journey.models import Assessment as DfEAssessment
from alongside.journey.models import validate_factors
from alongside.people.models import Person


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Waiting for manager sign-off"
    SIGNED_OFF = "signed_off", "Signed off"


class Decision(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "cin", "Child in need"
    SECTION_47 = "s47", "Section 47 enquiry"


class ChildAssessment(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="child_assessments")
    dfe = models.OneToOneField(DfEAssessment, on_delete=models.PROTECT, related_name="practice")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS)
    version = models.PositiveIntegerField(default=1)
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What is already known, prefilled from the record when the assessment starts; the worker edits it.
    what_we_know = models.TextField(blank=True)
    worries_past_harm = models.TextField("past harm", blank=True)
    worries_future_danger = models.TextField("future danger", blank=True)
    worries_complicating = models.TextField("complicating factors", blank=True)
    working_well_strengths = models.TextField("strengths", blank=True)
    working_well_safety = models.TextField("existing safety", blank=True)
    needs_to_happen = models.TextField("what needs to happen", blank=True)
    child_view = models.TextField("the child's view and lived experience", blank=True)
    child_view_not_gained = models.TextField("why the child's view could not be gained", blank=True)
    factors = models.JSONField(default=list, blank=True, validators=[validate_factors])
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status", "author"], name="assessment_status_idx")]

    def __str__(self):
        return f"Assessment of person {self.child_id} started {self.started_on}"


class ScaleRole(models.TextChoices):
    CHILD = "child", "The child"
    PARENT = "parent", "Parent or carer"
    NETWORK = "network", "Family network"
    WORKER = "worker", "Social worker"
    PARTNER = "partner", "Partner agency"


class ScalingScore(models.Model):
    """0 means the worst it could be; 10 means safe enough to close. Each person says why."""

    assessment = models.ForeignKey(ChildAssessment, on_delete=models.CASCADE, related_name="scores")
    role = models.CharField(max_length=10, choices=ScaleRole.choices)
    who = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField()
    meaning = models.TextField("what the number means to them")

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(score__lte=10), name="scaling_score_0_to_10")]

    def __str__(self):
        return f"{self.who}: {self.score}"
