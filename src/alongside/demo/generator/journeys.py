"""Referral to closure: assessment, section 47, plans, early help, sharing with partners."""

from datetime import date, timedelta
from types import SimpleNamespace as Row

from dateutil.relativedelta import relativedelta

from alongside.demo import distributions as dist
from alongside.demo.generator.state import (
    CP_TO_CARE,
    HANDOFF_AFTER_ASSESSMENT,
    ICPC_SHARE,
    PATHS,
    RE_REFERRAL_LATER,
    RE_REFERRAL_SOON,
    Child,
    Family,
)
from alongside.journey import models as journey
from alongside.partners import models as partners
from alongside.workforce.models import AllocationReason, Service


class JourneysMixin:
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
            # A short stay in care (or one ended by an 18th birthday) can end before the assessment is
            # signed off: the referral stays open until it is, as nothing may follow closure (8565).
            for episode in episodes:
                if episode.closure_date and episode.closure_date < assessment_end:
                    signed_off = assessment_end <= self.as_of
                    episode.closure_date = assessment_end if signed_off else None
                    episode.closure_reason = episode.closure_reason if signed_off else ""
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
            self.cin_plans(episodes, assessment_end, end)
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
            # The enquiry concludes no earlier than it starts (a one-day assessment can end before it; 8565).
            decided = max(assessment_end, icpc_date or assessment_end, s47_start)
            if self.rng.random() < 0.45:
                end = decided + timedelta(days=int(self.rng.uniform(60, 300)))
                self.cin_plans(episodes, decided, end)
                self.continue_allocation(children, post, continuing, assessment_end, end, next_reason, closes=True)
                self.close_cin(episodes, end, "RC7")
                self.after_closure(family, end)
            else:
                self.continue_allocation(children, post, continuing, assessment_end, decided, next_reason, closes=True)
                # Not RC8 ('closed after assessment'): an enquiry was held, and nothing may follow RC8 (2990).
                self.close_cin(episodes, decided, "RC7")
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
            self.cin_plans(episodes, plan_end + timedelta(days=1), end)
        self.continue_allocation(children, post, continuing, assessment_end, end, next_reason, closes=True)
        self.close_cin(episodes, end, "RC7")
        self.after_closure(family, end)

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

    def cin_plans(self, episodes, start: date, end: date):
        for episode in episodes:
            self.rows["cin_plans"].append(
                Row(id=self.next_id("cin_plan"), episode_id=episode.id, started_on=start, ended_on=self.cut(end))
            )

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
