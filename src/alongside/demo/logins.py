"""Choosing the demo sign-ins from a generated LA: a social worker with a typical, varied caseload,
their team manager and head of service, a parent and a young person they work with, the school
safeguarding lead who shares one of their children, and a data officer."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from alongside.demo.models import DemoLogin, DemoRole
from alongside.people.models import NetworkRole, RelationshipKind
from alongside.workforce.models import Employment, Service, StaffRole


@dataclass
class DemoLogins:
    entries: list[tuple[str, int]]  # (DemoRole, user id)
    family_users: list[dict] = field(default_factory=list)
    # Staff and person ids the demo's case file audits are arranged around (demo/generator/quality.py).
    worker_id: int = 0
    manager_id: int = 0
    quality_lead_id: int = 0
    parent_child_id: int = 0

    def link_family_users(self):
        DemoLogin.objects.bulk_create(
            DemoLogin(role=role, user_id=user_id, order=index) for index, (role, user_id) in enumerate(self.entries)
        )


def choose_demo_logins(generator) -> DemoLogins:
    rows = generator.rows
    as_of: date = generator.as_of
    staff = {s.id: s for s in rows["staff"]}
    team_service = {t.id: t.service for t in rows["teams"]}
    open_allocations = [a for a in rows["allocations"] if a.ended_on is None]
    caseload = Counter(a.worker_id for a in open_allocations)
    children_of = defaultdict(list)
    for allocation in open_allocations:
        children_of[allocation.worker_id].append(allocation.child_id)
    cin_by_id = {e.id: e for e in rows["cin"]}
    open_cp = {cin_by_id[p.episode_id].child_id for p in rows["cp_plans"] if p.ended_on is None}
    in_care = {e.child_id for e in rows["care"] if e.ended_on is None}
    people = {p.id: p for p in rows["people"]}

    def variety(worker_id):
        children = children_of[worker_id]
        kinds = {("cp" if c in open_cp else "care" if c in in_care else "cin") for c in children}
        return (len(kinds), -abs(len(children) - 14))

    candidates = [
        s
        for s in staff.values()
        if s.role == StaffRole.SOCIAL_WORKER
        and s.left_on is None
        and s.employment == Employment.PERMANENT
        and team_service[s.team_id] == Service.FAMILY_SAFEGUARDING
        and caseload[s.id] >= 5
    ]
    if not candidates:
        candidates = [
            s
            for s in staff.values()
            if s.left_on is None
            and caseload[s.id] > 0
            and s.role in (StaffRole.SOCIAL_WORKER, StaffRole.SENIOR_SOCIAL_WORKER)
        ]
    worker = max(candidates, key=lambda s: (variety(s.id), -s.id))
    manager = next(
        s
        for s in staff.values()
        if s.role == StaffRole.TEAM_MANAGER and s.left_on is None and s.pod_id == worker.pod_id
    )
    head = staff[manager.manager_id]
    data_officer = next(s for s in staff.values() if s.role == StaffRole.DATA_OFFICER and s.left_on is None)
    protection_officer = next(
        s for s in staff.values() if s.role == StaffRole.DATA_PROTECTION_OFFICER and s.left_on is None
    )
    # The principal social worker leads quality assurance in the demo LA.
    quality_lead = next(s for s in staff.values() if s.role == StaffRole.PRINCIPAL_SOCIAL_WORKER and s.left_on is None)

    mothers = {r.to_person_id: r.from_person_id for r in rows["relationships"] if r.kind == RelationshipKind.MOTHER}
    my_children = sorted(children_of[worker.id])
    pod_children = sorted({a.child_id for a in open_allocations if a.pod_id == worker.pod_id})

    def age(person_id):
        born = people[person_id].date_of_birth
        return None if born is None else (as_of - born).days / 365.25

    parent_child = next(
        (c for c in my_children + pod_children if c in mothers and (age(c) or 0) < 12 and c in open_cp), None
    ) or next(c for c in my_children + pod_children if c in mothers)
    young_person = next(
        (c for c in my_children + pod_children if 12 <= (age(c) or 0) < 18 and (c in open_cp or c in in_care)), None
    ) or next(
        c for c in my_children + pod_children + sorted(a.child_id for a in open_allocations) if 12 <= (age(c) or 0) < 18
    )
    # A school that shares one of the worker's children today.
    agencies = {a.id: a for a in rows["agencies"]}
    sharing = next(
        (
            s
            for s in rows["sharings"]
            if s.child_id in set(my_children) and s.ends_on >= as_of and agencies[s.agency_id].kind == "school"
        ),
        None,
    ) or next(s for s in rows["sharings"] if s.ends_on >= as_of and agencies[s.agency_id].kind == "school")
    dsl = next(m for m in rows["partner_members"] if m.agency_id == sharing.agency_id)

    family_users = []
    for person_id in (mothers[parent_child], young_person):
        person = people[person_id]
        user_id = 200_000 + person_id
        username = f"{person.first_name}.{person.last_name}.{person.id}".lower().replace(" ", "").replace("'", "")
        family_users.append(
            dict(
                id=user_id,
                username=username,
                first_name=person.first_name,
                last_name=person.last_name,
                email=f"{username}@family.example",
                is_active=True,
            )
        )
        person.user_id = user_id
    # Families in the network role of child are children even as adults; the young person must be one.
    assert any(m.person_id == young_person and m.role == NetworkRole.CHILD for m in rows["members"])

    entries = [
        (DemoRole.SOCIAL_WORKER, worker.user_id),
        (DemoRole.TEAM_MANAGER, manager.user_id),
        (DemoRole.HEAD_OF_SERVICE, head.user_id),
        (DemoRole.QUALITY_LEAD, quality_lead.user_id),
        (DemoRole.PARENT, family_users[0]["id"]),
        (DemoRole.YOUNG_PERSON, family_users[1]["id"]),
        (DemoRole.SCHOOL_DSL, dsl.user_id),
        (DemoRole.DATA_OFFICER, data_officer.user_id),
        (DemoRole.DATA_PROTECTION_OFFICER, protection_officer.user_id),
    ]
    return DemoLogins(
        entries=entries,
        family_users=family_users,
        worker_id=worker.id,
        manager_id=manager.id,
        quality_lead_id=quality_lead.id,
        parent_child_id=parent_child,
    )
