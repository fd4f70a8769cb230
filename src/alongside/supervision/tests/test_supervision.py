"""Supervision: case discussions reach the child's story, the reflective part stays between two
people, frequency follows the operating model, and group notes never name a family."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from alongside.lib.errors import ApplicationError
from alongside.story.models import StoryEntry
from alongside.supervision.models import GroupSession, SupervisionSession
from alongside.supervision.selectors import supervision_due
from alongside.supervision.services import (
    NAMES_A_CHILD,
    NOT_ON_CASELOAD,
    NOT_THEIR_SUPERVISOR,
    DiscussionInput,
    group_session_record,
    supervision_record,
)

TODAY = timezone.localdate()


def amy(world, **changes):
    data = {
        "child_id": world.child.id,
        "discussion": "Amy's school attendance has dropped since Dad moved back.",
        "decisions": "Convene a core group this week; ask school for daily attendance.",
        "reasons": "The plan's safety goal depends on Amy being seen every day.",
    }
    return DiscussionInput(**{**data, **changes})


def test_a_case_discussion_goes_into_the_childs_story_as_management_oversight(world):
    session = supervision_record(
        actor=world.manager.user,
        supervisee=world.worker,
        held_on=TODAY,
        reflective_notes="Rory is tired; the Pond family's anger is landing on him.",
        discussions=[amy(world)],
    )
    entry = StoryEntry.objects.get(kind="management_oversight")
    assert list(entry.about.all()) == [world.child] and entry.author == world.manager.user
    assert "Convene a core group" in entry.decisions and "safety goal" in entry.body
    assert "tired" not in entry.body  # the reflective part never reaches the child's record
    assert session.discussions.get().story_entry == entry


@pytest.mark.parametrize(
    "actor,discussion,message",
    [
        ("pod_colleague", None, NOT_THEIR_SUPERVISOR),
        ("worker", None, NOT_THEIR_SUPERVISOR),
        ("manager", "other_child", NOT_ON_CASELOAD.format(name="Rory Williams")),
    ],
)
def test_only_the_manager_records_and_only_for_the_workers_children(world, actor, discussion, message):
    discussions = [amy(world, child_id=getattr(world, discussion).id)] if discussion else []
    with pytest.raises(ApplicationError, match=re.escape(message)):
        supervision_record(
            actor=getattr(world, actor).user,
            supervisee=world.worker,
            held_on=TODAY,
            reflective_notes="",
            discussions=discussions,
        )
    assert not SupervisionSession.objects.exists() and not StoryEntry.objects.exists()


def test_the_reflective_part_is_seen_by_the_two_people_only(world, sign_in):
    session = supervision_record(
        actor=world.manager.user, supervisee=world.worker, held_on=TODAY, reflective_notes="Private", discussions=[]
    )
    url = f"/supervision/one-to-one/{session.id}/"
    assert "Private" in sign_in(world.worker.user).get(url).content.decode()
    assert "Private" in sign_in(world.manager.user).get(url).content.decode()
    assert sign_in(world.head_of_service.user).get(url).status_code == 404
    assert sign_in(world.pod_colleague.user).get(url).status_code == 404


def test_frequency_follows_the_standard_for_the_role(world):
    world.worker.role = "nqsw"
    world.worker.save()
    supervision_record(
        actor=world.manager.user,
        supervisee=world.worker,
        held_on=date(2026, 11, 2),
        reflective_notes="",
        discussions=[],
    )
    due = supervision_due([world.worker, world.pod_colleague], on=date(2026, 11, 23))
    # Newly qualified: every 10 working days; a senior social worker: every 20.
    assert (due[0].last, due[0].due, due[0].every_working_days) == (date(2026, 11, 2), date(2026, 11, 16), 10)
    assert due[0].overdue(date(2026, 11, 23))
    assert due[1].every_working_days == 20 and due[1].last is None


def test_a_group_session_records_takeaways_and_refuses_notes_that_name_a_child(world):
    takeaways = {world.worker.id: "Ask the child first", world.pod_colleague.id: "Slow down at the door"}
    with pytest.raises(ApplicationError, match=re.escape(NAMES_A_CHILD.format(name="Amy Pond"))):
        group_session_record(
            actor=world.manager.user,
            held_on=TODAY - timedelta(days=1),
            minutes=75,
            family="The Pond family",
            themes="Dad's drinking",
            takeaways=takeaways,
        )
    assert not GroupSession.objects.exists()
    session = group_session_record(
        actor=world.manager.user,
        held_on=TODAY - timedelta(days=1),
        minutes=75,
        family="The Willows family",
        themes="Working with a father who feels judged",
        takeaways=takeaways,
    )
    assert session.attendances.count() == 2 and session.minutes == 75
    assert supervision_due([world.worker], on=TODAY)[0].last_group == TODAY - timedelta(days=1)


def test_the_pages_record_supervision_end_to_end(world, sign_in):
    client = sign_in(world.manager.user)
    home = client.get("/supervision/").content.decode()
    assert "People I supervise" in home and "Rory Williams" in home
    url = f"/supervision/one-to-one/new/?supervisee={world.worker.id}"
    assert "Amy Pond" in client.get(url).content.decode()
    post = {"held_on": TODAY.isoformat(), "reflective_notes": "Good session", "child-0": str(world.child.id)}
    refused = client.post(url, {**post, "discussion-0": "Only this"}).content.decode()
    assert "say what was discussed, the decision and why" in refused
    response = client.post(
        url, {**post, "discussion-0": "School", "decisions-0": "Core group", "reasons-0": "Attendance"}
    )
    session = SupervisionSession.objects.get()
    assert response["Location"] == f"/supervision/one-to-one/{session.id}/"
    pod = client.get("/").content.decode()
    assert "Supervision due" in pod and "Weighted caseload (cap)" in pod
