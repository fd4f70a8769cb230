"""The children in need census file, field by field, for children whose story we know; and our own
validation of it: what a fault looks like, and that correcting the record clears it."""

from datetime import UTC, date, datetime

import pytest

from alongside.journey.models import (
    Assessment,
    ChildInNeedPlan,
    ChildProtectionPlan,
    ChildProtectionReview,
    Section47Enquiry,
)
from alongside.practice_model.models import LocalAuthority
from alongside.returns import cin_census, cin_rules
from alongside.returns.cin_rules import UPN_LETTERS, upn_problem
from alongside.testing.factories import ChildInNeedEpisodeFactory, PersonFactory

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def upn(body: str) -> str:
    """A well-formed UPN for LA 886 from 12 characters: the DfE check letter in front."""
    total = sum(position * int(character) for position, character in enumerate(body, start=2))
    return UPN_LETTERS[total % 23] + body


@pytest.fixture
def la(db):
    # id=1: the one local authority a database serves (a constraint), whatever its sequence says.
    return LocalAuthority.objects.create(id=1, name="Kent", dfe_code="886", child_population=350_000)


@pytest.fixture
def amy(la):
    """On a child protection plan since May 2025; a review after 31 March and the plan's end are not yet known."""
    child = PersonFactory(
        la_id="A100",
        upn=upn("886000012345"),
        date_of_birth=date(2015, 6, 1),
        sex="F",
        ethnicity="WBRI",
        disabilities=["COMM", "LD"],
    )
    episode = ChildInNeedEpisodeFactory(
        child=child, referral_date=date(2025, 5, 6), referral_source="2A", primary_need="N1"
    )
    Assessment.objects.create(
        episode=episode, started_on=date(2025, 5, 6), authorised_on=date(2025, 6, 20), factors=["3B", "4B"]
    )
    Section47Enquiry.objects.create(
        episode=episode, started_on=date(2025, 5, 7), icpc_target_date=date(2025, 5, 28), icpc_date=date(2025, 5, 27)
    )
    plan = ChildProtectionPlan.objects.create(
        episode=episode,
        started_on=date(2025, 5, 27),
        ended_on=date(2026, 6, 1),
        initial_category="NEG",
        latest_category="EMO",
        previous_plans=1,
    )
    for held_on in (date(2025, 8, 27), date(2026, 2, 25), date(2026, 5, 1)):
        ChildProtectionReview.objects.create(plan=plan, held_on=held_on)
    return child


@pytest.fixture
def ben(la):
    """A referral with no further action in October; an earlier episode that closed in 2024 stays out."""
    child = PersonFactory(la_id="B200", upn="", upn_unknown="UN1", date_of_birth=date(2022, 1, 10), sex="M")
    ChildInNeedEpisodeFactory(
        child=child,
        referral_date=date(2024, 1, 5),
        closure_date=date(2024, 3, 1),
        closure_reason="RC8",
        referral_source="1A",
    )
    ChildInNeedEpisodeFactory(
        child=child,
        referral_date=date(2025, 10, 1),
        referral_source="6",
        primary_need="",
        referral_nfa=True,
        closure_date=date(2025, 10, 1),
        closure_reason="RC7",
    )
    return child


@pytest.fixture
def cara(la):
    """Unborn at 31 March (born on 10 May); her plan closed in April, after the census year. Once a
    child is born the record keeps the date of birth only, so that is her expected date in the file."""
    child = PersonFactory(
        la_id="C300",
        upn="",
        upn_unknown="UN6",
        date_of_birth=date(2026, 5, 10),
        sex="F",
        ethnicity="BAFR",
        disabilities=["NONE"],
    )
    episode = ChildInNeedEpisodeFactory(
        child=child,
        referral_date=date(2026, 2, 16),
        referral_source="3B",
        primary_need="N3",
        closure_date=date(2026, 4, 20),
        closure_reason="RC7",
    )
    Assessment.objects.create(episode=episode, started_on=date(2026, 2, 16), authorised_on=date(2026, 4, 2))
    ChildInNeedPlan.objects.create(episode=episode, started_on=date(2026, 3, 16), ended_on=date(2026, 4, 20))
    return child


EXPECTED = f"""<?xml version='1.0' encoding='utf-8'?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>2026</Year>
      <ReferenceDate>2026-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>886</LEA>
      <SoftwareCode>Alongside</SoftwareCode>
      <Release>{cin_census._release()}</Release>
      <SerialNo>1</SerialNo>
      <DateTime>2026-11-23T09:30:00+00:00</DateTime>
    </Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>A100</LAchildID>
        <UPN>{upn("886000012345")}</UPN>
        <PersonBirthDate>2015-06-01</PersonBirthDate>
        <Sex>F</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>COMM</Disability>
          <Disability>LD</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-05-06</CINreferralDate>
        <ReferralSource>2A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <ReferralNFA>0</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2025-05-06</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-06-20</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>3B</AssessmentFactors>
            <AssessmentFactors>4B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2025-05-07</S47ActualStartDate>
          <InitialCPCtarget>2025-05-28</InitialCPCtarget>
          <DateOfInitialCPC>2025-05-27</DateOfInitialCPC>
          <ICPCnotRequired>0</ICPCnotRequired>
        </Section47>
        <ChildProtectionPlans>
          <CPPstartDate>2025-05-27</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2025-08-27</CPPreviewDate>
          </Reviews>
          <Reviews>
            <CPPreviewDate>2026-02-25</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers>
        <LAchildID>B200</LAchildID>
        <UPNunknown>UN1</UPNunknown>
        <PersonBirthDate>2022-01-10</PersonBirthDate>
        <Sex>M</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>NONE</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-10-01</CINreferralDate>
        <ReferralSource>6</ReferralSource>
        <CINclosureDate>2025-10-01</CINclosureDate>
        <ReasonForClosure>RC7</ReasonForClosure>
        <ReferralNFA>1</ReferralNFA>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers>
        <LAchildID>C300</LAchildID>
        <UPNunknown>UN6</UPNunknown>
        <ExpectedPersonBirthDate>2026-05-10</ExpectedPersonBirthDate>
        <Sex>U</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>BAFR</Ethnicity>
        <Disabilities>
          <Disability>NONE</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2026-02-16</CINreferralDate>
        <ReferralSource>3B</ReferralSource>
        <PrimaryNeedCode>N3</PrimaryNeedCode>
        <ReferralNFA>0</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2026-02-16</AssessmentActualStartDate>
        </Assessments>
        <CINPlanDates>
          <CINPlanStartDate>2026-03-16</CINPlanStartDate>
        </CINPlanDates>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""


def test_the_census_file_states_the_record_as_it_stood_on_31_march(amy, ben, cara):
    produced = cin_census.produce(2026, now=NOW)
    assert produced.kind == "cin" and produced.children == 3 and produced.la_code == "886"
    assert list(produced.files) == ["cin-census-2026-886.xml"]
    assert produced.files["cin-census-2026-886.xml"].decode() == EXPECTED


def test_a_clean_record_breaks_no_rule_for_any_child(amy, ben, cara):
    findings = cin_rules.validate(cin_census.produce(2026, now=NOW))
    # Three children cannot use eight disability codes between them: a query on the whole return only.
    assert [(f.rule, f.la_child_id) for f in findings] == [("2887Q", None)]


def _findings_for(child, year=2026):
    return {(f.rule, f.where) for f in cin_rules.validate(cin_census.produce(year)) if f.la_child_id == child.la_id}


def test_a_missing_primary_need_is_found_where_it_is_and_clears_when_recorded(amy):
    episode = amy.cin_episodes.get()
    episode.primary_need = ""
    episode.save()
    assert _findings_for(amy) == {("8610", "the referral of 6 May 2025")}
    episode.primary_need = "N1"
    episode.save()
    assert _findings_for(amy) == set()


def test_a_signed_off_assessment_needs_its_factors_and_an_open_one_has_none(amy, cara):
    Assessment.objects.filter(episode__child=amy).update(factors=[])
    assert _findings_for(amy) == {("8897Q", "the assessment started 6 May 2025")}
    # Cara's assessment was signed off on 2 April: on 31 March it was open, so it has no factors in the file.
    Assessment.objects.filter(episode__child=cara).update(factors=["4B"])
    assert _findings_for(cara) == set()


def test_a_child_protection_plan_must_start_on_the_day_of_the_conference(amy):
    ChildProtectionPlan.objects.filter(episode__child=amy).update(started_on=date(2025, 5, 28))
    assert ("2885", "the child protection plan from 28 May 2025") in _findings_for(amy)


def test_child_level_codes_are_checked(amy):
    amy.disabilities = []
    amy.sex = "U"
    amy.upn = ""
    amy.save()
    assert {rule for rule, _ in _findings_for(amy)} == {"8540", "8770Q"}
    findings = cin_rules.validate(cin_census.produce(2026))
    assert "2886Q" in {f.rule for f in findings}  # more than 2% of children with no recorded sex


def test_an_assessment_open_too_long_at_the_year_end_is_a_query(la):
    child = PersonFactory(la_id="D400", upn_unknown="UN4")
    episode = ChildInNeedEpisodeFactory(child=child, referral_date=date(2025, 12, 1))
    Assessment.objects.create(episode=episode, started_on=date(2025, 12, 1))
    assert _findings_for(child) == {("8670Q", "the assessment started 1 December 2025")}


def test_upn_check_letter_and_parts():
    good = upn("886000012345")
    assert upn_problem(good) is None
    wrong_letter = UPN_LETTERS[(UPN_LETTERS.index(good[0]) + 1) % 23] + good[1:]
    assert upn_problem(wrong_letter) == "1510"
    assert upn_problem(good[0] + "999" + good[4:]) == "1530"
    assert upn_problem(good[:6] + "X" + good[7:]) == "1540"
    assert upn_problem(good[:12] + "I") == "1550"


def test_in_the_year_in_progress_a_timescale_query_speaks_of_the_census_not_of_today(la):
    child = PersonFactory(la_id="E500", upn_unknown="UN4")
    episode = ChildInNeedEpisodeFactory(child=child, referral_date=date(2026, 11, 2))
    Assessment.objects.create(episode=episode, started_on=date(2026, 11, 2))
    findings = cin_rules.validate(cin_census.produce(2027, now=NOW))
    (query,) = [f for f in findings if f.la_child_id == "E500"]
    assert query.rule == "8670Q"  # judged at 31 March 2027, as the DfE will
    assert "will have been open more than 45 working days by the census on 31 March 2027" in query.message


def test_45_working_days_count_31_march_as_the_first_as_the_independent_validator_does(la):
    # Counting back from Tuesday 31 March 2026 (day 1), the 45th working day is Wednesday 28 January.
    for la_id, started, flagged in (("F600", date(2026, 1, 28), False), ("F601", date(2026, 1, 27), True)):
        child = PersonFactory(la_id=la_id, upn_unknown="UN4")
        episode = ChildInNeedEpisodeFactory(child=child, referral_date=started)
        Assessment.objects.create(episode=episode, started_on=started)
        assert (("8670Q", f"the assessment started {started:%-d %B %Y}") in _findings_for(child)) is flagged
