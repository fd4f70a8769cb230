import csv
import io
from datetime import date, timedelta

import pytest

from alongside.journey.models import (
    Adoption,
    AdoptionDecision,
    CareEpisode,
    CareLeaverEpisode,
    LookedAfterChild,
    LookedAfterHealth,
    LookedAfterReview,
    MissingSpell,
)
from alongside.people.models import Person
from alongside.returns import ssda903, ssda903_rules
from alongside.testing.factories import AllocationFactory, PersonFactory, StaffFactory
from alongside.workforce.models import AllocationReason

YEAR = 2026
AS_OF = date(2026, 11, 23)


def rows(produced, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(produced.files[name].decode())))


def episode(child, started, rne, ls, place, provider, ended=None, rec="", why="", urn="", **extra):
    return CareEpisode.objects.create(
        child=child,
        started_on=started,
        new_episode_reason=rne,
        legal_status=ls,
        category_of_need="N1",
        placement_type=place,
        placement_provider=provider,
        home_postcode="KV1 2AB",
        placement_postcode="KV3 4CD",
        placement_change_reason=why,
        ended_on=ended,
        end_reason=rec,
        urn=urn,
        **extra,
    )


@pytest.fixture
def amara(db):
    """A girl looked after since 2024 who moved foster home in the year, went missing once, and has a
    social worker who changed when the first one left."""
    child = PersonFactory(la_id="C1001", sex="F", date_of_birth=date(2011, 5, 2), upn="A123456789012", ethnicity="BAFR")
    episode(child, date(2024, 2, 1), "S", "C2", "U6", "PR1", date(2025, 9, 10), "X1", urn="SC555001")
    episode(child, date(2025, 9, 10), "P", "C2", "K2", "PR4", why="CREQB", urn="SC480100")
    LookedAfterChild.objects.create(child=child, is_mother=False, previous_permanence="Z1")
    LookedAfterReview.objects.create(child=child, held_on=date(2025, 7, 1), participation="PN1")
    MissingSpell.objects.create(child=child, kind="M", started_on=date(2025, 11, 3), ended_on=date(2025, 11, 4))
    LookedAfterHealth.objects.create(
        child=child,
        year=YEAR,
        sdq_score=17,
        convicted=False,
        immunisations=True,
        teeth_check=True,
        health_assessment=True,
        substance_misuse=False,
    )
    first = StaffFactory(registration_number="SW123456")
    second = StaffFactory(registration_number="")
    AllocationFactory(
        child=child,
        worker=first,
        started_on=date(2024, 2, 1),
        ended_on=date(2025, 6, 30),
        reason=AllocationReason.STEPPED_UP,
        end_reason="worker_changed",
    )
    AllocationFactory(child=child, worker=second, started_on=date(2025, 6, 30), reason=AllocationReason.WORKER_LEFT)
    return child, second


def test_header_and_episodes_are_the_record_field_by_field(amara):
    produced = ssda903.produce(YEAR)
    assert produced.kind == "903" and produced.year == YEAR and produced.children == 1
    assert rows(produced, "header.csv") == [
        ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
        ["C1001", "F", "02/05/2011", "BAFR", "A123456789012", "0", ""],
    ]
    # The reason for the move sits on the episode that ended because of it.
    assert rows(produced, "episodes.csv") == [
        ssda903.COLUMNS["Episodes"],
        [
            "C1001",
            "01/02/2024",
            "S",
            "C2",
            "N1",
            "U6",
            "PR1",
            "10/09/2025",
            "X1",
            "CREQB",
            "KV1 2AB",
            "KV3 4CD",
            "SC555001",
        ],
        ["C1001", "10/09/2025", "P", "C2", "N1", "K2", "PR4", "", "", "", "KV1 2AB", "KV3 4CD", "SC480100"],
    ]


def test_the_other_tables_are_the_record_field_by_field(amara):
    child, second = amara
    produced = ssda903.produce(YEAR)
    assert rows(produced, "reviews.csv")[1:] == [["C1001", "02/05/2011", "01/07/2025", "PN1"]]
    assert rows(produced, "missing.csv")[1:] == [["C1001", "02/05/2011", "M", "03/11/2025", "04/11/2025"]]
    assert rows(produced, "oc2.csv")[1:] == [["C1001", "02/05/2011", "17", "", "0", "", "1", "1", "1", "0", "", ""]]
    assert rows(produced, "sw_episodes.csv")[1:] == [
        ["C1001", "02/05/2011", "SW123456", "01/02/2024", "30/06/2025", "TSPROC"],
        ["C1001", "02/05/2011", f"SW{second.id:06d}", "30/06/2025", "", "LEFTRL"],
    ]
    # Looked after since 2024: no previous-permanence row; no adoption; not asylum-seeking.
    for name in ("prev_perm.csv", "ad1.csv", "placed_adoption.csv", "uasc.csv", "oc3.csv"):
        assert rows(produced, name) == [ssda903.COLUMNS[{v: k for k, v in ssda903.FILES.items()}[name]]], name
    assert ssda903_rules.validate(produced) == []


def test_adoption_uasc_care_leavers_and_previous_permanence(db):
    baby = PersonFactory(la_id="C2001", sex="M", date_of_birth=date(2023, 1, 5), upn_unknown="UN1")
    episode(baby, date(2024, 3, 1), "S", "C2", "U6", "PR1", date(2025, 1, 10), "X1", urn="SC555001")
    episode(baby, date(2025, 1, 10), "L", "E1", "U6", "PR1", date(2025, 5, 2), "X1", urn="SC555001")
    episode(baby, date(2025, 5, 2), "P", "E1", "A6", "PR1", date(2026, 1, 20), "E11", urn="XXXXXXX", why="CARPL")
    decision = AdoptionDecision.objects.create(child=baby, decided_on=date(2024, 12, 1))
    Adoption.objects.create(
        child=baby,
        decision=decision,
        matched_on=date(2025, 4, 20),
        by_former_foster_carers=False,
        adopter_count=2,
        adopter_sex="MF",
        adopter_legal_status="L11",
    )
    young = PersonFactory(la_id="C2002", sex="M", date_of_birth=date(2009, 2, 1), upn="A123456789013")
    episode(young, date(2025, 6, 1), "S", "V2", "K3", "PR4", urn="SC480137")
    LookedAfterChild.objects.create(
        child=young,
        uasc=True,
        previous_permanence="P3",
        previous_permanence_la="873",
        previous_permanence_on=date(2015, 3, 3),
        is_mother=None,
    )
    leaver = PersonFactory(la_id="C2003", sex="F", date_of_birth=date(2006, 10, 1), upn="A123456789014")
    CareLeaverEpisode.objects.create(
        child=leaver, started_on=date(2024, 10, 1), in_touch="YES", activity="F2", accommodation="U1"
    )
    produced = ssda903.produce(YEAR)
    assert rows(produced, "ad1.csv")[1:] == [["C2001", "05/01/2023", "01/12/2024", "20/04/2025", "0", "2", "MF", "L11"]]
    assert rows(produced, "placed_adoption.csv")[1:] == [["C2001", "05/01/2023", "01/12/2024", "", ""]]
    # Still asylum-seeking: the status will cease at 18, and the DfE wants that date now (rule 205B).
    assert rows(produced, "uasc.csv")[1:] == [["C2002", "M", "01/02/2009", "01/02/2027"]]
    assert rows(produced, "prev_perm.csv")[1:] == [["C2002", "01/02/2009", "P3", "873", "03/03/2015"]]
    assert rows(produced, "oc3.csv")[1:] == [["C2003", "01/10/2006", "YES", "F2", "U1"]]
    assert [r[0] for r in rows(produced, "header.csv")[1:]] == ["C2001", "C2002", "C2003"]
    assert rows(produced, "episodes.csv")[3][9] == ""  # the adoption ended care: no placement change reason


def keys(findings):
    return {(f.la_child_id, f.rule) for f in findings}


def test_a_missing_placement_provider_is_found_and_stops_when_recorded(amara):
    moved = CareEpisode.objects.get(placement_type="K2")
    moved.placement_provider = ""
    moved.save()
    findings = ssda903_rules.validate(ssda903.produce(YEAR))
    assert keys(findings) == {("C1001", "526")}
    assert findings[0].message == "Record the placement provider."
    assert findings[0].where == "the episode from 10/09/2025" and findings[0].table == "Episodes"
    moved.placement_provider = "PR4"
    moved.save()
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_a_move_without_its_reason_is_found_on_the_episode_that_ended(amara):
    CareEpisode.objects.filter(placement_type="K2").update(placement_change_reason="")
    findings = ssda903_rules.validate(ssda903.produce(YEAR))
    assert [(f.rule, f.where, f.message) for f in findings] == [
        ("225", "the episode from 01/02/2024", "Record why the placement changed on 10/09/2025.")
    ]
    CareEpisode.objects.filter(placement_type="K2").update(placement_change_reason="CHILD")
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_a_girl_with_the_mother_field_blank_is_found(amara):
    LookedAfterChild.objects.update(is_mother=None)
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "393")}
    LookedAfterChild.objects.update(is_mother=True)
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "611")}
    LookedAfterChild.objects.update(first_child_born_on=date(2025, 12, 1))
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_a_childrens_home_without_its_urn_and_missing_health_items_are_found(amara):
    CareEpisode.objects.filter(placement_type="K2").update(urn="")
    LookedAfterHealth.objects.update(immunisations=None)
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {
        ("C1001", "218"),
        ("C1001", "191"),
        ("C1001", "182"),
    }
    CareEpisode.objects.filter(placement_type="K2").update(urn="SC480100")
    LookedAfterHealth.objects.update(immunisations=False)
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_an_asylum_seeking_child_under_11_is_queried(amara):
    LookedAfterChild.objects.update(uasc=True)
    Person.objects.filter(la_id="C1001").update(date_of_birth=date(2016, 1, 1))
    LookedAfterHealth.objects.update(sdq_score=None, sdq_reason="SDQ4", convicted=None)
    assert ("C1001", "231") in keys(ssda903_rules.validate(ssda903.produce(YEAR)))
    Person.objects.filter(la_id="C1001").update(date_of_birth=date(2011, 5, 2))
    LookedAfterHealth.objects.update(sdq_score=17, sdq_reason="", convicted=False)
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_a_social_worker_left_unreplaced_is_found(amara):
    child, second = amara
    from alongside.workforce.models import Allocation

    Allocation.objects.filter(worker=second).update(ended_on=date(2026, 1, 5), end_reason="case_closed")
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "SW17STG2")}


def test_overlapping_episodes_and_a_long_police_protection_are_found(db):
    child = PersonFactory(la_id="C3001", upn="A123456789015")
    episode(child, date(2025, 5, 1), "S", "L1", "U6", "PR1", date(2025, 5, 9), "X1", urn="SC555001")
    episode(child, date(2025, 5, 8), "L", "C1", "U6", "PR1", urn="SC555001")
    LookedAfterChild.objects.create(child=child, is_mother=False, previous_permanence="Z1")
    AllocationFactory(child=child, started_on=date(2025, 4, 30))
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {
        ("C3001", "501"),
        ("C3001", "361"),
        ("C3001", "388"),
        ("C3001", "433"),
    }


def test_placement_with_parents_under_section_20_is_found_and_cleared(amara):
    CareEpisode.objects.filter(placement_type="K2").update(
        placement_type="P1", placement_provider="PR0", urn="", legal_status="V2", new_episode_reason="B"
    )
    findings = ssda903_rules.validate(ssda903.produce(YEAR))
    assert {(f.rule, f.where) for f in findings} == {("378", "the episode from 10/09/2025")}
    CareEpisode.objects.filter(placement_type="P1").update(legal_status="C2", new_episode_reason="P")
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_a_legal_status_change_that_moves_provider_is_found(amara):
    child, _ = amara
    CareEpisode.objects.filter(placement_type="K2").update(new_episode_reason="L")
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "434")}
    CareEpisode.objects.filter(placement_type="K2").update(new_episode_reason="B")
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "436")}
    CareEpisode.objects.filter(placement_type="K2").update(new_episode_reason="P")
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


@pytest.fixture
def adopted(db):
    """A baby adopted in the year: placement order, then placed with the foster carers as adopters."""
    baby = PersonFactory(la_id="C4001", sex="M", date_of_birth=date(2023, 1, 5), upn_unknown="UN1")
    episode(baby, date(2024, 3, 1), "S", "C2", "U6", "PR1", date(2025, 1, 10), "X1", urn="SC555001")
    episode(baby, date(2025, 1, 10), "L", "E1", "U6", "PR1", date(2025, 5, 2), "X1", urn="SC555001")
    episode(baby, date(2025, 5, 2), "T", "E1", "A5", "PR1", date(2026, 1, 20), "E11", urn="XXXXXXX", why="CARPL")
    LookedAfterChild.objects.create(child=baby, previous_permanence="Z1")
    decision = AdoptionDecision.objects.create(child=baby, decided_on=date(2024, 12, 1))
    Adoption.objects.create(
        child=baby,
        decision=decision,
        matched_on=date(2025, 4, 20),
        by_former_foster_carers=True,
        adopter_count=2,
        adopter_sex="MF",
        adopter_legal_status="L11",
    )
    AllocationFactory(child=baby, started_on=date(2024, 3, 1), ended_on=date(2026, 1, 20), end_reason="case_closed")
    return baby


def test_an_adoption_without_its_placement_order_or_adoption_placement_is_found(adopted):
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []
    last = CareEpisode.objects.get(placement_type="A5")
    for change, found in (
        ({"legal_status": "C2", "new_episode_reason": "U"}, {"408"}),  # no placement order
        ({"legal_status": "E1", "new_episode_reason": "P"}, {"217"}),  # 'new carers', but they are the same
        ({"placement_type": "U4", "urn": "SC555001"}, {"390"}),  # adopted from foster care
        ({"placement_type": "A5", "urn": "XXXXXXX", "new_episode_reason": "T"}, set()),
    ):
        for field, value in change.items():
            setattr(last, field, value)
        last.save()
        assert {f.rule for f in ssda903_rules.validate(ssda903.produce(YEAR))} == found, change


def test_a_special_guardianship_order_to_former_foster_carers_needs_foster_care(amara):
    CareEpisode.objects.filter(placement_type="K2").update(ended_on=date(2026, 2, 1), end_reason="E45")
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "516")}
    CareEpisode.objects.filter(placement_type="K2").update(end_reason="E47")
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_overlapping_adoption_decisions_are_found(adopted):
    AdoptionDecision.objects.create(child=adopted, decided_on=date(2025, 6, 1))
    findings = ssda903_rules.validate(ssda903.produce(YEAR))
    assert {(f.rule, f.where) for f in findings} == {
        ("579", "the decision of 01/06/2025"),
        ("583", "the decision of 01/12/2024"),
    }
    AdoptionDecision.objects.filter(decided_on=date(2024, 12, 1)).update(
        ceased_on=date(2025, 5, 20), ceased_reason="RD4"
    )
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_a_first_contact_social_worker_while_one_is_open_and_an_unreplaced_one_at_year_end(amara):
    from alongside.workforce.models import Allocation

    child, second = amara
    Allocation.objects.filter(worker=second).update(reason=AllocationReason.NEW_REFERRAL)
    findings = ssda903_rules.validate(ssda903.produce(YEAR))
    assert {(f.rule, f.where) for f in findings} == {("SW10bSTG2", "the social worker episode from 30/06/2025")}
    Allocation.objects.filter(worker=second).update(
        reason=AllocationReason.WORKER_LEFT, ended_on=date(2026, 3, 28), end_reason="worker_changed"
    )
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "SW11bSTG2"), ("C1001", "SW17STG2")}
    AllocationFactory(child=child, started_on=date(2026, 3, 28), reason=AllocationReason.WORKER_LEFT)
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_uasc_status_ceased_before_the_year_is_left_out_and_a_bad_date_found(amara):
    LookedAfterChild.objects.update(uasc=True, uasc_ceased_on=date(2024, 5, 1))
    assert rows(ssda903.produce(YEAR), "uasc.csv")[1:] == []
    produced = ssda903.produce(YEAR)
    produced.files["uasc.csv"] += b"C1001,F,02/05/2011,01/05/2024\r\n"
    assert keys(ssda903_rules.validate(produced)) == {("C1001", "104")}


def test_a_first_child_born_after_the_year_waits_for_next_years_return(amara):
    LookedAfterChild.objects.update(is_mother=True, first_child_born_on=date(2026, 6, 2))
    assert rows(ssda903.produce(YEAR), "header.csv")[1][5:] == ["0", ""]
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []
    produced = ssda903.produce(YEAR)
    produced.files["header.csv"] = produced.files["header.csv"].replace(b",0,\r\n", b",1,02/06/2026\r\n")
    assert keys(ssda903_rules.validate(produced)) == {("C1001", "625")}


def test_care_leaver_rules_judge_what_two_years_can_show(db):
    # Left care at 17 last year, after years in care: a care leaver, though last year shows only the end.
    leaver = PersonFactory(la_id="C5001", sex="M", date_of_birth=date(2008, 6, 1), upn="A123456789016")
    episode(leaver, date(2022, 1, 5), "S", "C2", "K2", "PR4", date(2025, 3, 20), "E5", urn="SC480100")
    CareLeaverEpisode.objects.create(
        child=leaver, started_on=date(2025, 3, 20), in_touch="YES", activity="F2", accommodation="D1"
    )
    # Turned 20 in the year, left care at 18 in 2023: nothing in this or last year's episodes.
    older = PersonFactory(la_id="C5002", sex="M", date_of_birth=date(2005, 9, 1), upn="A123456789017")
    episode(older, date(2021, 1, 5), "S", "C2", "K2", "PR4", date(2023, 9, 1), "E17", urn="SC480100")
    CareLeaverEpisode.objects.create(
        child=older, started_on=date(2023, 9, 1), in_touch="YES", activity="F2", accommodation="Z1"
    )
    produced, previous = ssda903.produce(YEAR), ssda903.produce_previous(YEAR)
    assert [r[0] for r in rows(produced, "oc3.csv")[1:]] == ["C5001", "C5002"]
    assert ssda903_rules.validate(produced, previous) == []
    # Staying with former foster carers at 17, and a 17-year-old with no care in view, are found.
    CareLeaverEpisode.objects.filter(child=leaver).update(accommodation="Z1")
    CareEpisode.objects.filter(child=leaver).delete()
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR), ssda903.produce_previous(YEAR))) == {
        ("C5001", "3001"),
        ("C5001", "1002"),
    }


def test_this_years_first_episode_continues_last_years_open_one_field_by_field(amara):
    produced, previous = ssda903.produce(YEAR), ssda903.produce_previous(YEAR)
    # Last year the foster placement from 01/02/2024 was still open: the same episode opens this year's return.
    assert rows(previous, "episodes.csv")[1:] == [
        ["C1001", "01/02/2024", "S", "C2", "N1", "U6", "PR1", "", "", "", "KV1 2AB", "KV3 4CD", "SC555001"]
    ]
    assert ssda903_rules.validate(produced, previous) == []
    # Last year's return was sent before the record was corrected: legal status, placement, URN and postcode.
    sent = previous.files["episodes.csv"]
    previous.files["episodes.csv"] = sent.replace(
        b",C2,N1,U6,PR1,,,,KV1 2AB,KV3 4CD,SC555001", b",C1,N1,U4,PR1,,,,KV1 2AB,KV9 9ZZ,SC555002"
    )
    findings = ssda903_rules.validate(produced, previous)
    assert keys(findings) == {
        ("C1001", rule) for rule in ("503B", "503D", "503F", "503G", "503H", "503J", "452", "453")
    }
    assert {f.where for f in findings} == {"the episode from 01/02/2024"}
    assert [f.message for f in findings if f.rule == "503B"] == [
        "The legal status (C2) differs from last year's open episode (C1): it is the same episode, so record the "
        "same legal status in both returns."
    ]
    previous.files["episodes.csv"] = sent
    assert ssda903_rules.validate(produced, previous) == []


def test_last_years_open_episode_must_be_this_years_first(amara):
    produced, previous = ssda903.produce(YEAR), ssda903.produce_previous(YEAR)
    sent = previous.files["episodes.csv"]
    previous.files["episodes.csv"] = sent.replace(b"C1001,01/02/2024,", b"C1001,02/02/2024,")
    findings = ssda903_rules.validate(produced, previous)
    assert keys(findings) == {("C1001", "502"), ("C1001", "562")}
    assert [f.message for f in findings if f.rule == "502"] == [
        "Last year's return ends with an episode from 02/02/2024 still open, but this year's first episode starts "
        "on 01/02/2024: record the same start date in both, or the end of last year's episode."
    ]
    # Left out of last year's return altogether.
    previous.files["episodes.csv"] = sent.split(b"\r\n")[0] + b"\r\n"
    assert keys(ssda903_rules.validate(produced, previous)) == {("C1001", "NoE"), ("C1001", "562")}
    previous.files["episodes.csv"] = sent
    assert ssda903_rules.validate(produced, previous) == []


def test_a_placement_code_the_dfe_split_may_change_between_the_years(amara):
    CareEpisode.objects.filter(placement_type="U6").update(placement_type="Z11", placement_provider="", urn="")
    produced, previous = ssda903.produce(YEAR), ssda903.produce_previous(YEAR)
    # Last year's list had one "other placement" code, Z1; 2025-26 splits it into Z11 to Z14.
    previous.files["episodes.csv"] = previous.files["episodes.csv"].replace(b",Z11,", b",Z1,")
    assert ssda903_rules.validate(produced, previous) == []
    previous.files["episodes.csv"] = previous.files["episodes.csv"].replace(b",Z1,", b",K2,")
    assert keys(ssda903_rules.validate(produced, previous)) == {("C1001", "503D")}


def test_a_decision_to_place_for_adoption_before_care_began_is_found(amara):
    child, _ = amara
    decision = AdoptionDecision.objects.create(child=child, decided_on=date(2024, 1, 10))
    findings = ssda903_rules.validate(ssda903.produce(YEAR))
    assert [(f.rule, f.where) for f in findings] == [("1003", "the decision of 10/01/2024")]
    assert findings[0].message == (
        "The decision to place for adoption is dated before the child came into care on 01/02/2024: correct its "
        "date, or leave out a decision from an earlier period of care that has ended."
    )
    decision.decided_on = date(2024, 6, 1)
    decision.save()
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_health_items_part_filled_are_found(amara):
    LookedAfterHealth.objects.update(teeth_check=None)
    assert keys(ssda903_rules.validate(ssda903.produce(YEAR))) == {("C1001", "182"), ("C1001", "191")}
    LookedAfterHealth.objects.update(teeth_check=True)
    assert ssda903_rules.validate(ssda903.produce(YEAR)) == []


def test_uasc_status_carries_the_18th_birthday_in_both_years(amara):
    LookedAfterChild.objects.update(uasc=True)
    produced, previous = ssda903.produce(YEAR), ssda903.produce_previous(YEAR)
    expected = [["C1001", "F", "02/05/2011", "02/05/2029"]]
    assert rows(previous, "uasc.csv")[1:] == rows(produced, "uasc.csv")[1:] == expected
    assert ssda903_rules.validate(produced, previous) == []
    # Last year's return was sent with the date blank.
    previous.files["uasc.csv"] = previous.files["uasc.csv"].replace(b"02/05/2029", b"")
    findings = ssda903_rules.validate(produced, previous)
    assert [(f.rule, f.table) for f in findings] == [("205B", "UASC")]


def test_an_episode_before_the_child_was_born_is_found(amara):
    child = Person.objects.get(la_id="C1001")
    first = CareEpisode.objects.filter(child=child).order_by("started_on").first()
    born = child.date_of_birth
    child.date_of_birth = first.started_on + timedelta(days=1)
    child.save()
    assert ("C1001", "302") in keys(ssda903_rules.validate(ssda903.produce(YEAR)))
    child.date_of_birth = born
    child.save()
    assert ("C1001", "302") not in keys(ssda903_rules.validate(ssda903.produce(YEAR)))
