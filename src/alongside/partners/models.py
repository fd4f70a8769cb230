"""Partner agencies (schools, health, police) and the children shared with them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from alongside.people.models import Person


class AgencyKind(models.TextChoices):
    SCHOOL = "school", "School"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"


class Agency(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=AgencyKind.choices)

    class Meta:
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class PartnerMember(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="partner")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="members")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=200)

    def __str__(self):
        return f"{self.first_name} {self.last_name}, {self.job_title}, {self.agency}"


class SharingBasis(models.TextChoices):
    """The lawful basis recorded for sharing a child's record with an agency."""

    CHILD_PROTECTION_PLAN = "cp_plan", "Member of the core group for a child protection plan"
    CHILD_IN_NEED_PLAN = "cin_plan", "Named in the child in need plan"
    CONSENT = "consent", "Consent of the family"
    SECTION_47 = "section_47", "Section 47 enquiry (Children Act 1989)"
    CARE_PLAN = "care_plan", "Named in the care plan for a child in care"


class Sharing(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sharings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="sharings")
    basis = models.CharField(max_length=20, choices=SharingBasis.choices)
    started_on = models.DateField()
    ends_on = models.DateField(help_text="Sharing always has an end date; it can be renewed")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("started_on")), name="sharing_ends_after_start"),
        ]
        indexes = [models.Index(fields=["agency", "ends_on"], name="sharing_agency_idx")]

    def __str__(self):
        return f"Child {self.child_id} shared with {self.agency} until {self.ends_on}"
