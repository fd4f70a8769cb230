"""The workforce in posts, partner agencies, and allocating children to workers."""

import heapq
from datetime import date
from types import SimpleNamespace as Row

from alongside.demo import distributions as dist
from alongside.demo.generator.state import CONTINUITY, LA_NAME, Child, Family
from alongside.demo.workforce_sim import Post, build_posts, fill_posts
from alongside.partners import models as partners
from alongside.workforce import models as workforce
from alongside.workforce.models import AllocationEndReason, AllocationReason, Service, StaffRole


class StaffingMixin:
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

    def continue_allocation(self, children, post, continuing, start, end, reason, *, closes):
        if reason is None:
            # Same worker carries on: extend from the assessment's end under the same post.
            since = len(self.rows["allocations"])
            self.allocate(children, continuing, start, end, AllocationReason.NEW_REFERRAL, closes=closes)
            self._merge_last_allocations(children, since)
        else:
            self.allocate(children, continuing, start, end, reason, closes=closes)

    def _merge_last_allocations(self, children, since: int):
        """Joins the first allocation made from index `since` on with the one before it when it is the same
        worker without a break, so that one worker's unbroken work with a child is one allocation. When the
        post changed hands that very day, the work carries on with a new worker: a change of worker, not a
        new referral (an SSDA903 'first contact' episode never starts while another is open, SW10bSTG2)."""
        allocations = self.rows["allocations"]
        drop = []
        for child in children:
            pid = child.person.id
            first = next((i for i in range(since, len(allocations)) if allocations[i].child_id == pid), None)
            if first is None:
                continue
            earlier = next(
                (allocations[i] for i in range(since - 1, max(-1, since - 40), -1) if allocations[i].child_id == pid),
                None,
            )
            later = allocations[first]
            if earlier is None or earlier.ended_on != later.started_on:
                continue
            if later.worker_id == earlier.worker_id:
                earlier.ended_on, earlier.end_reason = later.ended_on, later.end_reason
                drop.append(first)
            elif later.reason == AllocationReason.NEW_REFERRAL:
                later.reason = AllocationReason.WORKER_LEFT
        for index in sorted(drop, reverse=True):
            del allocations[index]
