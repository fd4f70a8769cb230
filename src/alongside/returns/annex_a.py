"""Ofsted's Annex A: the lists of children an ILACS inspection asks for, as one Excel workbook built
from the record, never re-keyed.

The headings are Ofsted's, word for word, as the published template and the tools LAs share to
read it (Social Finance / Data to Insight LIIA tools) spell them; "Sex" replaces "Gender" as in the
current template. Each list is a sheet named "List N <name>" (Excel allows no colon in a sheet name);
a first sheet, "About", says which LA, the period, when the workbook was made, and which columns are
blank because the record does not hold them.

The lists run to the inspection date `on` (by default 31 March of `year`), and nothing dated after it
is shown: a plan that ended later shows as open, as it was on `on`. Each list covers:

  List 1 Contacts             contacts received in the 6 months to `on`
  List 2 Early help           early help started in the 6 months, and all open on `on`
  List 3 Referrals            referrals received in the 6 months
  List 4 Assessments          assessments started or authorised in the 6 months, and all still open
  List 5 Section 47 and ICPC  section 47 enquiries started in the 6 months, and older ones still
                              waiting for a decision
  List 6 Children in need     child in need episodes open on `on` or closed in the 6 months
                              (referrals with no further action are on List 3 only)
  List 7 Child protection     plans open on `on` or ended in the 6 months
  List 8 Children in care     children in care on `on` or who left care in the 6 months
  List 9 Care leavers         care leavers the LA supports on `on`
  List 10 Adoption            children in care in the 12 months whose record shows an adoption step
                              (placement order, fostering for adoption, placed, adopted)
  List 11 Adopters            prospective adopters in the 12 months
A window of 6 months to 31 March 2026 starts on 1 October 2025.

Ofsted's template has no list for special guardianship: children who left care or need on a special
guardianship order show on List 6 (reason RC4) and List 8 (reasons E45 to E48).

How each column is filled, where it is not plain:
- Child Unique ID is the child's LA id; age is in whole years on `on`, and -1 for an unborn child (whose
  date of birth is the expected one), as Ofsted asks.
- Coded columns give the DfE code and its words ("N1: Abuse or neglect"), so a reader, and the tools
  that read the template, find the code; yes/no columns say Yes, No or Unknown.
- Allocated Team and Worker are those allocated on `on`, or on the day the work ended if it ended
  before: the team is the one the allocation was made to.
- Seen: a home visit where the child was seen, or direct work with them, finished in the story (an
  entry replaced by a finished correction counts as its correction). The last statutory visit and
  last social work visit are home visits where the child was seen; seen alone is that visit's answer.
- Case Status (List 6): looked after, then child protection plan, then child in need plan, then open
  assessment, as on `on`; "Closed episode" once closed. An open episode with none of these is blank,
  and validation asks for it to be closed or its plan recorded.
- Assessed as requiring support (List 4): No when the episode closed after assessment (RC8, RC9); Yes
  when a child in need or protection plan followed; blank while neither has happened.
- Unaccompanied asylum-seeking (Lists 8, 9) comes from the child's looked-after details (SSDA903); a
  child with none recorded is blank rather than No. Missing and absent (List 8) count the missing
  spells that started in the 12 months.
- List 10 takes the decision to place for adoption, its reversal and the matching from the SSDA903
  adoption details, and the placement order, placement and adoption order dates from the episodes.
- Eligibility (List 9): worked out from the periods of care (13 weeks looked after since 14, some of
  it at 16 or over, short breaks not counting): relevant child under 18, former relevant child at 18
  or over; anyone else is a qualifying care leaver.

Blank because the record does not hold it (the About sheet repeats this list):
- List 2: Assessment completion date (we hold the early help episode, not its assessment's completion).
- List 7: Subject to Emergency Protection Order or police powers is Yes when the child was looked after
  under L1 or L2 in the 6 months, and blank otherwise: police protection that did not lead to LA
  accommodation is not held, so the record cannot say No.
- List 8: permanence plan, last IRO visit, last dental check (the SSDA903 holds only whether the teeth
  were checked in the year, not when), placement location (in or out of area), LA of placement, return
  interviews after a missing episode.
- List 11: every column: adopters are recruited and assessed by the regional adoption agency, whose
  record this is not. The sheet keeps its headings and has no rows, so tools that read the workbook
  still find it, and no note row is mistaken for an adopter.
"""

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from alongside.codes import (
    AbuseCategory,
    AdoptionDecisionCeasedReason,
    CareLeaverAccommodation,
    CareLeaverActivity,
    CareLeaverInTouch,
    ClosureReason,
    Disability,
    EpisodeEndReason,
    Ethnicity,
    LegalStatus,
    MissingKind,
    PlacementProvider,
    PlacementType,
    PrimaryNeed,
    ReferralSource,
)
from alongside.journey.models import (
    Adoption,
    AdoptionDecision,
    Assessment,
    CareEpisode,
    CareLeaverEpisode,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Contact,
    EarlyHelpEpisode,
    LookedAfterChild,
    LookedAfterReview,
    MissingSpell,
    Section47Enquiry,
)
from alongside.lib.errors import ApplicationError
from alongside.people.models import FamilyMember, NetworkRole, Person
from alongside.plans.models import PlanKind, PlanReview, PlanVersion
from alongside.practice_model.models import LocalAuthority
from alongside.returns.base import Finding, Produced, Progress, RuleDoc, Validation, census_end, no_progress
from alongside.story.models import EntryKind, EntryStatus, StoryEntry
from alongside.workforce.models import Allocation, StaffRole

TEXT, DATE, NUMBER = "text", "date", "number"
DATE_FORMAT = "dd/mm/yyyy"
ABOUT = "About"
RUNS_TO = "Lists run to"


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = TEXT
    required: bool = False  # Ofsted needs it and the record holds it: a blank is a gap to fix
    held: bool = True  # False: the record does not hold it, so it is always blank


@dataclass(frozen=True)
class AnnexList:
    number: int
    sheet: str
    covers: str
    columns: tuple[Column, ...]

    @property
    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]


CHILD_ID = "Child Unique ID"
SEX = "Sex"
ETHNICITY = "Ethnicity"
BIRTH = "Date of Birth"
AGE = "Age of Child (Years)"
DISABLED = "Does the Child have a Disability"
TEAM = "Allocated Team"
WORKER = "Allocated Worker"

_CHILD = (
    Column(CHILD_ID, required=True),
    Column(SEX, required=True),
    Column(ETHNICITY, required=True),
    Column(BIRTH, DATE),
    Column(AGE, NUMBER),
)
_DISABILITY = Column(DISABLED, required=True)
_ALLOCATED = (Column(TEAM, required=True), Column(WORKER, required=True))

LIST_1 = AnnexList(
    1,
    "List 1 Contacts",
    "Contacts received in the 6 months",
    (
        Column(CHILD_ID),
        Column(SEX),
        Column(ETHNICITY),
        Column(BIRTH, DATE),
        Column(AGE, NUMBER),
        Column("Date of Contact", DATE, required=True),
        Column("Contact Source", required=True),
    ),
)
LIST_2 = AnnexList(
    2,
    "List 2 Early help",
    "Early help started in the 6 months, and all open",
    (
        *_CHILD,
        Column("Assessment start date", DATE, required=True),
        Column("Assessment completion date", DATE, held=False),
        Column("Organisation completing assessment", required=True),
    ),
)
LIST_3 = AnnexList(
    3,
    "List 3 Referrals",
    "Referrals received in the 6 months",
    (
        *_CHILD,
        Column("Date of referral", DATE, required=True),
        Column("Referral Source", required=True),
        Column("Referral NFA?", required=True),
        Column("Number of Referrals in Last 12 Months", NUMBER, required=True),
        *_ALLOCATED,
    ),
)
LIST_4 = AnnexList(
    4,
    "List 4 Assessments",
    "Assessments started or authorised in the 6 months, and all still open",
    (
        *_CHILD,
        _DISABILITY,
        Column("Continuous Assessment Start Date", DATE, required=True),
        Column("Child Seen During Continuous Assessment", required=True),
        Column("Continuous Assessment Date of Authorisation", DATE),
        Column("Was the child assessed as requiring LA children's social care support?"),
        *_ALLOCATED,
    ),
)
LIST_5 = AnnexList(
    5,
    "List 5 Section 47 and ICPC",
    "Section 47 enquiries started in the 6 months, and older ones still waiting for a decision",
    (
        *_CHILD,
        _DISABILITY,
        Column("Strategy discussion initiating Section 47 Enquiry Start Date", DATE, required=True),
        Column("Was an Initial Child Protection Conference deemed unnecessary?"),
        Column("Date of Initial Child Protection Conference", DATE),
        Column("Did the Initial Child Protection Conference Result in a Child Protection Plan"),
        Column("Number of Section 47 Enquiries in the last 12 months", NUMBER, required=True),
        Column("Number of ICPCs in the last 12 months", NUMBER, required=True),
        *_ALLOCATED,
    ),
)
LIST_6 = AnnexList(
    6,
    "List 6 Children in need",
    "Child in need episodes open on the day, or closed in the 6 months",
    (
        *_CHILD,
        _DISABILITY,
        Column("CIN Start Date", DATE, required=True),
        Column("Primary Need Code", required=True),
        Column("Date Child Was Last Seen", DATE),
        Column("CIN Closure Date", DATE),
        Column("Reason for Closure"),
        Column("Case Status", required=True),
        *_ALLOCATED,
    ),
)
LIST_7 = AnnexList(
    7,
    "List 7 Child protection",
    "Child protection plans open on the day, or ended in the 6 months",
    (
        *_CHILD,
        _DISABILITY,
        Column("Child Protection Plan Start Date", DATE, required=True),
        Column("Initial Category of Abuse", required=True),
        Column("Latest Category of Abuse", required=True),
        Column("Date of the Last Statutory Visit", DATE),
        Column("Was the Child Seen Alone?"),
        Column("Date of latest review conference", DATE),
        Column("Child Protection Plan End Date", DATE),
        Column("Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)"),
        Column("Number of Previous Child Protection Plans", NUMBER, required=True),
        *_ALLOCATED,
    ),
)
LIST_8 = AnnexList(
    8,
    "List 8 Children in care",
    "Children in care on the day, or who left care in the 6 months",
    (
        *_CHILD,
        Column("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"),
        _DISABILITY,
        Column("Date Started to be Looked After", DATE, required=True),
        Column("Child's Category of Need", required=True),
        Column(
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
            required=True,
        ),
        Column("Start date of current legal status", DATE, required=True),
        Column("Child's Legal Status", required=True),
        Column("Date of Latest Statutory Review", DATE),
        Column("Date of Last Social Work Visit", DATE),
        Column("What is the permanence plan for this child?", held=False),
        Column("Date of Last IRO Visit / Contact to the Child", DATE, held=False),
        Column("Date of Last Health Assessment", DATE),
        Column("Date of Last Dental Check", DATE, held=False),
        Column("Number of Placements in the Last 12 months", NUMBER, required=True),
        Column("Date Ceased to be Looked After", DATE),
        Column("Reason Ceased to be Looked After"),
        Column("Start Date of Most Recent Placement", DATE, required=True),
        Column("Placement Type", required=True),
        Column("Placement Provider", required=True),
        Column("Placement postcode", required=True),
        Column("URN of Placement"),
        Column("Placement Location", held=False),
        Column("LA of Placement", held=False),
        Column(
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
            NUMBER,
            required=True,
        ),
        Column(
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
            NUMBER,
            required=True,
        ),
        Column("Was the child offered a Return Interview after their last missing episode (Y/N)?", held=False),
        Column("Did the child accept a Return Interview after their last missing episode (Y/N)?", held=False),
        *_ALLOCATED,
    ),
)
LIST_9 = AnnexList(
    9,
    "List 9 Care leavers",
    "Care leavers supported on the day",
    (
        *_CHILD,
        Column("Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"),
        _DISABILITY,
        *_ALLOCATED,
        Column("Allocated Personal Advisor"),
        Column("Eligibility Category", required=True),
        Column("Latest Pathway Plan Review Date", DATE),
        Column("LA in Touch", required=True),
        Column("Latest Date of Contact", DATE),
        Column("Type of Accommodation"),
        Column("Suitability of Accommodation"),
        Column("Activity Status"),
    ),
)
LIST_10 = AnnexList(
    10,
    "List 10 Adoption",
    "Children in care in the 12 months whose record shows an adoption step",
    (
        Column(CHILD_ID, required=True),
        Column("Family identifier"),
        *_CHILD[1:],
        _DISABILITY,
        Column("Date the Child Entered Care", DATE, required=True),
        Column("Date of Decision that Child Should be Placed for Adoption", DATE, required=True),
        Column("Date of Placement Order", DATE),
        Column("Date of Matching Child and Prospective Adopters", DATE),
        Column("Date Placed for Adoption", DATE),
        Column("Date of Adoption Order", DATE),
        Column("Date of Decision that Child Should No Longer be Placed for Adoption", DATE),
        Column("Reason Why Child No Longer Placed for Adoption"),
        Column("Date the child was placed for fostering in FFA or concurrent planning placement", DATE),
    ),
)
LIST_11 = AnnexList(
    11,
    "List 11 Adopters",
    "Prospective adopters in the 12 months: not held in this record",
    tuple(
        Column(heading, kind, held=False)
        for heading, kind in (
            ("Individual adopter identifier", TEXT),
            ("Family identifier", TEXT),
            (SEX, TEXT),
            (ETHNICITY, TEXT),
            ("Disability", TEXT),
            ("Is the (prospective) adopter fostering for adoption?", TEXT),
            ("Date enquiry received", DATE),
            ("Date Stage 1 started", DATE),
            ("Date Stage 1 ended", DATE),
            ("Date Stage 2 started", DATE),
            ("Date Stage 2 ended", DATE),
            ("Date application submitted", DATE),
            ("Date application approved", DATE),
            ("Date adopter matched with child(ren)", DATE),
            ("Date child/children placed with adopter(s)", DATE),
            ("No. of children placed", NUMBER),
            ("Date of Adoption Order", DATE),
            ("Date of leaving adoption process", DATE),
            ("Reason for leaving adoption process", TEXT),
        )
    ),
)
LISTS = (LIST_1, LIST_2, LIST_3, LIST_4, LIST_5, LIST_6, LIST_7, LIST_8, LIST_9, LIST_10, LIST_11)


def file_name(on: date) -> str:
    return f"annex-a-{on.isoformat()}.xlsx"


# --- values, as Ofsted's template words them ---------------------------------------------------

YES, NO, UNKNOWN = "Yes", "No", "Unknown"
SEX_WORDS = {"M": "Male", "F": "Female", "U": "Not stated/recorded"}
LOOKED_AFTER, ON_CP_PLAN, ON_CIN_PLAN, OPEN_ASSESSMENT, CLOSED = (
    "Looked after child",
    "Child Protection plan",
    "Child in need plan",
    "Open assessment",
    "Closed episode",
)
RELEVANT, FORMER_RELEVANT, QUALIFYING = "Relevant child", "Former relevant child", "Qualifying care leaver"
ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}
FOSTERING_FOR_ADOPTION = {"U2", "U5"}
ADOPTED = {"E11", "E12"}
SHORT_BREAKS = {"V3", "V4"}
NEW_PLACEMENT = {"S", "P", "T"}  # SSDA903 reasons for a new episode that start a new placement


def _coded(choices, code: str) -> str:
    """ "N1: Abuse or neglect": the DfE code first, so the code is found, then its words."""
    if not code:
        return ""
    try:
        return f"{code}: {choices(code).label}"
    except ValueError:
        return code


def _yes_no(value: bool | None) -> str:
    return "" if value is None else YES if value else NO


def _disabled(person: Person) -> str:
    if not person.disabilities:
        return UNKNOWN
    return NO if person.disabilities == [Disability.NONE] else YES


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    if born > on:
        return -1
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _by(value: date | None, on: date) -> date | None:
    """A date as known on `on`: a later one had not happened yet."""
    return value if value and value <= on else None


def _words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _child_cells(person: Person, on: date) -> dict:
    born = person.date_of_birth or person.expected_date_of_birth
    return {
        CHILD_ID: person.la_id,
        SEX: SEX_WORDS.get(person.sex, ""),
        ETHNICITY: _coded(Ethnicity, person.ethnicity),
        BIRTH: born,
        AGE: -1 if person.is_unborn else _age(born, on),
    }


# --- what the lists share, read once ----------------------------------------------------------


@dataclass
class _Window:
    on: date
    six: date  # first day of the 6 months to `on`
    twelve: date  # first day of the 12 months to `on`

    @classmethod
    def ending(cls, on: date) -> "_Window":
        return cls(
            on, on - relativedelta(months=6) + timedelta(days=1), on - relativedelta(months=12) + timedelta(days=1)
        )


@dataclass
class _Allocated:
    started_on: date
    ended_on: date | None
    worker: str
    role: str
    team: str


class _Allocations:
    """Every allocation that could answer "who held the work" for a day in the lists: one query."""

    def __init__(self, window: _Window):
        self.by_child: dict[int, list[_Allocated]] = defaultdict(list)
        rows = (
            Allocation.objects.filter(started_on__lte=window.on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=window.twelve - relativedelta(years=1)))
            .order_by("started_on", "id")
            .values_list(
                "child_id",
                "started_on",
                "ended_on",
                "worker__first_name",
                "worker__last_name",
                "worker__role",
                "pod__team__name",
                "worker__team__name",
            )
        )
        for child, start, end, first, last, role, pod_team, own_team in rows:
            self.by_child[child].append(_Allocated(start, end, f"{first} {last}", role, pod_team or own_team or ""))

    def on(self, child_id: int, day: date) -> _Allocated | None:
        """The allocation open on `day`; one that ended that day counts, so closed work keeps the
        worker who closed it, and a new one starting the same day takes over."""
        found = None
        for allocation in self.by_child.get(child_id, ()):
            if allocation.started_on <= day and (allocation.ended_on is None or allocation.ended_on >= day):
                found = allocation
        return found

    def cells(self, child_id: int, day: date) -> dict:
        allocation = self.on(child_id, day)
        return {TEAM: allocation.team, WORKER: allocation.worker} if allocation else {TEAM: "", WORKER: ""}


@dataclass(frozen=True)
class _Seen:
    day: date
    home_visit: bool
    alone: bool | None


def _seen(child_ids, since: date, on: date) -> dict[int, list[_Seen]]:
    """Each child's finished home visits where they were seen, and direct work with them, from
    `since` to `on`, oldest first: one query. An entry replaced by a finished correction is left out
    (its correction is the entry that counts)."""
    corrected = StoryEntry.objects.filter(corrects=OuterRef("pk"), status=EntryStatus.FINAL)
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))
    rows = (
        StoryEntry.objects.filter(
            Q(kind=EntryKind.HOME_VISIT, child_seen=True) | Q(kind=EntryKind.DIRECT_WORK),
            status=EntryStatus.FINAL,
            about__id__in=list(child_ids),
            occurred_at__gte=start,
            occurred_at__lt=end,
        )
        .filter(~Exists(corrected))
        .order_by("occurred_at")
        .values_list("about__id", "occurred_at", "kind", "child_seen_alone")
    )
    seen = defaultdict(list)
    for child, at, kind, alone in rows:
        seen[child].append(_Seen(timezone.localtime(at).date(), kind == EntryKind.HOME_VISIT, alone))
    return seen


def _last(events: list[_Seen], start: date, end: date, *, home_visits: bool = False) -> _Seen | None:
    found = None
    for event in events:
        if start <= event.day <= end and (event.home_visit or not home_visits):
            found = event
    return found


def _last_entries(child_ids, kind: str, on: date) -> dict[int, date]:
    """The day of each child's latest finished story entry of a kind, on or before `on`."""
    end = timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))
    rows = (
        StoryEntry.objects.filter(
            kind=kind, status=EntryStatus.FINAL, about__id__in=list(child_ids), occurred_at__lt=end
        )
        .values("about__id")
        .annotate(last=Max("occurred_at"))
    )
    return {r["about__id"]: timezone.localtime(r["last"]).date() for r in rows}


@dataclass
class _Period:
    """A period of care: SSDA903 episodes chained, each starting the day the last one ended."""

    episodes: list[CareEpisode] = field(default_factory=list)

    @property
    def started_on(self) -> date:
        return self.episodes[0].started_on

    @property
    def last(self) -> CareEpisode:
        return self.episodes[-1]

    @property
    def ended_on(self) -> date | None:
        return self.last.ended_on

    def placements(self) -> list[list[CareEpisode]]:
        """Episodes grouped by placement: a new one starts on S, P or T (new carers)."""
        groups: list[list[CareEpisode]] = []
        for episode in self.episodes:
            if not groups or episode.new_episode_reason in NEW_PLACEMENT:
                groups.append([])
            groups[-1].append(episode)
        return groups


def _periods(on: date) -> dict[int, list[_Period]]:
    """Every child's periods of care up to `on`, oldest first, with anything after `on` unknown (an
    episode that ended later is open): one query."""
    periods: dict[int, list[_Period]] = defaultdict(list)
    episodes = CareEpisode.objects.filter(started_on__lte=on).order_by("child_id", "started_on", "id")
    for episode in episodes:
        if episode.ended_on and episode.ended_on > on:
            episode.ended_on, episode.end_reason = None, ""
        child_periods = periods[episode.child_id]
        previous = child_periods[-1].last if child_periods else None
        chained = previous is not None and previous.ended_on == episode.started_on and previous.end_reason == "X1"
        if not chained:
            child_periods.append(_Period())
        child_periods[-1].episodes.append(episode)
    return periods


def _overlaps(start: date, end: date | None, window_start: date, window_end: date) -> bool:
    return start <= window_end and (end is None or end >= window_start)


@dataclass(frozen=True)
class _Span:
    started_on: date
    ended_on: date | None


def _spans(model, episode_ids: set[int], end: str) -> dict[int, list[_Span]]:
    """Assessments or plans by child in need episode, as start and end dates: one query, and plain
    tuples rather than model instances, as a large LA has thousands."""
    spans = defaultdict(list)
    rows = model.objects.filter(episode_id__in=list(episode_ids)).values_list("episode_id", "started_on", end)
    for episode, start, finish in rows:
        spans[episode].append(_Span(start, finish))
    return spans


# --- the lists ---------------------------------------------------------------------------------


def _list_1(w: _Window, shared) -> list[dict]:
    start = timezone.make_aware(datetime.combine(w.six, time.min))
    end = timezone.make_aware(datetime.combine(w.on + timedelta(days=1), time.min))
    rows = []
    for contact in (
        Contact.objects.filter(received_at__gte=start, received_at__lt=end)
        .select_related("child")
        .order_by("received_at", "id")
    ):
        if contact.child:
            cells = _child_cells(contact.child, w.on)
        else:
            born = contact.child_date_of_birth
            cells = {CHILD_ID: "", SEX: "", ETHNICITY: "", BIRTH: born, AGE: _age(born, w.on)}
        cells["Date of Contact"] = timezone.localtime(contact.received_at).date()
        cells["Contact Source"] = _coded(ReferralSource, contact.source)
        rows.append(cells)
    return rows


def _list_2(w: _Window, shared) -> list[dict]:
    episodes = (
        EarlyHelpEpisode.objects.filter(started_on__lte=w.on)
        .filter(Q(started_on__gte=w.six) | Q(ended_on__isnull=True) | Q(ended_on__gt=w.on))
        .select_related("child")
        .order_by("started_on", "id")
    )
    rows = []
    for episode in episodes:
        ended = _by(episode.ended_on, w.on)
        allocated = shared.allocations.on(episode.child_id, ended or w.on)
        rows.append(
            {
                **_child_cells(episode.child, w.on),
                "Assessment start date": episode.started_on,
                "Organisation completing assessment": allocated.team if allocated else "",
            }
        )
    return rows


def _list_3(w: _Window, shared) -> list[dict]:
    referrals = list(
        ChildInNeedEpisode.objects.filter(referral_date__gte=w.six, referral_date__lte=w.on)
        .select_related("child")
        .order_by("referral_date", "id")
    )
    earlier = defaultdict(list)
    for child, episode_id, day in ChildInNeedEpisode.objects.filter(
        child_id__in={r.child_id for r in referrals}, referral_date__gte=w.six - relativedelta(months=12)
    ).values_list("child_id", "id", "referral_date"):
        earlier[child].append((day, episode_id))
    rows = []
    for referral in referrals:
        year_before = referral.referral_date - relativedelta(months=12)
        this = (referral.referral_date, referral.id)
        count = sum(1 for other in earlier[referral.child_id] if year_before <= other[0] and other < this)
        rows.append(
            {
                **_child_cells(referral.child, w.on),
                "Date of referral": referral.referral_date,
                "Referral Source": _coded(ReferralSource, referral.referral_source),
                "Referral NFA?": _yes_no(referral.referral_nfa),
                "Number of Referrals in Last 12 Months": count,
                **shared.allocations.cells(referral.child_id, _by(referral.closure_date, w.on) or w.on),
            }
        )
    return rows


def _list_4(w: _Window, shared) -> list[dict]:
    still_open = (Q(authorised_on__isnull=True) | Q(authorised_on__gt=w.on)) & (
        Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gte=w.six)
    )
    assessments = list(
        Assessment.objects.filter(started_on__lte=w.on)
        .filter(Q(started_on__gte=w.six) | Q(authorised_on__gte=w.six, authorised_on__lte=w.on) | still_open)
        .select_related("episode__child")
        .order_by("started_on", "id")
    )
    episodes = {a.episode_id for a in assessments}
    plans = _spans(ChildInNeedPlan, episodes, "ended_on")
    for episode, spans in _spans(ChildProtectionPlan, episodes, "ended_on").items():
        plans[episode].extend(spans)
    seen = _seen(
        {a.episode.child_id for a in assessments}, min((a.started_on for a in assessments), default=w.on), w.on
    )
    rows = []
    for assessment in assessments:
        episode, child = assessment.episode, assessment.episode.child
        authorised = _by(assessment.authorised_on, w.on)
        window_end = authorised or w.on
        if _last(seen[child.id], assessment.started_on, window_end):
            child_seen = YES
        else:
            child_seen = UNKNOWN
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "Continuous Assessment Start Date": assessment.started_on,
                "Child Seen During Continuous Assessment": child_seen,
                "Continuous Assessment Date of Authorisation": authorised,
                "Was the child assessed as requiring LA children's social care support?": _needs_support(
                    assessment, episode, plans[episode.id], w.on
                ),
                **shared.allocations.cells(child.id, min(window_end, _by(episode.closure_date, w.on) or w.on)),
            }
        )
    return rows


def _needs_support(assessment: Assessment, episode: ChildInNeedEpisode, plans: list[_Span], on: date) -> str:
    if assessment.authorised_on is None or assessment.authorised_on > on:
        return ""
    if _by(episode.closure_date, on) and episode.closure_reason in (ClosureReason.RC8, ClosureReason.RC9):
        return NO
    if any(assessment.started_on <= plan.started_on <= on for plan in plans):
        return YES
    return ""


def _list_5(w: _Window, shared) -> list[dict]:
    undecided = (
        (Q(icpc_date__isnull=True) | Q(icpc_date__gt=w.on))
        & Q(icpc_not_required=False)
        & (Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gt=w.on))
    )
    enquiries = list(
        Section47Enquiry.objects.filter(started_on__lte=w.on)
        .filter(Q(started_on__gte=w.six) | undecided)
        .select_related("episode__child")
        .order_by("started_on", "id")
    )
    cp_plans = _spans(ChildProtectionPlan, {e.episode_id for e in enquiries}, "ended_on")
    history = defaultdict(list)
    earliest = min((e.started_on for e in enquiries), default=w.on) - relativedelta(months=12)
    for child, enquiry_id, started, icpc in Section47Enquiry.objects.filter(
        episode__child_id__in={e.episode.child_id for e in enquiries}, started_on__gte=earliest, started_on__lte=w.on
    ).values_list("episode__child_id", "id", "started_on", "icpc_date"):
        history[child].append((started, enquiry_id, _by(icpc, w.on)))
    rows = []
    for enquiry in enquiries:
        episode, child = enquiry.episode, enquiry.episode.child
        icpc = _by(enquiry.icpc_date, w.on)
        year_before = enquiry.started_on - relativedelta(months=12)
        this = (enquiry.started_on, enquiry.id)
        earlier = [h for h in history[child.id] if year_before <= h[0] and (h[0], h[1]) < this]
        conferences = [h[2] for h in history[child.id] if h[2] and year_before <= h[2] < enquiry.started_on]
        if icpc:
            resulted = YES if any(p.started_on == icpc for p in cp_plans[episode.id]) else NO
        else:
            resulted = ""
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "Strategy discussion initiating Section 47 Enquiry Start Date": enquiry.started_on,
                "Was an Initial Child Protection Conference deemed unnecessary?": YES
                if enquiry.icpc_not_required
                else NO
                if icpc
                else "",
                "Date of Initial Child Protection Conference": icpc,
                "Did the Initial Child Protection Conference Result in a Child Protection Plan": resulted,
                "Number of Section 47 Enquiries in the last 12 months": len(earlier),
                "Number of ICPCs in the last 12 months": len(conferences),
                **shared.allocations.cells(child.id, icpc or _by(episode.closure_date, w.on) or w.on),
            }
        )
    return rows


def _list_6(w: _Window, shared) -> list[dict]:
    episodes = list(
        ChildInNeedEpisode.objects.filter(referral_nfa=False, referral_date__lte=w.on)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=w.six))
        .select_related("child")
        .order_by("referral_date", "id")
    )
    ids = {e.id for e in episodes}
    work = {
        "cp": _spans(ChildProtectionPlan, ids, "ended_on"),
        "cin": _spans(ChildInNeedPlan, ids, "ended_on"),
        "assessment": _spans(Assessment, ids, "authorised_on"),
    }
    seen = _seen({e.child_id for e in episodes}, min((e.referral_date for e in episodes), default=w.on), w.on)
    in_care = {child for child, periods in shared.periods.items() if periods and periods[-1].ended_on is None}
    rows = []
    for episode in episodes:
        child = episode.child
        closed = _by(episode.closure_date, w.on)
        last_seen = _last(seen[child.id], episode.referral_date, closed or w.on)
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "CIN Start Date": episode.referral_date,
                "Primary Need Code": _coded(PrimaryNeed, episode.primary_need),
                "Date Child Was Last Seen": last_seen.day if last_seen else None,
                "CIN Closure Date": closed,
                "Reason for Closure": _coded(ClosureReason, episode.closure_reason) if closed else "",
                "Case Status": _case_status(
                    {kind: spans[episode.id] for kind, spans in work.items()}, closed, child.id in in_care, w.on
                ),
                **shared.allocations.cells(child.id, closed or w.on),
            }
        )
    return rows


def _open_on(start: date, end: date | None, on: date) -> bool:
    return start <= on and (end is None or end > on)


def _case_status(work: dict[str, list[_Span]], closed: date | None, in_care: bool, on: date) -> str:
    if closed:
        return CLOSED
    if in_care:
        return LOOKED_AFTER
    for kind, status in (("cp", ON_CP_PLAN), ("cin", ON_CIN_PLAN), ("assessment", OPEN_ASSESSMENT)):
        if any(_open_on(span.started_on, span.ended_on, on) for span in work[kind]):
            return status
    return ""


def _list_7(w: _Window, shared) -> list[dict]:
    plans = list(
        ChildProtectionPlan.objects.filter(started_on__lte=w.on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=w.six))
        .select_related("episode__child")
        .prefetch_related("reviews")
        .order_by("started_on", "id")
    )
    seen = _seen({p.episode.child_id for p in plans}, min((p.started_on for p in plans), default=w.on), w.on)
    rows = []
    for plan in plans:
        child = plan.episode.child
        ended = _by(plan.ended_on, w.on)
        visit = _last(seen[child.id], plan.started_on, ended or w.on, home_visits=True)
        reviews = [r.held_on for r in plan.reviews.all() if r.held_on <= w.on]
        protected = any(
            e.legal_status in ("L1", "L2") and _overlaps(e.started_on, e.ended_on, w.six, w.on)
            for period in shared.periods.get(child.id, ())
            for e in period.episodes
        )
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "Child Protection Plan Start Date": plan.started_on,
                "Initial Category of Abuse": _coded(AbuseCategory, plan.initial_category),
                "Latest Category of Abuse": _coded(AbuseCategory, plan.latest_category),
                "Date of the Last Statutory Visit": visit.day if visit else None,
                "Was the Child Seen Alone?": (UNKNOWN if visit.alone is None else _yes_no(visit.alone))
                if visit
                else "",
                "Date of latest review conference": max(reviews, default=None),
                "Child Protection Plan End Date": ended,
                "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)": YES
                if protected
                else "",
                "Number of Previous Child Protection Plans": plan.previous_plans,
                **shared.allocations.cells(child.id, ended or w.on),
            }
        )
    return rows


def _uasc(child_ids) -> dict[int, tuple[bool, date | None]]:
    """Whether each child was an unaccompanied asylum-seeking child, and when that ended; a child with
    no looked-after details is missing from the answer (not known, rather than no)."""
    return {
        child: (uasc, ceased)
        for child, uasc, ceased in LookedAfterChild.objects.filter(child_id__in=child_ids).values_list(
            "child_id", "uasc", "uasc_ceased_on"
        )
    }


def _list_8(w: _Window, shared) -> list[dict]:
    chosen: dict[int, _Period] = {}
    for child, periods in shared.periods.items():
        latest = periods[-1]
        if latest.ended_on is None or latest.ended_on >= w.six:
            chosen[child] = latest
    people = Person.objects.in_bulk(list(chosen))
    seen = _seen(chosen, min((p.started_on for p in chosen.values()), default=w.on), w.on)
    health = _last_entries(list(chosen), EntryKind.HEALTH_ASSESSMENT, w.on)
    uasc = _uasc(list(chosen))
    spells = Counter(
        MissingSpell.objects.filter(
            child_id__in=list(chosen), started_on__gte=w.twelve, started_on__lte=w.on
        ).values_list("child_id", "kind")
    )
    reviews = dict(
        LookedAfterReview.objects.filter(child_id__in=list(chosen), held_on__lte=w.on)
        .values("child_id")
        .annotate(last=Max("held_on"))
        .values_list("child_id", "last")
    )
    rows = []
    for child_id, period in sorted(chosen.items(), key=lambda item: (item[1].started_on, people[item[0]].la_id)):
        child, last = people[child_id], period.last
        ended = period.ended_on
        status_start = last.started_on
        for episode in reversed(period.episodes[:-1]):
            if episode.legal_status != last.legal_status:
                break
            status_start = episode.started_on
        earlier = shared.periods[child_id][:-1]
        again = any(p.ended_on and p.ended_on >= w.twelve for p in earlier)
        placements = [
            group
            for p in shared.periods[child_id]
            for group in p.placements()
            if _overlaps(group[0].started_on, group[-1].ended_on, w.twelve, w.on)
        ]
        visit = _last(seen[child_id], period.started_on, ended or w.on, home_visits=True)
        review = reviews.get(child_id)
        health_on = health.get(child_id)
        rows.append(
            {
                **_child_cells(child, w.on),
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": _yes_no(
                    uasc[child_id][0] and (uasc[child_id][1] is None or uasc[child_id][1] >= w.twelve)
                )
                if child_id in uasc
                else "",
                DISABLED: _disabled(child),
                "Date Started to be Looked After": period.started_on,
                "Child's Category of Need": _coded(PrimaryNeed, last.category_of_need),
                "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": (
                    _yes_no(again)
                ),
                "Start date of current legal status": status_start,
                "Child's Legal Status": _coded(LegalStatus, last.legal_status),
                "Date of Latest Statutory Review": review if review and review >= period.started_on else None,
                "Date of Last Social Work Visit": visit.day if visit else None,
                "Date of Last Health Assessment": health_on if health_on and health_on >= period.started_on else None,
                "Number of Placements in the Last 12 months": len(placements),
                "Date Ceased to be Looked After": ended,
                "Reason Ceased to be Looked After": _coded(EpisodeEndReason, last.end_reason) if ended else "",
                "Start Date of Most Recent Placement": period.placements()[-1][0].started_on,
                "Placement Type": _coded(PlacementType, last.placement_type),
                "Placement Provider": _coded(PlacementProvider, last.placement_provider),
                "Placement postcode": last.placement_postcode,
                "URN of Placement": last.urn,
                "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": spells[
                    (child_id, MissingKind.MISSING)
                ],
                "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": spells[
                    (child_id, MissingKind.AWAY)
                ],
                **shared.allocations.cells(child_id, ended or w.on),
            }
        )
    return rows


def _eligibility(born: date | None, periods: list[_Period], on: date) -> str:
    """The Children (Leaving Care) Act category: eligible once looked after for 13 weeks since 14,
    some of it at 16 or over (short breaks do not count); relevant if that child has left care
    under 18, former relevant at 18 or over. Anyone else the LA supports qualifies."""
    if born is None:
        return ""
    fourteen, sixteen = born + relativedelta(years=14), born + relativedelta(years=16)
    days, after_sixteen = 0, False
    for period in periods:
        for episode in period.episodes:
            if episode.legal_status in SHORT_BREAKS:
                continue
            start, end = max(episode.started_on, fourteen), min(episode.ended_on or on, on)
            if end > start:
                days += (end - start).days
                after_sixteen = after_sixteen or end > sixteen
    if days < 91 or not after_sixteen:
        return QUALIFYING
    return RELEVANT if _age(born, on) < 18 else FORMER_RELEVANT


def _list_9(w: _Window, shared) -> list[dict]:
    leavers = list(
        CareLeaverEpisode.objects.filter(started_on__lte=w.on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=w.on))
        .select_related("child")
        .order_by("started_on", "id")
    )
    ids = [leaver.child_id for leaver in leavers]
    uasc = _uasc(ids)
    written = PlanVersion.objects.filter(
        plan__child_id__in=ids, plan__kind=PlanKind.PATHWAY, written_at__lt=_midnight_after(w.on)
    )
    last_plan: dict[int, date] = {}
    for child, at in (
        written.values("plan__child_id").annotate(last=Max("written_at")).values_list("plan__child_id", "last")
    ):
        last_plan[child] = timezone.localtime(at).date()
    reviewed = PlanReview.objects.filter(plan__child_id__in=ids, plan__kind=PlanKind.PATHWAY, held_on__lte=w.on)
    for child, day in (
        reviewed.values("plan__child_id").annotate(last=Max("held_on")).values_list("plan__child_id", "last")
    ):
        last_plan[child] = max(day, last_plan.get(child, day))
    rows = []
    for leaver in leavers:
        child = leaver.child
        allocated = shared.allocations.on(child.id, w.on)
        accommodation = leaver.accommodation if leaver.accommodation not in ("", "0") else ""
        rows.append(
            {
                **_child_cells(child, w.on),
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": _yes_no(
                    uasc[child.id][0]
                )
                if child.id in uasc
                else "",
                DISABLED: _disabled(child),
                TEAM: allocated.team if allocated else "",
                WORKER: allocated.worker if allocated else "",
                "Allocated Personal Advisor": allocated.worker
                if allocated and allocated.role == StaffRole.PERSONAL_ADVISER
                else "",
                "Eligibility Category": _eligibility(child.date_of_birth, shared.periods.get(child.id, []), w.on),
                "Latest Pathway Plan Review Date": last_plan.get(child.id),
                "LA in Touch": _coded(CareLeaverInTouch, leaver.in_touch),
                "Latest Date of Contact": _by(leaver.last_contact_on, w.on),
                "Type of Accommodation": _accommodation_type(accommodation),
                "Suitability of Accommodation": ("Suitable" if accommodation.endswith("1") else "Unsuitable")
                if accommodation
                else "",
                "Activity Status": _coded(CareLeaverActivity, leaver.activity)
                if leaver.activity not in ("", "0")
                else "",
            }
        )
    return rows


def _midnight_after(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def _accommodation_type(code: str) -> str:
    """The type is the code's letter; the DfE code's second character says whether it is suitable.
    "D1" is "D: Semi-independent or transitional accommodation"."""
    if not code:
        return ""
    return f"{code[0]}: {CareLeaverAccommodation(code).label.rsplit(', ', 1)[0]}"


def _list_10(w: _Window, shared) -> list[dict]:
    chosen: dict[int, _Period] = {}
    for child, periods in shared.periods.items():
        for period in periods:
            if not _overlaps(period.started_on, period.ended_on, w.twelve, w.on):
                continue
            if any(
                e.legal_status in ("E1", "D1")
                or e.placement_type in ADOPTION_PLACEMENTS | FOSTERING_FOR_ADOPTION
                or e.end_reason in ADOPTED
                for e in period.episodes
            ):
                chosen[child] = period
    decisions: dict[int, AdoptionDecision] = {}
    for decision in AdoptionDecision.objects.filter(decided_on__lte=w.on).order_by("decided_on", "id"):
        decisions[decision.child_id] = decision  # oldest first, so each child's latest is kept
    for child, decision in decisions.items():
        ceased = _by(decision.ceased_on, w.on)
        if child not in chosen and (ceased is None or ceased >= w.twelve) and shared.periods.get(child):
            chosen[child] = shared.periods[child][-1]
    matched = {
        decision: day
        for decision, day in Adoption.objects.filter(child_id__in=list(chosen), matched_on__lte=w.on).values_list(
            "decision_id", "matched_on"
        )
    }
    people = Person.objects.in_bulk(list(chosen))
    families = {}
    for person, network in (
        FamilyMember.objects.filter(person_id__in=list(chosen), role=NetworkRole.CHILD)
        .order_by("-network_id")
        .values_list("person_id", "network_id")
    ):
        families[person] = network  # ordered newest first, so the oldest network is the one kept

    def first(period: _Period, test) -> date | None:
        return next((e.started_on for e in period.episodes if test(e)), None)

    rows = []
    for child_id, period in sorted(chosen.items(), key=lambda item: (item[1].started_on, people[item[0]].la_id)):
        child = people[child_id]
        adopted = period.last.end_reason in ADOPTED and period.ended_on
        decision = decisions.get(child_id)
        no_longer = _by(decision.ceased_on, w.on) if decision else None
        why = _coded(AdoptionDecisionCeasedReason, decision.ceased_reason) if no_longer else ""
        rows.append(
            {
                **_child_cells(child, w.on),
                "Family identifier": str(families[child_id]) if child_id in families else "",
                DISABLED: _disabled(child),
                "Date the Child Entered Care": period.started_on,
                "Date of Decision that Child Should be Placed for Adoption": decision.decided_on if decision else None,
                "Date of Placement Order": first(period, lambda e: e.legal_status == "E1"),
                "Date of Matching Child and Prospective Adopters": matched.get(decision.id) if decision else None,
                "Date Placed for Adoption": first(period, lambda e: e.placement_type in ADOPTION_PLACEMENTS),
                "Date of Adoption Order": period.ended_on if adopted else None,
                "Date of Decision that Child Should No Longer be Placed for Adoption": no_longer,
                "Reason Why Child No Longer Placed for Adoption": why,
                "Date the child was placed for fostering in FFA or concurrent planning placement": first(
                    period, lambda e: e.placement_type in FOSTERING_FOR_ADOPTION
                ),
            }
        )
    return rows


def _list_11(w: _Window, shared) -> list[dict]:
    return []


BUILDERS = {
    1: _list_1,
    2: _list_2,
    3: _list_3,
    4: _list_4,
    5: _list_5,
    6: _list_6,
    7: _list_7,
    8: _list_8,
    9: _list_9,
    10: _list_10,
    11: _list_11,
}


@dataclass
class _Shared:
    allocations: _Allocations
    periods: dict[int, list[_Period]]


# --- the workbook ------------------------------------------------------------------------------


def _cell(sheet, value, *, bold: bool = False, number_format: str | None = None, wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    if bold:
        cell.font = Font(bold=True)
    if number_format:
        cell.number_format = number_format
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _about(sheet, la: LocalAuthority, window: _Window, now: datetime) -> None:
    for letter, width in (("A", 28), ("B", 70), ("C", 90)):
        sheet.column_dimensions[letter].width = width
    title = _cell(sheet, "Annex A: children's social care data for Ofsted's inspection (ILACS)")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    sheet.append([])
    rows = [
        ("Local authority", f"{la.name} ({la.dfe_code})", None),
        (RUNS_TO, window.on, DATE_FORMAT),
        ("Six months from", window.six, DATE_FORMAT),
        ("Twelve months from", window.twelve, DATE_FORMAT),
        ("Produced", timezone.localtime(now).replace(tzinfo=None, microsecond=0), "dd/mm/yyyy hh:mm"),
        ("Source", "Built by Alongside from the children's record, never re-keyed.", None),
    ]
    for label, value, number_format in rows:
        sheet.append([_cell(sheet, label, bold=True), _cell(sheet, value, number_format=number_format)])
    sheet.append([])
    sheet.append(
        [
            _cell(sheet, heading, bold=True)
            for heading in ("List", "What it covers", "Columns left blank: the record does not hold them")
        ]
    )
    for annex in LISTS:
        blank = [c.heading for c in annex.columns if not c.held]
        sheet.append([annex.sheet, annex.covers, "; ".join(blank) if len(blank) < len(annex.columns) else "All"])


def _width(column: Column, rows: list[dict]) -> int:
    """Wide enough for the longest word of the heading (which wraps) and for the values, within reason."""
    width = max(12, max(len(word) for word in column.heading.split()) + 2)
    if column.kind == TEXT:
        longest = max((len(str(r[column.heading])) for r in rows if r.get(column.heading)), default=0)
        width = max(width, min(longest + 2, 50))
    return width


def _write(sheet, annex: AnnexList, rows: list[dict]) -> None:
    """One list as a sheet: the heading row bold, wrapped and frozen with the child's id beside it, a
    filter on every column, dates as real Excel dates shown dd/mm/yyyy. The sheet is written row by
    row (openpyxl's write-only mode), so the biggest list costs little memory."""
    for index, column in enumerate(annex.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, rows)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(annex.columns))}{len(rows) + 1}"
    sheet.append([_cell(sheet, heading, bold=True, wrap=True) for heading in annex.headings])
    dates = [column.kind == DATE for column in annex.columns]
    for values in rows:
        sheet.append(
            [
                _cell(sheet, value, number_format=DATE_FORMAT) if is_date and value is not None else value
                for value, is_date in zip((values.get(c.heading) for c in annex.columns), dates, strict=True)
            ]
        )


def produce(
    year: int, progress: Progress = no_progress, on: date | None = None, *, now: datetime | None = None
) -> Produced:
    """Ofsted's Annex A lists, as they stood on `on` (31 March `year` unless given), in one workbook."""
    la = LocalAuthority.objects.first()
    if la is None:
        raise ApplicationError("There is no local authority set up yet, so there is nothing to return.")
    on = on or census_end(year)
    window = _Window.ending(on)
    progress("Reading allocations and periods of care", 0.05)
    shared = _Shared(_Allocations(window), _periods(on))
    book = Workbook(write_only=True)
    _about(book.create_sheet(ABOUT), la, window, now or timezone.now())
    children: set[str] = set()
    for index, annex in enumerate(LISTS):
        progress(f"Writing {annex.sheet}", 0.1 + 0.8 * index / len(LISTS))
        rows = BUILDERS[annex.number](window, shared)
        children.update(r[CHILD_ID] for r in rows if r.get(CHILD_ID))
        _write(book.create_sheet(annex.sheet), annex, rows)
    progress("Saving the workbook", 0.95)
    out = io.BytesIO()
    book.save(out)
    progress("Done", 1.0)
    return Produced("annex-a", year, {file_name(on): out.getvalue()}, children=len(children), la_code=la.dfe_code)


# --- validation --------------------------------------------------------------------------------


def _rule(code: str, summary: str) -> RuleDoc:
    return RuleDoc(code, summary, source="Alongside, for Ofsted Annex A")


RULES = [
    _rule("AA-00-01", "A list is missing, or its headings are not Ofsted's, in Ofsted's order"),
    _rule("AA-00-02", "A date is after the day the lists run to"),
    *[
        _rule(f"AA-L{a.number}-01", f"{a.sheet}: a column Ofsted needs is blank")
        for a in LISTS
        if any(c.required for c in a.columns)
    ],
    _rule("AA-L1-02Q", "List 1: a contact about a child who is not on the record yet, so has no Child Unique ID"),
    _rule("AA-L4-02", "List 4: an assessment authorised before it started"),
    _rule("AA-L4-03Q", "List 4: an authorised assessment with no record that the child was seen"),
    _rule("AA-L5-02", "List 5: an initial conference before the section 47 enquiry started"),
    _rule("AA-L5-03", "List 5: a conference held and also recorded as not needed"),
    _rule("AA-L6-02", "List 6: a child in need episode closed before it started"),
    _rule("AA-L6-03", "List 6: a closure date without a reason, or a reason without a date"),
    _rule("AA-L7-02", "List 7: a plan that ended before it started"),
    _rule("AA-L7-03", "List 7: a review conference before the plan started"),
    _rule("AA-L7-04Q", "List 7: an open plan with no statutory visit recorded"),
    _rule("AA-L8-02", "List 8: care ceased before it started"),
    _rule("AA-L8-03", "List 8: the latest placement or legal status started before the child came into care"),
    _rule(
        "AA-L10-02",
        "List 10: placed before entering care, matched before the decision, or adopted before being placed",
    ),
    _rule("AA-X-01", "A child's date of birth, sex or ethnicity differ between lists"),
    _rule("AA-X-02", "A child looked after on List 6 is not on List 8"),
    _rule("AA-X-03", "A conference that led to a plan on List 5, but the child is not on List 7"),
    _rule("AA-X-04", "A child on an open protection plan on List 7 is not on List 6"),
]

BLANK = "{heading} is blank. Ofsted needs it: record it, or say why it is not known."
NO_CHILD_ID = (
    "This contact is about a child not yet on the record, so it has no Child Unique ID. "
    "Link the contact to the child, or add the child, before the lists go to Ofsted."
)
AUTHORISED_BEFORE_START = (
    "The assessment was authorised on {end}, before it started on {start}. Correct one of the dates."
)
NOT_SEEN = (
    "The record does not show the child seen during this assessment. "
    "Record the visit where they were seen, or why they were not."
)
ICPC_BEFORE_S47 = (
    "The initial conference on {end} is before the section 47 enquiry started on {start}. Correct one of the dates."
)
ICPC_AND_UNNECESSARY = "The conference is dated {end} but also recorded as not needed. Keep one of them."
CLOSED_BEFORE_START = "The episode closed on {end}, before it started on {start}. Correct one of the dates."
CLOSURE_HALF = "The episode has a closure date or a reason for closure but not both. Record the other."
PLAN_ENDED_BEFORE_START = "The plan ended on {end}, before it started on {start}. Correct one of the dates."
REVIEW_BEFORE_PLAN = (
    "The latest review conference, {end}, is before the plan started on {start}. Correct one of the dates."
)
NO_VISIT = "No statutory visit is recorded for this open plan. Record the visits to the child."
CEASED_BEFORE_START = "Care ceased on {end}, before it started on {start}. Correct one of the dates."
BEFORE_CARE = "The {what} started on {end}, before the child came into care on {start}. Correct one of the dates."
ADOPTION_ORDER = "{what} Correct one of the dates."
AFTER_RUNS_TO = "{heading} is {end}, after the day the lists run to ({start}). Take out what had not happened yet."
DIFFERENT_DETAILS = "The child's {heading} is {first} on {sheet} but {second} on {other}. Make them the same."
NOT_IN_CARE_LIST = "List 6 says this child is looked after, but they are not on List 8."
NOT_ON_CP_LIST = "The conference on {start} led to a plan, but the child is not on List 7."
NOT_ON_CIN_LIST = "This child's protection plan is open, but they are not on List 6."
BAD_HEADINGS = "{sheet} is missing or its headings are not Ofsted's. Produce the workbook again."


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _read(produced: Produced) -> tuple[dict[str, list[dict]], date | None, list[str]]:
    """Each list's rows (heading -> value, with the row's number), the day the lists run to, and the
    lists whose sheet is missing or whose headings differ from Ofsted's."""
    content = next(iter(produced.files.values()))
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    runs_to = None
    if ABOUT in book.sheetnames:
        for label, value, *_ in book[ABOUT].iter_rows(values_only=True, max_col=2):
            if label == RUNS_TO:
                runs_to = _as_date(value)
    lists: dict[str, list[dict]] = {}
    wrong = []
    for annex in LISTS:
        if annex.sheet not in book.sheetnames:
            wrong.append(annex.sheet)
            continue
        rows = book[annex.sheet].iter_rows(values_only=True)
        headings = list(next(rows, ()))
        while headings and headings[-1] is None:
            headings.pop()
        if headings != annex.headings:
            wrong.append(annex.sheet)
            continue
        lists[annex.sheet] = [
            {**dict(zip(headings, values, strict=False)), "_row": number}
            for number, values in enumerate(rows, start=2)
            if any(v not in (None, "") for v in values)
        ]
    book.close()
    return lists, runs_to, wrong


def validate(produced: Produced) -> list[Finding]:
    """Read the workbook back and check what inspectors stumble over: headings not Ofsted's, columns
    Ofsted needs left blank, dates out of order or after the day the lists run to, and a child who
    looks different, or is missing, from one list to another."""
    lists, runs_to, wrong = _read(produced)
    found = Validation()
    for sheet in wrong:
        found.add("AA-00-01", BAD_HEADINGS.format(sheet=sheet), table=sheet)
    by_sheet = {annex.sheet: annex for annex in LISTS}
    for sheet, rows in lists.items():
        annex = by_sheet[sheet]
        for row in rows:
            child = row.get(CHILD_ID) or None
            where = f"row {row['_row']}"

            def add(rule, message, *, child=child, where=where, sheet=sheet):
                found.add(rule, message, str(child) if child else None, where, sheet)

            for column in annex.columns:
                if column.required and row.get(column.heading) in (None, ""):
                    add(f"AA-L{annex.number}-01", BLANK.format(heading=column.heading))
                day = _as_date(row.get(column.heading))
                if runs_to and day and day > runs_to and column.heading != BIRTH:
                    add(
                        "AA-00-02", AFTER_RUNS_TO.format(heading=column.heading, end=_words(day), start=_words(runs_to))
                    )
            _row_rules(annex.number, row, add)
    _across_lists(lists, found)
    return found.findings


def _order(row, first: str, second: str) -> tuple[date, date] | None:
    """The two dates when the second is before the first."""
    start, end = _as_date(row.get(first)), _as_date(row.get(second))
    return (start, end) if start and end and end < start else None


def _row_rules(number: int, row: dict, add) -> None:
    def words(pair):
        return {"start": _words(pair[0]), "end": _words(pair[1])}

    if number == 1 and not row.get(CHILD_ID):
        add("AA-L1-02Q", NO_CHILD_ID)
    if number == 4:
        if pair := _order(row, "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"):
            add("AA-L4-02", AUTHORISED_BEFORE_START.format(**words(pair)))
        if (
            row.get("Continuous Assessment Date of Authorisation")
            and row.get("Child Seen During Continuous Assessment") != YES
        ):
            add("AA-L4-03Q", NOT_SEEN)
    if number == 5:
        started, icpc = (
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Date of Initial Child Protection Conference",
        )
        if pair := _order(row, started, icpc):
            add("AA-L5-02", ICPC_BEFORE_S47.format(**words(pair)))
        if row.get(icpc) and row.get("Was an Initial Child Protection Conference deemed unnecessary?") == YES:
            add("AA-L5-03", ICPC_AND_UNNECESSARY.format(end=_words(_as_date(row[icpc]))))
    if number == 6:
        if pair := _order(row, "CIN Start Date", "CIN Closure Date"):
            add("AA-L6-02", CLOSED_BEFORE_START.format(**words(pair)))
        if bool(row.get("CIN Closure Date")) != bool(row.get("Reason for Closure")):
            add("AA-L6-03", CLOSURE_HALF)
    if number == 7:
        if pair := _order(row, "Child Protection Plan Start Date", "Child Protection Plan End Date"):
            add("AA-L7-02", PLAN_ENDED_BEFORE_START.format(**words(pair)))
        if pair := _order(row, "Child Protection Plan Start Date", "Date of latest review conference"):
            add("AA-L7-03", REVIEW_BEFORE_PLAN.format(**words(pair)))
        if not row.get("Child Protection Plan End Date") and not row.get("Date of the Last Statutory Visit"):
            add("AA-L7-04Q", NO_VISIT)
    if number == 8:
        start = "Date Started to be Looked After"
        if pair := _order(row, start, "Date Ceased to be Looked After"):
            add("AA-L8-02", CEASED_BEFORE_START.format(**words(pair)))
        for heading, what in (
            ("Start Date of Most Recent Placement", "latest placement"),
            ("Start date of current legal status", "current legal status"),
        ):
            if pair := _order(row, start, heading):
                add("AA-L8-03", BEFORE_CARE.format(what=what, **words(pair)))
    if number == 10:
        if pair := _order(row, "Date the Child Entered Care", "Date Placed for Adoption"):
            add(
                "AA-L10-02",
                ADOPTION_ORDER.format(
                    what=f"Placed for adoption on {_words(pair[1])}, before entering care on {_words(pair[0])}."
                ),
            )
        decided = "Date of Decision that Child Should be Placed for Adoption"
        if pair := _order(row, decided, "Date of Matching Child and Prospective Adopters"):
            add(
                "AA-L10-02",
                ADOPTION_ORDER.format(
                    what=f"Matched with adopters on {_words(pair[1])}, before the decision on {_words(pair[0])}."
                ),
            )
        if pair := _order(row, "Date Placed for Adoption", "Date of Adoption Order"):
            add(
                "AA-L10-02",
                ADOPTION_ORDER.format(what=f"Adopted on {_words(pair[1])}, before being placed on {_words(pair[0])}."),
            )


def _across_lists(lists: dict[str, list[dict]], found: Validation) -> None:
    details: dict[str, dict[str, tuple[object, str]]] = defaultdict(dict)
    for sheet, rows in lists.items():
        for row in rows:
            child = row.get(CHILD_ID)
            if not child:
                continue
            for heading in (BIRTH, SEX, ETHNICITY):
                value = row.get(heading)
                shown = _as_date(value) or value
                if shown in (None, ""):
                    continue
                if heading not in details[child]:
                    details[child][heading] = (shown, sheet)
                elif details[child][heading][0] != shown:
                    first, where = details[child][heading]
                    found.add(
                        "AA-X-01",
                        DIFFERENT_DETAILS.format(
                            heading=heading.lower(),
                            first=_words(first) if isinstance(first, date) else first,
                            sheet=where,
                            second=_words(shown) if isinstance(shown, date) else shown,
                            other=sheet,
                        ),
                        str(child),
                        f"row {row['_row']}",
                        sheet,
                    )
                    details[child][heading] = (shown, sheet)  # report each change of value once

    def ids(annex: AnnexList) -> set[str]:
        return {str(r[CHILD_ID]) for r in lists.get(annex.sheet, []) if r.get(CHILD_ID)}

    if LIST_6.sheet in lists and LIST_8.sheet in lists:
        in_care = ids(LIST_8)
        for row in lists[LIST_6.sheet]:
            if row.get("Case Status") == LOOKED_AFTER and str(row.get(CHILD_ID)) not in in_care:
                found.add("AA-X-02", NOT_IN_CARE_LIST, str(row.get(CHILD_ID)), f"row {row['_row']}", LIST_6.sheet)
    if LIST_5.sheet in lists and LIST_7.sheet in lists:
        protected = ids(LIST_7)
        for row in lists[LIST_5.sheet]:
            resulted = row.get("Did the Initial Child Protection Conference Result in a Child Protection Plan")
            if resulted == YES and str(row.get(CHILD_ID)) not in protected:
                conference = _as_date(row.get("Date of Initial Child Protection Conference"))
                found.add(
                    "AA-X-03",
                    NOT_ON_CP_LIST.format(start=_words(conference) if conference else "an unknown date"),
                    str(row.get(CHILD_ID)),
                    f"row {row['_row']}",
                    LIST_5.sheet,
                )
    if LIST_6.sheet in lists and LIST_7.sheet in lists:
        in_need = ids(LIST_6)
        for row in lists[LIST_7.sheet]:
            if not row.get("Child Protection Plan End Date") and str(row.get(CHILD_ID)) not in in_need:
                found.add("AA-X-04", NOT_ON_CIN_LIST, str(row.get(CHILD_ID)), f"row {row['_row']}", LIST_7.sheet)
