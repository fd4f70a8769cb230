"""A co-produced plan for each child on a child protection or child in need plan today."""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace as Row

from django.utils import timezone

from alongside.demo import story_text


class PlansMixin:
    def write_plans(self):
        for name in ("plans", "plan_versions", "goals", "actions"):
            self.rows[name] = []
        cin = {e.id: e for e in self.rows["cin"]}
        first_name = {p.id: p.first_name for p in self.rows["people"]}
        worker_of = {a.child_id: a.worker_id for a in self.rows["allocations"] if a.ended_on is None}
        school_of = {s.child_id: s.agency_id for s in self.rows["sharings"] if s.ends_on >= self.as_of}
        open_plans = [
            ("cp", cin[p.episode_id].child_id, p.started_on) for p in self.rows["cp_plans"] if p.ended_on is None
        ]
        open_plans += [
            ("cin", cin[p.episode_id].child_id, p.started_on) for p in self.rows["cin_plans"] if p.ended_on is None
        ]
        seen = set()
        for kind, child_id, started in open_plans:
            author = worker_of.get(child_id)
            if author is None or (kind, child_id) in seen:
                continue
            seen.add((kind, child_id))
            self._plan(kind, child_id, started, author, first_name[child_id], school_of.get(child_id))

    def _plan(self, kind, child_id, started: date, author: int, name: str, school: int | None):
        plan_id = self.next_id("plan")
        at = timezone.make_aware(datetime.combine(started + timedelta(days=self.rng.randint(1, 10)), time(15)))
        self.rows["plans"].append(Row(id=plan_id, child_id=child_id, kind=kind, created_at=at, ended_on=None))
        after_go_live = started >= self.go_live
        versions = 2 if (self.as_of - started).days > 120 else 1
        for number in range(1, versions + 1):
            written = min(
                at + timedelta(days=100 * (number - 1)), timezone.make_aware(datetime.combine(self.as_of, time(9)))
            )
            version_id = self.next_id("plan_version")
            agreed = self.rng.random()
            self.rows["plan_versions"].append(
                Row(
                    id=version_id,
                    plan_id=plan_id,
                    number=number,
                    written_by_id=author,
                    written_at=written,
                    safety_plan=self.rng.choice(story_text.SAFETY_PLANS),
                    contingency="Back to conference if the plan breaks down",
                    family_group_conference_offered=after_go_live and self.rng.random() < 0.6,
                    family_group_conference_outcome="",
                    family_seen_on=written.date() if agreed < 0.85 else None,
                    family_agreement=(
                        "agreed" if agreed < 0.6 else "partly" if agreed < 0.8 else "disagreed" if agreed < 0.85 else ""
                    ),
                    family_comments="We want to make it work" if agreed < 0.85 else "",
                )
            )
            for order, (goal_text, why) in enumerate(self.rng.sample(story_text.GOALS, 2)):
                goal_id = self.next_id("goal")
                self.rows["goals"].append(
                    Row(
                        id=goal_id,
                        version_id=version_id,
                        order=order,
                        in_their_words=goal_text.format(child=name),
                        why_it_matters=why.format(child=name),
                    )
                )
                for what, owner_kind, owner in self.rng.sample(story_text.ACTIONS, 2):
                    if owner_kind == "partner" and school is None:
                        owner_kind, owner = "worker", ""
                    self.rows["actions"].append(
                        Row(
                            id=self.next_id("action"),
                            goal_id=goal_id,
                            what=what.format(child=name),
                            owner_kind=owner_kind,
                            owner_person_id=None,
                            owner_agency_id=school if owner_kind == "partner" else None,
                            owner_name=owner,
                            due_on=written.date() + timedelta(days=self.rng.randint(14, 90)),
                            done=False,
                        )
                    )
