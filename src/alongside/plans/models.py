"""Plans written with the family: goals in their own words, actions with an owner and a date, the
network's safety plan and what happens if it does not work. Every saved version is kept, whole."""

from django.conf import settings
from django.db import models

from alongside.partners.models import Agency
from alongside.people.models import Person


class PlanKind(models.TextChoices):
    CHILD_IN_NEED = "cin", "Child in need plan"
    CHILD_PROTECTION = "cp", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Care plan"
    PATHWAY = "pathway", "Pathway plan"


class Agreement(models.TextChoices):
    NOT_YET = "", "Not asked yet"
    AGREED = "agreed", "Agreed"
    PARTLY = "partly", "Agreed some of it"
    DISAGREED = "disagreed", "Did not agree"


class Plan(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "kind"], condition=models.Q(ended_on__isnull=True), name="one_current_plan_of_a_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for person {self.child_id}"


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    safety_plan = models.TextField("the family network's safety plan", blank=True)
    contingency = models.TextField("if the plan does not work", blank=True)
    family_group_conference_offered = models.BooleanField(default=False)
    family_group_conference_outcome = models.TextField(blank=True)
    family_seen_on = models.DateField(null=True, blank=True)
    family_agreement = models.CharField(max_length=10, choices=Agreement.choices, blank=True)
    family_comments = models.TextField("what the family said about the plan", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]
        ordering = ["-number"]

    def __str__(self):
        return f"Version {self.number} of plan {self.plan_id}"


class Goal(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField()
    in_their_words = models.TextField("the goal, in the family's words")
    why_it_matters = models.TextField(blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.in_their_words[:60]


class OwnerKind(models.TextChoices):
    FAMILY = "family", "A family member"
    NETWORK = "network", "The family network"
    WORKER = "worker", "The social worker"
    PARTNER = "partner", "A partner agency"


class Action(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField()
    owner_kind = models.CharField(max_length=10, choices=OwnerKind.choices)
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_name = models.CharField("who, in words", max_length=200, blank=True)
    due_on = models.DateField()
    done = models.BooleanField(default=False)

    def __str__(self):
        return self.what[:60]

    @property
    def who(self) -> str:
        """Who will do it, by name where the plan names them ("" for the social worker)."""
        if self.owner_person_id:
            return self.owner_person.first_name
        if self.owner_agency_id:
            return self.owner_agency.name
        return self.owner_name


class PlanReview(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)

    def __str__(self):
        return f"Review of plan {self.plan_id} on {self.held_on}"


class GoalScore(models.Model):
    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="scores")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    progress = models.TextField(blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(score__lte=10), name="goal_score_0_to_10")]

    def __str__(self):
        return f"{self.score}/10"


class PlanDraft(models.Model):
    """The writer's next version as they type it (autosave), kept until they save it as a version or
    discard it. Private to its writer and never part of the plan: a plan version is only ever made
    on purpose, so autosave cannot fill the plan's history with half-written versions."""

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    based_on = models.PositiveIntegerField("the version it was started from", null=True, blank=True)
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "kind", "author"], name="one_plan_draft_per_writer")]

    def __str__(self):
        return f"Draft of the {self.get_kind_display().lower()} for person {self.child_id}"


class PlanResponse(models.Model):
    """A family member's answer to one version of the plan, given in the portal: each answer is kept,
    so a parent who changes their mind, or two parents who disagree, are both on the record."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="responses")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreement = models.CharField(max_length=10, choices=Agreement.choices)
    what_they_disagree_with = models.TextField(blank=True)
    responded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-responded_at", "-id"]

    def __str__(self):
        return f"{self.get_agreement_display()} (person {self.person_id}, plan version {self.version_id})"


class ActionUpdate(models.Model):
    """Progress on an action from the person or agency who owns it. Updates are added, never
    changed; the action's `done` follows the latest one."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    done = models.BooleanField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"Update to action {self.action_id}"
