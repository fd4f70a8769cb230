"""Case file audits (issue #8): rounds of audits against the practice model, with the family's view,
the worker's reflection, moderation by a second auditor, and actions that go to the worker.

A round copies the questions and grades from the operating model when it is set up, so that a later
change to the model never rewrites what an earlier round asked; findings roll up by the questions'
themes, which is what makes rounds comparable."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.people.models import Person
from alongside.workforce.models import Pod, StaffMember


class SampleKind(models.TextChoices):
    RANDOM = "random", "A random sample of open cases across the service"
    POD = "pod", "A random sample of one pod's open cases"
    TARGETED = "targeted", "A targeted group of children"


class Target(models.TextChoices):
    """The targeted groups an audit round can draw from; each is a selector over the record."""

    REPEAT_CP_PLAN = "repeat_cp_plan", "Children on a second or later child protection plan"
    LOOKED_AFTER = "looked_after", "Children looked after"
    MANY_WORKERS = "many_workers", "Children who have had three or more workers in the last 12 months"
    CHILD_IN_NEED_LONG = "child_in_need_long", "Children in need for more than a year without a plan ending"


class AuditRound(models.Model):
    name = models.CharField(max_length=200)
    sample_kind = models.CharField(max_length=10, choices=SampleKind.choices)
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target = models.CharField(max_length=30, choices=Target.choices, blank=True)
    sample_size = models.PositiveSmallIntegerField()
    # The random sample is drawn with this seed, so how it was drawn can be shown and repeated.
    seed = models.PositiveIntegerField()
    due_on = models.DateField()
    # Copied from the operating model when the round is set up (see the module docstring).
    model_version = models.PositiveIntegerField()
    questions = models.JSONField()
    grades = models.JSONField()
    family_questions = models.JSONField()
    set_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_up_on = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(sample_kind="pod") | Q(pod__isnull=False), name="pod_sample_names_a_pod"
            ),
            models.CheckConstraint(
                condition=~Q(sample_kind="targeted") | ~Q(target=""), name="targeted_sample_names_a_group"
            ),
        ]

    def __str__(self):
        return self.name

    def grade_label(self, code: str) -> str:
        return next((g["label"] for g in self.grades if g["code"] == code), code)


class AuditStatus(models.TextChoices):
    ASSIGNED = "assigned", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class CaseAudit(models.Model):
    round = models.ForeignKey(AuditRound, on_delete=models.PROTECT, related_name="audits")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The child's worker and pod when the sample was drawn: whose practice the audit looks at.
    worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="audits_of_my_work")
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    auditor = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="audits_to_do")
    # Set for the share of the round chosen for moderation.
    moderator = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="audits_to_moderate"
    )
    status = models.CharField(max_length=12, choices=AuditStatus.choices, default=AuditStatus.ASSIGNED)
    grade = models.CharField("overall grade", max_length=30, blank=True)
    working_well = models.TextField("what is working well", blank=True)
    needs_to_change = models.TextField("what needs to change", blank=True)
    # Actions typed into a draft, kept until submission turns them into AuditAction rows.
    draft_actions = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reflection = models.TextField("the worker's reflection", blank=True)
    reflected_by = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reflected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "child"], name="one_audit_per_child_per_round"),
            models.CheckConstraint(condition=~Q(auditor=models.F("worker")), name="auditor_is_not_the_worker"),
            models.CheckConstraint(
                condition=Q(moderator__isnull=True) | ~Q(moderator=models.F("auditor")),
                name="moderator_is_not_the_auditor",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | (~Q(grade="") & Q(submitted_at__isnull=False)),
                name="submitted_audit_has_a_grade",
            ),
        ]
        indexes = [
            models.Index(fields=["auditor", "status"], name="audit_auditor_idx"),
            models.Index(fields=["worker"], name="audit_worker_idx"),
        ]

    def __str__(self):
        return f"Audit of {self.child_id} in {self.round_id}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AuditStatus.SUBMITTED


class AuditAnswer(models.Model):
    """The auditor's grade and comment for one question. Saved as a draft while the audit is in
    progress (only the auditor sees it); once the audit is submitted it never changes: a different
    view is a moderation, kept beside it."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="answers")
    question = models.CharField(max_length=50)
    grade = models.CharField(max_length=30, blank=True)  # blank: not applicable (optional questions)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.question}: {self.grade}"


class Moderation(models.Model):
    """A second auditor's view of the overall grade. Both grades are kept: the auditor's stays on
    the audit, the moderated one here, with the reason."""

    audit = models.OneToOneField(CaseAudit, on_delete=models.PROTECT, related_name="moderation")
    moderator = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    auditor_grade = models.CharField(max_length=30)
    grade = models.CharField(max_length=30)
    reason = models.TextField()
    moderated_at = models.DateTimeField()

    def __str__(self):
        return f"Moderation of audit {self.audit_id}"

    @property
    def changed(self) -> bool:
        return self.grade != self.auditor_grade


class FamilyViewHow(models.TextChoices):
    CONVERSATION = "conversation", "The auditor talked with them"
    PORTAL = "portal", "They answered in the family portal"
    DECLINED = "declined", "They did not want to take part"


class FamilyView(models.Model):
    """What the parent or young person thinks of our work with them. Asked in the portal, it is a
    request until they answer; answers are never changed afterwards."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="family_views")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=15, choices=FamilyViewHow.choices)
    answers = models.JSONField(default=dict, blank=True)  # {question code: yes | sometimes | no}
    words = models.TextField("in their own words", blank=True)
    asked_by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    given_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "given_at"], name="family_view_person_idx")]

    def __str__(self):
        return f"Family view for audit {self.audit_id}"

    @property
    def is_waiting(self) -> bool:
        return self.given_at is None


class FamilyAnswer(models.TextChoices):
    YES = "yes", "Yes"
    SOMETIMES = "sometimes", "Sometimes"
    NO = "no", "No"


class AuditAction(models.Model):
    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="actions")
    # The child's worker when the audit was submitted: the one who can act on it.
    worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="audit_actions")
    action = models.TextField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_note = models.TextField("what was done", blank=True)

    class Meta:
        indexes = [models.Index(fields=["worker", "done_on"], name="audit_action_worker_idx")]

    def __str__(self):
        return self.action[:60]

    @property
    def note_field(self) -> str:
        return f"note-{self.id}"
