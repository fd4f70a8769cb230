"""The synthetic local authority: families and their journeys through children's services.

Deterministic for (size, seed, as-of date); the workforce is the same for any as-of date.
The simulation walks forward from the start of the history: new families are referred at the
national rate, each referral follows a path (no further action, assessed and closed, child in
need, section 47, child protection plan, care) with timings
drawn from the national figures, and families come back (re-referrals, step-ups from early help).
Everything planned to happen after the as-of date is cut off there, so open cases are open today.

The practice model's go-live date changes behaviour the way the seed LAs report: fewer worker
changes (continuity), lower staff turnover and agency use, and fewer plans and care entries.
"""

import heapq
import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from alongside.demo import distributions as dist
from alongside.demo.generator.assessments import AssessmentsMixin
from alongside.demo.generator.care import CareMixin
from alongside.demo.generator.complaints import ComplaintsMixin
from alongside.demo.generator.families import FamiliesMixin
from alongside.demo.generator.journeys import JourneysMixin
from alongside.demo.generator.looked_after import LookedAfterMixin
from alongside.demo.generator.observations import ObservationsMixin
from alongside.demo.generator.plans import PlansMixin
from alongside.demo.generator.pulse import PulseMixin
from alongside.demo.generator.staffing import StaffingMixin
from alongside.demo.generator.state import DATA_FAULT_SHARE, RE_REFERRAL_LATER, RE_REFERRAL_SOON, Family
from alongside.demo.generator.story import StoryMixin
from alongside.demo.generator.supervision import SupervisionMixin
from alongside.demo.generator.training import TrainingMixin
from alongside.demo.names import NamePools
from alongside.demo.sizes import Size
from alongside.lib.working_days import calendar_for


class Generator(
    FamiliesMixin,
    StaffingMixin,
    JourneysMixin,
    CareMixin,
    LookedAfterMixin,
    StoryMixin,
    PlansMixin,
    AssessmentsMixin,
    SupervisionMixin,
    ObservationsMixin,
    PulseMixin,
    TrainingMixin,
    ComplaintsMixin,
):
    def __init__(self, size: Size, seed: int, as_of: date):
        self.size = size
        self.seed = seed
        self.as_of = as_of
        # Seeded by size and seed only: the workforce (and so the demo usernames) is the same whatever
        # the date, and journeys are drawn relative to the as-of date.
        self.rng = random.Random(f"{size.name}:{seed}")
        self.start = as_of - relativedelta(years=size.years)
        self.go_live = as_of - timedelta(days=int(size.go_live_years_ago * 365.25))
        self.calendar = calendar_for(self.start.year - 25, as_of.year + 25)
        self.names = NamePools(seed)
        self.rows: dict[str, list] = {
            name: []
            for name in (
                "users",
                "teams",
                "pods",
                "staff",
                "people",
                "networks",
                "members",
                "relationships",
                "early_help",
                "cin",
                "assessments",
                "cin_plans",
                "section47s",
                "cp_plans",
                "cp_reviews",
                "care",
                "care_leavers",
                "allocations",
                "agencies",
                "partner_members",
                "sharings",
            )
        }
        self._ids: dict[str, int] = {}
        self._nhs_counter = 0
        self._upn_counter = 0
        self.families: list[Family] = []
        self._queue: list = []
        self._sequence = 0

    def next_id(self, kind: str) -> int:
        self._ids[kind] = self._ids.get(kind, 0) + 1
        return self._ids[kind]

    def period(self, day: date) -> str:
        return "before" if day < self.go_live else "after"

    def run(self) -> dict[str, list]:
        self.build_workforce()
        self.build_agencies()
        self.schedule_new_families()
        while self._queue:
            day, _, family, source = heapq.heappop(self._queue)
            if day > self.as_of:
                break
            self.refer(family, day, source)
        self.drop_rows_after_as_of()
        self.inject_data_faults()
        self.write_story()
        self.write_plans()
        self.write_assessments()
        self.write_looked_after_reviews()
        self.write_looked_after_details()
        self.write_supervision()
        self.write_observations()
        self.write_pulse()
        self.write_training()
        self.write_complaints()
        return self.rows

    def drop_rows_after_as_of(self):
        """Journeys are planned whole; what would start after the as-of date has not happened yet."""
        for table, field_name in (
            ("cin_plans", "started_on"),
            ("section47s", "started_on"),
            ("cp_plans", "started_on"),
            ("early_help", "started_on"),
        ):
            self.rows[table] = [r for r in self.rows[table] if getattr(r, field_name) <= self.as_of]
        kept_plans = {plan.id for plan in self.rows["cp_plans"]}
        self.rows["cp_reviews"] = [r for r in self.rows["cp_reviews"] if r.plan_id in kept_plans]

    def schedule(self, day: date, family: Family | None, source: str | None = None):
        self._sequence += 1
        heapq.heappush(self._queue, (day, self._sequence, family, source))

    def schedule_new_families(self):
        per_year = dist.REFERRALS_PER_10K * self.size.child_population / 10_000
        # Each family referral covers ~1.8 children; about a third of referrals are families returning.
        new_per_year = per_year / 1.8 * (1 - RE_REFERRAL_SOON - RE_REFERRAL_LATER * 0.5)
        days = (self.as_of - self.start).days
        count = int(new_per_year * days / 365.25)
        for _ in range(count):
            day = self.start + timedelta(days=self.rng.randrange(days))
            # Police notifications and hospitals refer at weekends too; most referrals are weekdays.
            weekday_move = self.rng.random() < 0.8  # drawn every time, so the draws do not depend on the date
            if day.weekday() >= 5 and weekday_move:
                day += timedelta(days=7 - day.weekday())
            self.schedule(day, None)

    def cut(self, day: date | None) -> date | None:
        return day if day is not None and day <= self.as_of else None

    def inject_data_faults(self):
        """A small share of open cases miss what the returns need, as in any real record, so that
        the data officer's checks and the return validation have something true to find."""
        open_children = {e.child_id for e in self.rows["cin"] if e.closure_date is None and not e.referral_nfa}
        people_by_id = {p.id: p for p in self.rows["people"] if p.id in open_children}
        open_episodes = [e for e in self.rows["cin"] if e.closure_date is None and not e.referral_nfa]
        faults = []
        for person in people_by_id.values():
            if self.rng.random() < DATA_FAULT_SHARE:
                faults.append((person, self.rng.choice(["ethnicity", "upn", "disability", "need", "factors"])))
        # Even a small LA's census has a gap that blocks it, so the data officer has one to put right.
        if not any(kind in ("disability", "need") for _, kind in faults) and people_by_id:
            faults.append((people_by_id[min(people_by_id)], "need"))
        for person, fault in faults:
            if fault == "ethnicity":
                person.ethnicity = "NOBT"
            elif fault == "upn" and person.upn:
                person.upn, person.upn_unknown = "", ""
            elif fault == "disability":
                person.disabilities = []
            elif fault == "need":
                for episode in open_episodes:
                    if episode.child_id == person.id:
                        episode.primary_need = ""
            elif fault == "factors":
                # An assessment signed off without its factors (CIN census 8897Q).
                episode_ids = {e.id for e in open_episodes if e.child_id == person.id}
                for assessment in self.rows["assessments"]:
                    if assessment.episode_id in episode_ids and assessment.authorised_on:
                        assessment.factors = []
