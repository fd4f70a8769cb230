"""The one story: a chronology per family network, written once and never overwritten.

A draft belongs to its author, who can change it. Once finalised an entry never changes: a
correction is a new entry that points at the one it corrects, and both stay in the story with who
wrote them and when. Kind-specific fields sit on the entry itself (one table, so the story is one
query however long it is), and are blank where a kind does not use them."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from alongside.access.visibility import Visibility
from alongside.codes import AbuseCategory, ReviewParticipation
from alongside.journey.meetings import MeetingKind, MeetingOutcome
from alongside.partners.models import Agency
from alongside.people.models import FamilyNetwork, Person


class EntryKind(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    DIRECT_WORK = "direct_work", "Direct work"
    CONTACT = "contact", "Phone call or message"
    MEETING = "meeting", "Meeting"
    MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
    PARTNER_INFORMATION = "partner_information", "Information from a partner"
    FAMILY_WORDS = "family_words", "The family's own words"
    CASE_NOTE = "case_note", "Case note"
    DOCUMENT = "document", "Document"
    HEALTH_ASSESSMENT = "health_assessment", "Health assessment (child in care)"
    YOUNG_PERSON_VIEW = "young_person_view", "The young person's own view"
    REPLY = "reply", "Reply to the family"


# The kinds of entry that are practice time, so ask how long they took. Families' and partners' own
# words, documents and replies are not time spent on a task.
TIMED_KINDS = (
    EntryKind.HOME_VISIT,
    EntryKind.DIRECT_WORK,
    EntryKind.CONTACT,
    EntryKind.MEETING,
    EntryKind.CASE_NOTE,
    EntryKind.MANAGEMENT_OVERSIGHT,
)
# Time with children and families (the 80 of the 80:20 aim); every other timed kind is the 20.
DIRECT_KINDS = (EntryKind.HOME_VISIT, EntryKind.DIRECT_WORK)
MAX_MINUTES = 24 * 60


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class DirectWorkTool(models.TextChoices):
    THREE_HOUSES = "three_houses", "Three houses"
    WISHES_AND_FEELINGS = "wishes_and_feelings", "Wishes and feelings"
    LIFE_STORY = "life_story", "Life story work"
    WORDS_AND_PICTURES = "words_and_pictures", "Words and pictures"
    ECOMAP = "ecomap", "Ecomap or genogram"
    PLAY = "play", "Play"
    OTHER = "other", "Another tool"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"


class StoryEntry(models.Model):
    network = models.ForeignKey(FamilyNetwork, on_delete=models.PROTECT, related_name="story")
    kind = models.CharField(max_length=30, choices=EntryKind.choices)
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="story_entries")
    occurred_at = models.DateTimeField("when it happened")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField("when it was written", null=True, blank=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1)
    about = models.ManyToManyField(Person, related_name="story_entries")
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.STAFF)
    hidden_from = models.ManyToManyField(Person, related_name="+", blank=True)
    named_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    significant = models.BooleanField("significant event", default=False)
    # Time spent, for the share of practice time spent with families (the 80:20 aim). Optional: an
    # entry without it is left out of the share rather than counted as no time.
    minutes = models.PositiveSmallIntegerField(
        "time spent, in minutes",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)],
    )
    summary = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    # Home visit
    child_seen = models.BooleanField(null=True, blank=True)
    child_seen_alone = models.BooleanField(null=True, blank=True)
    people_present = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    # Direct work: the child's own words are kept exactly as said.
    direct_work_tool = models.CharField(max_length=30, choices=DirectWorkTool.choices, blank=True)
    child_words = models.TextField(blank=True)
    # Contact
    contact_method = models.CharField(max_length=10, choices=ContactMethod.choices, blank=True)
    # Meeting
    meeting_kind = models.CharField(max_length=30, choices=MeetingKind.choices, blank=True)
    attendees = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    family_view = models.TextField(blank=True)
    # What a strategy discussion or conference decided; finishing the entry writes it to the journey.
    meeting_outcome = models.CharField(max_length=20, choices=MeetingOutcome.choices, blank=True)
    abuse_category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    review_participation = models.CharField(max_length=3, choices=ReviewParticipation.choices, blank=True)
    # The young person's own view: how things are going (0-10) and their own goals, one per line.
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    own_goals = models.TextField(blank=True)
    # A member of staff's reply to the family's own words (which staff can never change).
    replies_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies")
    # Partner information
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Correction
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    correction_reason = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "story entries"
        indexes = [models.Index(fields=["network", "-occurred_at", "-id"], name="story_network_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", finalised_at__isnull=True) | Q(status="final", finalised_at__isnull=False),
                name="story_final_has_written_time",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="story_correction_has_reason"
            ),
            models.CheckConstraint(condition=Q(scale__isnull=True) | Q(scale__lte=10), name="story_scale_0_to_10"),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__gte=1, minutes__lte=MAX_MINUTES),
                name="story_minutes_1_to_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d} ({self.get_status_display()})"

    @property
    def time_spent(self) -> str:
        """The minutes in words, as people say them: "45 minutes", "1 hour 30 minutes"."""
        if not self.minutes:
            return ""
        hours, minutes = divmod(self.minutes, 60)
        parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
        if minutes:
            parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
        return " ".join(parts)

    @property
    def is_draft(self) -> bool:
        return self.status == EntryStatus.DRAFT

    @property
    def kept_as_written(self) -> bool:
        """Written by the family in the portal or by a partner agency: theirs, so staff never correct
        it (staff can reply to a family's words, or add their own entry)."""
        return self.kind in OWN_WORDS_KINDS and self.author_id is not None and not hasattr(self.author, "staff")

    @property
    def can_reply(self) -> bool:
        return self.kept_as_written and self.kind in FAMILY_KINDS


# What families write themselves, in the portal; and what families or partners can write.
FAMILY_KINDS = (EntryKind.FAMILY_WORDS, EntryKind.YOUNG_PERSON_VIEW)
OWN_WORDS_KINDS = (*FAMILY_KINDS, EntryKind.PARTNER_INFORMATION)


def document_storage():
    """Uploaded documents live in the data directory, outside the static path, and are only ever
    served through an access check. A callable, so migrations do not record one machine's path."""
    return FileSystemStorage(location=settings.DATA_DIR / "documents", base_url=None)


def _document_path(instance, filename):
    return f"{instance.entry.network_id}/{uuid.uuid4().hex}"


class StoryDocument(models.Model):
    entry = models.ForeignKey(StoryEntry, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(storage=document_storage, upload_to=_document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    scan_result = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.original_name
