"""Reflective supervision: one-to-one sessions (case discussions that go into each child's story as
management oversight, and a private reflective part for the two people only) and group reflective
practice sessions (the seed LAs: monthly, about 75 minutes, one family discussed, pseudonymised)."""

from django.conf import settings
from django.db import models

from alongside.people.models import Person
from alongside.story.models import StoryEntry
from alongside.workforce.models import Pod, StaffMember


class SupervisionSession(models.Model):
    supervisor = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="supervisions_given")
    supervisee = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="supervisions_received")
    held_on = models.DateField()
    # Private: only the supervisee and the supervisor ever see this (not their managers, not audits
    # of the child's record), so that it can be honest.
    reflective_notes = models.TextField("the reflective part", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["supervisee", "-held_on"], name="supervision_supervisee_idx")]

    def __str__(self):
        return f"Supervision of {self.supervisee_id} on {self.held_on}"


class CaseDiscussion(models.Model):
    session = models.ForeignKey(SupervisionSession, on_delete=models.PROTECT, related_name="discussions")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    discussion = models.TextField()
    decisions = models.TextField()
    reasons = models.TextField("why")
    story_entry = models.OneToOneField(StoryEntry, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Case discussion of {self.child_id} in supervision {self.session_id}"


class GroupSession(models.Model):
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    facilitator = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    family = models.CharField("the family discussed (a pseudonym)", max_length=200)
    themes = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Group reflective practice on {self.held_on}"


class GroupAttendance(models.Model):
    session = models.ForeignKey(GroupSession, on_delete=models.PROTECT, related_name="attendances")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="group_attendances")
    takeaway = models.TextField("what they take away", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "staff"], name="one_attendance_each")]

    def __str__(self):
        return f"{self.staff_id} at group session {self.session_id}"
