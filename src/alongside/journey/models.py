"""A child's episodes with children's services, carrying the DfE fields the returns need.

The shapes follow the DfE returns so that they are a view of this record: a child in need episode
runs from referral to closure and holds its assessments, section 47 enquiries, CIN plans and child
protection plans (CIN census `CINdetails`); looked-after episodes chain as in the SSDA903.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from alongside.codes import (
    CARE_NEED_CODES,
    AbuseCategory,
    AssessmentFactor,
    CareLeaverAccommodation,
    CareLeaverActivity,
    CareLeaverInTouch,
    ClosureReason,
    EpisodeEndReason,
    LegalStatus,
    NewEpisodeReason,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
    PrimaryNeed,
    ReferralSource,
    ReviewParticipation,
)
from alongside.people.models import Person


def _ends_after_start(start: str, end: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}), name=name)


def validate_factors(value):
    if not isinstance(value, list):
        raise ValidationError("Factors must be a list of DfE codes")
    unknown = [code for code in value if code not in AssessmentFactor.values]
    if unknown:
        raise ValidationError(f"Unknown assessment factor codes: {', '.join(map(str, unknown))}")
    if AssessmentFactor.F21 in value and len(value) > 1:
        raise ValidationError("'No factors identified' cannot be combined with other factors")


class EarlyHelpEndReason(models.TextChoices):
    NEEDS_MET = "needs_met", "Needs met"
    STEPPED_UP = "stepped_up", "Stepped up to children's social care"
    DISENGAGED = "disengaged", "Family chose to stop"
    MOVED_AWAY = "moved_away", "Moved away"


class EarlyHelpEpisode(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="early_help_episodes")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EarlyHelpEndReason.choices, blank=True)

    class Meta:
        constraints = [_ends_after_start("started_on", "ended_on", "early_help_ends_after_start")]
        indexes = [models.Index(fields=["child", "started_on"], name="eh_child_idx")]

    def __str__(self):
        return f"Early help for child {self.child_id} from {self.started_on}"


class ChildInNeedEpisode(models.Model):
    """Referral to closure (CIN census CINdetails)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cin_episodes")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    referral_nfa = models.BooleanField("referral no further action", default=False)
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)

    class Meta:
        constraints = [
            _ends_after_start("referral_date", "closure_date", "cin_closes_after_referral"),
            # CIN census 8805/8810: the closure date and reason come together.
            models.CheckConstraint(
                condition=(Q(closure_date__isnull=True) & Q(closure_reason=""))
                | (Q(closure_date__isnull=False) & ~Q(closure_reason="")),
                name="cin_closure_date_and_reason_together",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "referral_date"], name="cin_child_idx"),
            models.Index(fields=["closure_date"], name="cin_closure_idx"),
        ]

    def __str__(self):
        return f"Referral for child {self.child_id} on {self.referral_date}"


class Assessment(models.Model):
    """A child and family assessment (CIN census Assessments)."""

    episode = models.ForeignKey(ChildInNeedEpisode, on_delete=models.CASCADE, related_name="assessments")
    started_on = models.DateField()
    authorised_on = models.DateField(null=True, blank=True)
    factors = models.JSONField(default=list, blank=True, validators=[validate_factors])

    class Meta:
        constraints = [_ends_after_start("started_on", "authorised_on", "assessment_ends_after_start")]

    def __str__(self):
        return f"Assessment started {self.started_on}"


class ChildInNeedPlan(models.Model):
    episode = models.ForeignKey(ChildInNeedEpisode, on_delete=models.CASCADE, related_name="cin_plans")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [_ends_after_start("started_on", "ended_on", "cin_plan_ends_after_start")]

    def __str__(self):
        return f"Child in need plan from {self.started_on}"


class Section47Enquiry(models.Model):
    episode = models.ForeignKey(ChildInNeedEpisode, on_delete=models.CASCADE, related_name="section47s")
    started_on = models.DateField()
    icpc_target_date = models.DateField("initial child protection conference target", null=True, blank=True)
    icpc_date = models.DateField("initial child protection conference", null=True, blank=True)
    icpc_not_required = models.BooleanField(default=False)

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        constraints = [_ends_after_start("started_on", "icpc_date", "icpc_after_s47_start")]

    def __str__(self):
        return f"Section 47 enquiry started {self.started_on}"


class ChildProtectionPlan(models.Model):
    episode = models.ForeignKey(ChildInNeedEpisode, on_delete=models.CASCADE, related_name="cp_plans")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    initial_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    latest_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    previous_plans = models.PositiveSmallIntegerField("number of previous plans", default=0)

    class Meta:
        constraints = [_ends_after_start("started_on", "ended_on", "cp_plan_ends_after_start")]

    def __str__(self):
        return f"Child protection plan from {self.started_on} ({self.initial_category})"


class ChildProtectionReview(models.Model):
    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()

    def __str__(self):
        return f"Review conference on {self.held_on}"


class CareEpisode(models.Model):
    """One SSDA903 episode: a new one starts when legal status, placement or carer changes."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="care_episodes")
    started_on = models.DateField("date episode commenced")
    new_episode_reason = models.CharField(max_length=1, choices=NewEpisodeReason.choices)
    legal_status = models.CharField(max_length=2, choices=LegalStatus.choices)
    category_of_need = models.CharField(max_length=2, choices=[(c, PrimaryNeed(c).label) for c in CARE_NEED_CODES])
    placement_type = models.CharField(max_length=3, choices=PlacementType.choices)
    placement_provider = models.CharField(max_length=3, choices=PlacementProvider.choices, blank=True)
    placement_postcode = models.CharField(max_length=8, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)
    placement_change_reason = models.CharField(max_length=6, choices=PlacementChangeReason.choices, blank=True)
    ended_on = models.DateField("date episode ceased", null=True, blank=True)
    end_reason = models.CharField(max_length=3, choices=EpisodeEndReason.choices, blank=True)

    class Meta:
        constraints = [
            _ends_after_start("started_on", "ended_on", "care_episode_ends_after_start"),
            # SSDA903 rule 148: DEC and REC both present or both blank.
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(end_reason=""))
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="care_episode_end_date_and_reason_together",
            ),
        ]
        indexes = [models.Index(fields=["child", "started_on"], name="care_child_idx")]

    def __str__(self):
        return f"Looked after episode for child {self.child_id} from {self.started_on}"


class LookedAfterReview(models.Model):
    """A looked-after review chaired by the IRO (SSDA903 Reviews: date and the child's participation)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="looked_after_reviews")
    held_on = models.DateField()
    participation = models.CharField(max_length=3, choices=ReviewParticipation.choices)

    class Meta:
        indexes = [models.Index(fields=["child", "held_on"], name="lac_review_child_idx")]

    def __str__(self):
        return f"Looked-after review on {self.held_on}"


class CareLeaverEpisode(models.Model):
    """Support as a care leaver, from leaving care to 21 (or 25 on request)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="care_leaver_episodes")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    in_touch = models.CharField(max_length=4, choices=CareLeaverInTouch.choices, blank=True)
    activity = models.CharField(max_length=2, choices=CareLeaverActivity.choices, blank=True)
    accommodation = models.CharField(max_length=2, choices=CareLeaverAccommodation.choices, blank=True)
    last_contact_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [_ends_after_start("started_on", "ended_on", "care_leaver_ends_after_start")]

    def __str__(self):
        return f"Leaving care support for child {self.child_id} from {self.started_on}"


class FamilyAware(models.TextChoices):
    YES = "yes", "Yes, the family know about this referral"
    NO_RISK = "no_risk", "No: telling them could put the child at risk"
    NO_OTHER = "no_other", "No, for another reason"


class Contact(models.Model):
    """A contact at the front door: someone telling children's services about a child. The front door
    decides within one working day whether it becomes a referral (a child in need episode, whose
    referral source is this contact's). A contact may be about a child the record does not hold
    yet, so it keeps the child's details as the referrer gave them."""

    received_at = models.DateTimeField()
    source = models.CharField("referral source", max_length=2, choices=ReferralSource.choices)
    child = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts")
    child_first_name = models.CharField(max_length=100)
    child_last_name = models.CharField(max_length=100)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_address = models.TextField(blank=True)
    worries = models.TextField("what the referrer is worried about")
    family_aware = models.CharField(max_length=10, choices=FamilyAware.choices)
    family_aware_reason = models.TextField(blank=True)
    referrer_name = models.CharField(max_length=200)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=30, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts_made"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["decided_at", "received_at"], name="contact_waiting_idx")]

    def __str__(self):
        return f"Contact about {self.child_first_name} {self.child_last_name} on {self.received_at:%Y-%m-%d}"
