"""The details of a child's record that the statutory returns read, and which of them staff may
correct by hand on /children/<id>/details-for-returns/.

CORRECTABLE below is the one table of what may be corrected: each kind of object (its slug is in
the URL), how to find the child's objects of that kind, and its fields. The page, its forms, the
service's checks and the history all read it, so letting staff correct another field is a one-line
change: add the field's name to its kind's `fields` (a list of DfE codes: `Codes("name", TheCodes)`);
a new model (for instance a looked-after child's own record) is one more `Kind(...)` row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst

from alongside.codes import AssessmentFactor, Disability
from alongside.journey.models import (
    Assessment,
    CareEpisode,
    ChildInNeedEpisode,
    ChildProtectionPlan,
    LookedAfterChild,
    LookedAfterHealth,
)
from alongside.people.models import Person, RecordCorrection


@dataclass(frozen=True)
class Codes:
    """A field holding a list of DfE codes (JSON): offered as checkboxes."""

    name: str
    codes: type[models.TextChoices]


def _on(day: date | None) -> str:
    return format_date(day, "j F Y") if day else "an unknown date"


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[models.Model]
    heading: str  # the page's section for this kind
    child_lookup: str  # from an object of this kind to its child, as a queryset filter
    title: Callable[[models.Model], str]  # one object, to read in a sentence: "the referral on 3 May 2025"
    fields: tuple[str | Codes, ...]
    order_by: tuple[str, ...] = ("pk",)
    labels: dict[str, str] = field(default_factory=dict)  # where the model's own name is unclear

    @property
    def field_names(self) -> list[str]:
        return [f.name if isinstance(f, Codes) else f for f in self.fields]

    def codes_for(self, name: str) -> type[models.TextChoices] | None:
        return next((f.codes for f in self.fields if isinstance(f, Codes) and f.name == name), None)

    def model_field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)

    def label(self, name: str) -> str:
        return self.labels.get(name) or capfirst(str(self.model_field(name).verbose_name))

    def for_child(self, child: Person) -> models.QuerySet:
        return self.model.objects.filter(**{self.child_lookup: child.pk}).order_by(*self.order_by)

    def get_for_child(self, child: Person, object_id: int):
        return self.for_child(child).filter(pk=object_id).first()

    def anchor(self, obj) -> str:
        return f"{self.slug}-{obj.pk}"


CORRECTABLE: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind(
            "child",
            Person,
            "The child",
            "pk",
            lambda child: f"{child.full_name}'s details",
            fields=("upn", "upn_unknown", "date_of_birth", "sex", "ethnicity", Codes("disabilities", Disability)),
        ),
        Kind(
            "referral",
            ChildInNeedEpisode,
            "Child in need episodes",
            "child",
            lambda episode: f"the referral on {_on(episode.referral_date)}",
            fields=(
                "referral_date",
                "referral_source",
                "primary_need",
                "referral_nfa",
                "closure_date",
                "closure_reason",
            ),
            order_by=("referral_date", "pk"),
            labels={"referral_nfa": "Referral with no further action"},
        ),
        Kind(
            "assessment",
            Assessment,
            "Assessments",
            "episode__child",
            lambda assessment: f"the assessment started {_on(assessment.started_on)}",
            fields=("started_on", "authorised_on", Codes("factors", AssessmentFactor)),
            order_by=("started_on", "pk"),
            labels={"started_on": "Date started", "authorised_on": "Date authorised", "factors": "Factors identified"},
        ),
        Kind(
            "child-protection-plan",
            ChildProtectionPlan,
            "Child protection plans",
            "episode__child",
            lambda plan: f"the child protection plan from {_on(plan.started_on)}",
            fields=("initial_category", "latest_category", "previous_plans"),
            order_by=("started_on", "pk"),
            labels={"initial_category": "Initial category of abuse", "latest_category": "Latest category of abuse"},
        ),
        Kind(
            "care-episode",
            CareEpisode,
            "Looked after episodes",
            "child",
            lambda episode: f"the looked after episode from {_on(episode.started_on)}",
            fields=(
                "legal_status",
                "placement_type",
                "placement_provider",
                "placement_postcode",
                "home_postcode",
                "placement_change_reason",
                "category_of_need",
                "urn",
            ),
            order_by=("started_on", "pk"),
            labels={"placement_change_reason": "Reason for placement change", "urn": "Ofsted URN of the placement"},
        ),
        Kind(
            "looked-after",
            LookedAfterChild,
            "Looked after child",
            "child",
            lambda details: "the looked after child's details",
            fields=(
                "uasc",
                "uasc_ceased_on",
                "is_mother",
                "first_child_born_on",
                "previous_permanence",
                "previous_permanence_la",
                "previous_permanence_on",
            ),
            labels={"uasc": "Unaccompanied asylum-seeking child", "is_mother": "Is a mother"},
        ),
        Kind(
            "health",
            LookedAfterHealth,
            "Health and wellbeing (looked after for a year)",
            "child",
            lambda health: f"health and wellbeing in {health.year - 1} to {health.year}",
            fields=(
                "sdq_score",
                "sdq_reason",
                "convicted",
                "health_check",
                "immunisations",
                "teeth_check",
                "health_assessment",
                "substance_misuse",
                "intervention_received",
                "intervention_offered",
            ),
            order_by=("year", "pk"),
            labels={"convicted": "Convicted during the year"},
        ),
    )
}

# The plain words for a model's rules across fields (Meta.constraints), which Django would
# otherwise report by the constraint's name.
CONSTRAINT_WORDS = {
    "cin_closure_date_and_reason_together": "Enter both the closure date and the closure reason, or neither",
    "cin_closes_after_referral": "The closure date must be on or after the referral date",
    "assessment_ends_after_start": "The date authorised must be on or after the date started",
    "person_birth_or_expected_birth": "A child with a date of birth cannot also have an expected date of birth",
}
CONSTRAINT_FALLBACK = "These answers do not fit together: check the dates and reasons"


def in_sentence(label: str) -> str:
    # "Primary need" -> "primary need", but "UPN unknown reason" keeps its capitals.
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def kind_of(obj) -> Kind | None:
    return next((kind for kind in CORRECTABLE.values() if isinstance(obj, kind.model)), None)


def code_label(choices, code) -> str:
    """A DfE code with its label, as data officers read it in the validators' messages: "N1 Abuse or neglect"."""
    label = dict(choices).get(code)
    return f"{code} {label}" if label is not None else f"{code} (not a DfE code)"


def shown(model_field: models.Field, value, codes: type[models.TextChoices] | None = None) -> str:
    """A stored value in words; "" for nothing recorded."""
    if value is None or value == "" or value == []:
        return ""
    if codes is not None:
        return ", ".join(code_label(codes.choices, code) for code in value)
    if model_field.choices:
        return code_label(model_field.flatchoices, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return format_date(value, "j F Y")
    return str(value)


def as_json(value):
    """A field's value as the history keeps it: dates as ISO text, everything else as it is."""
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    value: str


@dataclass(frozen=True)
class Card:
    kind: Kind
    obj: models.Model
    title: str
    rows: list[Row]

    @property
    def anchor(self) -> str:
        return self.kind.anchor(self.obj)

    @property
    def kind_title(self) -> str:
        return self.kind.title(self.obj)


@dataclass(frozen=True)
class Section:
    kind: Kind
    cards: list[Card]


def details_for_returns(child: Person) -> list[Section]:
    """Every correctable object of the child's, one section per kind, in CORRECTABLE's order. One
    query per kind."""
    sections = []
    for kind in CORRECTABLE.values():
        cards = [
            Card(
                kind,
                obj,
                capfirst(kind.title(obj)),
                [
                    Row(name, kind.label(name), shown(kind.model_field(name), getattr(obj, name), kind.codes_for(name)))
                    for name in kind.field_names
                ],
            )
            for obj in kind.for_child(child)
        ]
        sections.append(Section(kind, cards))
    return sections


@dataclass(frozen=True)
class CorrectionRow:
    correction: RecordCorrection
    what: str
    field: str
    was: str
    now: str
    anchor: str


def corrections_for(child: Person, sections: list[Section]) -> list[CorrectionRow]:
    """The child's corrections, newest first, each named by the object it changed (from the page's
    own cards, so no query per row)."""
    cards = {(ContentType.objects.get_for_model(c.kind.model).id, c.obj.pk): c for s in sections for c in s.cards}
    rows = []
    corrections = (
        RecordCorrection.objects.filter(child=child).select_related("by", "content_type").order_by("-at", "-id")
    )
    for correction in corrections:
        card = cards.get((correction.content_type_id, correction.object_id))
        model = correction.content_type.model_class()
        kind = card.kind if card else next((k for k in CORRECTABLE.values() if k.model is model), None)
        model_field = model._meta.get_field(correction.field_name)
        codes = kind.codes_for(correction.field_name) if kind else None
        label = kind.label(correction.field_name) if kind else capfirst(str(model_field.verbose_name))

        def words(value, model_field=model_field, codes=codes):
            return shown(model_field, model_field.to_python(value) if codes is None else value, codes)

        rows.append(
            CorrectionRow(
                correction,
                what=card.title if card else capfirst(str(model._meta.verbose_name)),
                field=label,
                was=words(correction.old_value),
                now=words(correction.new_value),
                anchor=card.anchor if card else "",
            )
        )
    return rows
