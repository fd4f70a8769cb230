"""A change of worker opens a handover; it is complete with the summary, the family's message and a
joint visit, or a manager's reason; until then it shows on the manager's pod page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.handovers.models import Handover
from alongside.handovers.services import (
    NOT_YOURS,
    REASON_BY_MANAGER,
    SUMMARY_BY_OUTGOING,
    VISIT_NOT_JOINT,
    handover_save,
    handover_summary_draft,
)
from alongside.lib.errors import ApplicationError
from alongside.story import services as story
from alongside.workforce.services import allocation_change


def change_worker(world):
    allocation_change(actor=world.manager.user, child=world.sibling, worker=world.pod_colleague, reason="worker_left")
    return Handover.objects.get(child=world.sibling)


def visit(world, author):
    data = story.EntryInput(
        kind="home_visit",
        occurred_at=timezone.now() - timedelta(minutes=30),
        about_ids=[world.sibling.id],
        summary="Joint introduction visit",
        child_seen=True,
        people_present="Rory and Donna (social workers), Tabetha (mum)",
    )
    return story.story_entry_finalise(actor=author, network=world.child.memberships.get().network, data=data)


def test_a_change_of_worker_opens_a_handover_and_a_first_allocation_does_not(world):
    handover = change_worker(world)
    assert (handover.from_worker, handover.to_worker, handover.completed_on) == (
        world.worker,
        world.pod_colleague,
        None,
    )
    assert "Mels: what the new worker needs to know." in handover_summary_draft(handover)


def test_it_is_complete_when_all_three_parts_exist(world):
    handover = change_worker(world)
    handover = handover_save(
        actor=world.worker.user, handover=handover, expected_version=1, summary="Mels loves football."
    )
    handover = handover_save(
        actor=world.pod_colleague.user,
        handover=handover,
        expected_version=2,
        family_message="Please ring before you come; mornings are hard.",
        family_message_from="Tabetha (mum)",
    )
    assert handover.completed_on is None
    joint = visit(world, world.pod_colleague.user)
    handover = handover_save(
        actor=world.pod_colleague.user, handover=handover, expected_version=3, joint_visit_id=joint.id
    )
    assert handover.completed_on == timezone.localdate()


@pytest.mark.parametrize(
    "who,fields,message",
    [
        ("pod_colleague", {"summary": "I was not there"}, SUMMARY_BY_OUTGOING),
        ("worker", {"incomplete_reason": "No time"}, REASON_BY_MANAGER),
        ("team_colleague", {"family_message": "x", "family_message_from": "Mum"}, NOT_YOURS),
        ("worker", {"joint_visit_id": 999_999}, VISIT_NOT_JOINT),
    ],
)
def test_each_part_is_written_only_by_who_may_and_a_refusal_changes_nothing(world, who, fields, message):
    handover = change_worker(world)
    with pytest.raises(ApplicationError, match=re.escape(message)):
        handover_save(actor=getattr(world, who).user, handover=handover, expected_version=1, **fields)
    handover.refresh_from_db()
    assert (handover.version, handover.summary, handover.incomplete_reason) == (1, "", "")


def test_a_manager_completes_it_with_a_reason_and_the_pod_page_lists_open_ones(world, sign_in):
    handover = change_worker(world)
    pod_page = sign_in(world.manager.user).get("/").content.decode()
    assert "Handovers not complete" in pod_page and "Mels Pond" in pod_page
    handover_save(
        actor=world.manager.user,
        handover=handover,
        expected_version=1,
        incomplete_reason="Rory left at short notice; Donna met the family with me instead.",
    )
    handover.refresh_from_db()
    assert handover.completed_on is not None
    assert "Every handover in the pod is complete" in sign_in(world.manager.user).get("/").content.decode()


def test_the_handover_page_saves_the_family_message(world, sign_in):
    change_worker(world)
    client = sign_in(world.pod_colleague.user)
    url = f"/people/children/{world.sibling.id}/handover/"
    assert "The family" in client.get(url).content.decode()
    refused = client.post(url, {"version": "1", "family_message": "Hello"}).content.decode()
    assert "Say who in the family the message is from" in refused
    client.post(url, {"version": "1", "family_message": "Hello Donna", "family_message_from": "Mels"})
    assert Handover.objects.get().family_message == "Hello Donna"


def test_the_prefilled_summary_sent_back_untouched_does_not_count_as_written(world, sign_in):
    handover = change_worker(world)
    client = sign_in(world.worker.user)
    url = f"/people/children/{world.sibling.id}/handover/"
    client.post(url, {"version": "1", "summary": handover_summary_draft(handover)})
    handover.refresh_from_db()
    assert handover.summary == "" and not handover.parts_done["summary"]
