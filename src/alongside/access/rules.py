"""The working relationships that open a child's record to a member of staff (issue #4).

Each predicate takes the staff member and the child's open allocation (or None). They are kept
here, in one place, and each is tested on its own; `access.access_child` applies them in order.
"""

import rules
from django.db.models import TextChoices

from alongside.practice_model.config import access_policy

MANAGER_CHAIN_LIMIT = 6  # team manager, head of service, director, ...: deeper than any real line


class Relationship(TextChoices):
    ALLOCATED = "allocated", "Allocated worker"
    POD = "pod", "Same pod"
    TEAM = "team", "Same team"
    MANAGER_LINE = "manager_line", "Manages the allocated worker"
    SERVICE_WIDE = "service_wide", "Role covers every child"
    NAMED = "named", "Named on a restricted record"
    REASON_GIVEN = "reason_given", "Opened with a reason"
    BREAK_GLASS = "break_glass", "Break glass"


@rules.predicate
def is_allocated_worker(staff, allocation) -> bool:
    return allocation is not None and allocation.worker_id == staff.id


@rules.predicate
def is_in_the_same_pod(staff, allocation) -> bool:
    # A pod shares its families: everyone in it knows them and covers for each other.
    return allocation is not None and staff.pod_id is not None and allocation.pod_id == staff.pod_id


@rules.predicate
def is_in_the_same_team(staff, allocation) -> bool:
    if allocation is None or staff.team_id is None:
        return False
    team_id = allocation.pod.team_id if allocation.pod_id else allocation.worker.team_id
    return team_id == staff.team_id


@rules.predicate
def manages_the_allocated_worker(staff, allocation) -> bool:
    """True if `staff` is anywhere above the allocated worker in the manager line."""
    if allocation is None:
        return False
    return is_above_in_manager_line(staff, allocation.worker)


def is_above_in_manager_line(staff, worker) -> bool:
    """True if `staff` is anywhere above `worker` in the manager line (supervision, handovers)."""
    from alongside.workforce.models import StaffMember

    manager_id = worker.manager_id
    for _ in range(MANAGER_CHAIN_LIMIT):
        if manager_id is None:
            return False
        if manager_id == staff.id:
            return True
        manager_id = StaffMember.objects.filter(pk=manager_id).values_list("manager_id", flat=True).first()
    return False


@rules.predicate
def has_a_service_wide_role(staff, allocation) -> bool:
    # Returns, quality assurance and data protection cover every child (configurable).
    return staff.role in access_policy().service_wide_roles


# In the order they are checked: the first that holds names the relationship in the audit trail.
WORKING_RELATIONSHIPS = [
    (Relationship.ALLOCATED, is_allocated_worker),
    (Relationship.POD, is_in_the_same_pod),
    (Relationship.TEAM, is_in_the_same_team),
    (Relationship.MANAGER_LINE, manages_the_allocated_worker),
    (Relationship.SERVICE_WIDE, has_a_service_wide_role),
]


def working_relationship(staff, allocation) -> Relationship | None:
    for relationship, predicate in WORKING_RELATIONSHIPS:
        if predicate.test(staff, allocation):
            return relationship
    return None
