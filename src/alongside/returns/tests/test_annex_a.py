import io
from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from alongside.journey.models import (
    Adoption,
    AdoptionDecision,
    Assessment,
    CareEpisode,
    CareLeaverEpisode,
    ChildInNeedPlan,
    ChildProtectionPlan,
    ChildProtectionReview,
    Contact,
    EarlyHelpEpisode,
    LookedAfterChild,
    LookedAfterReview,
    MissingSpell,
    Section47Enquiry,
)
from alongside.people.models import FamilyMember, NetworkRole
from alongside.plans.models import Plan, PlanKind, PlanReview, PlanVersion
from alongside.practice_model.models import LocalAuthority
from alongside.returns import annex_a
from alongside.returns.annex_a import LISTS, NOT_SEEN, produce, validate
from alongside.story.models import EntryKind, EntryStatus, StoryEntry
from alongside.testing import factories as f
from alongside.workforce.models import StaffRole

ON = date(2026, 3, 31)
NOW = timezone.make_aware(datetime(2026, 4, 2, 9, 30))
SHEETS = [
    "About",
    "List 1 Contacts",
    "List 2 Early help",
    "List 3 Referrals",
    "List 4 Assessments",
    "List 5 Section 47 and ICPC",
    "List 6 Children in need",
    "List 7 Child protection",
    "List 8 Children in care",
    "List 9 Care leavers",
    "List 10 Adoption",
    "List 11 Adopters",
]


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def visit(child, day, *, seen=True, alone=None, kind=EntryKind.HOME_VISIT, status=EntryStatus.FINAL):
    network = child.memberships.get().network
    entry = StoryEntry.objects.create(
        network=network,
        kind=kind,
        status=status,
        author=f.UserFactory(),
        occurred_at=at(day),
        finalised_at=at(day, 17) if status == EntryStatus.FINAL else None,
        child_seen=seen if kind == EntryKind.HOME_VISIT else None,
        child_seen_alone=alone,
    )
    entry.about.add(child)
    return entry


def in_family(child):
    FamilyMember.objects.create(
        network=f.FamilyNetworkFactory(), person=child, role=NetworkRole.CHILD, joined_on=date(2020, 1, 1)
    )
    return child


def care(child, start, reason, status, placement, end=None, end_reason="", provider="PR1", postcode="AB1 2CD"):
    return CareEpisode.objects.create(
        child=child,
        started_on=start,
        new_episode_reason=reason,
        legal_status=status,
        category_of_need="N4",
        placement_type=placement,
        placement_provider=provider,
        placement_postcode=postcode,
        ended_on=end,
        end_reason=end_reason,
    )


@pytest.fixture
def la(db):
    return LocalAuthority.objects.create(id=1, name="Leadworth", dfe_code="999", child_population=40_000)


@pytest.fixture
def record(la):
    """Amy: a referral, assessment, enquiry and protection plan. Ben: in care, placements changing.
    Cara: a care leaver with a personal adviser. Dan: adopted in the year."""
    safeguarding = f.StaffFactory(
        first_name="Rory", last_name="Williams", pod__name="Ash pod", pod__team__name="Safeguarding team"
    )
    in_care_worker = f.StaffFactory(
        first_name="Clara", last_name="Oswald", pod__name="Elm pod", pod__team__name="Children in care team"
    )
    adviser = f.StaffFactory(
        first_name="Jack",
        last_name="Harkness",
        role=StaffRole.PERSONAL_ADVISER,
        pod__name="Oak pod",
        pod__team__name="Leaving care team",
    )
    helper = f.StaffFactory(first_name="Mickey", last_name="Smith", pod__name="Yew pod", pod__team__name="Early help")

    amy = in_family(
        f.PersonFactory(la_id="T100001", first_name="Amy", date_of_birth=date(2016, 3, 4), sex="F", ethnicity="WBRI")
    )
    Contact.objects.create(
        received_at=at(date(2025, 11, 3)),
        source="6",
        child=amy,
        child_first_name="Amy",
        child_last_name="Pond",
        worries="Police called to the home",
        family_aware="yes",
        referrer_name="PC Yates",
    )
    Contact.objects.create(  # a day before the six months: not listed
        received_at=at(date(2025, 9, 30)),
        source="2A",
        child=amy,
        child_first_name="Amy",
        child_last_name="Pond",
        worries="Late to school",
        family_aware="yes",
        referrer_name="Mr Smith",
    )
    EarlyHelpEpisode.objects.create(
        child=amy, started_on=date(2025, 10, 2), ended_on=date(2025, 11, 3), end_reason="stepped_up"
    )
    f.AllocationFactory(
        child=amy, worker=helper, started_on=date(2025, 10, 2), ended_on=date(2025, 11, 3), end_reason="worker_changed"
    )
    f.ChildInNeedEpisodeFactory(
        child=amy,
        referral_date=date(2025, 3, 1),
        referral_source="2A",
        closure_date=date(2025, 4, 1),
        closure_reason="RC8",
    )
    episode = f.ChildInNeedEpisodeFactory(
        child=amy, referral_date=date(2025, 11, 4), referral_source="6", primary_need="N1"
    )
    f.AllocationFactory(child=amy, worker=safeguarding, started_on=date(2025, 11, 4))
    Assessment.objects.create(episode=episode, started_on=date(2025, 11, 5), authorised_on=date(2025, 11, 20))
    visit(amy, date(2025, 11, 10), alone=True)
    Section47Enquiry.objects.create(episode=episode, started_on=date(2025, 11, 21), icpc_date=date(2025, 12, 5))
    plan = ChildProtectionPlan.objects.create(
        episode=episode, started_on=date(2025, 12, 5), initial_category="NEG", latest_category="NEG"
    )
    ChildProtectionReview.objects.create(plan=plan, held_on=date(2026, 2, 20))
    visit(amy, date(2026, 3, 10), alone=False)
    visit(amy, date(2026, 4, 2), alone=True)  # after the lists run to: not shown

    ben = in_family(
        f.PersonFactory(
            la_id="T100002",
            first_name="Ben",
            date_of_birth=date(2012, 7, 15),
            sex="M",
            ethnicity="BAFR",
            disabilities=[],
        )
    )
    care(ben, date(2024, 1, 1), "S", "V2", "U6", end=date(2025, 5, 1), end_reason="E4A")
    care(ben, date(2025, 6, 1), "S", "V2", "U6", end=date(2025, 12, 1), end_reason="X1")
    care(ben, date(2025, 12, 1), "L", "C2", "U6", end=date(2026, 2, 1), end_reason="X1")
    care(ben, date(2026, 2, 1), "P", "C2", "U4", provider="PR4", postcode="EF3 4GH")
    f.ChildInNeedEpisodeFactory(child=ben, referral_date=date(2025, 5, 20), referral_source="1A", primary_need="N4")
    f.AllocationFactory(child=ben, worker=in_care_worker, started_on=date(2025, 6, 1))
    LookedAfterReview.objects.create(child=ben, held_on=date(2026, 1, 10), participation="PN1")
    LookedAfterChild.objects.create(child=ben, uasc=False)
    MissingSpell.objects.create(child=ben, kind="M", started_on=date(2025, 12, 10), ended_on=date(2025, 12, 11))
    MissingSpell.objects.create(child=ben, kind="A", started_on=date(2025, 3, 1), ended_on=date(2025, 3, 1))
    visit(ben, date(2026, 3, 1))
    visit(ben, date(2025, 9, 1), kind=EntryKind.HEALTH_ASSESSMENT)

    cara = in_family(
        f.PersonFactory(
            la_id="T100003", first_name="Cara", date_of_birth=date(2006, 5, 5), ethnicity="MWAS", disabilities=["LD"]
        )
    )
    care(cara, date(2020, 1, 1), "S", "V2", "U4", end=date(2024, 5, 5), end_reason="E5")
    CareLeaverEpisode.objects.create(
        child=cara,
        started_on=date(2024, 5, 5),
        in_touch="YES",
        activity="F2",
        accommodation="D1",
        last_contact_on=date(2026, 3, 15),
    )
    f.AllocationFactory(child=cara, worker=adviser, started_on=date(2024, 5, 5), reason="care_leaver")
    LookedAfterChild.objects.create(child=cara, uasc=True, uasc_ceased_on=date(2024, 5, 5))
    pathway = Plan.objects.create(child=cara, kind=PlanKind.PATHWAY)
    version = PlanVersion.objects.create(plan=pathway, number=1, written_by=adviser.user)
    PlanReview.objects.create(plan=pathway, version=version, held_on=date(2026, 1, 20), recorded_by=adviser.user)

    dan = in_family(f.PersonFactory(la_id="T100004", first_name="Dan", date_of_birth=date(2023, 1, 1), sex="M"))
    care(dan, date(2025, 2, 1), "S", "C1", "U6", end=date(2025, 8, 1), end_reason="X1")
    care(dan, date(2025, 8, 1), "L", "E1", "U6", end=date(2025, 10, 1), end_reason="X1")
    care(dan, date(2025, 10, 1), "P", "E1", "A6", end=date(2026, 2, 15), end_reason="E11")
    decision = AdoptionDecision.objects.create(child=dan, decided_on=date(2025, 7, 15))
    Adoption.objects.create(
        child=dan,
        decision=decision,
        matched_on=date(2025, 9, 20),
        by_former_foster_carers=False,
        adopter_count=2,
        adopter_sex="MF",
        adopter_legal_status="L11",
    )
    f.AllocationFactory(
        child=dan,
        worker=in_care_worker,
        started_on=date(2025, 2, 1),
        ended_on=date(2026, 2, 15),
        end_reason="case_closed",
    )
    return {"amy": amy, "ben": ben, "cara": cara, "dan": dan}


def workbook(produced):
    [(name, content)] = produced.files.items()
    assert name == "annex-a-2026-03-31.xlsx"
    return load_workbook(io.BytesIO(content))


def rows(book, sheet):
    values = [[c.value for c in row] for row in book[sheet].iter_rows()]
    return values[0], values[1:]


def day(value):
    """Dates come back from Excel as datetimes at midnight: the cell holds a real date."""
    assert isinstance(value, datetime) and value.time() == time(0)
    return value.date()


def as_days(row):
    return [value.date() if isinstance(value, datetime) else value for value in row]


def by_id(book, sheet):
    headings, data = rows(book, sheet)
    return {row[0]: dict(zip(headings, as_days(row), strict=True)) for row in data}


def test_the_workbook_has_ofsteds_lists_and_headings_in_order(record):
    book = workbook(produce(2026, now=NOW))
    assert book.sheetnames == SHEETS
    for annex in LISTS:
        headings, _ = rows(book, annex.sheet)
        assert headings == annex.headings
        sheet = book[annex.sheet]
        assert sheet["A1"].font.bold
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref.startswith("A1:")
    assert rows(book, "List 1 Contacts")[0] == [
        "Child Unique ID",
        "Sex",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Date of Contact",
        "Contact Source",
    ]
    assert rows(book, "List 11 Adopters")[1] == []


def test_the_about_sheet_says_who_when_and_what_is_not_held(record):
    book = workbook(produce(2026, now=NOW))
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row and row[0]}
    assert about["Local authority"] == "Leadworth (999)"
    assert day(about["Lists run to"]) == ON
    assert day(about["Six months from"]) == date(2025, 10, 1)
    assert about["Produced"] == datetime(2026, 4, 2, 9, 30)
    assert "Alongside" in about["Source"]
    assert about["List 11 Adopters"] == "Prospective adopters in the 12 months: not held in this record"
    blank = {row[0]: row[2] for row in book["About"].iter_rows(values_only=True) if row and row[0] in about}
    assert blank["List 2 Early help"] == "Assessment completion date"
    assert blank["List 10 Adoption"] is None
    assert blank["List 11 Adopters"] == "All"


def test_contacts_referrals_and_early_help_in_the_six_months(record):
    book = workbook(produce(2026, now=NOW))
    _, contacts = rows(book, "List 1 Contacts")
    assert [as_days(r) for r in contacts] == [
        ["T100001", "Female", "WBRI: White British", date(2016, 3, 4), 10, date(2025, 11, 3), "6: Police"]
    ]
    assert book["List 1 Contacts"]["F2"].number_format == "dd/mm/yyyy"
    assert day(book["List 1 Contacts"]["D2"].value) == date(2016, 3, 4)
    _, early_help = rows(book, "List 2 Early help")
    assert [as_days(r) for r in early_help] == [
        ["T100001", "Female", "WBRI: White British", date(2016, 3, 4), 10, date(2025, 10, 2), None, "Early help"]
    ]
    _, referrals = rows(book, "List 3 Referrals")
    assert [as_days(r) for r in referrals] == [
        [
            "T100001",
            "Female",
            "WBRI: White British",
            date(2016, 3, 4),
            10,
            date(2025, 11, 4),
            "6: Police",
            "No",
            1,  # the referral of 1 March 2025 was within the 12 months before
            "Safeguarding team",
            "Rory Williams",
        ]
    ]


def test_assessment_enquiry_and_plan_for_a_child_on_a_plan(record):
    book = workbook(produce(2026, now=NOW))
    amy = ["T100001", "Female", "WBRI: White British", date(2016, 3, 4), 10, "No"]
    allocated = ["Safeguarding team", "Rory Williams"]
    assert [as_days(r) for r in rows(book, "List 4 Assessments")[1]] == [
        amy + [date(2025, 11, 5), "Yes", date(2025, 11, 20), "Yes"] + allocated
    ]
    assert [as_days(r) for r in rows(book, "List 5 Section 47 and ICPC")[1]] == [
        amy + [date(2025, 11, 21), "No", date(2025, 12, 5), "Yes", 0, 0] + allocated
    ]
    assert [as_days(r) for r in rows(book, "List 7 Child protection")[1]] == [
        amy
        + [
            date(2025, 12, 5),
            "NEG: Neglect",
            "NEG: Neglect",
            date(2026, 3, 10),  # the visit on 2 April is after the lists run to
            "No",
            date(2026, 2, 20),
            None,
            None,
            0,
        ]
        + allocated
    ]
    children_in_need = by_id(book, "List 6 Children in need")
    assert children_in_need["T100001"]["Case Status"] == "Child Protection plan"
    assert children_in_need["T100001"]["Date Child Was Last Seen"] == date(2026, 3, 10)
    assert children_in_need["T100001"]["Primary Need Code"] == "N1: Abuse or neglect"
    assert children_in_need["T100002"]["Case Status"] == "Looked after child"
    assert set(children_in_need) == {"T100001", "T100002"}  # Amy's closed referral of March 2025 is too old


def test_a_child_in_care_with_a_changed_placement(record):
    ben = by_id(workbook(produce(2026, now=NOW)), "List 8 Children in care")["T100002"]
    assert ben == {
        "Child Unique ID": "T100002",
        "Sex": "Male",
        "Ethnicity": "BAFR: Black African",
        "Date of Birth": date(2012, 7, 15),
        "Age of Child (Years)": 13,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "No",
        "Does the Child have a Disability": "Unknown",
        "Date Started to be Looked After": date(2025, 6, 1),
        "Child's Category of Need": "N4: Family in acute stress",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": "Yes",
        "Start date of current legal status": date(2025, 12, 1),
        "Child's Legal Status": "C2: Full care order",
        "Date of Latest Statutory Review": date(2026, 1, 10),
        "Date of Last Social Work Visit": date(2026, 3, 1),
        "What is the permanence plan for this child?": None,
        "Date of Last IRO Visit / Contact to the Child": None,
        "Date of Last Health Assessment": date(2025, 9, 1),
        "Date of Last Dental Check": None,
        "Number of Placements in the Last 12 months": 3,
        "Date Ceased to be Looked After": None,
        "Reason Ceased to be Looked After": None,
        "Start Date of Most Recent Placement": date(2026, 2, 1),
        "Placement Type": "U4: Fostered with other foster carer: long-term",
        "Placement Provider": "PR4: Private provision",
        "Placement postcode": "EF3 4GH",
        "URN of Placement": None,
        "Placement Location": None,
        "LA of Placement": None,
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": 1,
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": 0,
        "Was the child offered a Return Interview after their last missing episode (Y/N)?": None,
        "Did the child accept a Return Interview after their last missing episode (Y/N)?": None,
        "Allocated Team": "Children in care team",
        "Allocated Worker": "Clara Oswald",
    }


def test_a_care_leaver_and_an_adopted_child(record):
    book = workbook(produce(2026, now=NOW))
    assert by_id(book, "List 9 Care leavers") == {
        "T100003": {
            "Child Unique ID": "T100003",
            "Sex": "Female",
            "Ethnicity": "MWAS: White and Asian",
            "Date of Birth": date(2006, 5, 5),
            "Age of Child (Years)": 19,
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": "Yes",
            "Does the Child have a Disability": "Yes",
            "Allocated Team": "Leaving care team",
            "Allocated Worker": "Jack Harkness",
            "Allocated Personal Advisor": "Jack Harkness",
            "Eligibility Category": "Former relevant child",
            "Latest Pathway Plan Review Date": date(2026, 1, 20),
            "LA in Touch": "YES: In touch",
            "Latest Date of Contact": date(2026, 3, 15),
            "Type of Accommodation": "D: Semi-independent or transitional accommodation",
            "Suitability of Accommodation": "Suitable",
            "Activity Status": "F2: Other education, full time",
        }
    }
    dan = by_id(book, "List 10 Adoption")["T100004"]
    family = str(record["dan"].memberships.get().network_id)
    assert list(dan.values()) == [
        "T100004",
        family,
        "Male",
        "WBRI: White British",
        date(2023, 1, 1),
        3,
        "No",
        date(2025, 2, 1),
        date(2025, 7, 15),
        date(2025, 8, 1),
        date(2025, 9, 20),
        date(2025, 10, 1),
        date(2026, 2, 15),
        None,
        None,
        None,
    ]
    left_care = by_id(book, "List 8 Children in care")["T100004"]
    assert left_care["Date Ceased to be Looked After"] == date(2026, 2, 15)
    assert left_care["Reason Ceased to be Looked After"] == "E11: Adopted: application unopposed"
    assert left_care["Allocated Worker"] == "Clara Oswald"


def test_a_contact_about_a_child_not_on_the_record_is_listed_and_queried(la):
    Contact.objects.create(
        received_at=at(date(2026, 1, 5)),
        source="2A",
        child_first_name="Rose",
        child_last_name="Tyler",
        child_date_of_birth=date(2020, 2, 2),
        worries="Bruising",
        family_aware="yes",
        referrer_name="Ms Jones",
    )
    produced = produce(2026, now=NOW)
    _, contacts = rows(workbook(produced), "List 1 Contacts")
    assert [as_days(r) for r in contacts] == [[None, None, None, date(2020, 2, 2), 6, date(2026, 1, 5), "2A: Schools"]]
    assert [(x.rule, x.la_child_id, x.table) for x in validate(produced)] == [("AA-L1-02Q", None, "List 1 Contacts")]


def test_an_assessment_with_no_record_of_the_child_seen_is_queried_until_the_visit_is_recorded(la):
    child = in_family(f.PersonFactory(la_id="T200001"))
    episode = f.ChildInNeedEpisodeFactory(child=child, referral_date=date(2026, 1, 5))
    Assessment.objects.create(episode=episode, started_on=date(2026, 1, 6), authorised_on=date(2026, 2, 2))
    f.AllocationFactory(child=child, started_on=date(2026, 1, 5))
    ChildInNeedPlan.objects.create(episode=episode, started_on=date(2026, 2, 3))
    [finding] = validate(produce(2026, now=NOW))
    assert (finding.rule, finding.la_child_id, finding.table, finding.message) == (
        "AA-L4-03Q",
        "T200001",
        "List 4 Assessments",
        NOT_SEEN,
    )
    draft = visit(child, date(2026, 1, 20), status=EntryStatus.DRAFT)
    assert [x.rule for x in validate(produce(2026, now=NOW))] == ["AA-L4-03Q"]  # a draft is not the record yet
    draft.delete()
    visit(child, date(2026, 1, 20))
    assert validate(produce(2026, now=NOW)) == []


def test_a_clean_record_has_no_findings(record):
    assert validate(produce(2026, now=NOW)) == []


def test_dates_out_of_order_and_details_that_differ_are_found_in_the_file(record):
    produced = produce(2026, now=NOW)
    book = workbook(produced)
    sheet = book["List 6 Children in need"]
    headings = [c.value for c in sheet[1]]
    amy_row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "T100001")
    amy_row[headings.index("CIN Closure Date")].value = date(2025, 11, 1)
    amy_row[headings.index("Reason for Closure")].value = "RC7: Services ceased for any other reason"
    amy_row[headings.index("Case Status")].value = "Closed episode"
    amy_row[headings.index("Sex")].value = "Male"
    out = io.BytesIO()
    book.save(out)
    produced.files = {"annex-a-2026-03-31.xlsx": out.getvalue()}
    found = {(x.rule, x.la_child_id, x.table) for x in validate(produced)}
    assert found == {
        ("AA-L6-02", "T100001", "List 6 Children in need"),
        ("AA-X-01", "T100001", "List 6 Children in need"),
        ("AA-X-01", "T100001", "List 7 Child protection"),
    }


def test_a_sheet_with_changed_headings_is_found(record):
    produced = produce(2026, now=NOW)
    book = workbook(produced)
    book["List 3 Referrals"]["B1"].value = "Gender"
    out = io.BytesIO()
    book.save(out)
    produced.files = {"annex-a-2026-03-31.xlsx": out.getvalue()}
    assert [(x.rule, x.table) for x in validate(produced)] == [("AA-00-01", "List 3 Referrals")]


def test_every_rule_found_is_documented():
    documented = {rule.code for rule in annex_a.RULES}
    assert {"AA-L1-02Q", "AA-L4-03Q", "AA-L6-02", "AA-X-01", "AA-X-04", "AA-00-01"} <= documented
    assert all(code.startswith("AA-") for code in documented)


def test_the_queries_do_not_grow_with_the_children(record):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            produce(2026, now=NOW)
        return len(captured)

    before = queries()
    for n in range(3):
        child = in_family(f.PersonFactory(la_id=f"T30000{n}"))
        episode = f.ChildInNeedEpisodeFactory(child=child, referral_date=date(2025, 12, 1))
        Section47Enquiry.objects.create(episode=episode, started_on=date(2025, 12, 2), icpc_date=date(2025, 12, 9))
        ChildProtectionPlan.objects.create(
            episode=episode, started_on=date(2025, 12, 9), initial_category="PHY", latest_category="PHY"
        )
        care(child, date(2026, 1, 1), "S", "L2", "U6")
        f.AllocationFactory(child=child, started_on=date(2025, 12, 1))
        visit(child, date(2026, 1, 5))
    assert queries() == before
