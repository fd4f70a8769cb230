"""The last four closed rounds of the staff pulse survey, about two in three staff answering.

Answers follow what the seed LAs' staff surveys report: most people feel safe and supported and
find supervision helps; fewer say their caseload is manageable or that they have time for direct
work; and in pods where workers are over their caseload caps, agreement drops. Things improve a
little round by round as the model beds in. Small pods sometimes fall under five answers, which
is what the results page's suppression is for.

The current round is left for the demo users to answer, so the survey page shows its form."""

import uuid
from collections import defaultdict
from datetime import timedelta
from types import SimpleNamespace as Row

from dateutil.relativedelta import relativedelta

from alongside.practice_model.config import operating_model
from alongside.pulse.models import AgreeScale, RoleGroup, role_group_for
from alongside.pulse.services import round_period

ROUNDS = 4
# The share agreeing (agree or strongly agree) in a pod with nobody over their cap, and how much
# each statement drops as the share of the pod's case holders over their cap goes from 0 to 1.
AGREE = {
    "safe_supported": (0.80, 0.30),
    "caseload_manageable": (0.58, 0.60),
    "supervision_helps": (0.74, 0.12),
    "time_for_direct_work": (0.48, 0.45),
}
# Statements about casework mean less to business support and data staff: more of them sit in the middle.
CASEWORK = {"caseload_manageable", "time_for_direct_work"}
FREE_TEXT_SHARE = 0.22
WARM = [
    "Group supervision is the best part of my week. I leave it thinking more clearly.",
    "Having the whole pod know our families makes the hard days easier.",
    "My manager noticed I was struggling before I said anything. Thank you.",
    "The pod meeting on Monday mornings keeps us all on the same page.",
    "I have been able to do proper direct work with the children this quarter.",
    "Being able to ring a colleague who knows the family, even when I am on leave, is a relief.",
    "The restorative practice training changed how I talk to parents.",
    "I feel trusted to make decisions, and backed up when they are hard ones.",
    "Reflective supervision has helped me stay in this job.",
    "It feels like a team again, not just a list of cases.",
]
STRAINED = [
    "Caseloads in our pod have crept up again since two people left.",
    "I am writing up visits in the evenings to keep up.",
    "Court work is taking most of my week and direct work gets squeezed.",
    "Agency cover would help while we recruit.",
    "Supervision keeps getting cancelled when the duty week is busy.",
    "Too many meetings: the families need us more than the meetings do.",
    "I worry about what I am missing when I have this many children.",
    "The pod is carrying a vacancy and everyone is tired.",
    "Transport to contact is eating into the time we have for the children.",
]
OTHER = [
    "The new recording forms are quicker than the old system.",
    "More training on working with fathers, please.",
    "Could the survey ask about the office as well? The hot desks are a problem.",
    "Please keep the survey short like this.",
    "Business support would like to be invited to the pod meetings more often.",
    "It would help to hear back what changed because of the last survey.",
]


class PulseMixin:
    def write_pulse(self):
        for name in ("pulse_rounds", "pulse_participations", "pulse_answers"):
            self.rows[name] = []
        config = operating_model().pulse_survey
        statements = [{"code": code, "statement": text} for code, text in config.statements]
        current_opens, _ = round_period(self.as_of, config.every_months)
        pod_team = {pod.id: pod.team_id for pod in self.rows["pods"]}
        culture = {pod.id: self.rng.gauss(0, 0.06) for pod in self.rows["pods"]}
        for index in range(ROUNDS):
            opens = current_opens - relativedelta(months=config.every_months * (ROUNDS - index))
            closes = opens + relativedelta(months=config.every_months) - timedelta(days=1)
            round_id = self.next_id("pulse_round")
            self.rows["pulse_rounds"].append(Row(id=round_id, opens_on=opens, closes_on=closes, statements=statements))
            pressure = self._pod_pressure(opens + (closes - opens) / 2)
            answering = self.rng.uniform(0.60, 0.75)
            answers, said = [], set()
            for staff in self.rows["staff"]:
                in_post = staff.started_on <= closes - timedelta(days=14) and (
                    staff.left_on is None or staff.left_on > closes
                )
                if not in_post or self.rng.random() >= answering:
                    continue
                self.rows["pulse_participations"].append(
                    Row(id=self.next_id("pulse_participation"), round_id=round_id, staff_id=staff.id)
                )
                answers.append(self._pulse_answer(round_id, staff, index, pressure, culture, pod_team, said))
            # Written in no particular order, so the rows' order says nothing about who answered.
            self.rng.shuffle(answers)
            self.rows["pulse_answers"].extend(answers)

    def _pod_pressure(self, day) -> dict[int, float]:
        """The share of each pod's case holders over their caseload cap on the day (a plain count of
        children against the cap, which is close enough for the survey's mood)."""
        caps = operating_model().caseload_caps
        counts: dict[int, int] = defaultdict(int)
        for allocation in self.rows["allocations"]:
            if allocation.started_on <= day and (allocation.ended_on is None or allocation.ended_on > day):
                counts[allocation.worker_id] += 1
        holders: dict[int, list[bool]] = defaultdict(list)
        for staff in self.rows["staff"]:
            cap = caps.get(staff.role)
            in_post = staff.started_on <= day and (staff.left_on is None or staff.left_on > day)
            if staff.pod_id is not None and cap and in_post:
                holders[staff.pod_id].append(counts[staff.id] > cap)
        return {pod_id: sum(over) / len(over) for pod_id, over in holders.items()}

    def _pulse_answer(self, round_id, staff, index, pressure, culture, pod_team, said: set) -> Row:
        group = role_group_for(staff.role)
        strain = pressure.get(staff.pod_id, 0.0)
        mood = self.rng.gauss(0, 0.12) + culture.get(staff.pod_id, 0.0) + 0.025 * index
        answers = {}
        for code, (base, drop) in AGREE.items():
            agree = min(0.95, max(0.05, base - drop * strain + mood))
            if self.rng.random() < agree:
                answers[code] = AgreeScale.STRONGLY_AGREE if self.rng.random() < 0.3 else AgreeScale.AGREE
            elif group == RoleGroup.OTHER and code in CASEWORK and self.rng.random() < 0.6:
                answers[code] = AgreeScale.NEITHER
            else:
                answers[code] = self.rng.choices(
                    [AgreeScale.NEITHER, AgreeScale.DISAGREE, AgreeScale.STRONGLY_DISAGREE], weights=[35, 50, 15]
                )[0]
        free_text = ""
        if self.rng.random() < FREE_TEXT_SHARE:
            pool = STRAINED if mood - strain < -0.1 else WARM if mood > 0.05 else OTHER
            # People say things in their own words: no comment twice in a round.
            unsaid = [text for text in pool if text not in said]
            free_text = self.rng.choice(unsaid) if unsaid else ""
            said.add(free_text)
        return Row(
            id=uuid.UUID(int=self.rng.getrandbits(128), version=4).hex,
            round_id=round_id,
            pod_id=staff.pod_id,
            team_id=pod_team[staff.pod_id] if staff.pod_id else staff.team_id,
            role_group=group,
            answers={code: str(value) for code, value in answers.items()},
            free_text=free_text,
        )
