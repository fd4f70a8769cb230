"""Coming into care, SSDA903 episodes, leaving care."""

from datetime import date, timedelta
from types import SimpleNamespace as Row

from dateutil.relativedelta import relativedelta

from alongside.demo import distributions as dist
from alongside.demo.generator.state import Child, Family
from alongside.demo.workforce_sim import Post
from alongside.partners import models as partners
from alongside.workforce.models import AllocationReason, Service

# Foster placements: a special guardianship order to former foster carers (E45, E46) and a placement for
# adoption with current foster carers (A5) need the child to be living there.
FOSTERING = {"U1", "U2", "U3", "U4", "U5", "U6"}
# Fewest days from coming into care to an adoption order.
ADOPTION_MIN_DAYS = 365


class CareMixin:
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
            child.adopted = reason in ("E11", "E12")
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
            since = len(self.rows["allocations"])
            self.allocate(
                [child],
                cic_post,
                start,
                end,
                AllocationReason.STEPPED_UP if stays else AllocationReason.TRANSFER,
                closes=True,
            )
            if stays:
                self._merge_last_allocations([child], since)
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
        if adopted:
            # A placement order, matching, then ten weeks or more with the adopters before the adoption
            # order: nobody is adopted within a year of coming into care (SSDA903 rules 390, 408).
            end = max(end, start + timedelta(days=ADOPTION_MIN_DAYS))
        legal = "V2" if uasc else dist.LEGAL_STATUS_ON_ENTRY.draw(self.rng)
        if legal == "J1" and age_at_start < 10:
            legal = "V2"
        if adopted and legal == "V2":
            legal = "C1"
        placement = self.placement_for(child, start, uasc, legal=legal)
        changes: list[tuple[date, str, str, str, str]] = []  # day, rne, legal, placement, change reason
        if legal in ("L1", "L2"):
            changes.append((start + timedelta(days=2 if legal == "L1" else self.rng.randint(3, 20)), "L", "C1", "", ""))
        if legal == "C1" or (legal in ("L1", "L2")):
            changes.append((start + timedelta(days=self.rng.randint(150, 300)), "L", "C2", "", ""))
        if adopted:
            placed = end - timedelta(days=self.rng.randint(90, 200))
            # The placement order comes before the child is placed with the adopters.
            days_to_order = min(int((end - start).days * 0.55), (placed - start).days // 2)
            order = start + timedelta(days=days_to_order)
            changes.append((order, "L", "E1", "", ""))
            changes.append((placed, "P", "", self.rng.choice(["A5", "A6"]), "CARPL"))
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
            if day == episode_start:
                continue  # one change a day
            if kind == "L" and current_legal == "E1":
                continue  # the placement order stands until the adoption
            if kind == "P" and current_place in ("A5", "A6"):
                continue  # placed with the adopters: no more moves
            rows.append((episode_start, rne, current_legal, current_place, change_reason, day))
            if kind == "L":
                current_legal = new_legal
                rne, change_reason = "L", ""
            else:
                placed_with = new_place or self.placement_for(
                    child, day, uasc, avoid=current_place, legal=current_legal
                )
                # Placed for adoption with the foster carers the child lives with: a new placement type with the
                # same carers and legal status (RNE T: P and T keep the legal status, U and B change it, as in
                # the DfE guidance and the validator's rules 217, 435, 436). Otherwise a move to the adopters (A6).
                if placed_with == "A5" and current_place not in FOSTERING:
                    placed_with = "A6"
                rne = "T" if placed_with == "A5" else "P"
                current_place, change_reason = placed_with, why or dist.PLACEMENT_CHANGE_REASON.draw(self.rng)
            episode_start = day
        rows.append((episode_start, rne, current_legal, current_place, change_reason, end))
        if reason in ("E45", "E46") and current_place not in FOSTERING:
            # A special guardianship order to former foster carers needs the child to have lived with them
            # (rule 516): otherwise it is an order to other carers.
            reason = {"E45": "E47", "E46": "E48"}[reason]
        home = self.postcode()
        placed_at, provider_code = home, ""
        for index, (begin, new_reason, status, place, why, finish) in enumerate(rows):
            if begin > self.as_of:
                break
            last = index == len(rows) - 1
            ended = finish if finish <= self.as_of else None
            provider = dist.PROVIDER_FOR_PLACEMENT.get(place)
            # A change of legal status only keeps the placement, its provider and its address (rule 434);
            # a new placement type with the same carers (T) keeps the address.
            if new_reason != "L":
                provider_code = provider.draw(self.rng) if provider else ""
            if new_reason not in ("L", "T"):
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
                    placement_provider=provider_code,
                    home_postcode=home,
                    placement_postcode=placed_at,
                    placement_change_reason=why if new_reason in ("P", "T") else "",
                    ended_on=ended,
                    end_reason=("" if ended is None else (reason if last else "X1")),
                )
            )
        return end, reason

    def placement_for(self, child: Child, day: date, uasc: bool, avoid: str = "", legal: str = "") -> str:
        age = child.age_on(day)
        if uasc:
            return self.rng.choice(["K3", "K3", "U6"]) if age >= 16 else "U6"
        band = 16 if age >= 16 else 10 if age >= 10 else 5 if age >= 5 else 1 if age >= 1 else 0
        # A child accommodated under section 20 (V2) is not placed with parents: that would be going home
        # (rule 378); placement with parents is under a care order.
        never = "P1" if legal == "V2" else ""
        for _ in range(3):
            place = dist.PLACEMENT_BY_AGE[band].draw(self.rng)
            if place not in (avoid, never):
                return place
        return "U6" if place == never else place

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
        if accommodation == "Z1" and care_end < child.born + relativedelta(years=18):
            # Staying with former foster carers ("staying put") starts at 18: a young person who left care
            # at 16 or 17 is more often in semi-independent accommodation (SSDA903 rule 3001).
            accommodation = "D1"
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

    def write_looked_after_reviews(self):
        """Each period of care's reviews (CPPCR reg 33): within 20 working days, then 3 months, then
        every 6 months, usually a few days early; now and then late, as real review diaries are."""
        self.rows["lac_reviews"] = []
        born = {p.id: p.date_of_birth for p in self.rows["people"]}
        by_child: dict[int, list] = {}
        for episode in sorted(self.rows["care"], key=lambda e: (e.child_id, e.started_on)):
            by_child.setdefault(episode.child_id, []).append(episode)
        for child_id, episodes in by_child.items():
            period_start = episodes[0].started_on
            for index, episode in enumerate(episodes):
                following = episodes[index + 1] if index + 1 < len(episodes) else None
                if following is not None and following.started_on == episode.ended_on:
                    continue  # the period of care carries on into the next episode
                self._reviews(child_id, born.get(child_id), period_start, episode.ended_on or self.as_of)
                if following is not None:
                    period_start = following.started_on

    def _reviews(self, child_id: int, born: date | None, start: date, end: date):
        due = self.calendar.add(start, 20)
        number = 0
        while True:
            late = self.rng.random() < 0.06
            held = (
                due + timedelta(days=self.rng.randint(1, 20)) if late else due - timedelta(days=self.rng.randint(0, 6))
            )
            if held > min(end, self.as_of):
                return
            number += 1
            under_four = born is not None and held < born + relativedelta(years=4)
            self.rows["lac_reviews"].append(
                Row(
                    id=self.next_id("lac_review"),
                    child_id=child_id,
                    held_on=held,
                    participation="PN0" if under_four else dist.REVIEW_PARTICIPATION.draw(self.rng),
                )
            )
            due = held + relativedelta(months=3 if number == 1 else 6)
