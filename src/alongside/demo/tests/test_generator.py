"""The synthetic LA: deterministic, valid against the models, and realistic enough to calibrate on."""

from collections import defaultdict
from datetime import date

import pytest

from alongside.demo.generator import Generator
from alongside.demo.sizes import SIZES
from alongside.journey import models as journey
from alongside.partners import models as partners
from alongside.people import models as people
from alongside.plans.models import Action, Goal, Plan, PlanVersion
from alongside.story.models import StoryEntry
from alongside.workforce import models as workforce

AS_OF = date(2026, 11, 23)

MODELS = {
    "teams": workforce.Team,
    "pods": workforce.Pod,
    "staff": workforce.StaffMember,
    "people": people.Person,
    "networks": people.FamilyNetwork,
    "members": people.FamilyMember,
    "relationships": people.Relationship,
    "early_help": journey.EarlyHelpEpisode,
    "cin": journey.ChildInNeedEpisode,
    "assessments": journey.Assessment,
    "cin_plans": journey.ChildInNeedPlan,
    "section47s": journey.Section47Enquiry,
    "cp_plans": journey.ChildProtectionPlan,
    "cp_reviews": journey.ChildProtectionReview,
    "care": journey.CareEpisode,
    "care_leavers": journey.CareLeaverEpisode,
    "allocations": workforce.Allocation,
    "agencies": partners.Agency,
    "partner_members": partners.PartnerMember,
    "sharings": partners.Sharing,
    "story": StoryEntry,
    "plans": Plan,
    "plan_versions": PlanVersion,
    "goals": Goal,
    "actions": Action,
}


@pytest.fixture(scope="module")
def small():
    generator = Generator(SIZES["small"], 11, AS_OF)
    generator.run()
    return generator


def snapshot(rows):
    return {
        name: [sorted((row if isinstance(row, dict) else vars(row)).items()) for row in table]
        for name, table in rows.items()
    }


def test_the_same_seed_gives_the_same_local_authority(small):
    again = Generator(SIZES["small"], 11, AS_OF)
    assert snapshot(again.run()) == snapshot(small.rows)


def test_another_seed_gives_another_local_authority(small):
    other = Generator(SIZES["small"], 12, AS_OF).run()
    assert [p.first_name for p in other["people"][:50]] != [p.first_name for p in small.rows["people"][:50]]


def test_every_generated_row_is_valid_for_its_model(small):
    """The seeder writes in bulk; this proves each row obeys the same rules a service would check."""
    for name, model in MODELS.items():
        for row in small.rows[name]:
            values = {k: v for k, v in vars(row).items() if k != "user_id"}
            instance = model(**values)
            instance.full_clean(
                validate_unique=False,
                validate_constraints=False,
                exclude=[f.name for f in model._meta.fields if f.is_relation],
            )


def test_no_child_has_two_open_allocations_or_overlapping_ones(small):
    by_child = defaultdict(list)
    for allocation in small.rows["allocations"]:
        by_child[allocation.child_id].append(allocation)
    for allocations in by_child.values():
        assert sum(1 for a in allocations if a.ended_on is None) <= 1
        spans = sorted((a.started_on, a.ended_on or date.max) for a in allocations)
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start >= end


def test_every_change_of_worker_has_a_reason(small):
    for allocation in small.rows["allocations"]:
        assert allocation.reason
        assert (allocation.ended_on is None) == (allocation.end_reason == "")


def test_nothing_starts_after_the_as_of_date(small):
    for name, attribute in [
        ("cin", "referral_date"),
        ("cin_plans", "started_on"),
        ("cp_plans", "started_on"),
        ("care", "started_on"),
        ("allocations", "started_on"),
        ("early_help", "started_on"),
    ]:
        assert all(getattr(row, attribute) <= AS_OF for row in small.rows[name]), name


def test_history_holds_every_kind_of_journey(small):
    rows = small.rows
    assert any(e.referral_nfa for e in rows["cin"])
    assert any(e.closure_reason == "RC8" for e in rows["cin"])
    assert rows["cp_plans"] and rows["care"] and rows["care_leavers"] and rows["early_help"]
    assert any(p.previous_plans > 0 for p in rows["cp_plans"]), "second child protection plans"
    assert any(e.end_reason in ("E4A", "E11", "E12", "E45", "E17") for e in rows["care"]), "children leave care"
    assert any(e.referral_source == "5D" for e in rows["cin"]), "step-ups from early help"
    children = defaultdict(int)
    for episode in rows["cin"]:
        children[episode.child_id] += 1
    assert max(children.values()) >= 2, "re-referrals"


def test_sibling_groups_share_a_family_network(small):
    sizes = defaultdict(int)
    for member in small.rows["members"]:
        if member.role == people.NetworkRole.CHILD:
            sizes[member.network_id] += 1
    assert max(sizes.values()) >= 3


def test_workforce_has_turnover_agency_workers_and_every_pod_role(small):
    staff = small.rows["staff"]
    assert any(s.left_on for s in staff) and any(s.employment == "agency" for s in staff)
    roles = {s.role for s in staff if s.pod_id}
    assert {"team_manager", "senior_social_worker", "social_worker", "nqsw", "business_support"} <= roles


def test_go_live_falls_inside_the_history(small):
    assert small.start < small.go_live < AS_OF


def test_identifiers_are_unique_and_synthetic(small):
    people_rows = small.rows["people"]
    assert len({p.la_id for p in people_rows}) == len(people_rows)
    nhs = [p.nhs_number for p in people_rows]
    assert len(set(nhs)) == len(nhs)
    assert all(n.startswith("999") for n in nhs), "999 numbers are the NHS's range for test data"


def test_the_story_follows_the_journey(small):
    rows = small.rows
    kinds = {entry.kind for entry in rows["story"]}
    assert {"home_visit", "direct_work", "meeting"} <= kinds
    strategy = [e for e in rows["story"] if e.meeting_kind == "strategy_discussion"]
    s47_dates = {enquiry.started_on for enquiry in rows["section47s"]}
    assert strategy and all(e.occurred_at.date() in s47_dates for e in strategy)
    assert all(e.occurred_at.date() <= AS_OF for e in rows["story"])
    words = [e for e in rows["story"] if e.kind == "direct_work"]
    assert words and all(e.child_words and e.direct_work_tool for e in words)


def test_children_on_plans_today_have_a_plan_written_with_the_family(small):
    rows = small.rows
    assert rows["plans"] and rows["goals"] and rows["actions"]
    assert all(a.owner_kind in ("family", "network", "worker", "partner") and a.due_on for a in rows["actions"])
    assert all(a.owner_agency_id for a in rows["actions"] if a.owner_kind == "partner")


def test_an_adopted_child_does_not_come_back_into_care_with_the_birth_family(small):
    # An adopted child belongs to the adoptive family: a later referral of the birth family leaves them out,
    # and their old decision to place for adoption never sits before a new period of care (SSDA903 1003).
    episodes = sorted(small.rows["care"], key=lambda e: (e.child_id, e.started_on))
    adopted = {e.child_id: e.ended_on for e in episodes if e.end_reason in ("E11", "E12")}
    assert adopted
    assert not [e for e in episodes if e.child_id in adopted and e.started_on > adopted[e.child_id]]
