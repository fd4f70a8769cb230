from alongside.access.rules import (
    Relationship,
    has_a_service_wide_role,
    is_allocated_worker,
    is_in_the_same_pod,
    is_in_the_same_team,
    manages_the_allocated_worker,
    working_relationship,
)
from alongside.workforce.models import Allocation


def allocation_of(child):
    return Allocation.objects.select_related("worker", "pod").get(child=child, ended_on__isnull=True)


def test_the_allocated_worker_is_allocated(world):
    allocation = allocation_of(world.child)
    assert is_allocated_worker.test(world.worker, allocation)
    assert not is_allocated_worker.test(world.pod_colleague, allocation)


def test_a_pod_colleague_shares_the_pod(world):
    allocation = allocation_of(world.child)
    assert is_in_the_same_pod.test(world.pod_colleague, allocation)
    assert not is_in_the_same_pod.test(world.team_colleague, allocation)


def test_a_team_colleague_in_another_pod_shares_the_team(world):
    allocation = allocation_of(world.child)
    assert is_in_the_same_team.test(world.team_colleague, allocation)
    assert not is_in_the_same_team.test(world.other_team_worker, allocation)


def test_the_manager_line_reaches_up_every_level(world):
    allocation = allocation_of(world.child)
    assert manages_the_allocated_worker.test(world.manager, allocation)
    assert manages_the_allocated_worker.test(world.head_of_service, allocation)  # two levels up
    assert not manages_the_allocated_worker.test(world.pod_colleague, allocation)


def test_service_wide_roles_come_from_the_operating_model(world):
    assert has_a_service_wide_role.test(world.data_officer, None)
    assert not has_a_service_wide_role.test(world.other_team_worker, None)


def test_a_child_with_no_worker_has_no_working_relationship_except_service_wide(world):
    assert working_relationship(world.worker, None) is None
    assert working_relationship(world.data_officer, None) == Relationship.SERVICE_WIDE


def test_the_closest_relationship_is_named(world):
    allocation = allocation_of(world.child)
    assert working_relationship(world.worker, allocation) == Relationship.ALLOCATED
    assert working_relationship(world.pod_colleague, allocation) == Relationship.POD
    assert working_relationship(world.team_colleague, allocation) == Relationship.TEAM
    assert working_relationship(world.head_of_service, allocation) == Relationship.MANAGER_LINE
    assert working_relationship(world.other_team_worker, allocation) is None
