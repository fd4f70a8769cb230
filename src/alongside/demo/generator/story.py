"""The story of each family worked with in the last year: visits and direct work at the rhythm each
service keeps, and the meetings of the section 47 path on the dates the journey already holds."""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace as Row

from django.utils import timezone

from alongside.demo import story_text
from alongside.workforce.models import Service

# Days between visits, by the service holding the case (local practice; timescales.md).
VISIT_EVERY = {
    Service.FAMILY_SAFEGUARDING: 15,
    Service.DISABLED_CHILDREN: 28,
    Service.CHILDREN_IN_CARE: 42,
    Service.CARE_LEAVERS: 56,
    Service.EARLY_HELP: 14,
}
STORY_MONTHS = 12


class StoryMixin:
    def write_story(self):
        self.rows["story"] = []
        self.rows["story_about"] = []
        since = self.as_of - timedelta(days=STORY_MONTHS * 30)
        network_of = {m.person_id: m.network_id for m in self.rows["members"] if m.role == "child"}
        first_name = {p.id: p.first_name for p in self.rows["people"]}
        born = {p.id: p.date_of_birth for p in self.rows["people"]}
        service_of_pod = {
            pod.id: team.service for pod in self.rows["pods"] for team in self.rows["teams"] if team.id == pod.team_id
        }
        # One visit covers the children of a family allocated to the same worker over the same span.
        groups: dict[tuple, list[int]] = {}
        for a in self.rows["allocations"]:
            end = a.ended_on or self.as_of
            if end < since or a.pod_id is None:
                continue
            key = (network_of.get(a.child_id), a.worker_id, max(a.started_on, since), end, a.pod_id)
            groups.setdefault(key, []).append(a.child_id)
        for (network_id, worker_id, start, end, pod_id), children in sorted(groups.items(), key=lambda g: g[0][1:4]):
            every = VISIT_EVERY.get(service_of_pod.get(pod_id))
            if network_id is None or every is None:
                continue
            day = start + timedelta(days=self.rng.randint(2, every))
            count = 0
            while day <= end:
                count += 1
                name = first_name[children[0]]
                seen = self.rng.random() < 0.92
                old_enough = all((born[c] or day) <= day - timedelta(days=4 * 365) for c in children)
                self._entry(
                    network_id,
                    worker_id,
                    day,
                    children,
                    kind="home_visit",
                    summary=self.rng.choice(story_text.VISIT_SUMMARIES),
                    body=self.rng.choice(story_text.VISIT_BODIES).format(child=name),
                    child_seen=seen,
                    child_seen_alone=seen and old_enough and self.rng.random() < 0.6,
                    location="Home",
                )
                if count % 3 == 0 and old_enough:
                    tool = self.rng.choice(list(story_text.DIRECT_WORK))
                    self._entry(
                        network_id,
                        worker_id,
                        day + timedelta(days=self.rng.randint(1, 4)),
                        children[:1],
                        kind="direct_work",
                        summary=f"Direct work with {name}",
                        direct_work_tool=tool,
                        child_words=self.rng.choice(story_text.DIRECT_WORK[tool]),
                        child_seen_alone=True,
                        location=self.rng.choice(["School", "Home", "Family centre"]),
                    )
                if count % 5 == 0 and self.rng.random() < 0.3:
                    self._entry(
                        network_id,
                        worker_id,
                        day,
                        children,
                        kind="family_words",
                        summary="In our words",
                        family_view=self.rng.choice(story_text.FAMILY_WORDS),
                    )
                day += timedelta(days=max(3, int(self.rng.gauss(every, every / 4))))
        self._meetings(since, network_of)

    def _meetings(self, since: date, network_of):
        """Strategy discussions and conferences, on the dates the section 47s and plans hold."""
        worker_at = {}
        for a in self.rows["allocations"]:
            worker_at.setdefault(a.child_id, []).append(a)

        def worker(child_id, day):
            for a in worker_at.get(child_id, []):
                if a.started_on <= day and (a.ended_on is None or a.ended_on >= day):
                    return a.worker_id
            return None

        cin = {e.id: e for e in self.rows["cin"]}
        plan_from = {(p.episode_id, p.started_on): p for p in self.rows["cp_plans"]}
        for enquiry in self.rows["section47s"]:
            child_id = cin[enquiry.episode_id].child_id
            if enquiry.started_on >= since and (author := worker(child_id, enquiry.started_on)):
                self._entry(
                    network_of[child_id],
                    author,
                    enquiry.started_on,
                    [child_id],
                    kind="meeting",
                    meeting_kind="strategy_discussion",
                    meeting_outcome="start_s47",
                    significant=True,
                    summary="Strategy discussion",
                    attendees="Police, health, school, social worker",
                    decisions="Reasonable cause to suspect significant harm: section 47 enquiry to start.",
                )
            if enquiry.icpc_date and enquiry.icpc_date >= since and (author := worker(child_id, enquiry.icpc_date)):
                plan = plan_from.get((enquiry.episode_id, enquiry.icpc_date))
                self._entry(
                    network_of[child_id],
                    author,
                    enquiry.icpc_date,
                    [child_id],
                    kind="meeting",
                    meeting_kind="initial_conference",
                    meeting_outcome="cp_plan" if plan else "no_plan_cin",
                    abuse_category=plan.initial_category if plan else "",
                    significant=True,
                    summary="Initial child protection conference",
                    attendees="Family, school, health, police",
                    decisions=(
                        "The conference agreed a child protection plan; the core group meets within 10 working days."
                        if plan
                        else "No plan: the family will be supported under a child in need plan."
                    ),
                    family_view="Mum said she wants to work with the plan.",
                )

        # Core groups: the first within 10 working days of the conference, then about monthly.
        for plan in self.rows["cp_plans"]:
            child_id = cin[plan.episode_id].child_id
            end = plan.ended_on or self.as_of
            day = self.calendar.add(plan.started_on, self.rng.randint(5, 10))
            while day <= end:
                if day >= since and (author := worker(child_id, day)):
                    self._entry(
                        network_of[child_id],
                        author,
                        day,
                        [child_id],
                        kind="meeting",
                        meeting_kind="core_group",
                        summary="Core group",
                        attendees="Mum, Dad, school, health visitor, social worker",
                        decisions="Plan reviewed action by action; the safety plan is holding.",
                        family_view=self.rng.choice(story_text.FAMILY_WORDS),
                    )
                day += timedelta(days=self.rng.randint(26, 40))

    def _entry(self, network_id, worker_id, day: date, about: list[int], **fields):
        if day > self.as_of:
            return
        at = timezone.make_aware(datetime.combine(day, time(self.rng.randint(9, 17), self.rng.choice([0, 15, 30, 45]))))
        entry_id = self.next_id("story")
        defaults = dict(
            child_seen=None,
            child_seen_alone=None,
            people_present="",
            location="",
            direct_work_tool="",
            child_words="",
            contact_method="",
            meeting_kind="",
            attendees="",
            decisions="",
            family_view="",
            body="",
            significant=False,
            agency_id=None,
            corrects_id=None,
            correction_reason="",
            visibility=_visibility(fields),
        )
        defaults.update(fields)
        self.rows["story"].append(
            Row(
                id=entry_id,
                network_id=network_id,
                author_id=worker_id,
                occurred_at=at,
                created_at=at,
                updated_at=at,
                finalised_at=at + timedelta(hours=2),
                status="final",
                version=1,
                **defaults,
            )
        )
        for person_id in about:
            self.rows["story_about"].append(
                Row(id=self.next_id("story_about"), storyentry_id=entry_id, person_id=person_id)
            )


# Who the demo's entries are written for, as a worker practising the model would write them: visits,
# conferences and core groups with the family (and so the partners in the core group); the family's
# words back to them; strategy discussions and direct work (the child's words, which may be about
# their parents) for staff.
FAMILY_VISIBLE_KINDS = {"home_visit", "family_words", "meeting"}


def _visibility(fields) -> str:
    if fields.get("meeting_kind") == "strategy_discussion":
        return "staff"
    return "family" if fields.get("kind") in FAMILY_VISIBLE_KINDS else "staff"
