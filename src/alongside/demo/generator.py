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
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace as Row

from dateutil.relativedelta import relativedelta

from alongside.codes import UPN_LA_CODES
from alongside.demo import distributions as dist
from alongside.demo.names import NamePools
from alongside.demo.sizes import Size
from alongside.demo.workforce_sim import Post, build_posts, fill_posts
from alongside.journey import models as journey
from alongside.lib.working_days import calendar_for
from alongside.partners import models as partners
from alongside.people import models as people
from alongside.people.identifiers import nhs_number_check_digit, phonetic_key, upn_check_letter
from alongside.workforce import models as workforce
from alongside.workforce.models import AllocationEndReason, AllocationReason, Service, StaffRole

LA_NAME = "Kestrel Vale"
# A DfE LA number is needed for the returns' headers; 999 is not any real council's.
LA_DFE_CODE = "999"
# UPNs are issued by the LA where a child first went to school: mostly this LA's neighbours.
UPN_ISSUERS = ["873", "874", "886", "919", "935"]
assert all(code in UPN_LA_CODES for code in UPN_ISSUERS)


@dataclass
class Child:
    person: Row
    born: date  # date of birth, or expected date for an unborn child
    previous_cp_plans: int = 0
    in_care_until: date | None = None
    supported_until: date = date.min  # as a care leaver, to 21

    def available_on(self, day: date) -> bool:
        return -0.75 < self.age_on(day) < 18 and self.in_care_until is None and day >= self.supported_until

    def age_on(self, day: date) -> float:
        return (day - self.born).days / 365.25


@dataclass
class Family:
    network_id: int
    children: list[Child]
    adults: list[Row]
    school: int
    uasc: bool = False
    busy_until: date = date.min
    posts: dict = field(default_factory=dict)  # service -> Post last allocated, for continuity
    referrals: int = 0


# Probabilities of each path at referral (shares of referrals, §1 and §3 of national figures):
# NFA 6.5%; assessed not in need 30.8%; s47 36% (here 30% at referral plus escalations);
# ICPC 31% of s47; CP plan 86% of ICPC; care entry ~26 per 10k children a year.
PATHS = {
    "before": dist.Weighted({"nfa": 6.5, "not_in_need": 30.0, "cin": 28.5, "s47": 30.0, "care": 5.0}),
    "after": dist.Weighted({"nfa": 6.5, "not_in_need": 31.0, "cin": 30.5, "s47": 28.0, "care": 4.0}),
}
ICPC_SHARE = {"before": 0.34, "after": 0.29}
CP_TO_CARE = {"before": 0.22, "after": 0.17}
# Chance that a returning family gets the post (and so usually the worker) they had before.
CONTINUITY = {"before": 0.3, "after": 0.85}
# Chance that the case moves to a different worker when the assessment ends (the old
# assessment-team-to-long-term-team handoff that pods remove).
HANDOFF_AFTER_ASSESSMENT = {"before": 0.7, "after": 0.1}
# Share of referrals that are about a family already known (re-referral within 12 months 22.6%).
RE_REFERRAL_SOON = 0.36
RE_REFERRAL_LATER = 0.12
DATA_FAULT_SHARE = 0.025


class Generator:
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

    # ---- ids and identifiers -------------------------------------------------------------
    def next_id(self, kind: str) -> int:
        self._ids[kind] = self._ids.get(kind, 0) + 1
        return self._ids[kind]

    def nhs_number(self) -> str:
        # 999 000 0000 to 999 999 9999 is the NHS range set aside for test data: never a real patient.
        while True:
            self._nhs_counter += 1
            first_nine = f"999{self._nhs_counter:06d}"
            check = nhs_number_check_digit(first_nine)
            if check is not None:
                return f"{first_nine}{check}"

    def upn(self) -> str:
        self._upn_counter += 1
        body = f"{self.rng.choice(UPN_ISSUERS)}{self._upn_counter:08d}"[:11] + str(self._upn_counter % 10)
        return upn_check_letter(body) + body

    def period(self, day: date) -> str:
        return "before" if day < self.go_live else "after"

    # ---- the run -------------------------------------------------------------------------
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

    # ---- workforce -------------------------------------------------------------------------
    def build_workforce(self):
        population = self.size.child_population

        # Open cases per 10k children, as the simulation produces them: child in need and protection
        # ~280 in family safeguarding (which, after go-live, keeps many children who come into care),
        # disabled children ~45, children in care ~35, care leavers ~30, and the early help that
        # follows a step-down ~30. A case-holding post holds ~15 children (the
        # national caseload, 15.2); a pod has 7.6 weighted case-holding posts.
        def pods_for(per_10k: float, per_post: float = 14, posts_per_pod: float = 7.6) -> int:
            return max(1, round(per_10k * population / 10_000 / per_post / posts_per_pod))

        service_pods = {
            Service.FRONT_DOOR: max(1, round(population / 60_000)),
            Service.FAMILY_SAFEGUARDING: pods_for(280, per_post=15),
            Service.DISABLED_CHILDREN: pods_for(45, per_post=15),
            Service.CHILDREN_IN_CARE: pods_for(35, per_post=15),
            Service.CARE_LEAVERS: pods_for(30, per_post=18, posts_per_pod=6),
            Service.EARLY_HELP: pods_for(30, per_post=12, posts_per_pod=7),
        }
        teams, pods, posts = build_posts(service_pods=service_pods, rng=self.rng)
        for index, (name, service) in enumerate(teams, start=1):
            self.rows["teams"].append(Row(id=index, name=name, service=service))
        for index, (name, team_index) in enumerate(pods, start=1):
            self.rows["pods"].append(Row(id=index, name=name, team_id=team_index + 1))
        fill_posts(
            posts,
            start=self.start,
            as_of=self.as_of,
            go_live=self.go_live,
            rng=self.rng,
            next_staff_id=lambda: self.next_id("staff"),
        )
        self.posts = posts
        self.posts_by_service: dict[Service, tuple[list[Post], dist.Weighted]] = {}
        for service in service_pods:
            holding = [p for p in posts if p.service == service and p.weight > 0]
            self.posts_by_service[service] = (holding, dist.Weighted({i: p.weight for i, p in enumerate(holding)}))
        self._make_staff_rows(posts)

    def _make_staff_rows(self, posts: list[Post]):
        used_usernames: set[str] = set()
        heads = [p for p in posts if p.role == StaffRole.HEAD_OF_SERVICE]
        head_for_service = {
            Service.FAMILY_SAFEGUARDING: heads[0],
            Service.DISABLED_CHILDREN: heads[0],
            Service.FRONT_DOOR: heads[0],
            Service.CHILDREN_IN_CARE: heads[1],
            Service.CARE_LEAVERS: heads[1],
            Service.EARLY_HELP: heads[2],
            Service.LEADERSHIP: heads[0],
        }
        managers = {(p.team_index, p.pod_index): p for p in posts if p.role == StaffRole.TEAM_MANAGER}
        for post in posts:
            for holder in post.holders:
                sex = self.rng.choice("FFFM")  # about four in five children's social workers are women
                ethnicity = dist.ETHNICITY.draw(self.rng)
                locale = self.names.locale_for(ethnicity, self.rng)
                first = self.names.first_name(locale, sex, self.rng)
                last = self.names.last_name(locale, self.rng)
                username = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
                while username in used_usernames:
                    username = f"{first}.{last}{self.rng.randint(2, 99)}".lower().replace(" ", "").replace("'", "")
                used_usernames.add(username)
                # The manager is whoever held the line-manager post when this worker was last in post.
                on = holder.left_on or self.as_of
                if post.role == StaffRole.HEAD_OF_SERVICE or post.service == Service.LEADERSHIP:
                    manager_post = None if post.role == StaffRole.HEAD_OF_SERVICE else heads[0]
                elif post.role == StaffRole.TEAM_MANAGER:
                    manager_post = head_for_service[post.service]
                else:
                    manager_post = managers[(post.team_index, post.pod_index)]
                manager_id = manager_post.holder_at(on).staff_id if manager_post else None
                self.rows["users"].append(
                    dict(
                        id=holder.staff_id,
                        username=username,
                        first_name=first,
                        last_name=last,
                        email=f"{username}@kestrelvale.example",
                        is_active=holder.left_on is None,
                    )
                )
                social_worker = post.role in (
                    StaffRole.SOCIAL_WORKER,
                    StaffRole.SENIOR_SOCIAL_WORKER,
                    StaffRole.NQSW,
                    StaffRole.TEAM_MANAGER,
                    StaffRole.PRINCIPAL_SOCIAL_WORKER,
                    StaffRole.HEAD_OF_SERVICE,
                )
                self.rows["staff"].append(
                    Row(
                        id=holder.staff_id,
                        user_id=holder.staff_id,
                        first_name=first,
                        last_name=last,
                        role=post.role,
                        team_id=post.team_index + 1,
                        pod_id=post.pod_index + 1 if post.pod_index is not None else None,
                        manager_id=manager_id if manager_id != holder.staff_id else None,
                        employment=workforce.Employment.AGENCY if holder.agency else workforce.Employment.PERMANENT,
                        registration_number=f"SW{100000 + holder.staff_id}" if social_worker else "",
                        started_on=holder.started_on,
                        left_on=holder.left_on,
                    )
                )

    def build_agencies(self):
        schools = max(3, self.size.child_population // 1500)
        places = [
            f"{a} {b}"
            for a in (
                "St Mary's",
                "Oakfield",
                "Riverside",
                "Hillcrest",
                "Meadow",
                "Castle",
                "Kingsway",
                "Brook",
                "Elm",
                "Harbour",
                "Beacon",
                "Priory",
            )
            for b in (
                "Primary School",
                "Academy",
                "Church of England Primary",
                "High School",
                "Community School",
                "Junior School",
            )
        ]
        self.rng.shuffle(places)
        agencies = [(name, partners.AgencyKind.SCHOOL) for name in places[:schools]]
        agencies += [
            (f"{LA_NAME} Health Visiting Service", partners.AgencyKind.HEALTH),
            (f"{LA_NAME} Police Public Protection Unit", partners.AgencyKind.POLICE),
        ]
        titles = {
            partners.AgencyKind.SCHOOL: "Designated safeguarding lead",
            partners.AgencyKind.HEALTH: "Health visitor, safeguarding",
            partners.AgencyKind.POLICE: "Detective sergeant, public protection",
        }
        for index, (name, kind) in enumerate(agencies, start=1):
            self.rows["agencies"].append(Row(id=index, name=name, kind=kind))
            user_id = 100_000 + index
            first = self.names.first_name("en_GB", self.rng.choice("FM"), self.rng)
            last = self.names.last_name("en_GB", self.rng)
            username = f"{first}.{last}.{index}".lower().replace(" ", "").replace("'", "")
            self.rows["users"].append(
                dict(
                    id=user_id,
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@partner.example",
                    is_active=True,
                )
            )
            self.rows["partner_members"].append(
                Row(
                    id=index, user_id=user_id, agency_id=index, first_name=first, last_name=last, job_title=titles[kind]
                )
            )
        self.school_count = schools
        self.health_agency = schools + 1
        self.police_agency = schools + 2

    # ---- people --------------------------------------------------------------------------
    def person(
        self,
        *,
        first: str,
        last: str,
        sex: str,
        born: date | None,
        expected: date | None = None,
        ethnicity: str,
        child: bool,
    ) -> Row:
        person_id = self.next_id("person")
        upn, upn_unknown = "", ""
        if child:
            age_now = (self.as_of - (born or expected)).days / 365.25
            if expected and not born:
                upn_unknown = "UN6"
            elif age_now < 5:
                upn_unknown = "UN1"
            elif self.rng.random() < 0.96:
                upn = self.upn()
            else:
                upn_unknown = self.rng.choice(["UN2", "UN3", "UN4"])
        disabilities = []
        if child:
            disabilities = ["NONE"]
            if self.rng.random() < 0.12:
                disabilities = sorted({dist.DISABILITY.draw(self.rng) for _ in range(self.rng.choice([1, 1, 2]))})
        person = Row(
            id=person_id,
            la_id=f"{1_000_000 + person_id}",
            nhs_number=self.nhs_number(),
            upn=upn,
            upn_unknown=upn_unknown,
            first_name=first,
            last_name=last,
            date_of_birth=born,
            expected_date_of_birth=expected,
            sex=sex,
            ethnicity=ethnicity,
            disabilities=disabilities,
            first_name_key=phonetic_key(first),
            last_name_key=phonetic_key(last),
        )
        self.rows["people"].append(person)
        return person

    def new_family(self, day: date, *, uasc: bool = False) -> Family:
        network_id = self.next_id("network")
        if uasc:
            ethnicity = self.rng.choice(["BAFR", "AOTH", "OOTH", "BOTH"])
        else:
            ethnicity = dist.ETHNICITY.draw(self.rng)
        locale = self.names.locale_for(ethnicity, self.rng)
        surname = self.names.last_name(locale, self.rng)
        index_age = dist.AGE_AT_REFERRAL.draw(self.rng) if not uasc else self.rng.uniform(15.5, 17.5)
        count = 1 if uasc else dist.SIBLING_GROUP_SIZE.draw(self.rng)
        ages = [index_age] + [
            max(0.1, index_age + self.rng.choice([-1, 1]) * self.rng.uniform(1, 6)) for _ in range(count - 1)
        ]
        children: list[Child] = []
        for age in sorted(ages, reverse=True):
            born = day - timedelta(days=int(age * 365.25))
            sex = "M" if uasc or self.rng.random() < 0.53 else "F"
            expected = None
            if born > day:  # an unborn baby: pre-birth referral
                expected, born_on = born, (born if born <= self.as_of else None)
            else:
                born_on = born
            person = self.person(
                first=self.names.first_name(locale, sex, self.rng),
                last=surname,
                sex=sex,
                born=born_on,
                expected=None if born_on else expected,
                ethnicity=ethnicity,
                child=True,
            )
            # DfE counts previous plans anywhere: some children had one in another LA, or before
            # this LA's records begin (national figure: 24.5% of plans are second or later).
            children.append(Child(person, born, previous_cp_plans=1 if self.rng.random() < 0.15 else 0))
        oldest = max(c.age_on(day) for c in children)
        adults: list[Row] = []
        roles = []
        if not uasc:
            mother_age = oldest + self.rng.uniform(18, 36)
            mother = self.person(
                first=self.names.first_name(locale, "F", self.rng),
                last=surname,
                sex="F",
                born=day - timedelta(days=int(mother_age * 365.25)),
                ethnicity=ethnicity,
                child=False,
            )
            adults.append(mother)
            roles.append((mother, people.NetworkRole.PARENT, people.RelationshipKind.MOTHER, True))
            if self.rng.random() < 0.65:
                father = self.person(
                    first=self.names.first_name(locale, "M", self.rng),
                    last=surname if self.rng.random() < 0.6 else self.names.last_name(locale, self.rng),
                    sex="M",
                    born=day - timedelta(days=int((mother_age + self.rng.uniform(-2, 8)) * 365.25)),
                    ethnicity=ethnicity,
                    child=False,
                )
                adults.append(father)
                roles.append(
                    (father, people.NetworkRole.PARENT, people.RelationshipKind.FATHER, self.rng.random() < 0.7)
                )
            if self.rng.random() < 0.35:
                gran = self.person(
                    first=self.names.first_name(locale, "F", self.rng),
                    last=surname,
                    sex="F",
                    born=day - timedelta(days=int((mother_age + self.rng.uniform(18, 30)) * 365.25)),
                    ethnicity=ethnicity,
                    child=False,
                )
                adults.append(gran)
                roles.append((gran, people.NetworkRole.RELATIVE, people.RelationshipKind.GRANDPARENT, False))
            if self.rng.random() < 0.1:
                friend_locale = self.names.locale_for(dist.ETHNICITY.draw(self.rng), self.rng)
                friend = self.person(
                    first=self.names.first_name(friend_locale, "F", self.rng),
                    last=self.names.last_name(friend_locale, self.rng),
                    sex="F",
                    born=day - timedelta(days=int(self.rng.uniform(25, 60) * 365.25)),
                    ethnicity=dist.ETHNICITY.draw(self.rng),
                    child=False,
                )
                adults.append(friend)
                roles.append((friend, people.NetworkRole.FRIEND, people.RelationshipKind.FAMILY_FRIEND, False))
        name = f"{surname} family" if not uasc else f"{children[0].person.first_name} {surname}"
        self.rows["networks"].append(Row(id=network_id, name=name))
        for child in children:
            self._member(network_id, child.person, people.NetworkRole.CHILD, day)
        for adult, role, kind, parental_responsibility in roles:
            self._member(network_id, adult, role, day)
            for child in children:
                self._relationship(
                    adult,
                    child.person,
                    kind,
                    parental_responsibility,
                    lives_with=role == people.NetworkRole.PARENT and self.rng.random() < 0.8,
                )
        for a in children:
            for b in children:
                if a is not b:
                    self._relationship(a.person, b.person, people.RelationshipKind.SIBLING, False, True)
        family = Family(network_id, children, adults, school=self.rng.randrange(self.school_count), uasc=uasc)
        self.families.append(family)
        return family

    def _member(self, network_id, person, role, day):
        self.rows["members"].append(
            Row(id=self.next_id("member"), network_id=network_id, person_id=person.id, role=role, joined_on=day)
        )

    def _relationship(self, a, b, kind, parental_responsibility, lives_with):
        self.rows["relationships"].append(
            Row(
                id=self.next_id("relationship"),
                from_person_id=a.id,
                to_person_id=b.id,
                kind=kind,
                parental_responsibility=parental_responsibility,
                lives_with=lives_with,
            )
        )

    # ---- allocation ----------------------------------------------------------------------
    def choose_post(self, family: Family, service: Service, day: date) -> Post:
        previous = family.posts.get(service)
        if previous is not None and self.rng.random() < CONTINUITY[self.period(day)]:
            return previous
        post = self.least_loaded_post(service, day)
        family.posts[service] = post
        return post

    def least_loaded_post(self, service: Service, day: date) -> Post:
        """The lightest-loaded of three posts drawn by weight: managers balance caseloads, but
        not perfectly (continuity and sibling groups still push some workers over)."""
        holding, weights = self.posts_by_service[service]
        best, best_load = None, None
        for _ in range(3):
            post = holding[weights.draw(self.rng)]
            ends = post.open_ends
            while ends and ends[0] <= day:
                heapq.heappop(ends)
            load = len(ends) / post.weight
            if best_load is None or load < best_load:
                best, best_load = post, load
        return best

    def allocate(self, children: list[Child], post: Post, start: date, end: date, reason: str, closes: bool) -> None:
        """Allocates each child to whoever holds `post` across [start, end], cut at the as-of date."""
        if start > self.as_of:
            return
        cut_end = end if end <= self.as_of else None
        pieces = list(post.spans(start, cut_end))
        for _ in children:
            heapq.heappush(post.open_ends, end)
        for child in children:
            for index, (holder, begin, finish) in enumerate(pieces):
                last = index == len(pieces) - 1
                if finish is None:
                    end_reason = ""
                elif last:
                    end_reason = AllocationEndReason.CASE_CLOSED if closes else AllocationEndReason.WORKER_CHANGED
                else:
                    end_reason = AllocationEndReason.WORKER_CHANGED
                self.rows["allocations"].append(
                    Row(
                        id=self.next_id("allocation"),
                        child_id=child.person.id,
                        worker_id=holder.staff_id,
                        pod_id=None if post.pod_index is None else post.pod_index + 1,
                        started_on=begin,
                        ended_on=finish,
                        reason=reason if index == 0 else AllocationReason.WORKER_LEFT,
                        end_reason=end_reason,
                    )
                )

    # ---- journeys ------------------------------------------------------------------------
    def cut(self, day: date | None) -> date | None:
        return day if day is not None and day <= self.as_of else None

    def refer(self, family: Family | None, day: date, source: str | None):
        period = self.period(day)
        path = PATHS[period].draw(self.rng)
        if family is None:
            uasc = path == "care" and self.rng.random() < 0.3
            family = self.new_family(day, uasc=uasc)
        if day < family.busy_until:
            return
        children = [c for c in family.children if c.available_on(day)]
        if not children:
            return
        family.referrals += 1
        if path == "care" and any(c.age_on(day) > 17.8 for c in children):
            path = "s47"  # nobody comes into care days before their 18th birthday
        source = source or ("5C" if family.uasc else dist.REFERRAL_SOURCE.draw(self.rng))
        need = "N8" if family.uasc else dist.PRIMARY_NEED.draw(self.rng)
        service = Service.DISABLED_CHILDREN if need == "N2" else Service.FAMILY_SAFEGUARDING
        if path == "nfa":
            close = self.calendar.add(day, self.rng.choice([0, 1]))
            episodes = self.open_cin(children, day, source, need="", nfa=True)
            self.close_cin(episodes, close, "RC7")
            self.allocate(
                children,
                self.choose_post(family, Service.FRONT_DOOR, day),
                day,
                close,
                AllocationReason.NEW_REFERRAL,
                closes=True,
            )
            self.after_closure(family, close)
            return

        episodes = self.open_cin(children, day, source, need=need, nfa=False)
        assessment_end = self.calendar.add(day, int(dist.ASSESSMENT_WORKING_DAYS.draw(self.rng)))
        post = self.choose_post(family, service, day)
        factors = self.factors(family, path)
        for episode in episodes:
            self.rows["assessments"].append(
                Row(
                    id=self.next_id("assessment"),
                    episode_id=episode.id,
                    started_on=day,
                    authorised_on=self.cut(assessment_end),
                    factors=factors if assessment_end <= self.as_of else [],
                )
            )

        if path == "not_in_need":
            self.allocate(children, post, day, assessment_end, AllocationReason.NEW_REFERRAL, closes=True)
            if self.rng.random() < 0.35:
                self.close_cin(episodes, assessment_end, "RC9")
                self.early_help(family, children, assessment_end)
            else:
                self.close_cin(episodes, assessment_end, "RC8")
                self.after_closure(family, assessment_end)
            return

        if path == "care":
            care_start = min(assessment_end, day + timedelta(days=self.rng.randint(0, 3)))
            self.allocate(children, post, day, care_start, AllocationReason.NEW_REFERRAL, closes=False)
            self.enter_care(family, children, episodes, care_start, post, need)
            return

        # The case continues after assessment: before go-live it usually moves to a new worker.
        continuing = post
        if self.rng.random() < HANDOFF_AFTER_ASSESSMENT[period]:
            continuing = self.least_loaded_post(service, assessment_end)
            family.posts[service] = continuing
        handoff = continuing is not post
        self.allocate(children, post, day, assessment_end, AllocationReason.NEW_REFERRAL, closes=False)
        next_reason = AllocationReason.TRANSFER if handoff else None

        if path == "cin":
            end = assessment_end + timedelta(days=int(self.rng.uniform(60, 420)))
            for episode in episodes:
                self.rows["cin_plans"].append(
                    Row(
                        id=self.next_id("cin_plan"),
                        episode_id=episode.id,
                        started_on=assessment_end,
                        ended_on=self.cut(end),
                    )
                )
            self.share(family, children, assessment_end, end, partners.SharingBasis.CHILD_IN_NEED_PLAN)
            self.continue_allocation(children, post, continuing, assessment_end, end, next_reason, closes=True)
            self.close_cin(episodes, end, "RC7")
            self.after_closure(family, end)
            return

        # Section 47 enquiry, strategy discussion within days of the referral.
        s47_start = self.calendar.add(day, self.rng.randint(0, 2))
        icpc = self.rng.random() < ICPC_SHARE[period]
        icpc_date = self.calendar.add(s47_start, int(dist.ICPC_WORKING_DAYS.draw(self.rng))) if icpc else None
        for episode in episodes:
            self.rows["section47s"].append(
                Row(
                    id=self.next_id("s47"),
                    episode_id=episode.id,
                    started_on=s47_start,
                    icpc_target_date=self.calendar.add(s47_start, 15) if icpc else None,
                    icpc_date=self.cut(icpc_date),
                    icpc_not_required=not icpc and s47_start <= self.as_of,
                )
            )
        self.share(
            family, children, s47_start, (icpc_date or assessment_end), partners.SharingBasis.SECTION_47, police=True
        )
        if not icpc or self.rng.random() > 0.86:
            # Concluded without a plan: most continue as child in need for a while.
            decided = max(assessment_end, icpc_date or assessment_end)
            if self.rng.random() < 0.45:
                end = decided + timedelta(days=int(self.rng.uniform(60, 300)))
                for episode in episodes:
                    self.rows["cin_plans"].append(
                        Row(
                            id=self.next_id("cin_plan"),
                            episode_id=episode.id,
                            started_on=decided,
                            ended_on=self.cut(end),
                        )
                    )
                self.continue_allocation(children, post, continuing, assessment_end, end, next_reason, closes=True)
                self.close_cin(episodes, end, "RC7")
                self.after_closure(family, end)
            else:
                self.continue_allocation(children, post, continuing, assessment_end, decided, next_reason, closes=True)
                self.close_cin(episodes, decided, "RC8" if decided == assessment_end else "RC7")
                self.after_closure(family, decided)
            return

        # Child protection plan from the ICPC.
        plan_end = icpc_date + timedelta(days=int(dist.CP_PLAN_MONTHS.draw(self.rng) * 30.4))
        # A plan outlasts the assessment that runs alongside the enquiry (nothing after closure, 8565).
        plan_end = max(plan_end, icpc_date + timedelta(days=30), assessment_end + timedelta(days=1))
        category = dist.ABUSE_CATEGORY.draw(self.rng)
        latest = category if self.rng.random() < 0.9 else dist.ABUSE_CATEGORY.draw(self.rng)
        to_care = self.rng.random() < CP_TO_CARE[period] and all(c.age_on(plan_end) < 17.8 for c in children)
        for episode, child in zip(episodes, children, strict=True):
            plan_id = self.next_id("cp_plan")
            self.rows["cp_plans"].append(
                Row(
                    id=plan_id,
                    episode_id=episode.id,
                    started_on=icpc_date,
                    ended_on=self.cut(plan_end),
                    initial_category=category,
                    latest_category=latest,
                    previous_plans=child.previous_cp_plans,
                )
            )
            child.previous_cp_plans += 1
            review = icpc_date + relativedelta(months=3)
            while review < plan_end and review <= self.as_of:
                # Conferences are held on working days (CIN census 8875).
                held = self.calendar.add(review, 0)
                self.rows["cp_reviews"].append(Row(id=self.next_id("cp_review"), plan_id=plan_id, held_on=held))
                review = held + relativedelta(months=6)
        self.share(
            family,
            children,
            icpc_date,
            plan_end,
            partners.SharingBasis.CHILD_PROTECTION_PLAN,
            police=self.rng.random() < 0.4,
        )
        if to_care:
            self.continue_allocation(children, post, continuing, assessment_end, plan_end, next_reason, closes=False)
            self.enter_care(family, children, episodes, plan_end, continuing, need)
            return
        end = plan_end
        if self.rng.random() < 0.7:  # stepped down to a child in need plan
            end = plan_end + timedelta(days=int(self.rng.uniform(90, 200)))
            for episode in episodes:
                self.rows["cin_plans"].append(
                    Row(
                        id=self.next_id("cin_plan"),
                        episode_id=episode.id,
                        started_on=plan_end + timedelta(days=1),
                        ended_on=self.cut(end),
                    )
                )
        self.continue_allocation(children, post, continuing, assessment_end, end, next_reason, closes=True)
        self.close_cin(episodes, end, "RC7")
        self.after_closure(family, end)

    def continue_allocation(self, children, post, continuing, start, end, reason, *, closes):
        if reason is None:
            # Same worker carries on: extend from the assessment's end under the same post.
            self.allocate(children, continuing, start, end, AllocationReason.NEW_REFERRAL, closes=closes)
            self._merge_last_allocations(children)
        else:
            self.allocate(children, continuing, start, end, reason, closes=closes)

    def _merge_last_allocations(self, children):
        """Joins an allocation with the one before it when it is the same worker without a break,
        so that one worker's unbroken work with a child is one allocation."""
        allocations = self.rows["allocations"]
        for child in children:
            own = [
                i
                for i in range(len(allocations) - 1, max(-1, len(allocations) - 40), -1)
                if allocations[i].child_id == child.person.id
            ]
            if len(own) < 2:
                continue
            later, earlier = allocations[own[0]], allocations[own[1]]
            if later.worker_id == earlier.worker_id and earlier.ended_on == later.started_on:
                earlier.ended_on, earlier.end_reason = later.ended_on, later.end_reason
                del allocations[own[0]]

    def open_cin(self, children, day, source, *, need, nfa) -> list[Row]:
        episodes = []
        for child in children:
            episode = Row(
                id=self.next_id("cin"),
                child_id=child.person.id,
                referral_date=day,
                referral_source=source,
                primary_need=need,
                referral_nfa=nfa,
                closure_date=None,
                closure_reason="",
            )
            self.rows["cin"].append(episode)
            episodes.append(episode)
        return episodes

    def close_cin(self, episodes, day: date, reason: str):
        if day <= self.as_of:
            for episode in episodes:
                episode.closure_date, episode.closure_reason = day, reason

    def after_closure(self, family: Family, closed: date):
        family.busy_until = closed + timedelta(days=1)
        roll = self.rng.random()
        if roll < RE_REFERRAL_SOON:
            self.schedule(closed + timedelta(days=self.rng.randint(14, 240)), family)
        elif roll < RE_REFERRAL_SOON + RE_REFERRAL_LATER:
            self.schedule(closed + timedelta(days=self.rng.randint(366, 1500)), family)

    def early_help(self, family: Family, children: list[Child], start: date):
        end = start + timedelta(days=int(self.rng.uniform(60, 270)))
        stepped_up = self.rng.random() < 0.15
        reason = (
            journey.EarlyHelpEndReason.STEPPED_UP
            if stepped_up
            else self.rng.choice(
                [journey.EarlyHelpEndReason.NEEDS_MET] * 4
                + [journey.EarlyHelpEndReason.DISENGAGED, journey.EarlyHelpEndReason.MOVED_AWAY]
            )
        )
        if start <= self.as_of:
            for child in children:
                self.rows["early_help"].append(
                    Row(
                        id=self.next_id("early_help"),
                        child_id=child.person.id,
                        started_on=start,
                        ended_on=self.cut(end),
                        end_reason=reason if end <= self.as_of else "",
                    )
                )
        self.allocate(
            children,
            self.choose_post(family, Service.EARLY_HELP, start),
            start,
            end,
            AllocationReason.STEPPED_DOWN,
            closes=True,
        )
        family.busy_until = end + timedelta(days=1)
        if stepped_up:
            self.schedule(end + timedelta(days=1), family, "5D")
        else:
            self.after_closure(family, end)

    def factors(self, family: Family, path: str) -> list[str]:
        if family.uasc:
            return ["9A"]
        if path == "not_in_need" and self.rng.random() < 0.3:
            return ["21"]
        chosen = [code for code, share in dist.FACTOR_SHARE.items() if self.rng.random() < share / 100 * 1.1]
        return sorted(chosen or ["20"])

    def share(self, family: Family, children, start: date, end: date, basis, *, police: bool = False):
        if start > self.as_of:
            return
        ends_on = end if end > start else start + timedelta(days=1)
        for child in children:
            age = child.age_on(start)
            agencies = []
            if 4 <= age < 17:
                agencies.append(family.school + 1)
            elif age < 5:
                agencies.append(self.health_agency)
            if police:
                agencies.append(self.police_agency)
            for agency in agencies:
                self.rows["sharings"].append(
                    Row(
                        id=self.next_id("sharing"),
                        child_id=child.person.id,
                        agency_id=agency,
                        basis=basis,
                        started_on=start,
                        ends_on=ends_on,
                    )
                )

    def enter_care(self, family: Family, children: list[Child], episodes, start: date, post: Post, need: str):
        period = self.period(start)
        care_need = need if need in ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8") else "N1"
        # Siblings come into care together; the oldest's age sets the expected length.
        days = int(dist.CARE_DAYS.draw(self.rng))
        latest_end = start
        # After go-live the pod keeps the child for their first year in care more often than not.
        stays = period == "after" and self.rng.random() < 0.6
        cic_post = post if stays else self.choose_post(family, Service.CHILDREN_IN_CARE, start)
        for child, episode in zip(children, episodes, strict=True):
            end, reason = self.care_episodes(child, start, days, care_need, family.uasc)
            child.in_care_until = end
            latest_end = max(latest_end, end)
            closure = {
                "E11": "RC1",
                "E12": "RC1",
                "E41": "RC3",
                "E45": "RC4",
                "E46": "RC4",
                "E47": "RC4",
                "E48": "RC4",
                "E3": "RC5",
                "E7": "RC6",
            }.get(reason, "RC7")
            self.close_cin([episode], end, closure)
            self.share(family, [child], start, end, partners.SharingBasis.CARE_PLAN)
            self.allocate(
                [child],
                cic_post,
                start,
                end,
                AllocationReason.STEPPED_UP if stays else AllocationReason.TRANSFER,
                closes=True,
            )
            if stays:
                self._merge_last_allocations([child])
            self.care_leaver(family, child, start, end, reason)
        family.busy_until = latest_end + timedelta(days=1)
        for child in children:
            child.in_care_until = None
        self.after_closure(family, latest_end)

    def care_episodes(self, child: Child, start: date, days: int, need: str, uasc: bool) -> tuple[date, str]:
        eighteenth = child.born + relativedelta(years=18)
        end = start + timedelta(days=days)
        age_at_start = child.age_on(start)
        if end >= eighteenth:
            end, reason = eighteenth, dist.CARE_END_AT_18.draw(self.rng)
        else:
            age_at_end = child.age_on(end)
            table = (
                dist.CARE_END_UNDER_5
                if age_at_end < 5
                else (dist.CARE_END_5_TO_15 if age_at_end < 16 else dist.CARE_END_16_17)
            )
            reason = table.draw(self.rng)
            if reason in ("E9", "E15") and age_at_end < 15:
                reason = "E8"
        adopted = reason in ("E11", "E12")
        legal = "V2" if uasc else dist.LEGAL_STATUS_ON_ENTRY.draw(self.rng)
        if legal == "J1" and age_at_start < 10:
            legal = "V2"
        if adopted and legal == "V2":
            legal = "C1"
        placement = self.placement_for(child, start, uasc)
        changes: list[tuple[date, str, str, str, str]] = []  # day, rne, legal, placement, change reason
        if legal in ("L1", "L2"):
            changes.append((start + timedelta(days=2 if legal == "L1" else self.rng.randint(3, 20)), "L", "C1", "", ""))
        if legal == "C1" or (legal in ("L1", "L2")):
            changes.append((start + timedelta(days=self.rng.randint(150, 300)), "L", "C2", "", ""))
        if adopted:
            changes.append((start + timedelta(days=int(days * 0.55)), "L", "E1", "", ""))
            changes.append(
                (end - timedelta(days=self.rng.randint(90, 200)), "P", "", self.rng.choice(["A5", "A6"]), "CARPL")
            )
        moves = 0
        years = days / 365.25
        while self.rng.random() < min(0.9, 0.3 * years) and moves < 6:
            moves += 1
            changes.append((start + timedelta(days=self.rng.randint(20, max(21, days - 5))), "P", "", "", ""))
        changes = sorted(c for c in changes if start < c[0] < end)
        current_legal, current_place = legal, placement
        episode_start, rne, change_reason = start, "S", ""
        rows = []
        for day, kind, new_legal, new_place, why in changes:
            rows.append((episode_start, rne, current_legal, current_place, change_reason, day))
            if kind == "L":
                current_legal = new_legal
                rne, change_reason = "L", ""
            else:
                if current_place in ("A5", "A6"):
                    continue
                current_place = new_place or self.placement_for(child, day, uasc, avoid=current_place)
                rne, change_reason = "P", why or dist.PLACEMENT_CHANGE_REASON.draw(self.rng)
            episode_start = day
        rows.append((episode_start, rne, current_legal, current_place, change_reason, end))
        home = self.postcode()
        placed_at = home
        for index, (begin, new_reason, status, place, why, finish) in enumerate(rows):
            if begin > self.as_of:
                break
            last = index == len(rows) - 1
            ended = finish if finish <= self.as_of else None
            provider = dist.PROVIDER_FOR_PLACEMENT.get(place)
            if new_reason != "L":  # the placement (and so its address) changed
                placed_at = home if place == "P1" else self.postcode()
            self.rows["care"].append(
                Row(
                    id=self.next_id("care"),
                    child_id=child.person.id,
                    started_on=begin,
                    new_episode_reason=new_reason,
                    legal_status=status,
                    category_of_need=need,
                    placement_type=place,
                    placement_provider=provider.draw(self.rng) if provider else "",
                    home_postcode=home,
                    placement_postcode=placed_at,
                    placement_change_reason=why if new_reason == "P" else "",
                    ended_on=ended,
                    end_reason=("" if ended is None else (reason if last else "X1")),
                )
            )
        return end, reason

    def postcode(self) -> str:
        """A well-formed postcode in "KV", an area code no real postcode uses."""
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return (
            f"KV{self.rng.randint(1, 20)} {self.rng.randint(1, 9)}{self.rng.choice(letters)}{self.rng.choice(letters)}"
        )

    def placement_for(self, child: Child, day: date, uasc: bool, avoid: str = "") -> str:
        age = child.age_on(day)
        if uasc:
            return self.rng.choice(["K3", "K3", "U6"]) if age >= 16 else "U6"
        band = 16 if age >= 16 else 10 if age >= 10 else 5 if age >= 5 else 1 if age >= 1 else 0
        for _ in range(3):
            place = dist.PLACEMENT_BY_AGE[band].draw(self.rng)
            if place != avoid:
                return place
        return place

    def care_leaver(self, family: Family, child: Child, care_start: date, care_end: date, reason: str):
        """Eligible care leavers (looked after 13 weeks since 14 and in care at 16) who did not go
        home, be adopted or leave under an order get a personal adviser to 21."""
        fourteenth = child.born + relativedelta(years=14)
        sixteenth = child.born + relativedelta(years=16)
        weeks_since_14 = (care_end - max(care_start, fourteenth)).days / 7
        if care_end < sixteenth or weeks_since_14 < 13:
            return
        if reason not in ("E17", "E5", "E6", "E7", "E8", "E13", "E9", "E14"):
            return
        start = care_end
        twenty_first = child.born + relativedelta(years=21)
        if start > self.as_of or start >= twenty_first:
            return
        in_touch = dist.CARE_LEAVER_IN_TOUCH.draw(self.rng)
        activity = dist.CARE_LEAVER_ACTIVITY.draw(self.rng) if in_touch == "YES" else "0"
        accommodation = dist.CARE_LEAVER_ACCOMMODATION.draw(self.rng) if in_touch == "YES" else "0"
        self.rows["care_leavers"].append(
            Row(
                id=self.next_id("care_leaver"),
                child_id=child.person.id,
                started_on=start,
                ended_on=self.cut(twenty_first),
                in_touch=in_touch,
                activity=activity,
                accommodation=accommodation,
                last_contact_on=min(self.as_of, start + timedelta(days=self.rng.randint(10, 900))),
            )
        )
        self.allocate(
            [child],
            self.choose_post(family, Service.CARE_LEAVERS, start),
            start,
            twenty_first,
            AllocationReason.CARE_LEAVER,
            closes=True,
        )
        child.supported_until = twenty_first

    # ---- data quality --------------------------------------------------------------------
    def inject_data_faults(self):
        """A small share of open cases miss what the returns need, as in any real record, so that
        the data officer's checks and the return validation have something true to find."""
        open_children = {e.child_id for e in self.rows["cin"] if e.closure_date is None and not e.referral_nfa}
        people_by_id = {p.id: p for p in self.rows["people"] if p.id in open_children}
        open_episodes = [e for e in self.rows["cin"] if e.closure_date is None and not e.referral_nfa]
        for person in people_by_id.values():
            if self.rng.random() >= DATA_FAULT_SHARE:
                continue
            fault = self.rng.choice(["ethnicity", "upn", "disability", "need"])
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
