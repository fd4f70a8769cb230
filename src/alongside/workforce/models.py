"""Staff, teams and pods, and the allocation of children to workers over time."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from alongside.people.models import Person


class Service(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door (MASH)"
    ASSESSMENT = "assessment", "Assessment"
    FAMILY_SAFEGUARDING = "family_safeguarding", "Family safeguarding"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Leaving care"
    EARLY_HELP = "early_help", "Early help"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    LEADERSHIP = "leadership", "Leadership and performance"


class Team(models.Model):
    name = models.CharField(max_length=200, unique=True)
    service = models.CharField(max_length=30, choices=Service.choices)

    def __str__(self):
        return self.name


class Pod(models.Model):
    """A small team who share the work and all know the families (PRODUCT.md, "Pods")."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="pods")
    name = models.CharField(max_length=200, unique=True)

    def __str__(self):
        return self.name


class StaffRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR_SOCIAL_WORKER = "senior_social_worker", "Senior social worker"
    NQSW = "nqsw", "Newly qualified social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    BUSINESS_SUPPORT = "business_support", "Business support"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    EARLY_HELP_WORKER = "early_help_worker", "Early help worker"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker", "Principal social worker"
    QUALITY_LEAD = "quality_lead", "Quality assurance lead"
    DATA_OFFICER = "data_officer", "Performance and data officer"
    DATA_PROTECTION_OFFICER = "data_protection_officer", "Data protection officer"


# Roles that hold cases: these are the workers a child can be allocated to.
CASE_HOLDING_ROLES = [
    StaffRole.SOCIAL_WORKER,
    StaffRole.SENIOR_SOCIAL_WORKER,
    StaffRole.NQSW,
    StaffRole.TEAM_MANAGER,
    StaffRole.PERSONAL_ADVISER,
    StaffRole.EARLY_HELP_WORKER,
]


class Employment(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    AGENCY = "agency", "Agency"


class StaffMember(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    role = models.CharField(max_length=30, choices=StaffRole.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    employment = models.CharField(max_length=10, choices=Employment.choices, default=Employment.PERMANENT)
    # Social Work England registration, used as SW_ID in the SSDA903 social worker episodes.
    registration_number = models.CharField(max_length=12, blank=True)
    started_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["pod", "role"], name="staff_pod_role_idx")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class AllocationReason(models.TextChoices):
    """Why a child's allocation started. Every change of worker carries one."""

    NEW_REFERRAL = "new_referral", "New referral"
    STEPPED_UP = "stepped_up", "Case stepped up"
    STEPPED_DOWN = "stepped_down", "Case stepped down"
    TRANSFER = "transfer", "Transferred between teams"
    WORKER_LEFT = "worker_left", "Previous worker left"
    CASELOAD = "caseload", "Caseload balancing"
    CONFLICT = "conflict", "Conflict of interest"
    FAMILY_REQUEST = "family_request", "Family asked for a change"
    LONG_ABSENCE = "long_absence", "Worker away for a long time"
    CARE_LEAVER = "care_leaver", "Left care: personal adviser"


class AllocationEndReason(models.TextChoices):
    WORKER_CHANGED = "worker_changed", "Worker changed"
    CASE_CLOSED = "case_closed", "Case closed"


class Allocation(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="allocations")
    pod = models.ForeignKey(Pod, null=True, blank=True, on_delete=models.PROTECT, related_name="allocations")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=20, choices=AllocationReason.choices)
    end_reason = models.CharField(max_length=20, choices=AllocationEndReason.choices, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="allocation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""), name="allocation_end_has_reason"
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(ended_on__isnull=True), name="one_open_allocation_per_child"
            ),
        ]
        indexes = [
            models.Index(fields=["worker", "ended_on"], name="allocation_worker_idx"),
            models.Index(fields=["child", "started_on"], name="allocation_child_idx"),
        ]

    def __str__(self):
        return f"{self.child} with {self.worker} from {self.started_on}"
