"""Which of the synthetic LA's families use the family portal, and their accounts.

The portal is new: Kestrel Vale opened it 18 months before the as-of date, so nothing a family says
in it is older than that. A minority of the families worked with since then use it: about one in
five, and half of those whose child has a plan (workers invite them to see and answer it). The
family member who uses it is a parent: the mother of the family's first child where the record
names her, otherwise another parent. Young people use the portal in the app, but the demo's
history holds only parents' feedback and answers (apart from the demo young person's own sign-in).

Each user gets an account as the app makes one when an invitation is accepted (`family-<person
id>`, no usable password: families sign in with one-time links). The demo parent already has an
account, with the demo password; their family is always one of the portal's.
"""

import string
from bisect import bisect_right
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

PORTAL_MONTHS = 18
USES_PORTAL = 0.22
USES_PORTAL_WITH_PLAN = 0.5
# The demo logins' family accounts are numbered the same way (demo/logins.py).
FAMILY_USER_IDS_FROM = 200_000


def portal_since(as_of: date) -> date:
    return as_of - relativedelta(months=PORTAL_MONTHS)


class PortalFamilies:
    def __init__(self, generator, logins):
        self.g = generator
        self.rng = generator.rng
        self.rows = generator.rows
        self.as_of = generator.as_of
        self.since = portal_since(generator.as_of)
        self.people = {p.id: p for p in self.rows["people"]}
        self.staff = {s.id: s for s in self.rows["staff"]}
        self.network_of: dict[int, int] = {}
        children_of = defaultdict(list)
        parents_of = defaultdict(list)
        for member in self.rows["members"]:
            if member.role == "child":
                self.network_of[member.person_id] = member.network_id
                children_of[member.network_id].append(member.person_id)
            elif member.role == "parent":
                parents_of[member.network_id].append(member.person_id)
        mother_of = {}
        for relationship in self.rows["relationships"]:
            if relationship.kind == "mother":
                mother_of.setdefault(relationship.to_person_id, relationship.from_person_id)

        # Allocations by child, to find the worker on a day.
        self._allocations: dict[int, list] = defaultdict(list)
        worked_with: set[int] = set()
        for allocation in self.rows["allocations"]:
            if allocation.ended_on is not None and allocation.ended_on < self.since:
                continue
            self._allocations[allocation.child_id].append(allocation)
            if allocation.child_id in self.network_of:
                worked_with.add(self.network_of[allocation.child_id])
        for allocations in self._allocations.values():
            allocations.sort(key=lambda a: a.started_on)
        with_plan = {self.network_of.get(plan.child_id) for plan in self.rows["plans"]}

        demo_child = logins.parent_child_id
        demo_network = self.network_of.get(demo_child)
        demo_parent = mother_of.get(demo_child)
        # network id -> the parent who uses the portal
        self.parent: dict[int, int] = {}
        for network_id in sorted(worked_with):
            parents = parents_of.get(network_id)
            if not parents:
                continue
            share = USES_PORTAL_WITH_PLAN if network_id in with_plan else USES_PORTAL
            if network_id != demo_network and self.rng.random() >= share:
                continue
            if network_id == demo_network and demo_parent is not None:
                self.parent[network_id] = demo_parent
                continue
            first_child = sorted(children_of[network_id])[0]
            mother = mother_of.get(first_child)
            self.parent[network_id] = mother if mother in parents else parents[0]
        self.children = {network_id: sorted(children_of[network_id]) for network_id in self.parent}
        for person_id in self.parent.values():
            self._account(person_id)

    def _account(self, person_id: int) -> int:
        person = self.people[person_id]
        if getattr(person, "user_id", None) is None:
            person.user_id = FAMILY_USER_IDS_FROM + person_id
            # Django's mark for an unusable password ("!" and random text), drawn from the seed.
            unusable = "!" + "".join(self.rng.choices(string.ascii_letters + string.digits, k=40))
            self.rows["users"].append(
                dict(
                    id=person.user_id,
                    username=f"family-{person_id}",
                    first_name=person.first_name,
                    last_name=person.last_name,
                    email="",
                    is_active=True,
                    password=unusable,
                )
            )
        return person.user_id

    def user_of(self, person_id: int) -> int:
        return self.people[person_id].user_id

    def worker_on(self, child_id: int, day: date):
        """The child's allocated worker on the day (the allocation that started latest), or None."""
        allocations = self._allocations.get(child_id, [])
        index = bisect_right([a.started_on for a in allocations], day)
        for allocation in reversed(allocations[:index]):
            if allocation.ended_on is None or allocation.ended_on > day:
                return allocation.worker_id
            break
        return None
