"""The family portal: invitations and sign-in links, and what families see and do. Each test
checks the record afterwards (what was kept, what was refused and left unchanged)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from alongside.access.models import AuditEntry, AuditEvent
from alongside.handovers.models import Handover
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.plans.models import PlanResponse
from alongside.plans.services import GoalInput, PlanInput, plan_save
from alongside.portal import services
from alongside.portal.models import OneTimeLink, WorkerChangeRequest
from alongside.portal.selectors import story_for_family
from alongside.story.models import EntryKind, StoryEntry
from alongside.story.services import REPLY_ONLY_TO_FAMILY, story_reply
from alongside.workforce.services import allocation_change


def url_for(token):
    return f"http://testserver/welcome/{token}/"


def token_from(sent):
    return sent.message.body.rsplit("/welcome/", 1)[1].strip("/")


@pytest.fixture
def invited(world):
    """Tabetha is invited (she already has an account in the world: the invitation sets a new one)."""
    return services.family_invite(
        actor=world.worker.user,
        child=world.child,
        person_id=world.parent.id,
        channel="email",
        address="Tabetha@Example.org",
        url_for=url_for,
    )


def test_an_invitation_works_once_and_only_a_hash_is_kept(world, invited):
    token = token_from(invited)
    link = OneTimeLink.objects.get()
    assert link.token_hash != token and len(link.token_hash) == 64 and link.sent_to == "tabetha@example.org"
    user = services.invitation_accept(token=token, password="a long family password 42")
    assert user == world.parent.user and user.check_password("a long family password 42")
    with pytest.raises(services.LinkProblem, match="used already"):
        services.invitation_accept(token=token, password="another long password 43")
    assert user.__class__.objects.get(pk=user.pk).check_password("a long family password 42")
    assert AuditEntry.objects.filter(event=AuditEvent.FAMILY_JOINED, person=world.parent).count() == 1


def test_an_expired_or_unknown_invitation_changes_nothing(world, invited):
    OneTimeLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.LinkProblem, match="too old"):
        services.invitation_accept(token=token_from(invited), password="a long family password 42")
    with pytest.raises(services.LinkProblem, match="does not work"):
        services.invitation_accept(token="guessed", password="a long family password 42")
    assert OneTimeLink.objects.get().used_at is None


def test_only_parents_and_children_of_12_or_more_can_be_invited(world):
    # Amy was born in the world's 2010s; her mother can be invited, another family's adult cannot.
    assert world.parent in services.invitable_people(world.child)
    with pytest.raises(FormProblems, match="Select who to invite"):
        services.family_invite(
            actor=world.worker.user,
            child=world.child,
            person_id=world.young_person.id,
            channel="email",
            address="river@example.org",
            url_for=url_for,
        )
    with pytest.raises(FormProblems, match="UK mobile"):
        services.family_invite(
            actor=world.worker.user,
            child=world.child,
            person_id=world.parent.id,
            channel="sms",
            address="12345",
            url_for=url_for,
        )
    assert not OneTimeLink.objects.exists()


def test_a_sign_in_link_goes_only_to_an_address_that_joined(world, invited):
    services.invitation_accept(token=token_from(invited), use_links=True)
    assert not world.parent.user.__class__.objects.get(pk=world.parent.user_id).has_usable_password()
    sent = services.sign_in_link_send(channel="email", address=" tabetha@example.ORG ", url_for=lambda t: f"/s/{t}/")
    token = sent.message.body.rsplit("/s/", 1)[1].strip("/")
    assert services.sign_in_link_use(token=token) == world.parent.user
    with pytest.raises(services.LinkProblem):
        services.sign_in_link_use(token=token)
    assert services.sign_in_link_send(channel="email", address="nobody@example.org", url_for=str) is None


def test_sign_in_links_are_limited_per_hour(world, invited):
    services.invitation_accept(token=token_from(invited), use_links=True)
    for _ in range(services.SIGN_IN_LINKS_PER_HOUR):
        assert services.sign_in_link_send(channel="email", address="tabetha@example.org", url_for=str)
    assert services.sign_in_link_send(channel="email", address="tabetha@example.org", url_for=str) is None


def cin_plan(world):
    return plan_save(
        actor=world.worker.user,
        child=world.child,
        kind="cin",
        data=PlanInput(goals=[GoalInput(in_their_words="Amy gets to school on time")]),
        based_on=None,
    )


def test_a_parent_answers_the_plan_and_each_answer_is_kept(world):
    version = cin_plan(world)
    user, person = world.parent.user, world.parent
    with pytest.raises(FormProblems, match="Write what you do not agree with"):
        services.family_plan_respond(user=user, person=person, version=version, agreement="partly")
    assert not PlanResponse.objects.exists()
    services.family_plan_respond(user=user, person=person, version=version, agreement="partly", disagree_with="Dates")
    services.family_plan_respond(user=user, person=person, version=version, agreement="agreed")
    assert list(version.responses.values_list("agreement", flat=True)) == ["agreed", "partly"]
    entries = StoryEntry.objects.filter(kind=EntryKind.FAMILY_WORDS, about=world.child)
    assert entries.count() == 2 and all(e.visibility == "family" and e.author == user for e in entries)
    version.refresh_from_db()
    assert version.family_agreement == ""  # the version is never changed by an answer


def test_an_answer_to_an_old_version_is_refused(world):
    old = cin_plan(world)
    plan_save(
        actor=world.worker.user,
        child=world.child,
        kind="cin",
        data=PlanInput(goals=[GoalInput(in_their_words="Amy sleeps well")]),
        based_on=1,
    )
    with pytest.raises(ApplicationError, match="plan has changed"):
        services.family_plan_respond(user=world.parent.user, person=world.parent, version=old, agreement="agreed")


def test_too_long_text_is_refused_and_script_is_kept_as_text(world):
    with pytest.raises(FormProblems, match="5,000 characters or fewer"):
        services.family_words_add(
            user=world.parent.user, person=world.parent, children=[world.child], text="x" * 100_000
        )
    assert not StoryEntry.objects.exists()
    entry = services.family_words_add(
        user=world.parent.user, person=world.parent, children=[world.child], text="<script>alert(1)</script>"
    )
    assert entry.body == "<script>alert(1)</script>"  # stored as typed; templates escape it


def test_a_young_persons_private_view_is_never_shown_to_a_parent(world):
    """River's mother (added here) must not see River's private view, nor the worker's reply."""
    from alongside.people.models import Relationship

    mother = world.parent  # reuse Tabetha's account as River's mother for this test
    Relationship.objects.create(from_person=mother, to_person=world.young_person, kind="mother")
    private = services.young_person_view_add(
        user=world.young_person.user,
        person=world.young_person,
        scale=4,
        want_worker_to_know="Home is loud",
        goals="Stay at my school",
        private=True,
    )
    shared = services.young_person_view_add(
        user=world.young_person.user,
        person=world.young_person,
        scale=6,
        want_worker_to_know="",
        goals="",
        private=False,
    )
    reply = story_reply(actor=world.other_team_worker.user, original=private, text="Thank you, River")
    parent_sees = {e.id for e in story_for_family(mother.user)}
    assert shared.id in parent_sees and private.id not in parent_sees and reply.id not in parent_sees
    river_sees = {e.id for e in story_for_family(world.young_person.user)}
    assert {private.id, shared.id, reply.id} <= river_sees
    assert private.scale == 4 and private.own_goals == "Stay at my school"


def test_a_young_person_sees_nothing_about_their_siblings(world):
    about_both = services.family_words_add(
        user=world.other_team_worker.user,
        person=world.young_person,
        children=[world.young_person, world.other_child],
        text="About both",
    )
    assert about_both.id not in {e.id for e in story_for_family(world.young_person.user)}


def test_staff_cannot_correct_the_familys_words_and_reply_only_to_them(world):
    from alongside.story.services import KEPT_AS_WRITTEN, EntryInput, story_entry_correct

    words = services.family_words_add(user=world.parent.user, person=world.parent, children=[world.child], text="Hi")
    with pytest.raises(ApplicationError, match=KEPT_AS_WRITTEN[:30]):
        story_entry_correct(
            actor=world.worker.user,
            original=words,
            data=EntryInput(
                kind="family_words", occurred_at=timezone.now(), about_ids=[world.child.id], body="Changed"
            ),
            reason="Tidy",
        )
    reply = story_reply(actor=world.worker.user, original=words, text="Thanks Tabetha")
    assert reply.replies_to == words and reply.visibility == "family"
    with pytest.raises(ApplicationError, match=REPLY_ONLY_TO_FAMILY):
        story_reply(actor=world.worker.user, original=reply, text="Replying to myself")
    assert StoryEntry.objects.get(pk=words.pk).body == "Hi"


def test_the_familys_message_completes_its_part_of_the_handover(world):
    allocation_change(actor=world.manager.user, child=world.child, worker=world.pod_colleague, reason="worker_left")
    handover = Handover.objects.get(child=world.child)
    services.family_handover_message(
        user=world.parent.user, person=world.parent, handover=handover, text="Knock loudly"
    )
    handover.refresh_from_db()
    assert handover.parts_done["family_message"] and handover.family_message_by == world.parent.user
    with pytest.raises(ApplicationError, match="given already"):
        services.family_handover_message(user=world.parent.user, person=world.parent, handover=handover, text="Again")
    assert StoryEntry.objects.filter(kind=EntryKind.FAMILY_WORDS, body="Knock loudly").exists()


def test_asking_for_a_different_worker_and_the_answer(world):
    request = services.worker_change_ask(
        user=world.parent.user, person=world.parent, child=world.child, reason="We clash"
    )
    assert request.worker == world.worker
    with pytest.raises(ApplicationError, match="asked already"):
        services.worker_change_ask(user=world.parent.user, person=world.parent, child=world.child, reason="Again")
    with pytest.raises(FormProblems):
        services.worker_change_answer(actor=world.manager.user, change_request=request, answer="  ")
    services.worker_change_answer(actor=world.manager.user, change_request=request, answer="Let us meet first")
    assert WorkerChangeRequest.objects.get().answered_by == world.manager.user


# Pages, as the family member uses them.


def test_a_guessed_url_to_another_familys_child_is_not_found(world, client, sign_in):
    sign_in(world.parent.user)
    assert client.get(f"/family/children/{world.other_child.id}/plan/").status_code == 404
    assert client.get(f"/family/children/{world.child.id}/plan/").status_code == 200


def test_the_invitation_page_signs_the_family_member_in(world, client, invited):
    token = token_from(invited)
    page = client.get(f"/welcome/{token}/")
    assert "Welcome, Tabetha" in page.content.decode()
    refused = client.post(f"/welcome/{token}/", {"how": "password", "password": ""})
    assert "Choose a password" in refused.content.decode() and OneTimeLink.objects.get().used_at is None
    response = client.post(f"/welcome/{token}/", {"how": "password", "password": "a long family password 42"})
    assert response.status_code == 302 and client.get("/").content.decode().count("Hello Tabetha") == 1
    again = client.get(f"/welcome/{token}/")
    assert "used already" in again.content.decode()


def test_free_text_is_shown_back_escaped(world, client, sign_in):
    sign_in(world.parent.user)
    client.post("/family/story/add/", {"children": [str(world.child.id)], "text": "<script>alert('x')</script>"})
    page = client.get("/family/story/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "<script>alert" not in page


def test_a_too_long_message_is_refused_on_the_page(world, client, sign_in):
    sign_in(world.parent.user)
    response = client.post("/family/story/add/", {"children": [str(world.child.id)], "text": "a" * 100_000})
    assert "characters or fewer" in response.content.decode() and not StoryEntry.objects.exists()


def test_family_pages_can_be_read_in_polish(world, client, sign_in):
    sign_in(world.parent.user)
    client.post("/family/language/", {"language": "pl", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="pl"' in page
    # Staff pages stay in English whatever the cookie says.
    sign_in(world.worker.user)
    assert '<html lang="en-GB"' in client.get("/").content.decode()


def test_what_happens_next_is_in_plain_words(world):
    from alongside.portal.selectors import what_happens_next

    things = what_happens_next([world.child], on=date.today())
    assert things and all("conference" not in t.what.lower() and "core group" not in t.what.lower() for t in things)
