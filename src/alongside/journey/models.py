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
    AdopterLegalStatus,
    AdopterSex,
    AdoptionDecisionCeasedReason,
    AssessmentFactor,
    CareLeaverAccommodation,
    CareLeaverActivity,
    CareLeaverInTouch,
    ClosureReason,
    EpisodeEndReason,
    LegalStatus,
    MissingKind,
    NewEpisodeReason,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
    PreviousPermanence,
    PrimaryNeed,
    ReferralSource,
    ReviewParticipation,
    SdqReason,
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
    # Ofsted's unique reference number for the setting (a children's home, a fostering or adoption
    # agency); XXXXXXX for a regional adoption agency, blank where Ofsted does not register the setting.
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)

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


class LookedAfterChild(models.Model):
    """What the SSDA903 asks about a looked-after child beyond their episodes: asylum-seeking status,
    motherhood, and the permanence order they had before care. One row per child who has been looked after."""

    child = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="looked_after")
    uasc = models.BooleanField("unaccompanied asylum-seeking child", default=False)
    uasc_ceased_on = models.DateField("date UASC status ceased", null=True, blank=True)
    # Blank until asked: the SSDA903 needs it for every looked-after girl (rules 393, 607).
    is_mother = models.BooleanField(null=True, blank=True)
    first_child_born_on = models.DateField("date of birth of the mother's first child", null=True, blank=True)
    previous_permanence = models.CharField(max_length=2, choices=PreviousPermanence.choices, blank=True)
    previous_permanence_la = models.CharField("LA that arranged the previous permanence", max_length=3, blank=True)
    previous_permanence_on = models.DateField("date of the previous permanence order", null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(uasc_ceased_on__isnull=True) | Q(uasc=True), name="looked_after_uasc_ceased_only_if_uasc"
            ),
            # SSDA903 rule 612: a date for the first child only for a mother.
            models.CheckConstraint(
                condition=Q(first_child_born_on__isnull=True) | Q(is_mother=True),
                name="looked_after_first_child_only_if_mother",
            ),
            # SSDA903 rule 635: no previous permanence means no LA or date for it.
            models.CheckConstraint(
                condition=~Q(previous_permanence=PreviousPermanence.Z1)
                | (Q(previous_permanence_la="") & Q(previous_permanence_on__isnull=True)),
                name="looked_after_no_permanence_no_details",
            ),
        ]

    def __str__(self):
        return f"Looked-after details for child {self.child_id}"


class MissingSpell(models.Model):
    """A time a looked-after child was missing from their placement, or away from it without permission."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="missing_spells")
    kind = models.CharField(max_length=1, choices=MissingKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [_ends_after_start("started_on", "ended_on", "missing_spell_ends_after_start")]
        indexes = [models.Index(fields=["child", "started_on"], name="missing_child_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.started_on}"


class LookedAfterHealth(models.Model):
    """Health and offending for a child looked after continuously for 12 months at 31 March
    (SSDA903 OC2). `year` is the collection year: 2026 for the year to 31 March 2026. A yes/no
    left blank means not recorded, or not asked at the child's age."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="looked_after_health")
    year = models.PositiveSmallIntegerField()
    sdq_score = models.PositiveSmallIntegerField("strengths and difficulties score", null=True, blank=True)
    sdq_reason = models.CharField("reason for no SDQ score", max_length=4, choices=SdqReason.choices, blank=True)
    convicted = models.BooleanField(null=True, blank=True)
    health_check = models.BooleanField("health surveillance checks up to date", null=True, blank=True)
    immunisations = models.BooleanField("immunisations up to date", null=True, blank=True)
    teeth_check = models.BooleanField("teeth checked by a dentist", null=True, blank=True)
    health_assessment = models.BooleanField("annual health assessment", null=True, blank=True)
    substance_misuse = models.BooleanField("identified as having a substance misuse problem", null=True, blank=True)
    intervention_received = models.BooleanField(null=True, blank=True)
    intervention_offered = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "year"], name="one_health_row_per_child_year"),
            # SSDA903 rule 180: the SDQ score runs from 0 to 40.
            models.CheckConstraint(
                condition=Q(sdq_score__isnull=True) | Q(sdq_score__lte=40), name="health_sdq_score_in_range"
            ),
            # SSDA903 rule 197a: a reason only when there is no score.
            models.CheckConstraint(
                condition=Q(sdq_score__isnull=True) | Q(sdq_reason=""), name="health_sdq_score_or_reason"
            ),
        ]

    def __str__(self):
        return f"Health for child {self.child_id}, year to 31 March {self.year}"


class AdoptionDecision(models.Model):
    """The agency decision maker's decision that the child should be placed for adoption, and, if it
    is reversed, when and why (SSDA903 PlacedAdoption)."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="adoption_decisions")
    decided_on = models.DateField("date of the decision that the child should be placed for adoption")
    ceased_on = models.DateField(
        "date of the decision that the child should no longer be placed", null=True, blank=True
    )
    ceased_reason = models.CharField(max_length=3, choices=AdoptionDecisionCeasedReason.choices, blank=True)

    class Meta:
        constraints = [
            _ends_after_start("decided_on", "ceased_on", "adoption_decision_ceases_after_made"),
            # SSDA903 rule 119: the date and the reason come together.
            models.CheckConstraint(
                condition=(Q(ceased_on__isnull=True) & Q(ceased_reason=""))
                | (Q(ceased_on__isnull=False) & ~Q(ceased_reason="")),
                name="adoption_decision_ceased_date_and_reason_together",
            ),
        ]
        indexes = [models.Index(fields=["child", "decided_on"], name="adoption_decision_child_idx")]

    def __str__(self):
        return f"Decision to place for adoption on {self.decided_on}"


class Adoption(models.Model):
    """A looked-after child's adoption (SSDA903 AD1). The date of the best-interests decision is the
    decision's own date (rule 523 wants them equal), so it is not kept twice."""

    child = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="adoption")
    decision = models.ForeignKey(AdoptionDecision, on_delete=models.PROTECT, related_name="adoptions")
    matched_on = models.DateField("date matched with the adopters")
    by_former_foster_carers = models.BooleanField()
    adopter_count = models.PositiveSmallIntegerField("number of adopters")
    adopter_sex = models.CharField(max_length=2, choices=AdopterSex.choices)
    adopter_legal_status = models.CharField(max_length=3, choices=AdopterLegalStatus.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(adopter_count__in=[1, 2]), name="adoption_one_or_two_adopters"),
            # SSDA903 rules 511 and 514: one adopter is a single male or female, two are a couple.
            models.CheckConstraint(
                condition=(Q(adopter_count=1) & Q(adopter_sex__in=["M1", "F1"]) & Q(adopter_legal_status="L0"))
                | (Q(adopter_count=2) & Q(adopter_sex__in=["MM", "FF", "MF"]) & ~Q(adopter_legal_status="L0")),
                name="adoption_adopters_agree",
            ),
        ]

    def __str__(self):
        return f"Adoption of child {self.child_id}"


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
