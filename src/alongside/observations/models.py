"""Practice observations: a manager observes a visit or meeting, with the family's consent, gives
feedback against the model, and the worker responds."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from alongside.people.models import Person
from alongside.workforce.models import Pod, StaffMember


class ObservedPractice(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    DIRECT_WORK = "direct_work", "Direct work session"
    CHILD_PROTECTION_CONFERENCE = "child_protection_conference", "Child protection conference"
    CORE_GROUP = "core_group", "Core group"
    FAMILY_GROUP_CONFERENCE = "family_group_conference", "Family group conference"
    SUPERVISION = "supervision", "Supervision"
    OTHER_MEETING = "other_meeting", "Other meeting"


class ConsentHow(models.TextChoices):
    VERBAL = "verbal", "Verbally"
    WRITTEN = "written", "In writing"


class Observation(models.Model):
    observer = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="observations_made")
    worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="observations_received")
    # The worker's pod on the day, kept so that counts per pod stay true after the worker moves.
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    observed_on = models.DateField()
    practice = models.CharField("what was observed", max_length=30, choices=ObservedPractice.choices)
    # Nobody is observed with a family without the family's agreement: who gave it, how and when.
    consent_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    consent_how = models.CharField(max_length=10, choices=ConsentHow.choices)
    consent_on = models.DateField()
    went_well = models.TextField("what went well")
    even_better_if = models.TextField("even better if")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(observer=F("worker")), name="observation_not_of_oneself"),
            models.CheckConstraint(condition=Q(consent_on__lte=F("observed_on")), name="observation_consent_first"),
        ]
        indexes = [
            models.Index(fields=["worker", "-observed_on"], name="observation_worker_idx"),
            models.Index(fields=["pod", "observed_on"], name="observation_pod_idx"),
        ]

    def __str__(self):
        return f"Observation of {self.worker_id} on {self.observed_on}"


class ObservationFeedback(models.Model):
    """The observer's feedback on one of the operating model's prompts. The prompt's words are kept
    as they were on the day, so a later change to the model does not rewrite old feedback."""

    observation = models.ForeignKey(Observation, on_delete=models.PROTECT, related_name="feedback")
    code = models.CharField(max_length=40)
    prompt = models.CharField(max_length=300)
    text = models.TextField()
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["observation", "code"], name="one_feedback_per_prompt")]

    def __str__(self):
        return f"{self.code} on observation {self.observation_id}"


class ObservationResponse(models.Model):
    """The observed worker's response: given once, never rewritten."""

    observation = models.OneToOneField(Observation, on_delete=models.PROTECT, related_name="response")
    text = models.TextField()
    responded_at = models.DateTimeField()

    def __str__(self):
        return f"Response to observation {self.observation_id}"
