from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from alongside.access.access import NeedsReason, access_child, hidden_child_ids
from alongside.access.models import AccessGrant, AuditEntry, AuditEvent, GrantKind
from alongside.access.rules import Relationship
from alongside.practice_model.config import DEFAULT_PATH

# The shipped operating model with one change: staff outside a child's relationships are refused.
NEED_TO_KNOW = DEFAULT_PATH.read_text().replace("outside_caseload: open_with_reason", "outside_caseload: need_to_know")


def test_staff_with_a_working_relationship_open_the_record(world):
    assert access_child(world.worker.user, world.child.id).relationship == Relationship.ALLOCATED
    assert access_child(world.head_of_service.user, world.child.id).relationship == Relationship.MANAGER_LINE


def test_staff_outside_the_relationships_are_asked_for_a_reason(world):
    with pytest.raises(NeedsReason):
        access_child(world.other_team_worker.user, world.child.id)


def test_a_reason_given_holds_until_it_expires(world):
    grant = AccessGrant.objects.create(
        user=world.other_team_worker.user,
        child=world.child,
        kind=GrantKind.REASON,
        reason_code="covering",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    assert access_child(world.other_team_worker.user, world.child.id).relationship == Relationship.REASON_GIVEN
    AccessGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(NeedsReason):
        access_child(world.other_team_worker.user, world.child.id)


def test_need_to_know_refuses_instead_of_asking(world, settings, tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text(NEED_TO_KNOW)
    settings.ALONGSIDE_OPERATING_MODEL = str(path)
    with pytest.raises(PermissionDenied):
        access_child(world.other_team_worker.user, world.child.id)


def test_a_restricted_record_is_not_found_even_by_its_managers_unless_named(world):
    with pytest.raises(Http404):
        access_child(world.worker.user, world.restricted_child.id)
    assert AuditEntry.objects.filter(event=AuditEvent.RESTRICTED_REFUSED, actor=world.worker.user).count() == 1


def test_a_named_user_and_the_owner_open_a_restricted_record(world):
    assert access_child(world.other_team_worker.user, world.restricted_child.id).relationship == Relationship.NAMED
    assert access_child(world.head_of_service.user, world.restricted_child.id).relationship == Relationship.NAMED


def test_break_glass_opens_a_restricted_record_until_it_expires(world):
    AccessGrant.objects.create(
        user=world.manager.user,
        child=world.restricted_child,
        kind=GrantKind.BREAK_GLASS,
        reason_code="out_of_hours",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    assert access_child(world.manager.user, world.restricted_child.id).relationship == Relationship.BREAK_GLASS


def test_a_reason_does_not_open_a_restricted_record(world):
    AccessGrant.objects.create(
        user=world.worker.user,
        child=world.restricted_child,
        kind=GrantKind.REASON,
        reason_code="covering",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    with pytest.raises(Http404):
        access_child(world.worker.user, world.restricted_child.id)


@pytest.mark.parametrize("persona", ["parent", "young_person", "partner", "leaver"])
def test_anyone_but_current_staff_gets_not_found(world, persona):
    with pytest.raises(Http404):
        access_child(getattr(world, persona).user, world.child.id)


@pytest.mark.parametrize("child_id", [999999, "abc", None])
def test_a_missing_or_malformed_id_is_not_found(world, child_id):
    with pytest.raises(Http404):
        access_child(world.worker.user, child_id)


def test_an_adult_is_not_a_child_record(world):
    with pytest.raises(Http404):
        access_child(world.worker.user, world.parent.id)


def test_restricted_children_are_hidden_from_lists_for_everyone_not_named(world):
    assert world.restricted_child.id in hidden_child_ids(world.worker.user)
    assert world.restricted_child.id not in hidden_child_ids(world.other_team_worker.user)
    assert world.restricted_child.id not in hidden_child_ids(world.head_of_service.user)
