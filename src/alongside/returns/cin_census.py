"""The children in need census: one XML file per collection year, built from the record.

The file follows the DfE specification as the independent validator `csc-validator-be-cin` reads it
(../shared/reference/cin-census.md): Message / Header / Children / Child, no namespace.

The return states the record *as it stood on 31 March*: anything dated after the census end is left
out, so a return produced in November for the year to March says what the DfE would have been told
then. A referral closed in May shows as open at 31 March; an assessment authorised in April shows as
not completed, without its factors (8614); a review held in April is not listed.

Decisions, with their reasons:
- The initial child protection conference goes in the Section47 module, never also at CINdetails
  level (rule 2884): our ICPC always follows an enquiry.
- One <Reviews> element per review date: the validator reads only the first CPPreviewDate in each.
- Flags as 1/0 (see _flag).
- Sex (not GenderCurrent) with M/F/U, as from 2024-25.
- A child born after 31 March was unborn in the census year: they are sent with their expected date of
  birth (their actual date if no expected one was recorded) and sex U (8750).
"""

from collections import defaultdict
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version

from django.db.models import Q
from django.utils import timezone
from lxml import etree

from alongside.journey.models import (
    Assessment,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    ChildProtectionPlan,
    ChildProtectionReview,
    Section47Enquiry,
)
from alongside.lib.errors import ApplicationError
from alongside.people.models import Person
from alongside.practice_model.models import LocalAuthority
from alongside.returns.base import Produced, Progress, census_end, census_start, no_progress

SOFTWARE_CODE = "Alongside"


def file_name(year: int, la_code: str) -> str:
    return f"cin-census-{year}-{la_code}.xml"


def _release() -> str:
    try:
        return version("alongside")
    except PackageNotFoundError:  # running from a source tree without an install
        return "0"


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _flag(value: bool) -> str:
    # The specification allows true/false or 1/0; some of the independent validator's rules (8740)
    # recognise only 1/0, so 1/0 is what every reader understands.
    return "1" if value else "0"


def _by_year_end(value: date | None, end: date) -> date | None:
    """A date as known on 31 March: a later one had not happened yet."""
    return value if value and value <= end else None


class _Builder:
    """Adds child elements in the specification's order, skipping absent optional ones."""

    def __init__(self, parent):
        self.parent = parent

    def add(self, tag: str, text=None, *, always=False):
        if text is None and not always:
            return None
        element = etree.SubElement(self.parent, tag)
        if text is not None:
            element.text = str(text)
        return element


def _records_for(year: int):
    """Everything the census year needs, in a few queries, grouped by child and by episode."""
    start, end = census_start(year), census_end(year)
    # Every episode open at any point in the year: referred by its end, and not closed before its start.
    episodes = list(
        ChildInNeedEpisode.objects.filter(Q(closure_date__isnull=True) | Q(closure_date__gte=start))
        .filter(referral_date__lte=end)
        .order_by("child_id", "referral_date", "id")
    )
    episode_ids = [episode.id for episode in episodes]
    child_ids = sorted({episode.child_id for episode in episodes})

    def by_episode(queryset, start_field: str, end_field: str | None):
        grouped = defaultdict(list)
        query = queryset.filter(**{f"{start_field}__lte": end})
        if end_field:
            query = query.filter(Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start}))
        for row in query.order_by(start_field, "id"):
            grouped[row.episode_id].append(row)
        return grouped

    # Chunked because SQLite limits the parameters of one query.
    def chunks(ids, size=900):
        for i in range(0, len(ids), size):
            yield ids[i : i + size]

    assessments, cin_plans, section47s, cp_plans = (defaultdict(list) for _ in range(4))
    # An enquiry is in the year if it started or held its conference in it, or is still waiting for
    # one. One that needed no conference has no end date of its own, so it counts in the year it started.
    enquiries = Section47Enquiry.objects.filter(
        Q(started_on__gte=start) | Q(icpc_date__gte=start) | Q(icpc_date__isnull=True, icpc_not_required=False)
    )
    for ids in chunks(episode_ids):
        for target, queryset, start_field, end_field in (
            (assessments, Assessment.objects.all(), "started_on", "authorised_on"),
            (cin_plans, ChildInNeedPlan.objects.all(), "started_on", "ended_on"),
            (section47s, enquiries, "started_on", None),
            (cp_plans, ChildProtectionPlan.objects.all(), "started_on", "ended_on"),
        ):
            for episode_id, rows in by_episode(queryset.filter(episode_id__in=ids), start_field, end_field).items():
                target[episode_id].extend(rows)
    plan_ids = [plan.id for plans in cp_plans.values() for plan in plans]
    reviews = defaultdict(list)
    for ids in chunks(plan_ids):
        for review in ChildProtectionReview.objects.filter(plan_id__in=ids, held_on__lte=end).order_by("held_on"):
            reviews[review.plan_id].append(review.held_on)
    children = {}
    for ids in chunks(child_ids):
        children.update(Person.objects.in_bulk(ids))
    episodes_by_child = defaultdict(list)
    for episode in episodes:
        episodes_by_child[episode.child_id].append(episode)
    return children, episodes_by_child, assessments, cin_plans, section47s, cp_plans, reviews


def _child_identifiers(child_el, child: Person, end: date):
    ids = _Builder(etree.SubElement(child_el, "ChildIdentifiers"))
    ids.add("LAchildID", child.la_id)
    ids.add("UPN", child.upn or None)
    if not child.upn:
        ids.add("UPNunknown", child.upn_unknown or None)
    born_by_year_end = child.date_of_birth is not None and child.date_of_birth <= end
    if born_by_year_end:
        ids.add("PersonBirthDate", _d(child.date_of_birth))
        ids.add("Sex", child.sex or None)
    else:
        ids.add("ExpectedPersonBirthDate", _d(child.expected_date_of_birth or child.date_of_birth))
        ids.add("Sex", "U")
    ids.add("PersonDeathDate", _d(_by_year_end(child.date_of_death, end)))


def _child_characteristics(child_el, child: Person):
    characteristics = _Builder(etree.SubElement(child_el, "ChildCharacteristics"))
    characteristics.add("Ethnicity", child.ethnicity or None)
    disabilities = _Builder(etree.SubElement(characteristics.parent, "Disabilities"))
    for code in child.disabilities:
        disabilities.add("Disability", code)


def _cin_details(child_el, episode, end, assessments, cin_plans, section47s, cp_plans, reviews):
    details = _Builder(etree.SubElement(child_el, "CINdetails"))
    closure = _by_year_end(episode.closure_date, end)
    details.add("CINreferralDate", _d(episode.referral_date))
    details.add("ReferralSource", episode.referral_source or None)
    details.add("PrimaryNeedCode", episode.primary_need or None)
    details.add("CINclosureDate", _d(closure))
    details.add("ReasonForClosure", episode.closure_reason if closure else None)
    details.add("ReferralNFA", _flag(episode.referral_nfa))
    for assessment in assessments:
        element = _Builder(etree.SubElement(details.parent, "Assessments"))
        authorised = _by_year_end(assessment.authorised_on, end)
        element.add("AssessmentActualStartDate", _d(assessment.started_on))
        element.add("AssessmentAuthorisationDate", _d(authorised))
        if authorised:
            factors = _Builder(etree.SubElement(element.parent, "FactorsIdentifiedAtAssessment"))
            for code in assessment.factors:
                factors.add("AssessmentFactors", code)
    for plan in cin_plans:
        element = _Builder(etree.SubElement(details.parent, "CINPlanDates"))
        element.add("CINPlanStartDate", _d(plan.started_on))
        element.add("CINPlanEndDate", _d(_by_year_end(plan.ended_on, end)))
    for enquiry in section47s:
        element = _Builder(etree.SubElement(details.parent, "Section47"))
        conference = _by_year_end(enquiry.icpc_date, end)
        element.add("S47ActualStartDate", _d(enquiry.started_on))
        element.add("InitialCPCtarget", _d(enquiry.icpc_target_date))
        element.add("DateOfInitialCPC", _d(conference))
        element.add("ICPCnotRequired", _flag(enquiry.icpc_not_required and not conference))
    for plan in cp_plans:
        element = _Builder(etree.SubElement(details.parent, "ChildProtectionPlans"))
        element.add("CPPstartDate", _d(plan.started_on))
        element.add("CPPendDate", _d(_by_year_end(plan.ended_on, end)))
        element.add("InitialCategoryOfAbuse", plan.initial_category or None)
        element.add("LatestCategoryOfAbuse", plan.latest_category or None)
        element.add("NumberOfPreviousCPP", plan.previous_plans)
        for held_on in reviews.get(plan.id, []):
            _Builder(etree.SubElement(element.parent, "Reviews")).add("CPPreviewDate", _d(held_on))


def produce(year: int, progress: Progress = no_progress, *, now: datetime | None = None) -> Produced:
    """The census XML for the collection year ending 31 March `year`."""
    la = LocalAuthority.objects.first()
    if la is None:
        raise ApplicationError("There is no local authority set up yet, so there is nothing to return.")
    end = census_end(year)
    progress("Reading the record for the census year", 0.05)
    children, episodes_by_child, assessments, cin_plans, section47s, cp_plans, reviews = _records_for(year)
    progress(f"Writing {len(episodes_by_child):,} children", 0.4)

    message = etree.Element("Message")
    header = etree.SubElement(message, "Header")
    collection = _Builder(etree.SubElement(header, "CollectionDetails"))
    collection.add("Collection", "CIN")
    collection.add("Year", year)
    collection.add("ReferenceDate", _d(end))
    source = _Builder(etree.SubElement(header, "Source"))
    source.add("SourceLevel", "L")
    source.add("LEA", la.dfe_code)
    source.add("SoftwareCode", SOFTWARE_CODE)
    source.add("Release", _release())
    source.add("SerialNo", 1)
    source.add("DateTime", (now or timezone.now()).replace(microsecond=0).isoformat())
    children_el = etree.SubElement(message, "Children")
    ordered = sorted(episodes_by_child, key=lambda child_id: children[child_id].la_id)
    for index, child_id in enumerate(ordered):
        child = children[child_id]
        child_el = etree.SubElement(children_el, "Child")
        _child_identifiers(child_el, child, end)
        _child_characteristics(child_el, child)
        for episode in episodes_by_child[child_id]:
            _cin_details(
                child_el,
                episode,
                end,
                assessments.get(episode.id, []),
                cin_plans.get(episode.id, []),
                section47s.get(episode.id, []),
                cp_plans.get(episode.id, []),
                reviews,
            )
        if index % 2000 == 1999:
            progress(f"Written {index + 1:,} of {len(ordered):,} children", 0.4 + 0.5 * index / len(ordered))
    content = etree.tostring(message, xml_declaration=True, encoding="utf-8", pretty_print=True)
    progress("Census file written", 1.0)
    return Produced(
        kind="cin",
        year=year,
        files={file_name(year, la.dfe_code): content},
        children=len(ordered),
        la_code=la.dfe_code,
    )
