"""A year of practice observations: each case-holding worker observed by their team manager 0 to 3
times (most once or twice), always with the family's agreement, with feedback against the model's
prompts and, mostly, the worker's response."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace as Row

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from alongside.demo import distributions as dist
from alongside.practice_model.config import operating_model
from alongside.workforce.models import StaffRole

OBSERVED = [StaffRole.SOCIAL_WORKER, StaffRole.SENIOR_SOCIAL_WORKER, StaffRole.NQSW, StaffRole.PERSONAL_ADVISER]
TIMES_A_YEAR = dist.Weighted({0: 12, 1: 40, 2: 36, 3: 12})
PRACTICE = dist.Weighted(
    {
        "home_visit": 45,
        "direct_work": 20,
        "child_protection_conference": 8,
        "core_group": 12,
        "family_group_conference": 7,
        "other_meeting": 8,
    }
)
ON_A_PLAN = {"child_protection_conference", "core_group"}
VISITS = {"home_visit", "direct_work"}
RESPONDS = 0.88
YOUNG_PERSON_CONSENT_AGE = 12

# Feedback for each of the operating model's prompts, for a visit and for a meeting. {child} is the
# child's first name, {carer} the first name of an adult in the family (or the young person's).
FEEDBACK = {
    ("relationship", "visit"): [
        'You arrived when you said you would, and {carer} noticed: "you always text if you\'re running late". '
        "You asked about the dog's operation before anything else, which told {carer} you remember what matters.",
        "You sat at the kitchen table rather than standing in the doorway, and let {carer} finish about the "
        "housing letter before moving on. The rest of the visit was easier for it.",
        "You named that the last visit had ended badly and asked {carer} how it had felt. That repair made room "
        "for everything else.",
        "{carer} talked to you as someone they know: first names, a joke about the weather. That comes from "
        "months of turning up when you said you would.",
        "You got down on the floor with {child} and the Lego before asking any questions, and {child} relaxed quickly.",
        "You were warm, and you still held the line when {carer} wanted to leave the worries for another day. "
        "You did it without losing them.",
    ],
    ("relationship", "meeting"): [
        "You met {carer} in the waiting area and sat with them before it started, so they did not walk into "
        "the room alone.",
        "You had gone through the report with {carer} the day before. There were no surprises for them in the "
        "room, and it showed.",
        "When {carer} became upset you asked the chair for a break and went out with them. You came back in together.",
        "You spoke about the family with respect, using {carer}'s words for what has been happening rather than ours.",
    ],
    ("strengths_and_worries", "visit"): [
        "You were clear that the worry is still the shouting late at night, and just as clear about what has "
        "changed: {child} has been in school every day this month.",
        "You used the three columns with {carer}: what is working well, what we are worried about, what needs "
        "to happen. {carer} filled in the first column themselves.",
        "The worry about the state of the flat was named plainly and without blame, and linked to what {child} "
        "needs rather than to a judgement of {carer}.",
        'I would have liked the worry said more directly. "Things at home" left room for {carer} to hear that '
        "everything is fine.",
        "You started with strengths, which helped, but the danger statement got lost. {carer} could not tell "
        "me afterwards what we are worried about.",
    ],
    ("strengths_and_worries", "meeting"): [
        "You gave the strengths first and kept the worries specific: dates, what happened, what {child} said. "
        "The other professionals followed your lead.",
        "When the police officer spoke in general terms you brought it back to this family: what has happened "
        "and what has changed since.",
        "The danger statement and the safety goal were in words the family could repeat back, and {carer} did.",
        "The strengths were a list of appointments kept rather than what the family does to keep {child} safe. "
        "Next time ask {carer} what they are proud of.",
    ],
    ("child_voice", "older"): [
        "You saw {child} alone in their room and asked about school, friends and what home feels like, and "
        "wrote their words down as they said them.",
        "You used the three houses with {child}. Their house of worries had the arguments in it; you shared "
        "it with {carer} with {child}'s agreement.",
        "{child} was on their phone for most of the visit and you did not push. You arranged to take them for "
        "a hot chocolate next week to talk on their own terms.",
        "{child}'s wishes were read out in {child}'s own words, not summarised. Everyone in the room heard them.",
        "{child} did not want to come; you brought the letter they had written with you, and it changed the "
        "tone of the discussion.",
        "{child} was not seen alone this time. Time was short; we agreed you will see them at school this week.",
    ],
    ("child_voice", "young"): [
        "{child} is too young to tell us, so you told us what you saw: how {child} went to {carer} for comfort, "
        "how they played, how they ate. That is their voice.",
        "You held {child} and said out loud what you noticed, which helped {carer} see {child}'s cues too.",
        "You noticed {child} startle when the door banged and wrote it down. That matters as much as any words.",
    ],
    ("done_with", "visit"): [
        "You asked {carer} what they thought should happen next before giving your own view, and wrote their "
        "words into the plan.",
        "The plan was agreed with {carer}, not read to them. They chose which goal to work on first.",
        "You said what you would write about the visit and offered to show {carer} the record. That is our "
        "model in practice.",
        "The next steps mostly came from you. Next time ask {carer} what would make the biggest difference, "
        "and start there.",
    ],
    ("done_with", "meeting"): [
        "You made sure {carer} spoke first about the plan, and the chair followed. Decisions were made with the "
        "family in the room, not before they arrived.",
        "{carer}'s disagreement was written down in their own words, and you did not hurry past it.",
        "The family network was there because you had asked them: {carer}'s sister offered the Tuesday "
        "pick-ups, and it is in the plan.",
    ],
}
OTHER_PROMPT = [
    "You showed this well; we talked it through afterwards.",
    "Some of this was there. We agreed what to try next time.",
]
WENT_WELL = [
    "Warmth and honesty together: {carer} trusted you enough to tell you about the rent arrears.",
    "The pace. You did not rush and you still covered everything the plan needs.",
    "Your record afterwards matched what happened and used the family's own words.",
    "You kept {child} at the centre throughout.",
    "Naming the worry clearly while staying kind.",
    "Your preparation: you knew the history and did not ask {carer} to tell it again.",
    "Bringing in the family network. {carer} is not doing this alone.",
    "You ended by checking what {carer} had understood and what they would do before next time.",
]
EVEN_BETTER_IF = [
    "Even better if {child} had been seen alone: plan for it at the next visit.",
    "Even better if the danger statement had been said in the family's words as well as ours.",
    "Even better if you had asked {carer} beforehand what they wanted from the meeting.",
    "Even better if you had used a scaling question; it would help everyone see change over time.",
    "Even better if each action in the plan had a name and a date next to it.",
    "Even better if you had left more silence after the hard question: {carer} was about to say more.",
    "Even better if the other professionals had been asked for strengths too, not only worries.",
    "Even better if {child}'s own words were in the record rather than a summary.",
]
RESPONSES = [
    "Thank you. I had not noticed how quickly I move on from the hard question. I will try leaving the silence.",
    "Useful to hear. I agree about seeing {child} alone and have booked a visit at school.",
    "It helped to have someone there. {carer} said afterwards that they had not minded.",
    "I take the point about the danger statement and will write it with {carer} at the next visit.",
    "Fair. The visit was shorter than planned because of a court deadline; I want to talk in supervision "
    "about protecting visit time.",
    "I was nervous about being observed, but this was kind and specific. I will use the three houses again.",
    "I partly disagree about the pace: {carer} needed time to settle. I agree about naming the actions.",
    "Thanks. I will share the record with {carer} as you suggested.",
]


class ObservationsMixin:
    def write_observations(self):
        for name in ("observations", "observation_feedback", "observation_responses"):
            self.rows[name] = []
        prompts = operating_model().quality.observation_prompts
        since = self.as_of - relativedelta(months=12)
        staff = {s.id: s for s in self.rows["staff"]}
        people = {p.id: p for p in self.rows["people"]}
        caseload = defaultdict(list)
        for allocation in self.rows["allocations"]:
            if allocation.ended_on is None or allocation.ended_on > since:
                caseload[allocation.worker_id].append(allocation)
        network_of: dict[int, int] = {}
        adults = defaultdict(list)
        for member in self.rows["members"]:
            if member.role == "child":
                network_of.setdefault(member.person_id, member.network_id)
            else:
                adults[member.network_id].append(member.person_id)
        episode_child = {episode.id: episode.child_id for episode in self.rows["cin"]}
        plans = defaultdict(list)
        for plan in self.rows["cp_plans"]:
            plans[episode_child[plan.episode_id]].append((plan.started_on, plan.ended_on or date.max))

        for worker in self.rows["staff"]:
            manager = staff.get(worker.manager_id)
            if worker.role not in OBSERVED or worker.left_on is not None or manager is None:
                continue
            if manager.role != StaffRole.TEAM_MANAGER or manager.left_on is not None:
                continue
            first = max(since, worker.started_on, manager.started_on)
            last = self.as_of - timedelta(days=1)  # observed before today, so everything is in the past
            # The days the worker held each child in the window: an observation is of work with one.
            spans = []
            for allocation in caseload[worker.id]:
                born = people[allocation.child_id].date_of_birth
                start = max(first, allocation.started_on, born or date.max)
                end = min(last, allocation.ended_on - timedelta(days=1) if allocation.ended_on else last)
                if start <= end:
                    spans.append((allocation.child_id, start, (end - start).days + 1))
            times = TIMES_A_YEAR.draw(self.rng)
            if not spans:
                continue
            for _ in range(times):
                for _attempt in range(4):  # a few tries to find a child whose family could agree
                    child_id, start, days = self.rng.choices(spans, weights=[span[2] for span in spans])[0]
                    day = start + timedelta(days=self.rng.randrange(days))
                    if not self.calendar.is_working_day(day):
                        continue
                    child = people[child_id]
                    carers = [people[i] for i in adults[network_of.get(child_id)]]
                    if self._observation(worker, manager, child, day, prompts, plans, carers):
                        break

    def _observation(self, worker, manager, child, day, prompts, plans, carers) -> bool:
        age = (day - child.date_of_birth).days / 365.25
        practice = PRACTICE.draw(self.rng)
        on_a_plan = any(start <= day < end for start, end in plans.get(child.id, []))
        if (practice in ON_A_PLAN and not on_a_plan) or (practice == "direct_work" and age < 4):
            practice = "home_visit"
        young_person = age >= YOUNG_PERSON_CONSENT_AGE
        if young_person and (not carers or self.rng.random() < 0.35):
            consent_by = child
        elif carers:
            consent_by = self.rng.choice(carers)
        else:
            return False  # no one could agree: the observation does not happen
        carer = carers[0].first_name if carers else child.first_name
        words = {"child": child.first_name, "carer": carer}
        setting = "visit" if practice in VISITS else "meeting"
        # Meetings are agreed in writing ahead; visits mostly on the doorstep, or by phone the day before.
        if setting == "meeting":
            consent_how, consent_on = "written", day - timedelta(days=self.rng.randint(1, 10))
        else:
            consent_how = "written" if self.rng.random() < 0.2 else "verbal"
            consent_on = day - timedelta(days=self.rng.choice([0, 0, 0, 1, 2, 5]))
        observation_id = self.next_id("observation")
        recorded = min(day + timedelta(days=self.rng.randint(0, 2)), self.as_of - timedelta(days=1))
        self.rows["observations"].append(
            Row(
                id=observation_id,
                observer_id=manager.id,
                worker_id=worker.id,
                pod_id=worker.pod_id,
                child_id=child.id,
                observed_on=day,
                practice=practice,
                consent_by_id=consent_by.id,
                consent_how=consent_how,
                consent_on=consent_on,
                went_well=self.rng.choice(WENT_WELL).format(**words),
                even_better_if=self.rng.choice(EVEN_BETTER_IF).format(**words),
                recorded_by_id=manager.user_id,
                recorded_at=self._at(recorded),
            )
        )
        for order, (code, prompt) in enumerate(prompts):
            kind = ("young" if age < 4 else "older") if code == "child_voice" else setting
            pool = FEEDBACK.get((code, kind), OTHER_PROMPT)
            self.rows["observation_feedback"].append(
                Row(
                    id=self.next_id("observation_feedback"),
                    observation_id=observation_id,
                    code=code,
                    prompt=prompt,
                    text=self.rng.choice(pool).format(**words),
                    order=order,
                )
            )
        responded = recorded + timedelta(days=self.rng.randint(1, 14))
        if self.rng.random() < RESPONDS and responded < self.as_of:
            self.rows["observation_responses"].append(
                Row(
                    id=self.next_id("observation_response"),
                    observation_id=observation_id,
                    text=self.rng.choice(RESPONSES).format(**words),
                    responded_at=self._at(responded),
                )
            )
        return True

    def _at(self, day: date) -> datetime:
        return timezone.make_aware(
            datetime.combine(day, time(self.rng.randint(9, 18), self.rng.choice([0, 15, 30, 45])))
        )
