"""What the SSDA903 asks beyond the episodes: Ofsted URNs, asylum-seeking status, motherhood,
previous permanence, missing spells, the OC2 health items and adoption, plus a few gaps a data
officer would find and fix.

Worked out after the simulation from the care episodes it wrote, each child with their own random
stream (seeded by the demo seed and the child's id), so that none of this moves any other draw:
the rest of the demo is the same with or without it.
"""

import random
from datetime import date, timedelta
from types import SimpleNamespace as Row

from dateutil.relativedelta import relativedelta

from alongside.demo import distributions as dist
from alongside.demo.generator.state import UPN_ISSUERS
from alongside.returns.ssda903 import continuously_looked_after

# Ofsted registers children's homes, secure homes, supported accommodation, family centres,
# residential special schools, and fostering and adoption agencies (SSDA903 rules 218, 222).
HOME_PLACEMENTS = {"K1", "K2", "K3", "R3", "S1"}
FOSTER_PLACEMENTS = {"U1", "U2", "U3", "U4", "U5", "U6"}
ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}
OWN_FOSTERING_URN = "SC555001"
OWN_ADOPTION_URN = "SC555002"
# The regional adoption agency's code: Ofsted does not register RAAs, so the DfE asks for XXXXXXX (242).
RAA_URN = "XXXXXXX"

# Children looked after going missing [U: DfE "children looked after" 2024, about 1 in 9 of those looked
# after in the year, most of them aged 13 or over, several times each]; away without authorisation rarer.
MISSING_CHANCE_BY_AGE = [(16, 0.22), (13, 0.2), (11, 0.08), (5, 0.01)]
AWAY_CHANCE_OVER_11 = 0.05
SPELLS_WHEN_MISSING = dist.Weighted({1: 40, 2: 20, 3: 12, 4: 8, 6: 8, 9: 7, 14: 5})

PREVIOUS_PERMANENCE = dist.Weighted({"Z1": 88, "P2": 6, "P3": 4, "P1": 2})
ADOPTERS = dist.Weighted({"MF": 70, "MM": 8, "FF": 7, "F1": 12, "M1": 3})
COUPLE_STATUS = {
    "MF": dist.Weighted({"L11": 70, "L3": 30}),
    "MM": dist.Weighted({"L12": 50, "L2": 30, "L4": 20}),
    "FF": dist.Weighted({"L12": 50, "L2": 30, "L4": 20}),
}

# A small share of looked-after children carry a gap a data officer can fix in a field or two.
LOOKED_AFTER_FAULT_SHARE = 0.015
FAULT_KINDS = ["no_provider", "no_change_reason", "mother_blank", "no_urn", "health_blank"]


def latest_complete_year(as_of: date) -> int:
    """The last SSDA903 collection year (ending 31 March) that has ended by `as_of`."""
    return as_of.year if as_of >= date(as_of.year, 3, 31) else as_of.year - 1


class LookedAfterMixin:
    def write_looked_after_details(self):
        for name in ("looked_after", "missing_spells", "lac_health", "adoption_decisions", "adoptions"):
            self.rows[name] = []
        self.looked_after_faults: list[tuple[int, str]] = []
        people = {p.id: p for p in self.rows["people"]}
        uasc = {c.person.id for f in self.families if f.uasc for c in f.children}
        by_child: dict[int, list] = {}
        for episode in sorted(self.rows["care"], key=lambda e: (e.child_id, e.started_on)):
            by_child.setdefault(episode.child_id, []).append(episode)
        for child_id, episodes in by_child.items():
            person = people[child_id]
            if person.date_of_birth is None:
                continue
            rng = random.Random(f"{self.seed}:903:{child_id}")
            periods = _periods(episodes)
            self._urns(rng, episodes)
            self._looked_after_child(rng, person, episodes, child_id in uasc)
            self._missing(rng, person, periods)
            self._health(rng, person, episodes)
            self._adoption(rng, person, periods)
        self._looked_after_faults(by_child, people)

    def _urns(self, rng: random.Random, episodes: list):
        homes = [f"SC{n}" for n in range(480100, 480100 + 40 * 37, 37)]
        agencies = [f"SC{n}" for n in range(460210, 460210 + 8 * 53, 53)]
        urn = ""
        for episode in episodes:
            place = episode.placement_type
            if episode.new_episode_reason == "L" and episode is not episodes[0]:
                episode.urn = urn  # legal status changed; same placement, same setting
                continue
            if place in HOME_PLACEMENTS:
                urn = rng.choice(homes)
            elif place in FOSTER_PLACEMENTS:
                urn = OWN_FOSTERING_URN if episode.placement_provider in ("PR1", "") else rng.choice(agencies)
            elif place in ADOPTION_PLACEMENTS:
                urn = RAA_URN if rng.random() < 0.7 else OWN_ADOPTION_URN
            else:
                urn = ""
            episode.urn = urn

    def _looked_after_child(self, rng: random.Random, person, episodes: list, is_uasc: bool):
        born = person.date_of_birth
        eighteenth = born + relativedelta(years=18)
        is_mother = first_child = None
        if person.sex == "F":
            is_mother = False
            fifteenth = born + relativedelta(years=15)
            last_day = min(self.as_of, episodes[-1].ended_on or self.as_of)
            if last_day > fifteenth + timedelta(days=60) and rng.random() < 0.05:
                is_mother = True
                first_child = fifteenth + timedelta(days=rng.randint(30, (last_day - fifteenth).days))
        previous = PREVIOUS_PERMANENCE.draw(rng)
        previous_la, previous_on = "", None
        first_start = episodes[0].started_on
        if previous != "Z1" and (first_start - born).days > 120:
            previous_la = rng.choice(UPN_ISSUERS)
            previous_on = born + timedelta(days=rng.randint(60, (first_start - born).days - 30))
        else:
            previous = "Z1"
        self.rows["looked_after"].append(
            Row(
                id=self.next_id("looked_after"),
                child_id=person.id,
                uasc=is_uasc,
                uasc_ceased_on=eighteenth if is_uasc and eighteenth <= self.as_of else None,
                is_mother=is_mother,
                first_child_born_on=first_child,
                previous_permanence=previous,
                previous_permanence_la=previous_la,
                previous_permanence_on=previous_on,
            )
        )

    def _missing(self, rng: random.Random, person, periods: list):
        born = person.date_of_birth
        for start, end, _ in periods:
            finish = min(end or self.as_of, self.as_of)
            year_start = start
            while year_start < finish:
                year_end = min(year_start + timedelta(days=365), finish)
                age = (year_start - born).days / 365.25
                chance = next((c for low, c in MISSING_CHANCE_BY_AGE if age >= low), 0.0)
                days = (year_end - year_start).days
                spells = []
                if rng.random() < chance:
                    spells += [("M", rng.randrange(days)) for _ in range(SPELLS_WHEN_MISSING.draw(rng))]
                if age >= 11 and rng.random() < AWAY_CHANCE_OVER_11:
                    spells += [("A", rng.randrange(days)) for _ in range(rng.choice([1, 1, 2]))]
                free_from = year_start
                for kind, offset in sorted(spells, key=lambda s: s[1]):
                    began = max(year_start + timedelta(days=offset), free_from)
                    # Most children are back the same night or the next day; a few stay away longer.
                    back = began + timedelta(days=rng.choice([0, 0, 1, 1, 1, 2, 3, 6]))
                    if back >= year_end:
                        break
                    self.rows["missing_spells"].append(
                        Row(id=self.next_id("missing"), child_id=person.id, kind=kind, started_on=began, ended_on=back)
                    )
                    free_from = back + timedelta(days=1)
                year_start = year_end

    def _health(self, rng: random.Random, person, episodes: list):
        born = person.date_of_birth
        first_year = episodes[0].started_on.year + 1
        for year in range(first_year, latest_complete_year(self.as_of) + 1):
            if not continuously_looked_after(episodes, year):
                continue
            start, end = date(year - 1, 4, 1), date(year, 3, 31)
            # The SDQ is asked for 4- to 17-year-olds (rules 186, 197B), never under 4 at 31 March or
            # 17 on 1 April (188, 189).
            score, reason = None, ""
            if born + relativedelta(years=4) <= end and born + relativedelta(years=17) >= start:
                if rng.random() < 0.9:
                    score = max(0, min(40, round(rng.gauss(14, 6))))
                else:
                    reason = rng.choice(["SDQ2", "SDQ4", "SDQ5", "SDQ3"])
            misuse = rng.random() < 0.04 if born + relativedelta(years=10) < end else False
            received = offered = None
            if misuse:
                received = rng.random() < 0.6
                offered = None if received else rng.random() < 0.5
            self.rows["lac_health"].append(
                Row(
                    id=self.next_id("lac_health"),
                    child_id=person.id,
                    year=year,
                    sdq_score=score,
                    sdq_reason=reason,
                    convicted=(rng.random() < 0.03) if born + relativedelta(years=10) < end else None,
                    health_check=(rng.random() < 0.9) if born + relativedelta(years=5) > end else None,
                    immunisations=rng.random() < 0.85,
                    teeth_check=rng.random() < 0.8,
                    health_assessment=rng.random() < 0.9,
                    substance_misuse=misuse,
                    intervention_received=received,
                    intervention_offered=offered,
                )
            )

    def _adoption(self, rng: random.Random, person, periods: list):
        for start, end, episodes in periods:
            placement_order = next((e for e in episodes if e.legal_status == "E1"), None)
            placed = next((e for e in episodes if e.placement_type in ADOPTION_PLACEMENTS), None)
            if placement_order is None and placed is None:
                self._reversed_decision(rng, person, start, end, episodes)
                continue
            firsts = [e.started_on for e in (placement_order, placed) if e is not None]
            decided = max(start, min(firsts) - timedelta(days=rng.randint(20, 90)))
            decision = Row(
                id=self.next_id("adoption_decision"),
                child_id=person.id,
                decided_on=decided,
                ceased_on=None,
                ceased_reason="",
            )
            self.rows["adoption_decisions"].append(decision)
            last = episodes[-1]
            if last.end_reason not in ("E11", "E12") or placed is None:
                continue
            sex = ADOPTERS.draw(rng)
            self.rows["adoptions"].append(
                Row(
                    id=self.next_id("adoption"),
                    child_id=person.id,
                    decision_id=decision.id,
                    matched_on=max(decided, placed.started_on - timedelta(days=rng.randint(7, 40))),
                    by_former_foster_carers=placed.placement_type in ("A3", "A5"),
                    adopter_count=1 if sex in ("M1", "F1") else 2,
                    adopter_sex=sex,
                    adopter_legal_status="L0" if sex in ("M1", "F1") else COUPLE_STATUS[sex].draw(rng),
                )
            )

    def _reversed_decision(self, rng: random.Random, person, start: date, end: date | None, episodes: list):
        """Some young children have a plan for adoption that changes (found a relative, no adopters)."""
        born = person.date_of_birth
        if end is None or (start - born).days > 5 * 365 or (end - start).days < 400:
            return
        if episodes[-1].end_reason not in ("E45", "E46", "E47", "E48", "E4A", "E41") or rng.random() >= 0.12:
            return
        decided = start + timedelta(days=int((end - start).days * rng.uniform(0.25, 0.45)))
        ceased = decided + timedelta(days=rng.randint(60, 300))
        if ceased >= end:
            return
        self.rows["adoption_decisions"].append(
            Row(
                id=self.next_id("adoption_decision"),
                child_id=person.id,
                decided_on=decided,
                ceased_on=ceased,
                ceased_reason=rng.choice(["RD1", "RD1", "RD3", "RD4"]),
            )
        )

    def _looked_after_faults(self, by_child: dict[int, list], people: dict):
        """Gaps in about one looked-after child in seventy, in the latest complete year: each is one
        field a data officer can put right (SSDA903 rules 526, 225, 393, 218, 191)."""
        year = latest_complete_year(self.as_of)
        start, end = date(year - 1, 4, 1), date(year, 3, 31)
        rng = random.Random(f"{self.seed}:903-faults")
        details = {row.child_id: row for row in self.rows["looked_after"]}
        health = {row.child_id: row for row in self.rows["lac_health"] if row.year == year}
        candidates = []
        for child_id, episodes in by_child.items():
            in_year = [e for e in episodes if e.started_on <= end and (e.ended_on is None or e.ended_on >= start)]
            if in_year and child_id in details:
                candidates.append((child_id, episodes, in_year))
        # At least two, so that even the small demo LA has something to find.
        wanted = max(2, round(len(candidates) * LOOKED_AFTER_FAULT_SHARE))
        for child_id, episodes, in_year in rng.sample(candidates, len(candidates)):
            if len(self.looked_after_faults) >= wanted:
                break
            options = []
            with_provider = [e for e in in_year if e.placement_provider]
            if with_provider:
                options.append(("no_provider", with_provider))
            moves = [e for e in in_year[1:] if e.new_episode_reason == "P" and e.placement_change_reason]
            if moves:
                options.append(("no_change_reason", moves))
            if details[child_id].is_mother is not None and people[child_id].sex == "F":
                options.append(("mother_blank", [details[child_id]]))
            homes = [e for e in in_year if e.placement_type in HOME_PLACEMENTS and e.urn]
            if homes:
                options.append(("no_urn", homes))
            if child_id in health:
                options.append(("health_blank", [health[child_id]]))
            if not options:
                continue
            # Take the kinds in turn, so every kind shows up before any repeats.
            turn = FAULT_KINDS[len(self.looked_after_faults) % len(FAULT_KINDS)]
            kind, targets = next((o for o in options if o[0] == turn), options[0])
            target = rng.choice(targets)
            if kind == "no_provider":
                target.placement_provider = ""
            elif kind == "no_change_reason":
                target.placement_change_reason = ""
            elif kind == "mother_blank":
                target.is_mother, target.first_child_born_on = None, None
            elif kind == "no_urn":
                urn = target.urn
                for e in episodes:  # the setting's URN is missing wherever the child lived there
                    if e.urn == urn and e.placement_type == target.placement_type:
                        e.urn = ""
            else:
                target.immunisations = None
            self.looked_after_faults.append((child_id, kind))


def _periods(episodes: list) -> list[tuple[date, date | None, list]]:
    """Periods of care from a child's sorted episodes: (start, end or None while looked after, episodes)."""
    periods = []
    first = 0
    for index, episode in enumerate(episodes):
        following = episodes[index + 1] if index + 1 < len(episodes) else None
        if following is not None and following.started_on == episode.ended_on:
            continue
        periods.append((episodes[first].started_on, episode.ended_on, episodes[first : index + 1]))
        first = index + 1
    return periods
