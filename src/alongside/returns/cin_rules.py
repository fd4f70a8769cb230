"""Our validation of a produced children in need census file: the DfE rules, run on the XML itself.

Rule codes and their meaning follow the DfE's CIN census validation rules as the independent validator
(`csc-validator-be-cin`, which LAs run before submission) implements them, so a data officer sees the
same codes in both. Messages are ours, in plain words, saying what to correct in the record.

Reading the file rather than the database is deliberate: it checks exactly what the DfE will receive,
and it can check a file produced earlier or elsewhere.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from alongside.codes import (
    AbuseCategory,
    AssessmentFactor,
    ClosureReason,
    Disability,
    Ethnicity,
    PrimaryNeed,
    ReferralSource,
)
from alongside.lib.working_days import calendar_for
from alongside.returns.base import Finding, Produced, RuleDoc

TRUE, FALSE = {"1", "true"}, {"0", "false"}
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_LA_CODES: set[str] = set()
for low, high in (
    (1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373), (380, 384), (390, 394),
    (420, 420), (660, 681), (701, 708), (800, 803), (805, 808), (810, 813), (815, 816), (820, 823),
    (825, 826), (830, 831), (835, 841), (845, 846), (850, 852), (855, 857), (860, 861), (865, 896),
    (908, 909), (916, 916), (919, 919), (921, 921), (925, 926), (928, 929), (931, 931), (933, 933),
    (935, 938), (940, 941),
):  # fmt: skip
    UPN_LA_CODES.update(f"{code:03d}" for code in range(low, high + 1))


@dataclass
class Assessment:
    start: date | None
    end: date | None
    factors: list[str]


@dataclass
class Plan:
    start: date | None
    end: date | None


@dataclass
class Enquiry:
    start: date | None
    target: date | None
    icpc: date | None
    not_required: str


@dataclass
class ProtectionPlan:
    start: date | None
    end: date | None
    initial: str
    latest: str
    previous: str
    reviews: list[date | None]


@dataclass
class Episode:
    referral: date | None
    source: str
    need: str
    closure: date | None
    reason: str
    icpc: date | None
    nfa: str
    assessments: list[Assessment] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    enquiries: list[Enquiry] = field(default_factory=list)
    protection: list[ProtectionPlan] = field(default_factory=list)

    @property
    def further_action(self) -> bool:
        return self.nfa in FALSE

    def where(self) -> str:
        return f"the referral of {_say(self.referral)}" if self.referral else "a referral with no date"


@dataclass
class Child:
    la_id: str
    upn: str
    former_upn: str
    upn_unknown: str
    birth: date | None
    expected_birth: date | None
    sex: str
    death: date | None
    ethnicity: str
    disabilities: list[str]
    episodes: list[Episode]


def _say(value: date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "no date"


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _date(element, tag: str) -> date | None:
    value = _text(element, tag)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def produced_on(content: bytes) -> date | None:
    """The day the file was made (Header/Source/DateTime), if it says."""
    root = etree.fromstring(content)
    value = root.findtext("Header/Source/DateTime") or ""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def parse(content: bytes) -> tuple[date | None, int | None, list[Child]]:
    root = etree.fromstring(content)
    details = root.find("Header/CollectionDetails")
    reference = _date(details, "ReferenceDate") if details is not None else None
    year_text = _text(details, "Year") if details is not None else ""
    children = []
    for child in root.iterfind("Children/Child"):
        ids = child.find("ChildIdentifiers")
        characteristics = child.find("ChildCharacteristics")
        episodes = []
        for cin in child.iterfind("CINdetails"):
            episodes.append(
                Episode(
                    referral=_date(cin, "CINreferralDate"),
                    source=_text(cin, "ReferralSource"),
                    need=_text(cin, "PrimaryNeedCode"),
                    closure=_date(cin, "CINclosureDate"),
                    reason=_text(cin, "ReasonForClosure"),
                    icpc=_date(cin, "DateOfInitialCPC"),
                    nfa=_text(cin, "ReferralNFA").lower(),
                    assessments=[
                        Assessment(
                            _date(a, "AssessmentActualStartDate"),
                            _date(a, "AssessmentAuthorisationDate"),
                            [f.text.strip() for f in a.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors")],
                        )
                        for a in cin.iterfind("Assessments")
                    ],
                    plans=[
                        Plan(_date(p, "CINPlanStartDate"), _date(p, "CINPlanEndDate"))
                        for p in cin.iterfind("CINPlanDates")
                    ],
                    enquiries=[
                        Enquiry(
                            _date(s, "S47ActualStartDate"),
                            _date(s, "InitialCPCtarget"),
                            _date(s, "DateOfInitialCPC"),
                            _text(s, "ICPCnotRequired").lower(),
                        )
                        for s in cin.iterfind("Section47")
                    ],
                    protection=[
                        ProtectionPlan(
                            _date(p, "CPPstartDate"),
                            _date(p, "CPPendDate"),
                            _text(p, "InitialCategoryOfAbuse"),
                            _text(p, "LatestCategoryOfAbuse"),
                            _text(p, "NumberOfPreviousCPP"),
                            [_date(r, "CPPreviewDate") for r in p.iterfind("Reviews")],
                        )
                        for p in cin.iterfind("ChildProtectionPlans")
                    ],
                )
            )
        children.append(
            Child(
                la_id=_text(ids, "LAchildID"),
                upn=_text(ids, "UPN"),
                former_upn=_text(ids, "FormerUPN"),
                upn_unknown=_text(ids, "UPNunknown"),
                birth=_date(ids, "PersonBirthDate"),
                expected_birth=_date(ids, "ExpectedPersonBirthDate"),
                sex=_text(ids, "Sex"),
                death=_date(ids, "PersonDeathDate"),
                ethnicity=_text(characteristics, "Ethnicity") if characteristics is not None else "",
                disabilities=[d.text.strip() for d in child.iterfind("ChildCharacteristics/Disabilities/Disability")],
                episodes=episodes,
            )
        )
    return reference, int(year_text) if year_text.isdigit() else None, children


def upn_problem(upn: str) -> str | None:
    """The DfE rule a UPN breaks (1510 check letter, 1530 LA digits, 1540 body, 1550 last character)."""
    if len(upn) != 13:
        return "1510"
    if upn[1:4] not in UPN_LA_CODES:
        return "1530"
    if not upn[4:12].isdigit():
        return "1540"
    if not (upn[12].isdigit() or (upn[12].isalpha() and upn[12].upper() not in "IOS")):
        return "1550"
    total = 0
    for position, character in enumerate(upn[1:], start=2):
        # A letter in the last place (a temporary UPN) counts by its place in the check letter list.
        total += position * (int(character) if character.isdigit() else max(UPN_LETTERS.find(character), 0))
    if UPN_LETTERS[total % 23] != upn[0]:
        return "1510"
    return None


class _Context:
    def __init__(self, reference: date, children: list[Child], produced_on: date | None = None):
        self.end = reference
        # A census for the year in progress, produced before its 31 March: timescales are judged at the
        # census end, as the DfE will, but the words must not say an assessment is late today.
        self.in_progress = produced_on is not None and produced_on < reference
        self.start = reference - relativedelta(years=1) + timedelta(days=1)
        self.calendar = calendar_for(self.start.year - 1, reference.year + 1)
        self.children = children
        # The latest start an open assessment (45 working days) or enquiry (15) may have without a query,
        # and the day before which a referral cannot be 'no further action' (8569Q).
        # Counted as the independent validator counts, with the census end as the first of the working
        # days (so 45 working days back is 44 steps), so that both flag the same assessments.
        self.assessment_limit = self.working_days_back(self.end, 44)
        self.enquiry_limit = self.working_days_back(self.end, 14)
        self.nfa_limit = self.start
        while not self.calendar.is_working_day(self.nfa_limit):
            self.nfa_limit += timedelta(days=1)

    def working_days_back(self, day: date, days: int) -> date:
        while days > 0:
            day -= timedelta(days=1)
            days -= self.calendar.is_working_day(day)
        return day

    def in_year(self, value: date | None) -> bool:
        return value is not None and self.start <= value <= self.end


RULES: list[RuleDoc] = []
_CHILD_RULES = []


def rule(code: str, summary: str):
    def register(function):
        RULES.append(RuleDoc(code, summary))
        _CHILD_RULES.append((code, function))
        return function

    return register


# Each rule yields (message, where) for every place the child breaks it.


@rule("8500", "LA child ID present")
def _8500(child: Child, ctx):
    if not child.la_id:
        yield "The child has no LA child ID.", "the child's details"


@rule("1570", "LA child ID at most 20 characters")
def _1570(child, ctx):
    if len(child.la_id) > 20:
        yield "The LA child ID is longer than 20 characters.", "the child's details"


@rule("1580", "LA child ID letters and digits only")
def _1580(child, ctx):
    if child.la_id and not child.la_id.isalnum():
        yield "The LA child ID may contain only letters and digits.", "the child's details"


@rule("1510-1550", "UPN well formed (check letter, LA digits, digits, last character)")
def _upn(child, ctx):
    if child.upn:
        code = upn_problem(child.upn)
        if code:
            yield code, f"The UPN {child.upn} is not a valid unique pupil number. Check it with the school.", "UPN"


@rule("1560Q", "Former UPN well formed")
def _1560(child, ctx):
    if child.former_upn and upn_problem(child.former_upn):
        yield "The former UPN is not a valid unique pupil number.", "former UPN"


@rule("8770Q", "A school-age child with further action needs a UPN or a reason other than UN1")
def _8770(child, ctx):
    school_start = ctx.end + relativedelta(months=4, days=31)
    if child.birth is None or child.birth > school_start - relativedelta(years=6):
        return
    if not any(e.further_action for e in child.episodes):
        return
    if not child.upn and child.upn_unknown not in {"UN2", "UN3", "UN4", "UN5", "UN6", "UN7"}:
        yield (
            "A child of school age needs their unique pupil number, or the reason it is not known "
            "('under school age' does not apply).",
            "UPN",
        )


@rule("8772", "UN7 only when every referral had no further action")
def _8772(child, ctx):
    if child.upn_unknown == "UN7" and any(e.further_action for e in child.episodes):
        yield "'Referral with no further action' is given as the reason for no UPN, but a referral went further.", "UPN"


@rule("8520", "Date of birth not after the census end")
def _8520(child, ctx):
    if child.birth and child.birth > ctx.end:
        yield "The date of birth is after the end of the census year.", "date of birth"


@rule("8525Q", "Date of birth or expected date of birth, not both")
def _8525(child, ctx):
    if (child.birth is None) == (child.expected_birth is None):
        yield "Record either the date of birth or, for an unborn child, the expected date of birth.", "date of birth"


@rule("8530Q", "Expected date of birth March to December of the census end year")
def _8530(child, ctx):
    if child.expected_birth and not (date(ctx.end.year, 3, 1) <= child.expected_birth <= date(ctx.end.year, 12, 31)):
        yield "The expected date of birth is outside March to December of the census year's end.", "date of birth"


@rule("8535Q", "Date of death not before birth")
def _8535(child, ctx):
    if child.death and child.birth and child.death < child.birth:
        yield "The date of death is before the date of birth.", "date of death"


@rule("8545Q", "Date of death inside the census year")
def _8545(child, ctx):
    if child.death and not ctx.in_year(child.death):
        yield "The date of death is outside the census year.", "date of death"


@rule("4180", "Sex present: M, F or U")
def _4180(child, ctx):
    if child.sex not in {"M", "F", "U"}:
        yield "The child's sex is missing.", "sex"


@rule("8750", "Sex U for an unborn child")
def _8750(child, ctx):
    if child.birth is None and child.expected_birth and child.sex != "U":
        yield "An unborn child's sex must be 'not known'.", "sex"


@rule("4220", "Ethnicity present and valid")
def _4220(child, ctx):
    if child.ethnicity not in Ethnicity.values:
        yield "The child's ethnicity is missing or not a DfE code.", "ethnicity"


@rule("8540", "Disability present and valid for a further-action child")
def _8540(child, ctx):
    if any(code not in Disability.values for code in child.disabilities):
        yield "A disability code is not on the DfE list.", "disabilities"
    elif not child.disabilities and child.birth and any(e.further_action for e in child.episodes):
        yield "Record the child's disabilities, or 'no disability'.", "disabilities"


@rule("8790", "'No disability' not combined with another code")
def _8790(child, ctx):
    if "NONE" in child.disabilities and len(child.disabilities) > 1:
        yield "'No disability' is recorded together with a disability.", "disabilities"


@rule("8794", "No disability code twice")
def _8794(child, ctx):
    if len(set(child.disabilities)) != len(child.disabilities):
        yield "A disability is recorded twice.", "disabilities"


@rule("8590", "Every child has a referral")
def _8590(child, ctx):
    if not child.episodes:
        yield "The child has no referral in the return.", "the child's details"


@rule("8775Q", "Child not over 25")
def _8775(child, ctx):
    if child.birth and child.birth < ctx.end - relativedelta(years=25):
        yield "The child is over 25 years old. Check the date of birth.", "date of birth"


# Referrals (CINdetails)


@rule("8600", "Referral date present and not after the census end")
def _8600(child, ctx):
    for e in child.episodes:
        if e.referral is None or e.referral > ctx.end:
            yield "The referral date is missing or after the census year.", e.where()


@rule("8866", "Referral source present and valid")
def _8866(child, ctx):
    for e in child.episodes:
        if e.source not in ReferralSource.values:
            yield "The source of the referral is missing or not a DfE code.", e.where()


@rule("8568", "Referral no further action flag present")
def _8568(child, ctx):
    for e in child.episodes:
        if e.nfa not in TRUE | FALSE:
            yield "Say whether the referral led to no further action.", e.where()


@rule("8610", "Primary need for a referral that led to further action")
def _8610(child, ctx):
    for e in child.episodes:
        if e.further_action and not e.need:
            yield "A referral that went further needs its primary need.", e.where()


@rule("8650", "Primary need N0 to N9")
def _8650(child, ctx):
    for e in child.episodes:
        if e.need and e.need not in PrimaryNeed.values:
            yield "The primary need is not a DfE code.", e.where()


@rule("8805", "Closure date needs a reason")
def _8805(child, ctx):
    for e in child.episodes:
        if e.closure and not e.reason:
            yield "The case has a closure date but no reason for closure.", e.where()


@rule("8810", "Reason for closure needs a closure date")
def _8810(child, ctx):
    for e in child.episodes:
        if e.reason and not e.closure:
            yield "The case has a reason for closure but no closure date.", e.where()


@rule("8640", "Reason for closure RC1 to RC9")
def _8640(child, ctx):
    for e in child.episodes:
        if e.reason and e.reason not in ClosureReason.values:
            yield "The reason for closure is not a DfE code.", e.where()


@rule("8620", "Closure date inside the census year")
def _8620(child, ctx):
    for e in child.episodes:
        if e.closure and not ctx.in_year(e.closure):
            yield "The closure date is outside the census year.", e.where()


@rule("8630", "Closure not before referral")
def _8630(child, ctx):
    for e in child.episodes:
        if e.closure and e.referral and e.closure < e.referral:
            yield "The case closes before it was referred.", e.where()


def _open_further(child):
    return [e for e in child.episodes if e.closure is None and e.nfa in FALSE]


@rule("8815", "Only one open referral that went further")
def _8815(child, ctx):
    open_episodes = _open_further(child)
    if len(open_episodes) > 1:
        for e in open_episodes:
            yield "More than one referral is still open for this child. Close the earlier one.", e.where()


@rule("8816", "The open referral is the latest")
def _8816(child, ctx):
    dates = [e.referral for e in child.episodes if e.referral]
    latest = max(dates) if dates else None
    for e in _open_further(child):
        if e.referral and latest and e.referral < latest:
            yield "An earlier referral is still open though a later one exists. Close the earlier one.", e.where()


@rule("8820", "Referrals do not overlap")
def _8820(child, ctx):
    episodes = sorted((e for e in child.episodes if e.referral), key=lambda e: e.referral)
    for earlier, later in zip(episodes, episodes[1:], strict=False):
        if earlier.closure is not None and later.referral < earlier.closure:
            yield "This referral starts before the previous one closed.", later.where()


@rule("8565", "No activity after the case closed")
def _8565(child, ctx):
    for e in child.episodes:
        if not e.closure:
            continue
        dates = [d for a in e.assessments for d in (a.start, a.end)]
        dates += [d for s in e.enquiries for d in (s.start, s.icpc)] + [e.icpc]
        dates += [p.end for p in e.protection] + [d for p in e.plans for d in (p.start, p.end)]
        if any(d and d > e.closure for d in dates):
            yield "Work is recorded after the case's closure date.", e.where()


@rule("8585Q", "Closure reason 'died' needs a date of death")
def _8585(child, ctx):
    for e in child.episodes:
        if e.reason == "RC2" and not child.death:
            yield "The case closed because the child died, but no date of death is recorded.", e.where()


@rule("8825Q", "Closed after assessment needs an assessment")
def _8825(child, ctx):
    for e in child.episodes:
        if e.reason in {"RC8", "RC9"} and not e.assessments:
            yield "The case closed 'after assessment' but has no assessment.", e.where()


@rule("2990", "Nothing follows a closure after assessment")
def _2990(child, ctx):
    for e in child.episodes:
        if e.reason in {"RC8", "RC9"} and (e.plans or e.enquiries or e.protection):
            yield "The case closed 'after assessment', yet has a plan or enquiry.", e.where()


@rule("4000", "No CIN plan on a referral with no further action")
def _4000(child, ctx):
    for e in child.episodes:
        if e.nfa in TRUE and e.plans:
            yield "A referral with no further action has a child in need plan.", e.where()


@rule("8831", "No activity on a referral with no further action")
def _8831(child, ctx):
    for e in child.episodes:
        if e.nfa in TRUE and (e.assessments or e.enquiries or e.icpc):
            yield "A referral with no further action has an assessment, enquiry or conference.", e.where()


@rule("8832", "No child protection plan on a referral with no further action")
def _8832(child, ctx):
    for e in child.episodes:
        if e.nfa in TRUE and e.protection:
            yield "A referral with no further action has a child protection plan.", e.where()


@rule("8569Q", "A referral before the census year is not 'no further action'")
def _8569(child, ctx):
    for e in child.episodes:
        if e.referral and e.referral < ctx.nfa_limit and e.nfa in TRUE:
            yield "A referral from before the census year is marked 'no further action'.", e.where()


@rule("8555Q", "No referral after the child's death")
def _8555(child, ctx):
    for e in child.episodes:
        if child.death and e.referral and e.referral > child.death:
            yield "The referral is after the child's date of death.", e.where()


@rule("8606", "Referral not more than 40 weeks before birth")
def _8606(child, ctx):
    birth = child.birth or child.expected_birth
    for e in child.episodes:
        if birth and e.referral and e.referral < birth - timedelta(days=280):
            yield "The referral is more than 40 weeks before the child's (expected) birth.", e.where()


@rule("2884", "Initial conference recorded once, with the enquiry")
def _2884(child, ctx):
    for e in child.episodes:
        if e.icpc and any(s.icpc for s in e.enquiries):
            yield "The initial conference is recorded on both the referral and the enquiry.", e.where()


@rule("1104", "Initial conference not before the referral")
def _1104(child, ctx):
    for e in child.episodes:
        conferences = [e.icpc] + [s.icpc for s in e.enquiries]
        if e.referral and any(d and d < e.referral for d in conferences):
            yield "The initial conference is dated before the referral.", e.where()


# Assessments


def _assessments(child):
    for e in child.episodes:
        for a in e.assessments:
            yield e, a, f"the assessment started {_say(a.start)}"


@rule("1103", "Assessment not before the referral")
def _1103(child, ctx):
    for e, a, where in _assessments(child):
        if a.start and e.referral and a.start < e.referral:
            yield "The assessment starts before the referral.", where


@rule("8608", "Assessment end not before its start")
def _8608(child, ctx):
    for _, a, where in _assessments(child):
        if a.start and a.end and a.end < a.start:
            yield "The assessment is authorised before it started.", where


@rule("8696", "Assessment completed inside the census year")
def _8696(child, ctx):
    for _, a, where in _assessments(child):
        if a.end and not ctx.in_year(a.end):
            yield "The assessment's completion date is outside the census year.", where


@rule("8736", "An unfinished assessment started inside the census year")
def _8736(child, ctx):
    for _, a, where in _assessments(child):
        if not a.end and not ctx.in_year(a.start):
            yield "An assessment still open at the year end must have started in the census year.", where


@rule("8896", "At most one open assessment per referral")
def _8896(child, ctx):
    for e in child.episodes:
        if sum(1 for a in e.assessments if not a.end) > 1:
            yield "More than one assessment is open on this referral.", e.where()


@rule("8867", "A closed case has no open assessment")
def _8867(child, ctx):
    for e, a, where in _assessments(child):
        if e.closure and not a.end:
            yield "The case is closed but the assessment has no completion date.", where


@rule("8897Q", "A completed assessment has its factors")
def _8897(child, ctx):
    for _, a, where in _assessments(child):
        if a.end and not a.factors:
            yield "Record the factors identified at the assessment, or 'no factors identified'.", where


@rule("8614", "Factors only on a completed assessment")
def _8614(child, ctx):
    for _, a, where in _assessments(child):
        if not a.end and a.factors:
            yield "Factors are recorded on an assessment that is not yet authorised.", where


@rule("8869", "'No factors identified' stands alone")
def _8869(child, ctx):
    for _, a, where in _assessments(child):
        if "21" in a.factors and len(a.factors) > 1:
            yield "'No factors identified' is recorded with other factors.", where


@rule("8898", "No factor twice")
def _8898(child, ctx):
    for _, a, where in _assessments(child):
        if len(set(a.factors)) != len(a.factors):
            yield "A factor is recorded twice on the assessment.", where


@rule("8670Q", "An assessment open more than 45 working days before the year end")
def _8670(child, ctx):
    for _, a, where in _assessments(child):
        if a.start and not a.end and a.start < ctx.assessment_limit:
            if ctx.in_progress:
                # The rule is judged at the census end: say so, rather than claim the assessment is late today.
                yield (
                    f"Unless it is authorised first, this assessment will have been open more than 45 working "
                    f"days by the census on {_say(ctx.end)}. Authorise it, or record why it is still open.",
                    where,
                )
            else:
                yield "The assessment was open more than 45 working days at the year end. Record its completion.", where


@rule("8945Q", "Use 18B or 18C, not 18A")
def _8945(child, ctx):
    for _, a, where in _assessments(child):
        if "18A" in a.factors:
            yield "Say whether the physical abuse was by an adult (18B) or another child (18C).", where


@rule("8950Q", "Use 19B or 19C, not 19A")
def _8950(child, ctx):
    for _, a, where in _assessments(child):
        if "19A" in a.factors:
            yield "Say whether the sexual abuse was by an adult (19B) or another child (19C).", where


@rule("8873Q", "A single assessment with no factors closes after assessment")
def _8873(child, ctx):
    for e in child.episodes:
        if len(e.assessments) == 1 and e.assessments[0].factors == ["21"] and e.closure:
            if e.reason not in {"RC8", "RC9"}:
                yield "The only assessment found no factors, so the case should close 'after assessment'.", e.where()


@rule("8863Q", "An assessment does not start while another is open")
def _8863(child, ctx):
    for e in child.episodes:
        for a in e.assessments:
            for other in e.assessments:
                if other is not a and a.start and other.start and other.start < a.start:
                    if other.end is None or a.start < other.end:
                        where = f"the assessment started {_say(a.start)}"
                        yield "An assessment starts while another is still open.", where
                        break


@rule("AF", "Assessment factor codes valid")
def _factor_codes(child, ctx):
    for _, a, where in _assessments(child):
        if any(code not in AssessmentFactor.values for code in a.factors):
            yield "8897Q", "A factor is not a DfE code.", where


# Child in need plans


def _plans(child):
    for e in child.episodes:
        for p in e.plans:
            yield e, p, f"the child in need plan from {_say(p.start)}"


@rule("4015", "CIN plan not before the referral")
def _4015(child, ctx):
    for e, p, where in _plans(child):
        if p.start and e.referral and p.start < e.referral:
            yield "The plan starts before the referral.", where


@rule("4010", "CIN plan start present and not after the census end")
def _4010(child, ctx):
    for _, p, where in _plans(child):
        if p.start is None or p.start > ctx.end:
            yield "The plan's start date is missing or after the census year.", where


@rule("4011", "CIN plan end not before its start")
def _4011(child, ctx):
    for _, p, where in _plans(child):
        if p.start and p.end and p.end < p.start:
            yield "The plan ends before it starts.", where


@rule("4012Q", "CIN plan does not start and end the same day")
def _4012(child, ctx):
    for _, p, where in _plans(child):
        if p.start and p.start == p.end:
            yield "The plan starts and ends on the same day.", where


@rule("4013", "CIN plan end inside the census year")
def _4013(child, ctx):
    for _, p, where in _plans(child):
        if p.end and not ctx.in_year(p.end):
            yield "The plan's end date is outside the census year.", where


@rule("4014", "CIN plans do not overlap")
def _4014(child, ctx):
    for e in child.episodes:
        plans = sorted((p for p in e.plans if p.start), key=lambda p: p.start)
        for earlier, later in zip(plans, plans[1:], strict=False):
            if earlier.end is None or later.start < earlier.end:
                yield "Two child in need plans overlap.", f"the child in need plan from {_say(later.start)}"


@rule("4004", "At most one open CIN plan")
def _4004(child, ctx):
    if sum(1 for e in child.episodes for p in e.plans if p.end is None) > 1:
        yield "More than one child in need plan is open.", "child in need plans"


@rule("4001", "No open CIN plan alongside an open child protection plan")
def _4001(child, ctx):
    for e in child.episodes:
        if any(p.end is None for p in e.protection) and any(p.start and p.end is None for p in e.plans):
            yield "A child in need plan is open at the same time as a child protection plan.", e.where()


def _within(value: date, start: date, end: date | None, ctx) -> bool:
    return start <= value and (value < end if end else value <= ctx.end)


@rule("4016", "A CIN plan does not start during a child protection plan")
def _4016(child, ctx):
    for e in child.episodes:
        for p in e.plans:
            for cp in e.protection:
                if p.start and cp.start and _within(p.start, cp.start, cp.end, ctx):
                    yield (
                        "The child in need plan starts while a child protection plan is open.",
                        (f"the child in need plan from {_say(p.start)}"),
                    )
                    break


@rule("4017", "A child protection plan does not start during a CIN plan")
def _4017(child, ctx):
    for e in child.episodes:
        for cp in e.protection:
            for p in e.plans:
                if p.start and cp.start and _within(cp.start, p.start, p.end, ctx):
                    yield (
                        "The child protection plan starts while a child in need plan is open. End the CIN plan.",
                        (f"the child protection plan from {_say(cp.start)}"),
                    )
                    break


@rule("4003", "No child protection review while a CIN plan is open")
def _4003(child, ctx):
    for e in child.episodes:
        for cp in e.protection:
            for review in cp.reviews:
                during = any(p.start and p.end and p.start <= review < p.end for p in e.plans if review)
                if review and review != cp.end and during:
                    yield (
                        "A child protection review is dated while a child in need plan was open.",
                        (f"the review on {_say(review)}"),
                    )


@rule("4008", "CIN plan not after death")
def _4008(child, ctx):
    for _, p, where in _plans(child):
        if child.death and p.start and p.start > child.death:
            yield "The plan starts after the child's date of death.", where


@rule("4009Q", "CIN plan not ending after death")
def _4009(child, ctx):
    for _, p, where in _plans(child):
        if child.death and p.end and p.end > child.death:
            yield "The plan ends after the child's date of death.", where


# Section 47 enquiries


def _enquiries(child):
    for e in child.episodes:
        for s in e.enquiries:
            yield e, s, f"the section 47 enquiry started {_say(s.start)}"


@rule("2889", "Section 47 not before the referral")
def _2889(child, ctx):
    for e, s, where in _enquiries(child):
        if s.start and e.referral and s.start < e.referral:
            yield "The enquiry starts before the referral.", where


@rule("8615", "Section 47 start present and not after the conference")
def _8615(child, ctx):
    for _, s, where in _enquiries(child):
        if s.start is None or (s.icpc and s.icpc < s.start):
            yield "The enquiry's start date is missing or after its initial conference.", where


@rule("8740", "An unfinished enquiry started inside the census year")
def _8740(child, ctx):
    for _, s, where in _enquiries(child):
        if s.icpc is None and s.not_required in FALSE and s.start and not ctx.in_year(s.start):
            yield "An enquiry with no conference by the year end must have started in the census year.", where


@rule("8675Q", "An enquiry older than 15 working days has its conference")
def _8675(child, ctx):
    for _, s, where in _enquiries(child):
        if s.start and s.icpc is None and s.not_required not in TRUE and s.start < ctx.enquiry_limit:
            if ctx.in_progress:
                yield (
                    f"This enquiry has no initial conference, and none marked not required: by the census on "
                    f"{_say(ctx.end)} it will be more than 15 working days old. Record its outcome.",
                    where,
                )
            else:
                yield "The enquiry started more than 15 working days before the year end and has no conference.", where


@rule("8868", "A closed case's enquiry is concluded")
def _8868(child, ctx):
    for e, s, where in _enquiries(child):
        if e.closure and s.icpc is None and s.not_required not in TRUE:
            yield "The case is closed but the enquiry has no conference and is not marked 'not required'.", where


@rule("8839", "At most one open enquiry per referral")
def _8839(child, ctx):
    for e in child.episodes:
        if sum(1 for s in e.enquiries if s.icpc is None and s.not_required not in TRUE) > 1:
            yield "More than one section 47 enquiry is open on this referral.", e.where()


@rule("8870Q", "Conference target date not a weekend")
def _8870(child, ctx):
    for _, s, where in _enquiries(child):
        if s.target and s.target.weekday() >= 5:
            yield "The target date for the initial conference falls at a weekend.", where


@rule("8875", "Conference not at a weekend")
def _8875(child, ctx):
    for _, s, where in _enquiries(child):
        if s.icpc and s.icpc.weekday() >= 5:
            yield "The initial conference is dated at a weekend.", where
    for e in child.episodes:
        if e.icpc and e.icpc.weekday() >= 5:
            yield "The initial conference is dated at a weekend.", e.where()


@rule("8715", "Conference inside the census year")
def _8715(child, ctx):
    for _, s, where in _enquiries(child):
        if s.icpc and not ctx.in_year(s.icpc):
            yield "The initial conference date is outside the census year.", where


@rule("2991Q", "An enquiry with no assessment on the referral")
def _2991(child, ctx):
    for e in child.episodes:
        if e.enquiries and not e.assessments:
            yield "There is a section 47 enquiry but no assessment on this referral.", e.where()


# Child protection plans


def _protection(child):
    for e in child.episodes:
        for p in e.protection:
            yield e, p, f"the child protection plan from {_say(p.start)}"


@rule("1105", "Child protection plan not before the referral")
def _1105(child, ctx):
    for e, p, where in _protection(child):
        if p.start and e.referral and p.start < e.referral:
            yield "The plan starts before the referral.", where


@rule("2885", "Child protection plan starts on the day of the initial conference")
def _2885(child, ctx):
    for e, p, where in _protection(child):
        if not (p.start and ctx.in_year(p.start)):
            continue
        conferences = {s.icpc for s in e.enquiries if s.icpc} | ({e.icpc} if e.icpc else set())
        if p.start not in conferences:
            yield "The plan does not start on the day of an initial conference on this referral.", where


@rule("8720", "Child protection plan start present and not after the census end")
def _8720(child, ctx):
    for _, p, where in _protection(child):
        if p.start is None or p.start > ctx.end:
            yield "The plan's start date is missing or after the census year.", where


@rule("8730", "Number of previous plans present")
def _8730(child, ctx):
    for _, p, where in _protection(child):
        if not p.previous.isdigit():
            yield "Record how many child protection plans the child had before.", where


@rule("8905", "Initial category of abuse valid")
def _8905(child, ctx):
    for _, p, where in _protection(child):
        if p.initial not in AbuseCategory.values:
            yield "The initial category of abuse is missing or not a DfE code.", where


@rule("8910", "Latest category of abuse valid")
def _8910(child, ctx):
    for _, p, where in _protection(child):
        if p.latest not in AbuseCategory.values:
            yield "The latest category of abuse is missing or not a DfE code.", where


@rule("8925", "Plan end not before its start")
def _8925(child, ctx):
    for _, p, where in _protection(child):
        if p.start and p.end and p.end < p.start:
            yield "The plan ends before it starts.", where


@rule("8840", "Plan does not start and end the same day")
def _8840(child, ctx):
    for _, p, where in _protection(child):
        if p.start and p.start == p.end:
            yield "The plan starts and ends on the same day.", where


@rule("8930", "Plan end inside the census year")
def _8930(child, ctx):
    for _, p, where in _protection(child):
        if p.end and not ctx.in_year(p.end):
            yield "The plan's end date is outside the census year.", where


@rule("8935", "At most one open child protection plan")
def _8935(child, ctx):
    if sum(1 for _, p, _ in _protection(child) if p.end is None) > 1:
        yield "More than one child protection plan is open.", "child protection plans"


@rule("8940", "Child protection plans do not overlap")
def _8940(child, ctx):
    plans = sorted((p for _, p, _ in _protection(child) if p.start), key=lambda p: p.start)
    for earlier, later in zip(plans, plans[1:], strict=False):
        if earlier.end is None or later.start < earlier.end:
            yield "Two child protection plans overlap.", f"the child protection plan from {_say(later.start)}"


@rule("8841", "Reviews after the plan start")
def _8841(child, ctx):
    for _, p, where in _protection(child):
        if p.start and any(r and r <= p.start for r in p.reviews):
            yield "A review is dated on or before the day the plan started.", where


@rule("8842Q", "Each review has a date")
def _8842(child, ctx):
    for _, p, where in _protection(child):
        if any(r is None for r in p.reviews):
            yield "A review has no date.", where


@rule("8915", "Plan not after death")
def _8915(child, ctx):
    for _, p, where in _protection(child):
        if child.death and p.start and p.start > child.death:
            yield "The plan starts after the child's date of death.", where


@rule("8920", "Plan not ending after death")
def _8920(child, ctx):
    for _, p, where in _protection(child):
        if child.death and p.end and p.end > child.death:
            yield "The plan ends after the child's date of death.", where


# Rules on the whole return

RETURN_RULES = [
    RuleDoc("100", "The reference date is 31 March of the collection year"),
    RuleDoc("8510", "LA child IDs unique in the return"),
    RuleDoc("1520", "UPNs unique in the return"),
    RuleDoc("2883", "No more plans starting than initial conferences"),
    RuleDoc("2886Q", "No more than 2% of born children without a recorded sex"),
    RuleDoc("2887Q", "At least 8 disability codes used"),
    RuleDoc("2888Q", "Not only one disability per child"),
]
RULES.extend(RETURN_RULES)


def _return_findings(reference, year, children, ctx) -> list[Finding]:
    found = []
    if reference is None or year is None or reference != date(year, 3, 31):
        found.append(Finding("100", "The census's reference date must be 31 March of its year."))
    for code, values, what in (
        ("8510", [c.la_id for c in children if c.la_id], "LA child ID"),
        ("1520", [c.upn for c in children if c.upn], "UPN"),
    ):
        repeated = {value for value, count in Counter(values).items() if count > 1}
        for c in children:
            if (c.la_id if code == "8510" else c.upn) in repeated:
                found.append(Finding(code, f"Another child in the return has the same {what}.", c.la_id, what))
    starts = sum(1 for c in children for _, p, _ in _protection(c) if ctx.in_year(p.start))
    conferences = sum(
        1 for c in children for e in c.episodes for d in [e.icpc] + [s.icpc for s in e.enquiries] if ctx.in_year(d)
    )
    if starts > conferences:
        found.append(
            Finding("2883", f"{starts} child protection plans start in the year but only {conferences} conferences.")
        )
    born = [c for c in children if c.birth]
    if born and sum(1 for c in born if c.sex == "U") / len(born) > 0.02:
        found.append(Finding("2886Q", "More than 2% of children (not counting unborn children) have no recorded sex."))
    used = {code for c in children for code in c.disabilities if code != "NONE"}
    if children and len(used) < 8:
        found.append(Finding("2887Q", f"Only {len(used)} disability codes are used in the whole return."))
    disabled = [c for c in children if c.disabilities and c.disabilities != ["NONE"]]
    if disabled and all(len(c.disabilities) == 1 for c in disabled):
        found.append(Finding("2888Q", "Every disabled child has only one disability recorded."))
    return found


def validate_file(content: bytes) -> list[Finding]:
    reference, year, children = parse(content)
    ctx = _Context(reference or date(year or 2000, 3, 31), children, produced_on(content))
    findings = _return_findings(reference, year, children, ctx)
    for child in children:
        for code, check in _CHILD_RULES:
            for result in check(child, ctx):
                # A rule family (UPN, factor codes) yields its own code first.
                rule_code, message, where = result if len(result) == 3 else (code, *result)
                findings.append(Finding(rule_code, message, child.la_id or None, where))
    return findings


def validate(produced: Produced) -> list[Finding]:
    return [finding for content in produced.files.values() for finding in validate_file(content)]
