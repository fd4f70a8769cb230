"""Six months of supervision: one-to-ones at each role's standard (now and then late), and a monthly
group reflective practice session in each pod, so the supervision pages read like a real service."""

from datetime import timedelta
from types import SimpleNamespace as Row

from alongside.practice_model.config import operating_model

SUPERVISION_MONTHS = 6
REFLECTIONS = [
    "Talked about how the Friday visits are landing; agreed to protect Monday mornings for write-up.",
    "Feeling the weight of the court work. We planned the week together and booked the EAP session.",
    "Reflected on what went well at the family group conference, and what to try differently next time.",
    "Noticed a pattern of working late. Agreed a finish time and a check-in next week.",
]
THEMES = [
    "Working with a father who feels judged by professionals",
    "When a family's strengths and our worries pull in different directions",
    "Keeping the child's voice in the room at conferences",
    "Neglect that creeps: noticing change over months",
]
PSEUDONYMS = ["The Willows family", "The Ashdown family", "The Fernleys", "The Brooks family", "The Marlowes"]
TAKEAWAYS = [
    "Ask the child first",
    "Slow down at the front door",
    "Name the worry plainly, and the strength next to it",
    "Bring the family network in earlier",
]


class SupervisionMixin:
    def write_supervision(self):
        for name in ("supervision_sessions", "group_sessions", "group_attendances"):
            self.rows[name] = []
        model = operating_model()
        since = self.as_of - timedelta(days=SUPERVISION_MONTHS * 30)
        staff = [s for s in self.rows["staff"] if s.left_on is None or s.left_on > since]
        for person in staff:
            every = model.supervision_every(person.role)
            if not every or person.manager_id is None:
                continue
            day = self.calendar.add(max(since, person.started_on), self.rng.randint(1, every))
            end = min(person.left_on or self.as_of, self.as_of)
            while day <= end:
                self.rows["supervision_sessions"].append(
                    Row(
                        id=self.next_id("supervision"),
                        supervisor_id=person.manager_id,
                        supervisee_id=person.id,
                        held_on=day,
                        reflective_notes=self.rng.choice(REFLECTIONS),
                        recorded_by_id=person.manager_id,
                    )
                )
                late = self.rng.random() < 0.12
                day = self.calendar.add(day, every + (self.rng.randint(3, 10) if late else -self.rng.randint(0, 2)))
        pods: dict[int, list] = {}
        for person in staff:
            if person.pod_id is not None and person.left_on is None:
                pods.setdefault(person.pod_id, []).append(person)
        for pod_id, members in sorted(pods.items()):
            manager = next((m for m in members if m.role == "team_manager"), None)
            if manager is None:
                continue
            day = self.calendar.add(since, self.rng.randint(1, model.group_every_working_days))
            while day <= self.as_of:
                session_id = self.next_id("group_session")
                self.rows["group_sessions"].append(
                    Row(
                        id=session_id,
                        held_on=day,
                        minutes=self.rng.choice([60, 75, 75, 90]),
                        facilitator_id=manager.id,
                        pod_id=pod_id,
                        family=self.rng.choice(PSEUDONYMS),
                        themes=self.rng.choice(THEMES),
                        recorded_by_id=manager.id,
                    )
                )
                for member in members:
                    if member.started_on <= day and self.rng.random() < 0.8:
                        self.rows["group_attendances"].append(
                            Row(
                                id=self.next_id("group_attendance"),
                                session_id=session_id,
                                staff_id=member.id,
                                takeaway=self.rng.choice(TAKEAWAYS),
                            )
                        )
                day = self.calendar.add(day, model.group_every_working_days + self.rng.randint(-2, 3))
