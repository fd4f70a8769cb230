"""The family's own records: the links that let them in, what they tell us about our help, and
their requests for a different worker. What they write about their family goes in the story."""

from django.conf import settings
from django.db import models

from alongside.people.models import Person
from alongside.workforce.models import StaffMember


class LinkPurpose(models.TextChoices):
    INVITATION = "invitation", "Invitation to the family portal"
    SIGN_IN = "sign_in", "Sign-in link"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class OneTimeLink(models.Model):
    """A link sent to a family member that works once, until it expires. Only a hash of the token is
    kept, so a copy of the database cannot be used to sign in as a family."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=12, choices=LinkPurpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    sent_to = models.CharField(max_length=254)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "purpose"], name="one_time_link_person_idx")]

    def __str__(self):
        return f"{self.get_purpose_display()} for person {self.person_id}"


class HowItWent(models.TextChoices):
    HELPED_A_LOT = "helped_a_lot", "It helped a lot"
    HELPED_A_BIT = "helped_a_bit", "It helped a bit"
    NOT_HELPED = "not_helped", "It did not help"


class FamilyFeedback(models.Model):
    """What a family member said helped and what did not: counted in the family feedback figures."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="feedback_given")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    how_it_went = models.CharField(max_length=12, choices=HowItWent.choices)
    what_helped = models.TextField(blank=True)
    what_did_not_help = models.TextField(blank=True)
    given_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Feedback from person {self.person_id}: {self.how_it_went}"


class WorkerChangeRequest(models.Model):
    """A family member asking for a different worker, with their reason. The worker's manager
    answers it; the answer is shown to the family. Asking never changes the worker by itself."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="worker_change_requests")
    worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Request for a new worker for person {self.child_id}"
