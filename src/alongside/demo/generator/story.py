"""The story of each family worked with from six months before the practice model's go-live (or over
the last year, if that is longer, and on the large LA): visits and direct work at the rhythm each
service keeps, the calls, case notes, writing and management oversight around them, and the meetings
of the section 47 path on the dates the journey already holds. Every entry a member of staff writes
records its time spent, for the share of practice time spent with families (the 80:20 aim)."""

import random
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace as Row

from django.utils import timezone

from alongside.demo import story_text
from alongside.story.models import TIMED_KINDS
from alongside.workforce.models import Service, StaffRole

# Days between visits, by the service holding the case (local practice; timescales.md).
VISIT_EVERY = {
    Service.FAMILY_SAFEGUARDING: 15,
    Service.DISABLED_CHILDREN: 28,
    Service.CHILDREN_IN_CARE: 42,
    Service.CARE_LEAVERS: 56,
    Service.EARLY_HELP: 14,
}
# The story covers the last year, reaching back to six months before go-live where that is at most
# three and a half years back (small, medium), so time spent can be compared before and after it. Not
# for the large LA (go-live four years back): four and a half years of story, at the density below,
# made 2.9 million rows and took its seeding to 76 s, past the minute it must stay under.
STORY_MONTHS = 12
MONTHS_BEFORE_GO_LIVE = 6
MAX_STORY_MONTHS = 42

# Time spent, and how it moves when the practice model starts: the seed LAs report workers freed from
# administration (pods share it) to spend longer with families, and nobody reaches 80:20. The aim
# for the demo is a direct share (home visits and direct work, of all minutes staff record) of about
# 30% before go-live and about 45% after. Minutes are drawn in steps of 5, as people record them.
# For each visit, by period:
#                         before             after
#   home visit            45-75 min          60-90 min
#   direct work           every 3rd visit    every 2nd visit      30-60 min (children of 4 and over)
#   calls and messages    1                  1                    5-20 min
#   case notes            2.3                1.5                  10-30 min; two in five are writing (a
#                                                                 report, an assessment): 60-150 min
#   meetings              on the journey's dates, as before go-live: 60-120 min
#   management oversight  about every six weeks per family, by the pod's manager: 10-20 min
# Few, long pieces of administration rather than many short ones keep the story's rows (and the
# seeding time) down for the same minutes. Worked through for one visit, before: direct 60 + 45/3 =
# 75 minutes; a call 12.5; case notes 2.3 x (0.6 x 20 + 0.4 x 105) = 2.3 x 54 = 124; so
# 75 / (75 + 12.5 + 124) = 35% before meetings and oversight. After: 75 + 45/2 = 97.5; 12.5;
# 1.5 x 54 = 81; so 97.5 / 191 = 51%. Meetings and oversight (about a tenth of all minutes), and young
# children who have no direct work, bring these to what the small LA measures with its handovers'
# joint visits (seed 11): 30.0% before (home visits 26.1%, direct work 3.9%; case notes 54.2%, calls
# 5.5%, meetings 7.7%, oversight 2.7%) and 45.4% after (37.3%, 8.1%; 39.8%, 6.1%, 5.7%, 3.0%). The
# medium LA (seed 1) measures 30.4% and 44.9%. demo/tests/test_time_spent.py holds both in a band.
DIRECT_WORK_EVERY = {"before": 3, "after": 2}
VISIT_MINUTES = {"before": (45, 75), "after": (60, 90)}
CONTACTS_PER_VISIT = {"before": 1.0, "after": 1.0}
CASE_NOTES_PER_VISIT = {"before": 2.3, "after": 1.5}
WRITING_SHARE = 0.4
MINUTES = {
    "direct_work": (30, 60),
    "contact": (5, 20),
    "meeting": (60, 120),
    "case_note": (10, 30),
    "writing": (60, 150),
    "management_oversight": (10, 20),
}
CONTACT_METHODS = ["phone"] * 5 + ["text"] * 3 + ["email"] + ["video"]
OVERSIGHT_EVERY = 42

_BLANK = dict(
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
    minutes=None,
)


def _count(rng, mean: float) -> int:
    """A whole number of things whose average is mean: 2.5 is 2 or 3, half and half."""
    whole = int(mean)
    return whole + (rng.random() < mean - whole)


class StoryMixin:
    def story_since(self) -> date:
        """The first of the month six months before go-live, so that time spent can be compared before
        and after it; or of the month a year back, if that is earlier, or if go-live is further back
        than MAX_STORY_MONTHS allows (the large LA)."""
        before_go_live = self.go_live - timedelta(days=MONTHS_BEFORE_GO_LIVE * 30)
        last_year = self.as_of - timedelta(days=STORY_MONTHS * 30)
        if before_go_live < self.as_of - timedelta(days=MAX_STORY_MONTHS * 30):
            since = last_year
        else:
            since = min(before_go_live, last_year)
        return since.replace(day=1)  # whole months, so the first month's figures are not a few days'

    def write_story(self):
        self.rows["story"] = []
        self.rows["story_about"] = []
        # The story draws from its own generator, so a change to the story leaves what is generated
        # after it (plans, assessments, supervision, ...) as it was.
        self._story_rng = random.Random(f"{self.size.name}:{self.seed}:story")
        rng = self._story_rng
        self._staff_ids = {staff.id for staff in self.rows["staff"]}
        # Looked up once: timezone.make_aware per entry was a third of the story's generating time.
        self._tz = timezone.get_current_timezone()
        since = self._story_since = self.story_since()
        network_of = {m.person_id: m.network_id for m in self.rows["members"] if m.role == "child"}
        first_name = {p.id: p.first_name for p in self.rows["people"]}
        born = {p.id: p.date_of_birth for p in self.rows["people"]}
        service_of_pod = {
            pod.id: team.service for pod in self.rows["pods"] for team in self.rows["teams"] if team.id == pod.team_id
        }
        managers = {}
        for staff in self.rows["staff"]:
            if staff.role == StaffRole.TEAM_MANAGER and staff.pod_id is not None:
                managers.setdefault(staff.pod_id, []).append(staff)

        def manager_on(pod_id, day):
            for m in managers.get(pod_id, ()):
                if m.started_on <= day and (m.left_on is None or m.left_on > day):
                    return m.id
            return None

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
            name = first_name[children[0]]
            day = start + timedelta(days=rng.randint(2, every))
            # The calls and checks before the first visit, in proportion to the part of a cycle it is, so
            # the story's first months are like any other.
            lead_in = (day - start).days / every
            self._administration(network_id, worker_id, start, day, children, name, self.period(start), lead_in)
            count = 0
            while day <= end:
                count += 1
                period = self.period(day)
                seen = rng.random() < 0.92
                old_enough = all((born[c] or day) <= day - timedelta(days=4 * 365) for c in children)
                self._entry(
                    network_id,
                    worker_id,
                    day,
                    children,
                    rng=rng,
                    kind="home_visit",
                    summary=rng.choice(story_text.VISIT_SUMMARIES),
                    body=rng.choice(story_text.VISIT_BODIES).format(child=name),
                    child_seen=seen,
                    child_seen_alone=seen and old_enough and rng.random() < 0.6,
                    location="Home",
                )
                if count % DIRECT_WORK_EVERY[period] == 0 and old_enough:
                    tool = rng.choice(list(story_text.DIRECT_WORK))
                    self._entry(
                        network_id,
                        worker_id,
                        day + timedelta(days=rng.randint(1, 4)),
                        children[:1],
                        rng=rng,
                        kind="direct_work",
                        summary=f"Direct work with {name}",
                        direct_work_tool=tool,
                        child_words=rng.choice(story_text.DIRECT_WORK[tool]),
                        child_seen_alone=True,
                        location=rng.choice(["School", "Home", "Family centre"]),
                    )
                if count % 5 == 0 and rng.random() < 0.3:
                    self._entry(
                        network_id,
                        worker_id,
                        day,
                        children,
                        rng=rng,
                        kind="family_words",
                        summary="In our words",
                        family_view=rng.choice(story_text.FAMILY_WORDS),
                    )
                following = day + timedelta(days=max(3, int(rng.gauss(every, every / 4))))
                until = min(following, end)  # the last cycle is cut short by the case closing, or today
                cycle = (until - day).days / (following - day).days
                self._administration(network_id, worker_id, day, until, children, name, period, cycle)
                day = following
            # The manager's oversight, about monthly while the family is open to the pod.
            day = start + timedelta(days=rng.randint(7, OVERSIGHT_EVERY))
            while day <= end:
                if manager := manager_on(pod_id, day):
                    summary, body = rng.choice(story_text.OVERSIGHT)
                    self._entry(
                        network_id,
                        manager,
                        day,
                        children,
                        rng=rng,
                        kind="management_oversight",
                        summary=summary,
                        body=body,
                    )
                day += timedelta(days=rng.randint(OVERSIGHT_EVERY - 5, OVERSIGHT_EVERY + 5))
        self._meetings(since, network_of)

    def _administration(
        self, network_id, worker_id, day: date, until: date, children, name: str, period: str, cycles: float = 1
    ):
        """The calls, messages and case notes between one visit and the next (or a part of that)."""
        rng = self._story_rng
        span = max(1, (until - day).days)
        for _ in range(_count(rng, CONTACTS_PER_VISIT[period] * cycles)):
            method = rng.choice(CONTACT_METHODS)
            self._entry(
                network_id,
                worker_id,
                day + timedelta(days=rng.randrange(span)),
                children,
                rng=rng,
                kind="contact",
                contact_method=method,
                summary=rng.choice(story_text.CONTACT_SUMMARIES[method]),
            )
        for _ in range(_count(rng, CASE_NOTES_PER_VISIT[period] * cycles)):
            if rng.random() < WRITING_SHARE:
                (summary, body), minutes = rng.choice(story_text.WRITING_TASKS), _draw(rng, "writing")
            else:
                (summary, body), minutes = rng.choice(story_text.CASE_NOTES), None
            self._entry(
                network_id,
                worker_id,
                day + timedelta(days=rng.randrange(span)),
                children[:1],  # about the child it names, like direct work
                rng=rng,
                kind="case_note",
                summary=summary,
                body=body.format(child=name),
                minutes=minutes,
            )

    def _meetings(self, since: date, network_of):
        """Strategy discussions and conferences, on the dates the section 47s and plans hold."""
        rng = self._story_rng
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
                    rng=rng,
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
                    rng=rng,
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
            day = self.calendar.add(plan.started_on, rng.randint(5, 10))
            while day <= end:
                if day >= since and (author := worker(child_id, day)):
                    self._entry(
                        network_of[child_id],
                        author,
                        day,
                        [child_id],
                        rng=rng,
                        kind="meeting",
                        meeting_kind="core_group",
                        summary="Core group",
                        attendees="Mum, Dad, school, health visitor, social worker",
                        decisions="Plan reviewed action by action; the safety plan is holding.",
                        family_view=rng.choice(story_text.FAMILY_WORDS),
                    )
                day += timedelta(days=rng.randint(26, 40))

    def _entry(self, network_id, worker_id, day: date, about: list[int], rng=None, **fields):
        """One finished entry, written by worker_id (a user id). Staff's practice entries carry their
        time spent unless the caller gives it; the minutes come from the story's own generator, so
        callers outside the story (handovers, the portal families) draw from theirs as before."""
        if day > self.as_of:
            return
        rng = rng or self.rng
        at = datetime.combine(day, time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))), self._tz)
        entry_id = self.next_id("story")
        values = {**_BLANK, "visibility": _visibility(fields), **fields}
        # Time is recorded where the story is whole: a handover's joint visit years back, alone in its
        # month, would otherwise read as a month spent wholly with families.
        timed = values["kind"] in TIMED_KINDS and worker_id in self._staff_ids and day >= self._story_since
        if values["minutes"] is None and timed:
            values["minutes"] = self._minutes(values["kind"], day)
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
                **values,
            )
        )
        for person_id in about:
            self.rows["story_about"].append(
                Row(id=self.next_id("story_about"), storyentry_id=entry_id, person_id=person_id)
            )

    def _minutes(self, kind: str, day: date) -> int:
        if kind == "home_visit":
            low, high = VISIT_MINUTES[self.period(day)]
            return 5 * self._story_rng.randint(low // 5, high // 5)
        return _draw(self._story_rng, kind)


def _draw(rng, kind: str) -> int:
    low, high = MINUTES[kind]
    return 5 * rng.randint(low // 5, high // 5)


# Who the demo's entries are written for, as a worker practising the model would write them: visits,
# conferences and core groups with the family (and so the partners in the core group); the family's
# words back to them; strategy discussions and direct work (the child's words, which may be about
# their parents) for staff.
FAMILY_VISIBLE_KINDS = {"home_visit", "family_words", "meeting"}


def _visibility(fields) -> str:
    if fields.get("meeting_kind") == "strategy_discussion":
        return "staff"
    return "family" if fields.get("kind") in FAMILY_VISIBLE_KINDS else "staff"
