"""The returns on the demo's small synthetic LA, checked by our rules and by the independent
validators LAs use (Social Finance's csc-validator-be-cin and -903): both find the gaps the generator
seeded, agree child by child, and find no error once a data officer has put the gaps right.

One module, so the demo is seeded once for every return. The validators are installed by the
README's test command (scripts/_venv.sh runs scripts/validators/install): no skipping here."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command

from alongside.demo.generator import Generator
from alongside.demo.services import demo_seed
from alongside.demo.sizes import SIZES
from alongside.journey.models import Assessment, CareEpisode, ChildInNeedEpisode, LookedAfterChild, LookedAfterHealth
from alongside.people.models import Person
from alongside.people.services import correct_record
from alongside.returns import cin_census, cin_rules, ssda903, ssda903_rules
from alongside.returns.oracle import run_independent_validator
from alongside.workforce.models import StaffMember, StaffRole

YEAR = 2026
AS_OF = date(2026, 11, 23)


def keys(findings):
    return {f.key() for f in findings}


def rows(produced, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(produced.files[name].decode())))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo LA and the looked-after gaps its generator seeded, by the child's LA id."""
    with django_db_blocker.unblock():
        demo_seed(size="small", seed=7, as_of=AS_OF)
        generator = Generator(SIZES["small"], 7, AS_OF)
        generator.run()
        faults = {(f"{1_000_000 + child_id}", kind) for child_id, kind in generator.looked_after_faults}
        yield faults
        call_command("flush", interactive=False, verbosity=0)


FAULT_RULE = {
    "no_provider": "526",
    "no_change_reason": "225",
    "mother_blank": "393",
    "no_urn": "218",
    "health_blank": "191",
}


def test_the_demo_la_produces_every_903_table_and_we_find_its_seeded_gaps(demo, db):
    produced = ssda903.produce(YEAR)
    assert set(produced.files) == set(ssda903.FILES.values())
    assert produced.la_code == "999" and produced.children > 5
    for name in ("header.csv", "episodes.csv", "reviews.csv", "oc2.csv", "sw_episodes.csv"):
        assert len(rows(produced, name)) > 1, name
    findings = ssda903_rules.validate(produced, ssda903.produce_previous(YEAR))
    expected = {(child, FAULT_RULE[kind]) for child, kind in demo}
    assert expected and expected <= keys(findings)
    assert {f.la_child_id for f in findings} == {child for child, _ in demo}


# Rules where we knowingly differ from csc-validator-be-903 0.1.17 on the demo:
# - 169, 179, 392a, 392c and 434's provider comparison use the ONS postcode lookup; the demo's postcodes
#   are in "KV", an area no real postcode uses, so every one is unknown to it;
# - SW12STG2: it wants an SW episode starting on or after the first day of care (or ending before the last),
#   so an allocation made a day before care started fails; we ask for one covering those days;
# - SW17STG2: it wants an open SW episode for every child, also those whose case closed before 31 March;
#   we ask it for children looked after at 31 March.
# - 210: its check is the reverse of the DfE's (UN4 'UPN not yet obtained' is wrong after a week in care);
#   we follow the DfE.
# - 1001, 1002: it sees only this and last year's episodes, so every care leaver whose care ended before
#   last year (a 20-year-old who left at 18) is "not a care leaver" or "has no episodes" to it; the DfE
#   holds every year. We report what two years can prove (see ssda903_rules._check_care_leavers).
# - SW11bSTG2: it wants a further social worker episode after one ending in the year's last 5 days for every
#   child, also one who left care and whose case closed then; we ask it for children looked after at 31 March.
# - 577: in a full run it flags some children still in care with a missing spell open at 31 March; run
#   alone on the same tables it finds nothing (its result depends on the rules run before it, which change
#   the shared tables in place). The small demo does not meet it; the large one does.
KNOWN_DIFFERENCES = {"169", "179", "392a", "392c", "SW12STG2", "SW17STG2", "210", "1001", "1002", "SW11bSTG2", "577"}


def test_the_independent_903_validator_agrees_with_us_on_the_demo(demo, db):
    produced, previous = ssda903.produce(YEAR), ssda903.produce_previous(YEAR)
    ours = ssda903_rules.validate(produced, previous)
    oracle = run_independent_validator("903", produced.files, year=YEAR, la_code="999", previous=previous.files)
    ours_checked = {r.code for r in ssda903_rules.RULES}
    theirs = {k for k in oracle.keys() if k[1] in ours_checked and k[1] not in KNOWN_DIFFERENCES}
    assert theirs == {k for k in keys(ours) if k[1] not in KNOWN_DIFFERENCES}

    for finding in ours:  # put right what we found, as a data officer would
        child = Person.objects.get(la_id=finding.la_child_id)
        if finding.rule == "526":
            # The provider is the one the child's same placement had before or after a legal change.
            chain = list(CareEpisode.objects.filter(child=child).order_by("started_on"))
            for i, e in enumerate(chain):
                if e.placement_provider:
                    continue
                same = [
                    n.placement_provider
                    for n in (chain[i - 1] if i else None, chain[i + 1] if i + 1 < len(chain) else None)
                    if n is not None and n.placement_type == e.placement_type and n.placement_provider
                ]
                e.placement_provider = same[0] if same else "PR1"
                e.save()
        elif finding.rule == "225":
            CareEpisode.objects.filter(child=child, new_episode_reason="P", placement_change_reason="").update(
                placement_change_reason="CARPL"
            )
        elif finding.rule == "393":
            LookedAfterChild.objects.filter(child=child).update(is_mother=False)
        elif finding.rule == "218":
            CareEpisode.objects.filter(child=child, urn="", placement_type__in=["K1", "K2", "K3", "R3", "S1"]).update(
                urn="SC480100"
            )
        elif finding.rule == "191":
            LookedAfterHealth.objects.filter(child=child, year=YEAR).update(
                immunisations=True, teeth_check=True, health_assessment=True, substance_misuse=False
            )
    produced, previous = ssda903.produce(YEAR), ssda903.produce_previous(YEAR)
    assert ssda903_rules.validate(produced, previous) == []
    oracle = run_independent_validator("903", produced.files, year=YEAR, la_code="999", previous=previous.files)
    errors = {(f["child"], f["rule"]) for f in oracle.errors() if f["rule"] not in KNOWN_DIFFERENCES}
    assert errors == set()


# Where we knowingly differ from csc-validator-be-cin 0.1.13: its 8540 does not report a further-action
# child with no disability recorded at all (only a code it does not know); the DfE rule asks for one.
CIN_KNOWN_DIFFERENCES = {"8540"}


def _cin_rule_codes() -> set[str]:
    codes = {doc.code for doc in cin_rules.RULES}
    return codes | {"1510", "1530", "1540", "1550"}  # the UPN family is documented as one line


def _data_officer():
    return StaffMember.objects.filter(role=StaffRole.DATA_OFFICER).first().user


def _put_right(finding, officer):
    """What a data officer does about each error our census check finds, through the same service as
    the Details for statutory returns page (so each correction keeps its history)."""
    child = Person.objects.get(la_id=finding.la_child_id)
    reason = f"CIN census check: rule {finding.rule}"
    if finding.rule == "8540":
        correct_record(by=officer, child=child, target=child, changes={"disabilities": ["NONE"]}, reason=reason)
    elif finding.rule == "8610":
        for episode in ChildInNeedEpisode.objects.filter(child=child, referral_nfa=False, primary_need=""):
            correct_record(by=officer, child=child, target=episode, changes={"primary_need": "N4"}, reason=reason)
    elif finding.rule == "8897Q":
        for assessment in Assessment.objects.filter(episode__child=child, authorised_on__isnull=False, factors=[]):
            correct_record(by=officer, child=child, target=assessment, changes={"factors": ["3B"]}, reason=reason)
    else:
        raise AssertionError(f"The demo seeded a fault this test does not know how to put right: {finding}")


# The census for the year in progress, to 31 March 2027: it holds every case open today, where the
# generator seeded its gaps, as a data officer checks the record months before the census.
CIN_YEAR = 2027


def test_the_independent_cin_validator_agrees_with_us_on_the_demo_and_accepts_it_once_put_right(demo, db):
    produced = cin_census.produce(CIN_YEAR)
    ours = cin_rules.validate(produced)
    # The generator's seeded gaps are found: a few children, not many.
    assert 0 < len({f.la_child_id for f in ours if not f.is_query}) <= 0.05 * produced.children
    oracle = run_independent_validator("cin", produced.files, year=CIN_YEAR, la_code=produced.la_code)
    assert oracle.skipped_rules == []
    checked = _cin_rule_codes() - CIN_KNOWN_DIFFERENCES
    assert {k for k in oracle.keys() if k[1] in checked} == {k for k in keys(ours) if k[1] in checked}
    # Nothing the independent validator calls an error escapes us, whatever the rule.
    assert {(f["child"], f["rule"]) for f in oracle.errors()} <= keys(ours)

    officer = _data_officer()
    for finding in ours:
        if not finding.is_query or finding.rule == "8897Q":
            _put_right(finding, officer)
    produced = cin_census.produce(CIN_YEAR)
    assert [f for f in cin_rules.validate(produced) if not f.is_query] == []
    oracle = run_independent_validator("cin", produced.files, year=CIN_YEAR, la_code=produced.la_code)
    assert oracle.errors() == []
