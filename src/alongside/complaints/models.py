"""Compliments and complaints. Complaints follow the children's statutory complaints procedure (Children
Act 1989 Representations Procedure (England) Regulations 2006): local resolution, investigation, review
panel. Each stage the complaint reaches is a row of its own, so the history is the rows: a response
once recorded is final, an extension keeps the original due date, and learning is added, never edited.
The timescales come from the operating model (`operating_model().complaints`), never from here."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.people.models import Person
from alongside.workforce.models import Pod, StaffMember


class HowReceived(models.TextChoices):
    PORTAL = "portal", "Family portal"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    ADVOCATE = "advocate", "Through an advocate"


class MadeBy(models.TextChoices):
    """Who made it, by their relationship to the child."""

    PARENT_CARER = "parent_carer", "Parent or carer"
    CHILD = "child", "Child or young person"
    RELATIVE = "relative", "Relative"
    ADVOCATE = "advocate", "Advocate"
    OTHER = "other", "Other"


class ReplyBy(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    POST = "post", "Post"
    PORTAL = "portal", "Family portal account"


class ComplaintStatus(models.TextChoices):
    # Open: a stage is waiting for its response. Closed: the last stage reached has been answered
    # (the complainant may still ask for the next stage). Withdrawn: the complainant withdrew it.
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Complaint(models.Model):
    received_on = models.DateField()
    how_received = models.CharField(max_length=12, choices=HowReceived.choices)
    made_by_name = models.CharField("who made it", max_length=200)
    made_by_relationship = models.CharField("their relationship to the child", max_length=15, choices=MadeBy.choices)
    # The family member who made it, when they are known to us (always, from the portal): they follow
    # it in the portal, and only they do.
    made_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints_made")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="complaints")
    about = models.TextField("what it is about")
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints")
    staff_named = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints_naming"
    )
    reply_by = models.CharField("how to reply", max_length=10, choices=ReplyBy.choices)
    reply_email = models.EmailField(blank=True)
    reply_phone = models.CharField(max_length=30, blank=True)
    reply_address = models.TextField("postal address", blank=True)
    stage = models.PositiveSmallIntegerField("current stage", default=1)
    status = models.CharField(max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "received_on"], name="complaint_status_idx"),
            models.Index(fields=["received_on"], name="complaint_received_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(stage__gte=1, stage__lte=3), name="complaint_stage_1_to_3"),
            # The rule, held by the database too: no complaint without a way to reply.
            models.CheckConstraint(
                condition=(
                    (Q(reply_by="email") & ~Q(reply_email=""))
                    | (Q(reply_by="phone") & ~Q(reply_phone=""))
                    | (Q(reply_by="post") & ~Q(reply_address=""))
                    | (Q(reply_by="portal") & Q(made_by__isnull=False))
                ),
                name="complaint_has_contact_route",
            ),
        ]

    def __str__(self):
        return f"Complaint {self.pk} received {self.received_on}"

    @property
    def reply_to(self) -> str:
        """Where the reply goes, as written on the complaint."""
        return {
            ReplyBy.EMAIL: self.reply_email,
            ReplyBy.PHONE: self.reply_phone,
            ReplyBy.POST: self.reply_address,
            ReplyBy.PORTAL: "Their family portal account",
        }.get(self.reply_by, "")


class Stage(models.Model):
    """One stage of one complaint. Stage 1 starts on the day the complaint was received; stages 2 and 3
    on the day the complainant asked for them."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="stages")
    number = models.PositiveSmallIntegerField("stage")
    started_on = models.DateField()
    # Statutory: the due date worked out when the stage started. An extension adds `extended_to`
    # beside it, so the original timescale is always there to report against.
    due_on = models.DateField()
    asked_for = models.TextField("what they are still unhappy about", blank=True)
    # A request for the next stage after the complainant's window: why it was accepted.
    late_reason = models.TextField("why a late request was accepted", blank=True)
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extended_at = models.DateTimeField(null=True, blank=True)
    # Stage 3 only: the review panel, then its findings, then the council's response.
    panel_held_on = models.DateField(null=True, blank=True)
    findings_on = models.DateField("panel findings sent on", null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, blank=True)
    response_summary = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint_id", "number"]
        indexes = [models.Index(fields=["number", "responded_on"], name="complaint_stage_answered_idx")]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="one_row_per_complaint_stage"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=3), name="complaint_stage_number_1_to_3"),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True)
                | (Q(extended_to__gt=models.F("due_on")) & ~Q(extension_reason="")),
                name="complaint_extension_later_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | ~Q(outcome=""),
                name="complaint_response_has_outcome",
            ),
        ]

    def __str__(self):
        return f"Stage {self.number} of complaint {self.complaint_id}"

    @property
    def due_in_force(self):
        """The response date that counts now: the extended date if extended, else the original."""
        return self.extended_to or self.due_on

    @property
    def answered(self) -> bool:
        return self.responded_on is not None


class Learning(models.Model):
    """What the service will change because of a complaint. Added, never edited."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="learning")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="learning")
    what_will_change = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self):
        return f"Learning from complaint {self.complaint_id}"


class Compliment(models.Model):
    received_on = models.DateField()
    how_received = models.CharField(max_length=12, choices=HowReceived.choices)
    from_name = models.CharField("from", max_length=200)
    from_relationship = models.CharField(
        "their relationship to the child", max_length=15, choices=MadeBy.choices, blank=True
    )
    made_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments_made"
    )
    child = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments")
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments")
    staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments")
    words = models.TextField("what they said")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["received_on"], name="compliment_received_idx")]

    def __str__(self):
        return f"Compliment {self.pk} received {self.received_on}"
