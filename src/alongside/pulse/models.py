"""The staff pulse survey: short, repeated, anonymous, with small-number suppression.

How the anonymity is built (docs/quality-and-workforce.md, "Staff pulse survey"):

- `PulseParticipation` says who took part in a round, so nobody answers twice. It holds nothing of
  what they said.
- `PulseAnswer` holds what was said, and no link to a person: no staff or user key, no timestamp,
  and a random UUID key rather than a counter, so neither the key nor a time can be lined up with
  the participation rows or the audit trail. It keeps only the reporting groups the person was in
  when they answered (pod, team, role group), which is all the reports need.
- Reports show a group only when it has at least `smallest_group` answers, and hide further
  groups where the shown figures would let a hidden one be calculated (pulse/suppression.py). Results of a round
  show only after it closes, so nobody can compare the figures before and after one person answers.

Residual risks, accepted and documented: someone with direct access to the database (not through
the app) could line up the physical order of rows, or PostgreSQL's transaction ids, between the
participation and answer tables, as both are written in one transaction; free text can identify
its writer by what it says; and a group of five who all answer the same way reveal each person's
answer. Direct database access must be limited to the system administrators; free text is shown
only for the whole local authority, never with a group.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from alongside.workforce.models import Pod, StaffMember, StaffRole, Team


class AgreeScale(models.TextChoices):
    STRONGLY_AGREE = "strongly_agree", "Strongly agree"
    AGREE = "agree", "Agree"
    NEITHER = "neither", "Neither agree nor disagree"
    DISAGREE = "disagree", "Disagree"
    STRONGLY_DISAGREE = "strongly_disagree", "Strongly disagree"


AGREEING = frozenset({AgreeScale.STRONGLY_AGREE, AgreeScale.AGREE})


class RoleGroup(models.TextChoices):
    """Broad enough that each group has many people in it; a role of its own would often be one person."""

    SOCIAL_WORKERS = "social_workers", "Social workers"
    MANAGERS = "managers", "Managers"
    OTHER = "other", "Other roles"


_SOCIAL_WORKERS = {StaffRole.SOCIAL_WORKER, StaffRole.SENIOR_SOCIAL_WORKER, StaffRole.NQSW}
_MANAGERS = {StaffRole.TEAM_MANAGER, StaffRole.HEAD_OF_SERVICE, StaffRole.PRINCIPAL_SOCIAL_WORKER}


def role_group_for(role: str) -> RoleGroup:
    if role in _SOCIAL_WORKERS:
        return RoleGroup.SOCIAL_WORKERS
    if role in _MANAGERS:
        return RoleGroup.MANAGERS
    return RoleGroup.OTHER


class PulseRound(models.Model):
    """One period of the survey. The statements are copied from the operating model when the round
    is made, so a later change to the config does not rewrite what an earlier round asked."""

    opens_on = models.DateField(unique=True)
    closes_on = models.DateField()
    statements = models.JSONField()  # [{"code": ..., "statement": ...}, ...]

    class Meta:
        ordering = ["opens_on"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="pulse_round_closes_after_opening")
        ]

    def __str__(self):
        return f"Pulse survey {self.opens_on:%B %Y} to {self.closes_on:%B %Y}"

    @property
    def statement_pairs(self) -> list[tuple[str, str]]:
        return [(s["code"], s["statement"]) for s in self.statements]

    def is_closed(self, on) -> bool:
        return self.closes_on < on


class PulseParticipation(models.Model):
    """Who took part in a round: never what they said."""

    round = models.ForeignKey(PulseRound, on_delete=models.PROTECT, related_name="participations")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "staff"], name="pulse_one_answer_each_round")]

    def __str__(self):
        return f"{self.staff_id} took part in pulse round {self.round_id}"


class PulseAnswer(models.Model):
    """One person's answers, with no link to the person (see the module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.PROTECT, related_name="answers")
    # The groups the person was in when they answered, for the reports only.
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    role_group = models.CharField(max_length=20, choices=RoleGroup.choices)
    answers = models.JSONField()  # {statement code: AgreeScale value}
    free_text = models.TextField("anything else you want to tell us", blank=True)

    def __str__(self):
        return f"Pulse answer in round {self.round_id}"

    def clean(self):
        codes = {code for code, _ in self.round.statement_pairs}
        if not isinstance(self.answers, dict) or set(self.answers) != codes:
            raise ValidationError({"answers": "Answer every statement of the round, and only those"})
        if any(value not in AgreeScale.values for value in self.answers.values()):
            raise ValidationError({"answers": "Each answer must be on the agree scale"})
