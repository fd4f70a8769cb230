"""A handover for every change of worker in the synthetic LA's history, as the app opens one.

The app opens a handover whenever a child who has a worker is given another (workforce's
`worker_changed` signal). In the generated history that is an allocation which starts on the day
the child's previous allocation ended, with another worker, where the previous one ended because
the worker changed, or the new one is a step-down (the generator closes the old case on the day
early help takes it over, but in the app that is a change of worker with the reason "stepped
down"). A care leaver's personal adviser is not a change of worker: the operating model does not
list it, and the care allocation closes.

The three parts follow the practice model's go-live: before it about 15% of changes got all three
(the outgoing worker's summary, the family's message to the new worker, a joint visit); after it
the share climbs over eighteen months to about 70%. A handover that missed a part is closed by a
manager with the reason, 20 to 40 working days after it opened; recent ones are still open, with
what has been done so far. Siblings who change worker together share one family's handover
experience and one joint visit, as a family would.

The joint visit is a home visit written into the story through the story generator's own path,
by the new worker, with the outgoing worker there, or, when the outgoing worker had left (the
change's reason is then usually that they left), the manager of their pod who knew the family.
"""

from collections import defaultdict
from datetime import date
from types import SimpleNamespace as Row

from alongside.workforce.models import AllocationEndReason, AllocationReason, StaffRole

# Share of changes of worker whose handover gets all three parts.
COMPLETE_BEFORE = 0.15
COMPLETE_AT_GO_LIVE = 0.40
COMPLETE_ONCE_EMBEDDED = 0.72
EMBEDDING_DAYS = 548  # the model takes about eighteen months to become how the service works
# Chance of each part when the handover is not complete (at least one part is then missing).
PARTS_WHEN_INCOMPLETE = {
    "before": {"summary": 0.7, "family_message": 0.25, "joint_visit": 0.2},
    "after": {"summary": 0.9, "family_message": 0.55, "joint_visit": 0.45},
}
# The model asks for the joint visit within 20 working days of the change.
JOINT_VISIT_WITHIN = 20
# A manager closes a handover that missed a part after this many working days.
CLOSED_AFTER = (20, 40)

SUMMARIES = [
    "{child} has known three workers; keep promises small and keep them. The safety plan is working: "
    "Mum rings the family network when things get tense. School attendance is the main worry.",
    "{child} likes visits after school and talks most when drawing. Dad is wary of social workers after "
    "a bad experience; he responds to straight talking. The plan's goals are in the family's words.",
    "What is working: Nan's support at weekends and the nursery place. What we are worried about: "
    "arguments at home when money runs short. {child} says the house is calmer than it was.",
    "{child} has a younger brother who is very attached to them. Mum is doing the parenting course and "
    "wants to be told how she is doing. Health visitor and school are both closely involved.",
    "The family prefer text messages to calls and mornings to afternoons. {child}'s words from direct "
    "work are on the record; please read them before the first visit.",
]
FAMILY_MESSAGES = [
    "Please read our plan before you come, so we do not have to tell it all again.",
    "{child} is shy at first. Give them time and they will talk to you.",
    "We are doing much better than a year ago. Please see that.",
    "Text me before you visit. Mornings are best because of school runs.",
    "Please keep going with what the last worker started. It was helping.",
    "Be honest with us, even when it is bad news.",
]
NOT_DONE = {
    "summary": "No written summary: the manager talked the new worker through the family instead.",
    "family_message": "The family did not want to send a message to the new worker.",
    "joint_visit": "A joint visit could not be arranged in time; the new worker met the family on their own.",
}
LEFT_BEFORE_VISIT = "{worker} had left before a joint visit could be arranged."


class _HandoverWriter:
    def __init__(self, generator):
        self.g = generator
        self.rng = generator.rng
        self.rows = generator.rows
        self.staff = {s.id: s for s in self.rows["staff"]}
        self.people = {p.id: p for p in self.rows["people"]}
        self.network_of = {m.person_id: m.network_id for m in self.rows["members"] if m.role == "child"}
        self.mother_of = {}
        for relationship in self.rows["relationships"]:
            if relationship.kind == "mother":
                self.mother_of.setdefault(relationship.to_person_id, relationship.from_person_id)
        self.parents_of_network = defaultdict(list)
        for member in self.rows["members"]:
            if member.role == "parent":
                self.parents_of_network[member.network_id].append(member.person_id)
        self.owed = 0.0
        self.team_managers = [s for s in self.rows["staff"] if s.role == StaffRole.TEAM_MANAGER]
        self.managers_of_pod = defaultdict(list)
        for manager in self.team_managers:
            if manager.pod_id is not None:
                self.managers_of_pod[manager.pod_id].append(manager)

    def in_post(self, staff_id: int, day: date) -> bool:
        s = self.staff[staff_id]
        return s.started_on <= day and (s.left_on is None or s.left_on > day)

    def manager_on(self, pod_id, day: date):
        return next((m for m in self.managers_of_pod.get(pod_id, []) if self.in_post(m.id, day)), None)

    def closing_manager(self, to_worker, from_pod, day: date):
        """The new worker's pod manager; while that post is empty, the old pod's, or another team
        manager in the new worker's team (or, failing that, any in post), as cover."""
        for manager in (self.manager_on(to_worker.pod_id, day), self.manager_on(from_pod, day)):
            if manager is not None:
                return manager
        in_post = [m for m in self.team_managers if self.in_post(m.id, day)]
        return next((m for m in in_post if m.team_id == to_worker.team_id), in_post[0])

    def complete_share(self, day: date) -> float:
        if day < self.g.go_live:
            return COMPLETE_BEFORE
        embedded = min(1.0, (day - self.g.go_live).days / EMBEDDING_DAYS)
        return COMPLETE_AT_GO_LIVE + (COMPLETE_ONCE_EMBEDDED - COMPLETE_AT_GO_LIVE) * embedded

    def changes(self) -> list[tuple]:
        """(previous, allocation) for every change of worker, in the order they happened."""
        by_child = defaultdict(list)
        for allocation in self.rows["allocations"]:
            by_child[allocation.child_id].append(allocation)
        found = []
        for allocations in by_child.values():
            allocations.sort(key=lambda a: a.started_on)
            for previous, allocation in zip(allocations, allocations[1:], strict=False):
                if (
                    previous.ended_on == allocation.started_on
                    and previous.worker_id != allocation.worker_id
                    and (
                        previous.end_reason == AllocationEndReason.WORKER_CHANGED
                        or allocation.reason == AllocationReason.STEPPED_DOWN
                    )
                ):
                    found.append((previous, allocation))
        found.sort(key=lambda pair: (pair[1].started_on, pair[1].id))
        return found

    def family_voice(self, child_id: int, day: date) -> str:
        """Who in the family gives the message: the child's mother, another parent, or a young person
        speaking for themself."""
        parent_id = self.mother_of.get(child_id)
        if parent_id is None:
            parents = self.parents_of_network.get(self.network_of.get(child_id), [])
            parent_id = parents[0] if parents else None
        if parent_id is not None:
            parent = self.people[parent_id]
            return f"{parent.first_name} {parent.last_name}"
        child = self.people[child_id]
        if child.date_of_birth is not None and (day - child.date_of_birth).days >= 12 * 365:
            return f"{child.first_name} {child.last_name}"
        return ""

    def write(self):
        self.rows["handovers"] = []
        groups: dict[tuple, list] = defaultdict(list)
        for previous, allocation in self.changes():
            key = (self.network_of.get(allocation.child_id), previous.worker_id, allocation.worker_id)
            groups[key + (allocation.started_on,)].append((previous, allocation))
        for (network_id, from_id, to_id, opened_on), pairs in groups.items():
            self.family(network_id, from_id, to_id, opened_on, pairs)

    def family(self, network_id, from_id: int, to_id: int, opened_on: date, pairs: list[tuple]):
        rng, g = self.rng, self.g
        period = g.period(opened_on)
        children = [allocation.child_id for _, allocation in pairs]
        first = self.people[children[0]].first_name
        to_worker, from_worker = self.staff[to_id], self.staff[from_id]
        from_pod = pairs[0][0].pod_id

        # Drawn against what is owed so far, not afresh each time, so that even the small LA's few
        # hundred changes come out close to the share (a fresh draw per family wanders by several
        # points); the order still looks random.
        self.owed += self.complete_share(opened_on) * len(pairs)
        complete = rng.random() < self.owed / len(pairs)
        if complete:
            self.owed -= len(pairs)
        if complete:
            parts = {"summary", "family_message", "joint_visit"}
        else:
            parts = {part for part, chance in PARTS_WHEN_INCOMPLETE[period].items() if rng.random() < chance}
            if len(parts) == 3:
                parts.discard(rng.choice(["joint_visit", "joint_visit", "family_message", "summary"]))
        summary_day = g.calendar.add(opened_on, rng.randint(0, 5))
        message_day = g.calendar.add(opened_on, rng.randint(1, 15))
        visit_day = g.calendar.add(opened_on, rng.randint(2, JOINT_VISIT_WITHIN))
        closed_day = g.calendar.add(opened_on, rng.randint(*CLOSED_AFTER))
        summary_text = rng.choice(SUMMARIES).format(child=first)
        message_text = rng.choice(FAMILY_MESSAGES).format(child=first)

        # The outgoing worker writes the summary; once they have left, their pod's manager does.
        if self.in_post(from_id, summary_day):
            writer = from_worker
        else:
            writer = self.manager_on(from_pod, summary_day) or self.manager_on(to_worker.pod_id, summary_day)
        if writer is None:
            parts.discard("summary")
        voice = self.family_voice(children[0], message_day)
        if not voice:
            parts.discard("family_message")
        second = None
        if "joint_visit" in parts:
            second = from_worker if self.in_post(from_id, visit_day) else self.manager_on(from_pod, visit_day)
            if second is None or second.id == to_id or network_id is None:
                parts.discard("joint_visit")
        left_before_visit = not self.in_post(from_id, visit_day)

        done_days = {"summary": summary_day, "family_message": message_day, "joint_visit": visit_day}
        if len(parts) == 3:
            completed_on = max(done_days.values())
        else:
            completed_on = max([closed_day] + [done_days[p] for p in parts])
        if completed_on > g.as_of:
            completed_on = None
        # What has happened by the as-of date: a recent handover is still in progress.
        parts = {p for p in parts if done_days[p] <= g.as_of}

        visit_id = None
        if "joint_visit" in parts:
            role = "outgoing worker" if second.id == from_id else "team manager, who knew the family"
            g._entry(
                network_id,
                to_worker.user_id,
                visit_day,
                children,
                kind="home_visit",
                summary=f"Joint visit to meet {to_worker.first_name}, the new worker",
                body=(
                    f"{second.first_name} ({role}) introduced {to_worker.first_name}. We went through the "
                    f"plan together and {first} showed {to_worker.first_name} their room."
                ),
                people_present=(
                    f"{to_worker.first_name} {to_worker.last_name}, {second.first_name} {second.last_name}, the family"
                ),
                child_seen=True,
                child_seen_alone=False,
                location="Home",
            )
            visit_id = self.rows["story"][-1].id

        reason, reason_by = "", None
        if completed_on is not None and len(parts) < 3:
            missing = [p for p in ("joint_visit", "family_message", "summary") if p not in parts][0]
            if missing == "joint_visit" and left_before_visit:
                reason = LEFT_BEFORE_VISIT.format(worker=from_worker.first_name)
            else:
                reason = NOT_DONE[missing]
            reason_by = self.closing_manager(to_worker, from_pod, closed_day).user_id

        for _, allocation in pairs:
            self.rows["handovers"].append(
                Row(
                    id=g.next_id("handover"),
                    child_id=allocation.child_id,
                    allocation_id=allocation.id,
                    from_worker_id=from_id,
                    to_worker_id=to_id,
                    opened_on=opened_on,
                    summary=summary_text if "summary" in parts else "",
                    summary_by_id=writer.user_id if "summary" in parts else None,
                    family_message=message_text if "family_message" in parts else "",
                    family_message_from=voice if "family_message" in parts else "",
                    family_message_by_id=(writer or to_worker).user_id if "family_message" in parts else None,
                    joint_visit_id=visit_id,
                    incomplete_reason=reason,
                    incomplete_reason_by_id=reason_by,
                    completed_on=completed_on,
                    version=1 + len(parts) + (1 if reason else 0),
                )
            )


def write_handovers(generator) -> None:
    """Adds a handover for each change of worker (and the joint visits) to the generator's rows."""
    _HandoverWriter(generator).write()
