"""The independent validators, run on small hand-built returns: one that is right in every field, and the
same return with one field broken. They show the oracle reads our files the way LAs' tools do, and
finds exactly the fault put in."""

import csv
import io

import pytest
from lxml import etree

from alongside.lib.errors import ApplicationError
from alongside.people.identifiers import upn_check_letter
from alongside.returns import oracle
from alongside.returns.oracle import run_independent_validator

YEAR = 2026  # 1 April 2025 to 31 March 2026
LA = "826"

# A return with two children is bound to raise one query judged on the whole return: 2887Q, fewer than 8
# different disability codes used across it. An LA's real return, with hundreds of children, does not.
# (The validator in fact counts the children recorded with NONE, not the codes: see alongside.returns.oracle.)
SMALL_RETURN_QUERIES = {(None, "2887Q")}


def upn(body: str) -> str:
    return upn_check_letter(body) + body


def element(parent, tag: str, text: str | None = None, **children: str):
    node = etree.SubElement(parent, tag)
    if text is not None:
        node.text = text
    for child_tag, child_text in children.items():
        etree.SubElement(node, child_tag).text = child_text
    return node


def cin_census() -> etree._Element:
    """A complete CIN census for two children, every field as the DfE specification asks.

    C1001 (girl, 10) was referred by her school; after assessment a section 47 enquiry led to an initial
    conference and a child protection plan, still open on 31 March and reviewed twice. She has a learning
    disability and a communication one.
    C1002 (boy, 13) was referred by the police; the referral was closed the same day with no further action."""
    message = etree.Element("Message")
    header = element(message, "Header")
    element(header, "CollectionDetails", Collection="CIN", Year=str(YEAR), ReferenceDate=f"{YEAR}-03-31")
    element(
        header,
        "Source",
        SourceLevel="L",
        LEA=LA,
        SoftwareCode="Alongside",
        Release="1",
        SerialNo="1",
        DateTime=f"{YEAR}-04-14T09:30:00",
    )
    children = element(message, "Children")

    girl = element(children, "Child")
    element(
        girl,
        "ChildIdentifiers",
        LAchildID="C1001",
        UPN=upn(f"{LA}123456781"),
        PersonBirthDate="2015-06-14",
        Sex="F",
    )
    characteristics = element(girl, "ChildCharacteristics", Ethnicity="WBRI")
    disabilities = element(characteristics, "Disabilities")
    for code in ("LD", "COMM"):
        element(disabilities, "Disability", code)
    episode = element(
        girl,
        "CINdetails",
        CINreferralDate="2025-05-06",
        ReferralSource="2A",
        PrimaryNeedCode="N1",
        ReferralNFA="false",
    )
    assessment = element(
        episode,
        "Assessments",
        AssessmentActualStartDate="2025-05-07",
        AssessmentAuthorisationDate="2025-06-10",
    )
    factors = element(assessment, "FactorsIdentifiedAtAssessment")
    for code in ("3B", "4B"):
        element(factors, "AssessmentFactors", code)
    element(
        episode,
        "Section47",
        S47ActualStartDate="2025-06-11",
        InitialCPCtarget="2025-07-02",
        DateOfInitialCPC="2025-07-01",
        ICPCnotRequired="false",
    )
    plan = element(
        episode,
        "ChildProtectionPlans",
        CPPstartDate="2025-07-01",
        InitialCategoryOfAbuse="NEG",
        LatestCategoryOfAbuse="NEG",
        NumberOfPreviousCPP="0",
    )
    # One <Reviews> per review: readers (this validator among them) take the first date in each.
    for review in ("2025-09-30", "2026-03-17"):
        element(plan, "Reviews", CPPreviewDate=review)

    boy = element(children, "Child")
    element(
        boy,
        "ChildIdentifiers",
        LAchildID="C1002",
        UPN=upn(f"{LA}876543210"),
        PersonBirthDate="2012-11-20",
        Sex="M",
    )
    characteristics = element(boy, "ChildCharacteristics", Ethnicity="BAFR")
    element(element(characteristics, "Disabilities"), "Disability", "NONE")
    # RC7, not RC8: RC8 means closed after an assessment, and an NFA referral has none (query 8825Q).
    element(
        boy,
        "CINdetails",
        CINreferralDate="2025-09-15",
        ReferralSource="6",
        CINclosureDate="2025-09-15",
        ReasonForClosure="RC7",
        ReferralNFA="true",
    )
    return message


def cin_files(census: etree._Element) -> dict[str, bytes]:
    return {f"cin-census-{YEAR}-{LA}.xml": etree.tostring(census, xml_declaration=True, encoding="utf-8")}


def test_a_correct_cin_census_has_no_errors():
    result = run_independent_validator("cin", cin_files(cin_census()), year=YEAR, la_code=LA)
    assert result.errors() == []
    assert result.keys() == SMALL_RETURN_QUERIES
    assert result.skipped_rules == []


def test_a_further_action_referral_without_primary_need_is_rule_8610():
    census = cin_census()
    need = census.find("Children/Child[1]/CINdetails/PrimaryNeedCode")
    need.getparent().remove(need)
    result = run_independent_validator("cin", cin_files(census), year=YEAR, la_code=LA)
    assert result.keys() == SMALL_RETURN_QUERIES | {("C1001", "8610")}
    assert [f["is_query"] for f in result.findings if f["rule"] == "8610"] == [False]


def ssda903(**changes: dict[str, str]) -> dict[str, bytes]:
    """One child, K1001 (boy, born 2014), in care since 2023 under a full care order and in the same foster
    placement the whole year: so looked after continuously for 12 months at 31 March, with an OC2 row.
    Reviewed every six months, with one social worker all year. `changes` sets columns of the one episode
    row (Episodes=...), for the faults."""
    tables = {
        "Header": [
            {
                "CHILD": "K1001",
                "SEX": "M",
                "DOB": "03/02/2014",
                "ETHNIC": "WBRI",
                "UPN": upn(f"{LA}222333441"),
                "MOTHER": "",
                "MC_DOB": "",
            }
        ],
        "Episodes": [
            {
                "CHILD": "K1001",
                "DECOM": "12/09/2023",
                "RNE": "S",
                "LS": "C2",
                "CIN": "N1",
                "PLACE": "U6",
                "PLACE_PROVIDER": "PR1",
                "DEC": "",
                "REC": "",
                "REASON_PLACE_CHANGE": "",
                "HOME_POST": "MK9 3HS",
                "PL_POST": "MK9 2FZ",
                "URN": "SC000001",
            }
        ],
        "Reviews": [
            {"CHILD": "K1001", "DOB": "03/02/2014", "REVIEW": review, "REVIEW_CODE": "PN1"}
            for review in ("20/05/2025", "18/11/2025")
        ],
        "SWEpisodes": [
            {
                "CHILD": "K1001",
                "DOB": "03/02/2014",
                "SW_ID": "SW0042",
                "SW_DECOM": "12/09/2023",
                "SW_DEC": "",
                "SW_REASON": "FCONTA",
            }
        ],
    }
    for table, columns in changes.items():
        tables[table][0].update(columns)
    return {f"{name}.csv": as_csv(rows) for name, rows in tables.items()}


def as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_correct_903_has_no_errors():
    result = run_independent_validator("903", ssda903(), year=YEAR, la_code=LA)
    assert result.findings == []
    # Without the LA's ONS code the rules comparing a placement's LA with ours are left out, not guessed.
    assert {s["rule"] for s in result.skipped_rules} == {"231", "233", "1015", "241", "229"}


def test_an_episode_with_an_end_date_but_no_reason_is_rule_148():
    result = run_independent_validator("903", ssda903(Episodes={"DEC": "30/11/2025"}), year=YEAR, la_code=LA)
    assert result.keys() == {("K1001", "148")}


def test_last_years_tables_carry_the_open_episode_into_this_year():
    # Last year's return, with this placement already open on 31 March 2025.
    last_year = ssda903(Reviews={"REVIEW": "19/11/2024"})
    # 826 is Milton Keynes, E06000042 by its ONS code, where both postcodes lie.
    result = run_independent_validator(
        "903", ssda903(), year=YEAR, la_code=LA, previous=last_year, ons_code="E06000042"
    )
    assert result.findings == []
    assert {s["rule"] for s in result.skipped_rules} == {"231", "233"}

    last_year = ssda903(Episodes={"PLACE": "U4"})
    result = run_independent_validator(
        "903", ssda903(), year=YEAR, la_code=LA, previous=last_year, ons_code="E06000042"
    )
    assert result.keys() == {("K1001", "503D")}


def test_a_missing_venv_names_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setattr(oracle, "ROOT", tmp_path)
    with pytest.raises(ApplicationError) as raised:
        run_independent_validator("903", ssda903(), year=YEAR, la_code=LA)
    assert raised.value.message == (
        "The independent 903 validator is not installed (.venv-validators-903 is missing). "
        "Install it with scripts/validators/install"
    )


def test_a_census_from_another_la_is_refused_with_the_validators_reason():
    with pytest.raises(ApplicationError) as raised:
        run_independent_validator("cin", cin_files(cin_census()), year=YEAR, la_code="999")
    assert raised.value.message == "The independent cin validator failed: The file's header gives LA 826, not 999."
