"""Ofsted's Annex A template: the lists, each list's columns with Ofsted's headings word for word, and
the words its cells use.

Blank because the record does not hold it (`held=False`; the About sheet repeats this list):
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

from dataclasses import dataclass

TEXT, DATE, NUMBER = "text", "date", "number"


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
