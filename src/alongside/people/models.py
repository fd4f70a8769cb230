"""People and the family network around a child.

A person exists once, whatever part they play (child, parent, relative, friend). Identifiers and
characteristics use the DfE code lists so the returns are a view of this record, never re-keyed.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from alongside.codes import Disability, Ethnicity, Sex, UPNUnknown
from alongside.people.identifiers import nhs_number_error, phonetic_key, upn_error


def validate_disabilities(value):
    if not isinstance(value, list):
        raise ValidationError("Disabilities must be a list of DfE codes")
    unknown = [code for code in value if code not in Disability.values]
    if unknown:
        raise ValidationError(f"Unknown disability codes: {', '.join(map(str, unknown))}")
    if len(set(value)) != len(value):
        raise ValidationError("A disability code is listed twice")
    if Disability.NONE in value and len(value) > 1:
        raise ValidationError("'No disability' cannot be combined with another disability")


class Person(models.Model):
    la_id = models.CharField("LA ID", max_length=20, unique=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    upn_unknown = models.CharField("UPN unknown reason", max_length=3, choices=UPNUnknown.choices, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    known_as = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    disabilities = models.JSONField(default=list, blank=True, validators=[validate_disabilities])
    # Sound-alike keys kept beside the name so fuzzy search is an index lookup, on both databases.
    first_name_key = models.CharField(max_length=12, editable=False, default="")
    last_name_key = models.CharField(max_length=12, editable=False, default="")
    # A family member who has been invited to the family portal signs in as this user.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["last_name_key", "first_name_key"], name="person_name_key_idx"),
            models.Index(fields=["first_name_key"], name="person_first_key_idx"),
            models.Index(fields=["date_of_birth"], name="person_dob_idx"),
            models.Index(fields=["expected_date_of_birth"], name="person_expected_dob_idx"),
            models.Index(fields=["nhs_number"], name="person_nhs_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(date_of_birth__isnull=False) & models.Q(expected_date_of_birth__isnull=False)),
                name="person_birth_or_expected_birth",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def set_name_keys(self):
        self.first_name_key = phonetic_key(self.first_name)
        self.last_name_key = phonetic_key(self.last_name)

    def age_on(self, on: date) -> int | None:
        if not self.date_of_birth:
            return None
        born = self.date_of_birth
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    def clean(self):
        errors = {}
        if self.nhs_number and (problem := nhs_number_error(self.nhs_number)):
            errors["nhs_number"] = problem
        if self.upn and (problem := upn_error(self.upn)):
            errors["upn"] = problem
        if self.date_of_birth and self.date_of_birth > date.today():
            errors["date_of_birth"] = "Date of birth must be today or in the past"
        if errors:
            raise ValidationError(errors)


class FamilyNetwork(models.Model):
    """The people around one or more children: one story per family network."""

    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class NetworkRole(models.TextChoices):
    CHILD = "child", "Child"
    PARENT = "parent", "Parent or carer"
    RELATIVE = "relative", "Relative"
    FRIEND = "friend", "Friend or neighbour"
    HOUSEHOLD = "household", "Other household member"


class FamilyMember(models.Model):
    network = models.ForeignKey(FamilyNetwork, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=NetworkRole.choices)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="one_membership_per_network"),
        ]
        indexes = [models.Index(fields=["person", "network"], name="member_person_idx")]

    def __str__(self):
        return f"{self.person} in {self.network} ({self.get_role_display()})"


class RelationshipKind(models.TextChoices):
    """How `from_person` is related to `to_person`: "A is the MOTHER of B"."""

    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    PARENTS_PARTNER = "parents_partner", "Parent's partner"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    SIBLING = "sibling", "Brother or sister"
    HALF_SIBLING = "half_sibling", "Half-brother or half-sister"
    FOSTER_CARER = "foster_carer", "Foster carer"
    KINSHIP_CARER = "kinship_carer", "Kinship carer"
    FAMILY_FRIEND = "family_friend", "Family friend"


class Relationship(models.Model):
    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    parental_responsibility = models.BooleanField(default=False)
    lives_with = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_person", "to_person", "kind"], name="one_kind_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relationship_not_to_self"
            ),
        ]
        indexes = [models.Index(fields=["to_person"], name="relationship_to_idx")]

    def __str__(self):
        return f"{self.from_person} is {self.get_kind_display().lower()} of {self.to_person}"


class RecordCorrectionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Corrections are history: they cannot be changed")

    def delete(self):
        raise PermissionError("Corrections are history: they cannot be deleted")


class RecordCorrection(models.Model):
    """One field of a child's record corrected by hand: what it was, what it became, who, when and
    why. Written by people.services.correct_record, one row per changed field, and never changed or
    deleted, so a return can be explained from the record as it was (issue: statutory returns)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="record_corrections")
    # The object corrected: the child themself, or one of their episodes, assessments or plans.
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field_name = models.CharField(max_length=100)
    # JSON as the returns read it: codes, ISO dates, lists of codes, booleans; null for "not recorded".
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = RecordCorrectionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["child", "at"], name="correction_child_idx")]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="correction_has_a_reason")]

    def __str__(self):
        return f"{self.field_name} of {self.content_type.model} {self.object_id} corrected {self.at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # Append-only, like the audit trail: a correction of a correction is another row.
        if self.pk is not None:
            raise PermissionError("Corrections are history: they cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Corrections are history: they cannot be deleted")
