"""Partner agencies: a school sees only children shared with it today, adds what it knows, updates
the actions it owns and refers to the front door with the DfE referral source code."""

from datetime import date

import pytest

from alongside.journey.models import Contact
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.partners import services
from alongside.partners.selectors import story_for_partner
from alongside.plans.models import ActionUpdate
from alongside.plans.services import ActionInput, GoalInput, PlanInput, plan_save
from alongside.story.models import StoryEntry
from alongside.story.services import EntryInput, story_entry_finalise


def referral(**changes):
    data = dict(
        child_first_name="Rory",
        child_last_name="Williams",
        child_date_of_birth=date(2016, 4, 1),
        child_address="",
        worries="Came to school hungry every day this week",
        family_aware="yes",
        family_aware_reason="",
        referrer_phone="01632 960 001",
    )
    data.update(changes)
    return services.ReferralInput(**data)


def test_a_referral_is_a_contact_with_the_schools_referral_source(world):
    contact = services.referral_make(
        user=world.partner.user, member=world.partner, data=referral(), shared_child_ids=set()
    )
    assert (contact.source, contact.child, contact.referrer_organisation) == ("2A", None, "Leadworth Primary School")
    assert contact.decided_at is None


def test_a_referral_about_a_shared_child_is_in_their_story(world):
    services.referral_make(
        user=world.partner.user,
        member=world.partner,
        data=referral(child_id=world.child.id, child_first_name="Amy", child_last_name="Pond"),
        shared_child_ids={world.child.id},
    )
    entry = StoryEntry.objects.get(about=world.child)
    assert entry.kind == "partner_information" and entry.agency == world.partner.agency and entry.kept_as_written


def test_a_bad_referral_names_each_problem_and_saves_nothing(world):
    with pytest.raises(FormProblems) as refused:
        services.referral_make(
            user=world.partner.user,
            member=world.partner,
            data=referral(
                child_first_name="",
                worries="x" * 100_000,
                family_aware="no_risk",
                referrer_phone="0163",  # too short to call
                child_id=world.sibling.id,  # shared once, but the sharing has ended
            ),
            shared_child_ids={world.child.id},
        )
    assert set(refused.value.problems) == {
        "child_first_name",
        "worries",
        "family_aware_reason",
        "referrer_phone",
        "child_id",
    }
    assert not Contact.objects.exists() and not StoryEntry.objects.exists()


def test_a_partner_sees_partner_and_family_visible_entries_only(world):
    network = world.child.memberships.get().network
    seen = {}
    for visibility in ("staff", "partner", "family", "restricted"):
        data = EntryInput(
            kind="case_note",
            occurred_at=__import__("django.utils.timezone").utils.timezone.now(),
            about_ids=[world.child.id],
            summary=visibility,
            visibility=visibility,
        )
        seen[visibility] = story_entry_finalise(actor=world.worker.user, network=network, data=data)
    shown = {e.summary for e in story_for_partner(world.partner.user, world.child)}
    assert shown == {"partner", "family"}


def test_a_partner_updates_only_the_actions_their_agency_owns(world):
    version = plan_save(
        actor=world.worker.user,
        child=world.child,
        kind="cp",
        data=PlanInput(
            goals=[
                GoalInput(
                    in_their_words="Amy is at school every day",
                    actions=[
                        ActionInput(
                            what="Call home on any absence",
                            owner_kind="partner",
                            owner_agency_id=world.partner.agency.id,
                            due_on=date(2030, 1, 1),
                        ),
                        ActionInput(what="Visit weekly", owner_kind="worker", due_on=date(2030, 1, 1)),
                    ],
                )
            ]
        ),
        based_on=None,
    )
    school_action, worker_action = version.goals.get().actions.order_by("id")
    with pytest.raises(FormProblems, match="what has happened"):
        services.action_update(
            user=world.partner.user,
            member=world.partner,
            child=world.child,
            action_id=school_action.id,
            done=False,
            note="",
        )
    with pytest.raises(ApplicationError, match="only update actions your organisation owns"):
        services.action_update(
            user=world.partner.user,
            member=world.partner,
            child=world.child,
            action_id=worker_action.id,
            done=True,
            note="",
        )
    services.action_update(
        user=world.partner.user,
        member=world.partner,
        child=world.child,
        action_id=school_action.id,
        done=True,
        note="Set up",
    )
    school_action.refresh_from_db()
    assert school_action.done and ActionUpdate.objects.get().agency == world.partner.agency


def test_a_partner_sees_nothing_once_sharing_ends(world, client, sign_in):
    sign_in(world.partner.user)
    assert client.get(f"/partner/children/{world.child.id}/").status_code == 200
    assert client.get(f"/partner/children/{world.sibling.id}/").status_code == 404  # its sharing ended
    sign_in(world.other_partner.user)
    assert client.get(f"/partner/children/{world.child.id}/").status_code == 404


def test_a_referral_made_on_the_page_reaches_the_front_door(world, client, sign_in):
    sign_in(world.partner.user)
    response = client.post(
        "/partner/referral/",
        {
            "child_id": "",
            "child_first_name": "Rory",
            "child_last_name": "Williams",
            "worries": "<b>Hungry</b>",
            "family_aware": "yes",
            "referrer_phone": "01632 960 001",
        },
    )
    assert "Referral sent" in response.content.decode()
    sign_in(world.head_of_service.user)
    page = client.get("/front-door/").content.decode()
    assert "Rory Williams (not matched)" in page and "&lt;b&gt;Hungry&lt;/b&gt;" in page and "code 2A" in page
    sign_in(world.worker.user)
    assert client.get("/front-door/").status_code == 404
