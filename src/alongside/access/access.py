"""Permission-checked fetches. Views never load a child with Model.objects.get; they call these.

Where revealing that a record exists would leak (a restricted record, another family's child, a
child not shared with a partner) they raise Http404, exactly as for a record that does not exist.
Where it would not (a staff member outside the child's team, under "need to know") they raise
PermissionDenied, shown as the GOV.UK "you do not have access" page. Under "open with reason" a
staff member outside the relationships gets NeedsReason, and the view asks them for one.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from alongside.access.models import AccessGrant, AuditEvent, GrantKind, NamedAccess, RestrictedRecord
from alongside.access.roles import UserKind, user_kind
from alongside.access.rules import Relationship, working_relationship
from alongside.people.models import NetworkRole, Person
from alongside.practice_model.config import access_policy
from alongside.workforce.models import Allocation


class NeedsReason(Exception):
    """The user may open this child's record once they state why (policy: open_with_reason)."""

    def __init__(self, child: Person):
        super().__init__(f"A reason is needed to open person {child.pk}")
        self.child = child


@dataclass(frozen=True)
class ChildAccess:
    child: Person
    relationship: Relationship


def int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _child_or_404(child_id) -> Person:
    # A person is a child's record only if some family network holds them as a child.
    child = Person.objects.filter(pk=int_or_404(child_id), memberships__role=NetworkRole.CHILD).first()
    if child is None:
        raise Http404
    return child


def _open_allocation(child: Person) -> Allocation | None:
    today = timezone.localdate()
    return (
        Allocation.objects.filter(child=child, started_on__lte=today, ended_on__isnull=True)
        .select_related("worker", "pod")
        .first()
    )


def _valid_grant(user, child, kind: GrantKind) -> AccessGrant | None:
    return AccessGrant.objects.filter(user=user, child=child, kind=kind, expires_at__gt=timezone.now()).first()


def _is_named(user, record: RestrictedRecord) -> bool:
    return record.owner_id == user.id or NamedAccess.objects.filter(record=record, user=user).exists()


def access_child(user, child_id) -> ChildAccess:
    """The child with this id, if this member of staff may open their record now.

    Raises Http404 (not staff, no such child, restricted and not named), NeedsReason (no working
    relationship, policy open_with_reason) or PermissionDenied (policy need_to_know). A refused
    restricted record is audited, so the data protection officer can see attempts."""
    # Only current children's services staff use the staff record; families and partners have
    # their own pages, which show them only what is theirs.
    if user_kind(user) != UserKind.STAFF:
        raise Http404
    child = _child_or_404(child_id)
    staff = user.staff
    record = RestrictedRecord.objects.filter(child=child).first()
    # A restricted record: named users only, or break glass. Everyone else: "not found".
    if record is not None:
        if _is_named(user, record):
            return ChildAccess(child, Relationship.NAMED)
        if _valid_grant(user, child, GrantKind.BREAK_GLASS):
            return ChildAccess(child, Relationship.BREAK_GLASS)
        from alongside.access.services import audit_record

        audit_record(actor=user, event=AuditEvent.RESTRICTED_REFUSED, person=child)
        raise Http404
    # Allocated, same pod, same team, manager line, or a service-wide role.
    relationship = working_relationship(staff, _open_allocation(child))
    if relationship is not None:
        return ChildAccess(child, relationship)
    # A reason stated earlier today still holds.
    if _valid_grant(user, child, GrantKind.REASON):
        return ChildAccess(child, Relationship.REASON_GIVEN)
    # Otherwise the LA's policy decides: ask for a reason, or refuse.
    if access_policy().open_with_reason:
        raise NeedsReason(child)
    raise PermissionDenied


def access_child_for_reason(user, child_id) -> Person:
    """The child whose record the user is about to open with a reason: only under open_with_reason,
    only staff, never a restricted record (that needs break glass)."""
    if user_kind(user) != UserKind.STAFF:
        raise Http404
    child = _child_or_404(child_id)
    if RestrictedRecord.objects.filter(child=child).exists():
        raise Http404
    if not access_policy().open_with_reason:
        raise PermissionDenied
    return child


def access_child_audit(user, child_id) -> Person:
    """The child whose "who has looked at this record" the user may read: the allocated worker's
    managers, the restriction's owner, and the configured audit readers (data protection officer,
    principal social worker). Everyone else: not found."""
    if user_kind(user) != UserKind.STAFF:
        raise Http404
    child = _child_or_404(child_id)
    staff = user.staff
    record = RestrictedRecord.objects.filter(child=child).first()
    # The restriction's owner answers for who has looked.
    if record is not None and record.owner_id == user.id:
        return child
    # Audit readers see any child's trail, restricted ones only if named.
    if staff.role in access_policy().audit_readers and (record is None or _is_named(user, record)):
        return child
    # The allocated worker's managers see their children's trail.
    from alongside.access.rules import manages_the_allocated_worker

    if record is None and manages_the_allocated_worker.test(staff, _open_allocation(child)):
        return child
    raise Http404


def can_break_glass(user) -> bool:
    return user_kind(user) == UserKind.STAFF and user.staff.role in access_policy().break_glass_roles


def require_staff(user) -> None:
    """Staff-only pages (search, caseloads) are 404 to everyone else, like a missing page."""
    if user_kind(user) != UserKind.STAFF:
        raise Http404


def require_role(user, roles) -> None:
    if user_kind(user) != UserKind.STAFF or user.staff.role not in roles:
        raise Http404


def hidden_child_ids(user) -> set[int]:
    """Restricted children this user may not see, to leave out of every list (search, caseloads,
    data quality) exactly as if they did not exist."""
    hidden = set(
        RestrictedRecord.objects.exclude(owner=user).exclude(named__user=user).values_list("child_id", flat=True)
    )
    if hidden:
        hidden -= set(
            AccessGrant.objects.filter(
                user=user, kind=GrantKind.BREAK_GLASS, expires_at__gt=timezone.now(), child_id__in=hidden
            ).values_list("child_id", flat=True)
        )
    return hidden


def children_open_to(user, child: Person) -> list[Person]:
    """The children of `child`'s family networks whose records this member of staff may open now
    (working relationship, a reason still in force, or named access): whose story they may read and
    write. A sibling they may not open is left out as if the family did not include them.

    The same rules as access_child, in five queries for the whole family rather than per child."""
    from alongside.people.models import FamilyMember

    if user_kind(user) != UserKind.STAFF:
        return []
    staff = user.staff
    networks = FamilyMember.objects.filter(person=child).values("network_id")
    siblings = list(
        Person.objects.filter(memberships__network_id__in=networks, memberships__role=NetworkRole.CHILD)
        .distinct()
        .order_by("date_of_birth", "id")
    )
    ids = [s.id for s in siblings]
    today, now = timezone.localdate(), timezone.now()
    allocations = {
        a.child_id: a
        for a in Allocation.objects.filter(
            child_id__in=ids, started_on__lte=today, ended_on__isnull=True
        ).select_related("worker", "pod")
    }
    restricted = {r.child_id: r for r in RestrictedRecord.objects.filter(child_id__in=ids)}
    named = set(
        NamedAccess.objects.filter(record__child_id__in=ids, user=user).values_list("record__child_id", flat=True)
    )
    grants = set(
        AccessGrant.objects.filter(user=user, child_id__in=ids, expires_at__gt=now).values_list("child_id", "kind")
    )
    open_to = []
    for sibling in siblings:
        record = restricted.get(sibling.id)
        if record is not None:
            if record.owner_id == user.id or sibling.id in named or (sibling.id, GrantKind.BREAK_GLASS) in grants:
                open_to.append(sibling)
            continue
        if working_relationship(staff, allocations.get(sibling.id)) or (sibling.id, GrantKind.REASON) in grants:
            open_to.append(sibling)
    return open_to


ALLOCATING_ROLES = ("team_manager", "head_of_service")


def access_allocate(user, child_id) -> Person:
    """The child whose worker this user may choose: someone above the current worker in the manager
    line, or, for a child with no worker, a team manager or head of service who may open the child.
    Everyone else: not found (a worker cannot reallocate their own or a colleague's child)."""
    from alongside.access.rules import is_above_in_manager_line, manages_the_allocated_worker

    try:
        child = access_child(user, child_id).child
    except NeedsReason as needs:
        child = needs.child  # no working relationship today (perhaps no worker): decided below
    staff = user.staff
    allocation = _open_allocation(child)
    if allocation is not None:
        if manages_the_allocated_worker.test(staff, allocation):
            return child
        raise Http404
    # No worker today: the manager of the pod (or the manager line) that last held the child, or,
    # for a child never allocated, any team manager or head of service.
    last = Allocation.objects.filter(child=child).select_related("worker").order_by("-started_on", "-id").first()
    if staff.role in ALLOCATING_ROLES and (
        last is None or last.pod_id == staff.pod_id or is_above_in_manager_line(staff, last.worker)
    ):
        return child
    raise Http404


def can_allocate(user, child: Person) -> bool:
    """Whether to offer "Change worker" on a child's page the user has already opened."""
    try:
        access_allocate(user, child.id)
    except Http404:
        return False
    return True


# The relationships that make an adult a parent in the family portal: parental responsibility in
# the usual case. Kinship and foster carers see the child through their worker, not the portal.
PARENT_KINDS = ("mother", "father", "step_parent")


def family_children(user) -> list[Person]:
    """The children a family member may see in the portal: a parent their own children (never a
    restricted record: an adoption or a hidden address is not theirs to see), a young person only
    themself."""
    kind = user_kind(user)
    person = getattr(user, "person", None)
    if kind == UserKind.YOUNG_PERSON:
        return [person]
    if kind != UserKind.PARENT:
        return []
    return list(
        Person.objects.filter(
            relationships_to__from_person=person,
            relationships_to__kind__in=PARENT_KINDS,
            memberships__role=NetworkRole.CHILD,
        )
        .exclude(pk__in=RestrictedRecord.objects.values("child_id"))
        .distinct()
        .order_by("date_of_birth", "id")
    )


def parents_of(child: Person) -> list[Person]:
    return list(
        Person.objects.filter(relationships_from__to_person=child, relationships_from__kind__in=PARENT_KINDS).distinct()
    )


def require_family(user) -> Person:
    """The family member's own person record; anyone else: not found."""
    if user_kind(user) not in (UserKind.PARENT, UserKind.YOUNG_PERSON):
        raise Http404
    return user.person


def access_family_child(user, child_id) -> Person:
    """One of the family member's own children (a young person: themself). Any other id, including
    another family's child, is "not found", exactly like an id that does not exist."""
    require_family(user)
    wanted = int_or_404(child_id)
    for child in family_children(user):
        if child.id == wanted:
            return child
    raise Http404


def require_partner(user):
    """The partner professional's membership of their agency; anyone else: not found."""
    if user_kind(user) != UserKind.PARTNER:
        raise Http404
    return user.partner


def partner_child_ids(user) -> set[int]:
    """Children shared with the user's agency today (not restricted). Nothing once sharing ends."""
    from alongside.partners.models import Sharing

    if user_kind(user) != UserKind.PARTNER:
        return set()
    today = timezone.localdate()
    return set(
        Sharing.objects.filter(agency_id=user.partner.agency_id, started_on__lte=today, ends_on__gte=today)
        .exclude(child_id__in=RestrictedRecord.objects.values("child_id"))
        .values_list("child_id", flat=True)
    )


def access_partner_child(user, child_id) -> Person:
    """A child shared with the partner's agency today. Otherwise not found, so a partner cannot
    learn from a guessed id whether a child is known to children's services."""
    require_partner(user)
    wanted = int_or_404(child_id)
    if wanted not in partner_child_ids(user):
        raise Http404
    return _child_or_404(wanted)


FRONT_DOOR_LEADERS = ("head_of_service", "principal_social_worker")


def require_front_door(user) -> None:
    """New contacts (about children the record may not hold yet): the front door's own staff and
    the service's leaders. Everyone else: not found."""
    if user_kind(user) != UserKind.STAFF:
        raise Http404
    staff = user.staff
    if staff.role in FRONT_DOOR_LEADERS:
        return
    if staff.team_id is not None and staff.team.service == "front_door":
        return
    raise Http404


# Quality assurance (issue #8). Setting up audit rounds, reading pulse results and training
# coverage: the people who lead practice. Complaints hold families' own accounts of the service,
# often about a named worker, so fewer people see the log.
QUALITY_ROLES = ("quality_lead", "principal_social_worker", "head_of_service", "team_manager")
COMPLAINTS_ROLES = ("quality_lead", "principal_social_worker", "head_of_service")
# The impact and fidelity figures cover the whole service, so only those who lead it see them.
INSIGHT_ROLES = ("head_of_service", "principal_social_worker", "quality_lead", "data_officer")


def require_quality(user):
    """The staff member, if they lead practice (QUALITY_ROLES); anyone else: not found."""
    if user_kind(user) != UserKind.STAFF or user.staff.role not in QUALITY_ROLES:
        raise Http404
    return user.staff


def require_insight(user):
    """The staff member, if they lead the service (INSIGHT_ROLES); anyone else: not found."""
    if not may_see_insight(user):
        raise Http404
    return user.staff


def may_see_insight(user) -> bool:
    return user_kind(user) == UserKind.STAFF and user.staff.role in INSIGHT_ROLES


RETURNS_ROLES = ("data_officer", "head_of_service")


def may_make_returns(user) -> bool:
    """The returns hold every child's details, so only those who submit or sign them off."""
    return user_kind(user) == UserKind.STAFF and user.staff.role in RETURNS_ROLES


def require_returns(user):
    """The staff member, if they make the statutory returns (RETURNS_ROLES); anyone else: not found."""
    if not may_make_returns(user):
        raise Http404
    return user.staff


def require_complaints(user):
    """The staff member, if they handle complaints (COMPLAINTS_ROLES); anyone else: not found."""
    if user_kind(user) != UserKind.STAFF or user.staff.role not in COMPLAINTS_ROLES:
        raise Http404
    return user.staff
