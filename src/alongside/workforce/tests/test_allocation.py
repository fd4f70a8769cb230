"""Suggesting a worker: continuity first, then room under the cap, then the pod, each with reasons."""

from datetime import date

from django.utils.html import escape

from alongside.people.models import FamilyMember, NetworkRole
from alongside.testing import factories as f
from alongside.workforce.allocation import allocation_suggestions, weighted_caseloads
from alongside.workforce.models import Allocation

ON = date(2026, 11, 23)


def new_baby(world):
    baby = f.PersonFactory(first_name="River", last_name="Pond", date_of_birth=date(2026, 10, 1))
    FamilyMember.objects.create(
        network=world.child.memberships.get().network, person=baby, role=NetworkRole.CHILD, joined_on=date(2026, 10, 1)
    )
    f.ChildInNeedEpisodeFactory(child=baby, referral_date=date(2026, 11, 2))
    return baby


def names(suggestions):
    return [s.worker.first_name for s in suggestions]


def test_caseloads_are_weighted_by_what_is_open(world):
    # Amy is on a protection plan (1.5), Mels is a child in need (1.0).
    assert weighted_caseloads([world.worker.id], on=ON) == {world.worker.id: 2.5}


def test_the_worker_who_knows_the_family_comes_first_and_says_why(world):
    suggestions = allocation_suggestions(new_baby(world), pod=world.worker.pod, on=ON)
    assert names(suggestions)[0] == "Rory"
    assert suggestions[0].reasons[0].endswith("in the same family")
    assert "Room: 3.5 of 18 with River" in suggestions[0].reasons
    # Staff who have left, or who do not hold cases, are never suggested; another team only by continuity.
    assert not {"Adam", "Kate", "Wilfred", "Martha"} & set(names(suggestions))


def test_having_worked_with_the_child_before_beats_knowing_a_sibling(world):
    baby = new_baby(world)
    Allocation.objects.create(
        child=baby,
        worker=world.other_team_worker,
        pod=world.other_team_worker.pod,
        started_on=date(2026, 11, 2),
        ended_on=date(2026, 11, 16),
        reason="new_referral",
        end_reason="worker_changed",
    )
    suggestions = allocation_suggestions(baby, pod=world.worker.pod, on=ON)
    assert names(suggestions)[:2] == ["Martha", "Rory"]
    assert suggestions[0].reasons[0] == "Worked with River from 2 Nov 2026 to 16 Nov 2026"


def test_room_under_the_cap_comes_before_the_pod(world):
    baby = new_baby(world)
    # Donna (Rory's pod, senior social worker, cap 16) already holds 16 children in need.
    for n in range(16):
        other = f.PersonFactory(first_name=f"Child{n}")
        f.ChildInNeedEpisodeFactory(child=other, referral_date=date(2026, 1, 5))
        f.AllocationFactory(child=other, worker=world.pod_colleague, started_on=date(2026, 1, 5))
    Allocation.objects.filter(child__in=[world.child, world.sibling]).delete()  # Rory no longer knows them
    suggestions = allocation_suggestions(baby, pod=world.worker.pod, on=ON)
    donna = next(s for s in suggestions if s.worker == world.pod_colleague)
    assert donna.over_cap and "Over cap: 17 of 16 with River" in donna.reasons
    assert names(suggestions).index("Donna") > names(suggestions).index("Rose")
    # With room, the manager's own pod comes before another pod in the team.
    assert names(suggestions).index("Rory") < names(suggestions).index("Rose")


def test_a_manager_changes_the_worker_with_a_reason_and_it_is_audited(world, sign_in):
    from alongside.access.models import AuditEntry, AuditEvent

    client = sign_in(world.manager.user)
    url = f"/people/children/{world.sibling.id}/allocate/"
    page = client.get(url).content.decode()
    assert "Change Mels's worker" in page and "Donna Noble" in page and "In your pod" in page
    refused = client.post(url, {"worker": str(world.pod_colleague.id)}).content.decode()
    assert "Select why the worker is changing" in refused
    assert Allocation.objects.get(child=world.sibling, ended_on=None).worker == world.worker
    response = client.post(url, {"worker": str(world.pod_colleague.id), "reason": "family_request"})
    assert response["Location"] == f"/people/children/{world.sibling.id}/"
    old, new = Allocation.objects.filter(child=world.sibling).order_by("started_on", "id")
    assert (old.worker, old.end_reason, new.worker, new.reason) == (
        world.worker,
        "worker_changed",
        world.pod_colleague,
        "family_request",
    )
    audit = AuditEntry.objects.get(event=AuditEvent.WORKER_ALLOCATED)
    assert audit.detail["from"] == world.worker.id and audit.detail["to"] == world.pod_colleague.id
    assert escape("Donna Noble is now Mels's worker") in client.get(response["Location"]).content.decode()


def test_a_worker_cannot_reallocate_and_over_cap_needs_a_reason(world, sign_in):
    from alongside.lib.errors import ApplicationError
    from alongside.workforce import services

    assert sign_in(world.worker.user).get(f"/people/children/{world.sibling.id}/allocate/").status_code == 404
    for n in range(16):
        other = f.PersonFactory(first_name=f"Child{n}")
        f.ChildInNeedEpisodeFactory(child=other, referral_date=date(2026, 1, 5))
        f.AllocationFactory(child=other, worker=world.pod_colleague, started_on=date(2026, 1, 5))
    try:
        services.allocation_change(
            actor=world.manager.user, child=world.sibling, worker=world.pod_colleague, reason="caseload"
        )
    except ApplicationError as error:
        assert "over their cap of 16" in error.message
    else:
        raise AssertionError("an allocation over the cap was accepted without a reason")
    assert Allocation.objects.get(child=world.sibling, ended_on=None).worker == world.worker
    services.allocation_change(
        actor=world.manager.user,
        child=world.sibling,
        worker=world.pod_colleague,
        reason="conflict",
        over_cap_reason="Donna knew Mels from the school project; a lighter case moves to Rose this week.",
    )
    assert Allocation.objects.get(child=world.sibling, ended_on=None).worker == world.pod_colleague


def test_a_child_in_care_proceedings_weighs_more(world):
    from alongside.journey.models import CareEpisode

    CareEpisode.objects.create(
        child=world.sibling,
        started_on=date(2026, 9, 1),
        new_episode_reason="S",
        legal_status="C1",  # interim care order: the case is in proceedings
        category_of_need="N1",
        placement_type="U4",
    )
    # Amy on a protection plan (1.5); Mels looked after (1.25) and in proceedings (+0.5).
    assert weighted_caseloads([world.worker.id], on=ON) == {world.worker.id: 3.25}


def test_spans_of_management_count_current_direct_reports(world):
    from alongside.workforce.selectors import spans_of_management

    spans = {span.manager.first_name: span.people for span in spans_of_management()}
    # Kate manages Rory and Donna (Adam has left); the head of service manages Kate and Sally.
    assert spans["Kate"] == 2 and spans["Harriet"] == 2


def test_a_child_whose_worker_left_waits_on_the_pod_page_and_is_allocated_from_there(world, sign_in):
    Allocation.objects.filter(child=world.sibling).update(ended_on=date(2026, 11, 20), end_reason="worker_changed")
    client = sign_in(world.manager.user)
    page = client.get("/").content.decode()
    assert "Children waiting for a worker" in page and "Choose a worker for Mels Pond" in page
    chooser = client.get(f"/people/children/{world.sibling.id}/allocate/").content.decode()
    assert "Choose Mels" in chooser and "Why is the worker changing?" not in chooser
    response = client.post(f"/people/children/{world.sibling.id}/allocate/", {"worker": str(world.worker.id)})
    assert response.status_code == 302
    assert Allocation.objects.get(child=world.sibling, ended_on=None).reason == "new_referral"
    assert "Children waiting for a worker" not in client.get("/").content.decode()
