"""Two years of compliments and complaints, at the rates English councils report: about 1.5 complaints
a year for every 100 open cases, about one in five going on to stage 2 and a few to a stage 3 review
panel, and about as many compliments as complaints. Most stage 1 responses are on time, some after an
agreed extension, a few late; the latest few complaints are still open today. Timescales come from
the operating model, counted on the generator's English working-day calendar."""

from datetime import datetime, time, timedelta
from types import SimpleNamespace as Row

from django.utils import timezone

from alongside.complaints.models import ComplaintStatus, HowReceived, MadeBy, Outcome, ReplyBy
from alongside.demo.generator.state import LA_NAME
from alongside.practice_model.config import operating_model
from alongside.workforce.models import StaffRole

COMPLAINT_YEARS = 2
COMPLAINTS_PER_100_OPEN_CASES = 1.5
OPEN_NOW = 2  # at least this many complaints are received recently enough to be open today
TO_STAGE_2 = 0.2
TO_STAGE_3 = 0.2  # of those answered at stage 2
ABOUT = [
    "{child}'s worker has changed three times this year and nobody told us why.",
    "We were not told about the meeting about {child} until the day before.",
    "I left messages about {child}'s contact with their dad for two weeks and nobody called back.",
    "The assessment of {child} says things about our family that are not true, and nobody checked them with us.",
    "{child} was seen at school without us being told first.",
    "The plan for {child} was changed at the review and we were not asked.",
    "Our worker cancelled four visits in a row. {child} was waiting each time.",
    "I asked for a copy of the report about {child} and have not had it.",
    "{child} wants to see their sister more often and nobody has listened.",
    "The letter about {child}'s case closing came with the wrong name on it.",
]
RESPONSES = {
    Outcome.UPHELD: "We are sorry. We have looked into this and agree that we did not do what we should have. {action}",
    Outcome.PARTLY_UPHELD: "We agree with part of your complaint and are sorry for it. {action}",
    Outcome.NOT_UPHELD: "We have looked at the records and spoken to the staff involved. We do not think we got "
    "this wrong, and have explained why. {action}",
    Outcome.WITHDRAWN: "You told us you wanted to withdraw the complaint after we met. Thank you for telling us.",
}
ACTIONS = [
    "Your worker will call you every Friday until the plan is reviewed.",
    "The team manager will meet you to go through the assessment together.",
    "We will send you the report within five working days.",
    "We have arranged an extra contact session each month.",
]
LEARNING = [
    "Duty workers return families' calls within one working day; the pod manager checks the log weekly.",
    "Families get the invitation and the reports for a meeting at least three working days before it.",
    "A change of worker is explained to the family by the manager, in person or by phone, before it happens.",
    "Assessments are read through with the family before they are finalised, and corrections noted.",
    "Schools are told to let parents know before a child is seen at school, unless that would put the child at risk.",
]
COMPLIMENTS = [
    "{worker} listened to {child} and to us. It is the first time we have felt heard.",
    "Thank you to {worker} for sticking with us through a really hard year.",
    "{child} says {worker} is the only one who explains things properly.",
    "The family group conference was the best meeting we have had. We made the plan ourselves.",
    "{worker} always calls back, even late on a Friday.",
    "Thank you for helping {child} stay at the same school. It means everything to us.",
    "The whole team knew who we were when {worker} was away. That made a big difference.",
]
COMPLAINT_ROUTES = [
    HowReceived.PORTAL,
    HowReceived.PHONE,
    HowReceived.EMAIL,
    HowReceived.LETTER,
    HowReceived.IN_PERSON,
]
COMPLIMENT_ROUTES = [
    HowReceived.PORTAL,
    HowReceived.EMAIL,
    HowReceived.PHONE,
    HowReceived.LETTER,
    HowReceived.IN_PERSON,
]
STREETS = ["Mill Lane", "Church Street", "Kestrel Road", "Victoria Terrace", "Orchard Close", "Station Road"]


class ComplaintsMixin:
    def write_complaints(self):
        for name in ("complaints", "complaint_stages", "complaint_learning", "compliments"):
            self.rows[name] = []
        self._complaint_setup()
        since = self.as_of - timedelta(days=int(COMPLAINT_YEARS * 365.25))
        open_cases = sum(1 for a in self.rows["allocations"] if a.ended_on is None and a.pod_id is not None)
        count = max(OPEN_NOW + 2, round(open_cases / 100 * COMPLAINTS_PER_100_OPEN_CASES * COMPLAINT_YEARS))
        days = (self.as_of - since).days
        received = sorted(self._complaint_day(since, days) for _ in range(count))
        answered = received[: -OPEN_NOW - 1]
        for index, day in enumerate(answered):
            # Late answers are drawn (about 7%), but a small LA's couple of dozen complaints can draw
            # none: one in the middle of the period is always answered late, as in any real service.
            self._complaint_row(day, overdue=index == len(answered) // 2)
        # The latest few: some waiting for their stage 1 response today, and one already overdue.
        self._complaint_row(self._complaint_days_before(self.as_of, 12), overdue=True)
        for _ in range(OPEN_NOW):
            self._complaint_row(self._complaint_days_before(self.as_of, self.rng.randint(1, 4)))
        for _ in range(count):
            self._compliment_row(self._complaint_day(since, days))

    def _complaint_setup(self):
        self._complaint_procedure = operating_model().complaints
        members = self.rows["members"]
        self._complaint_network_of = {m.person_id: m.network_id for m in members if m.role == "child"}
        self._complaint_parents: dict[int, list[int]] = {}
        self._complaint_relatives: dict[int, list[int]] = {}
        for m in members:
            if m.role == "parent":
                self._complaint_parents.setdefault(m.network_id, []).append(m.person_id)
            elif m.role == "relative":
                self._complaint_relatives.setdefault(m.network_id, []).append(m.person_id)
        self._complaint_people = {p.id: p for p in self.rows["people"]}
        self._complaint_staff = {s.id: s for s in self.rows["staff"]}
        self._complaint_officers = [
            s for s in self.rows["staff"] if s.role in (StaffRole.PRINCIPAL_SOCIAL_WORKER, StaffRole.HEAD_OF_SERVICE)
        ]
        self._complaint_allocations = [a for a in self.rows["allocations"] if a.pod_id is not None]

    def _complaint_day(self, since, days):
        """A weekday in the span: complaints and compliments are logged on working days."""
        day = since + timedelta(days=self.rng.randrange(days))
        return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day

    def _complaint_days_before(self, day, count):
        while count:
            day -= timedelta(days=1)
            if self.calendar.is_working_day(day):
                count -= 1
        return day

    def _complaint_allocation(self, day):
        for _ in range(60):
            allocation = self.rng.choice(self._complaint_allocations)
            if allocation.started_on <= day and (allocation.ended_on is None or allocation.ended_on > day):
                return allocation
        return None

    def _complaint_officer(self, day):
        officers = self._complaint_officers
        current = [s for s in officers if s.started_on <= day and (s.left_on is None or s.left_on > day)]
        # The principal social worker handles complaints; a head of service when there is none.
        psw = [s for s in current if s.role == StaffRole.PRINCIPAL_SOCIAL_WORKER]
        return (psw or current or officers)[0].user_id

    def _complaint_time(self, day, hour=10):
        return timezone.make_aware(datetime.combine(day, time(hour, self.rng.randint(0, 59))))

    def _complaint_contact(self, person, how):
        """The way to reply: usually the way it came (a letter gets a letter back); from the portal,
        the portal; by phone or in person, a phone number or an address."""
        route = {
            HowReceived.PORTAL: ReplyBy.PORTAL,
            HowReceived.EMAIL: ReplyBy.EMAIL,
            HowReceived.LETTER: ReplyBy.POST,
            HowReceived.ADVOCATE: ReplyBy.EMAIL,
        }.get(how) or self.rng.choice([ReplyBy.PHONE, ReplyBy.PHONE, ReplyBy.POST])
        if route == ReplyBy.PORTAL and person is None:
            route = ReplyBy.EMAIL
        first, last = (person.first_name, person.last_name) if person else ("advocacy", "service")
        address = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        return dict(
            reply_by=route,
            reply_email=f"{address}@example.org" if route == ReplyBy.EMAIL else "",
            reply_phone=f"07700 900 {self.rng.randint(0, 999):03d}" if route == ReplyBy.PHONE else "",
            reply_address=(
                f"{self.rng.randint(1, 120)} {self.rng.choice(STREETS)}\n{LA_NAME}" if route == ReplyBy.POST else ""
            ),
        )

    def _complaint_made_by(self, child, network_id, day):
        """Who made it, and how it came when that follows from who: mostly a parent; an older child
        themself, sometimes through an advocate; now and then a relative."""
        age = (day - child.date_of_birth).days / 365.25 if child.date_of_birth else 0
        draw = self.rng.random()
        parents = self._complaint_parents.get(network_id, [])
        relatives = self._complaint_relatives.get(network_id, [])
        if age >= 12 and draw < 0.25:
            how = HowReceived.ADVOCATE if draw < 0.1 else self.rng.choice([HowReceived.PORTAL, HowReceived.PHONE])
            return child, MadeBy.CHILD, how
        if relatives and draw > 0.9:
            return self._complaint_people[self.rng.choice(relatives)], MadeBy.RELATIVE, None
        if parents:
            return self._complaint_people[self.rng.choice(parents)], MadeBy.PARENT_CARER, None
        return None, MadeBy.OTHER, None

    def _complaint_row(self, day, overdue: bool = False):
        allocation = self._complaint_allocation(day)
        if allocation is None:
            return
        child = self._complaint_people[allocation.child_id]
        network_id = self._complaint_network_of.get(child.id)
        person, relationship, how = self._complaint_made_by(child, network_id, day)
        if person is None:
            name = f"{self.names.first_name('en_GB', 'F', self.rng)} {self.names.last_name('en_GB', self.rng)}"
        else:
            name = f"{person.first_name} {person.last_name}"
        if how is None:
            how = self.rng.choices(COMPLAINT_ROUTES, weights=[20, 35, 30, 10, 5])[0]
        if how == HowReceived.PORTAL and person is None:
            how = HowReceived.PHONE
        contact = self._complaint_contact(person, how)
        officer = self._complaint_officer(day)
        complaint = Row(
            id=self.next_id("complaint"),
            received_on=day,
            how_received=how,
            made_by_name=name,
            made_by_relationship=relationship,
            made_by_id=person.id if person is not None else None,
            child_id=child.id,
            about=self.rng.choice(ABOUT).format(child=child.first_name),
            pod_id=allocation.pod_id,
            staff_named_id=allocation.worker_id if self.rng.random() < 0.3 else None,
            stage=1,
            status=ComplaintStatus.OPEN,
            recorded_by_id=officer,
            recorded_at=self._complaint_time(day),
            **contact,
        )
        self.rows["complaints"].append(complaint)
        started, late_reason = day, ""
        for number in (1, 2, 3):
            stage = self._complaint_stage(complaint, number, started, officer, late_reason, overdue=overdue)
            complaint.stage = number
            if stage.responded_on is None:
                complaint.status = ComplaintStatus.OPEN
                return
            complaint.status = (
                ComplaintStatus.WITHDRAWN if stage.outcome == Outcome.WITHDRAWN else ComplaintStatus.CLOSED
            )
            go_on = TO_STAGE_2 if number == 1 else TO_STAGE_3
            if number == 3 or stage.outcome == Outcome.WITHDRAWN or self.rng.random() >= go_on:
                return
            ask_by = self.calendar.add(stage.responded_on, self._complaint_procedure.next_stage_request_working_days)
            late = self.rng.random() < 0.1  # a few ask after their window, and are accepted with a reason
            started = self.calendar.add(stage.responded_on, self.rng.randint(3, 18) + (12 if late else 0))
            if started > self.as_of:
                return
            late_reason = "They were in hospital when our response arrived." if started > ask_by else ""

    def _complaint_stage(self, complaint, number, started, officer, late_reason, overdue=False):
        rule = self._complaint_procedure.stage(number)
        due = self.calendar.add(started, rule.respond_working_days)
        row = Row(
            id=self.next_id("complaint_stage"),
            complaint_id=complaint.id,
            number=number,
            started_on=started,
            due_on=due,
            asked_for="We are still not happy with how this was handled." if number > 1 else "",
            late_reason=late_reason,
            extended_to=None,
            extension_reason="",
            extended_by_id=None,
            extended_at=None,
            panel_held_on=None,
            findings_on=None,
            responded_on=None,
            outcome="",
            response_summary="",
            responded_by_id=None,
            responded_at=None,
            recorded_by_id=officer,
            recorded_at=self._complaint_time(started),
        )
        self.rows["complaint_stages"].append(row)
        if number == 3:
            return self._complaint_panel(row, started, officer)
        draw = self.rng.random() if not overdue else 1.0
        extend_share = 0.12 if number == 1 else 0.35  # investigations are often extended
        if draw < extend_share and rule.extended_working_days:
            asked = self.calendar.add(started, max(1, rule.respond_working_days - 3))
            if asked <= self.as_of:
                row.extended_to = self.calendar.add(
                    started, self.rng.randint(rule.respond_working_days + 3, rule.extended_working_days)
                )
                row.extension_reason = self.rng.choice(
                    ["The complaint is complex and needs the records from two teams.", "An advocate is being arranged."]
                )
                row.extended_by_id, row.extended_at = officer, self._complaint_time(asked, 15)
            answer = self.calendar.add(started, self.rng.randint(rule.respond_working_days, rule.extended_working_days))
            if row.extended_to is not None:
                answer = min(answer, row.extended_to)
        elif draw < extend_share + 0.07 or overdue:  # late, with no extension
            answer = self.calendar.add(due, self.rng.randint(1, 8) if not overdue else 10)
        else:
            answer = self.calendar.add(
                started, self.rng.randint(max(2, rule.respond_working_days // 2), rule.respond_working_days)
            )
        return self._complaint_answer(row, answer, officer)

    def _complaint_panel(self, row, started, officer):
        held = self.calendar.add(started, self.rng.randint(18, 30))
        if held > self.as_of:
            return row
        row.panel_held_on = held
        findings = self.calendar.add(held, self.rng.randint(2, self._complaint_procedure.panel_findings_working_days))
        if findings > self.as_of:
            return row
        row.findings_on = findings
        return self._complaint_answer(
            row,
            self.calendar.add(findings, self.rng.randint(8, self._complaint_procedure.council_response_working_days)),
            officer,
        )

    def _complaint_answer(self, row, answer, officer):
        if answer > self.as_of:
            return row
        outcome = self.rng.choices(
            [Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD, Outcome.WITHDRAWN], weights=[25, 35, 35, 5]
        )[0]
        row.responded_on, row.outcome = answer, outcome
        row.response_summary = RESPONSES[outcome].format(action=self.rng.choice(ACTIONS))
        row.responded_by_id, row.responded_at = officer, self._complaint_time(answer, 16)
        if outcome in (Outcome.UPHELD, Outcome.PARTLY_UPHELD) and self.rng.random() < 0.7:
            self.rows["complaint_learning"].append(
                Row(
                    id=self.next_id("complaint_learning"),
                    complaint_id=row.complaint_id,
                    stage_id=row.id,
                    what_will_change=self.rng.choice(LEARNING),
                    recorded_by_id=officer,
                    recorded_at=self._complaint_time(answer, 17),
                )
            )
        return row

    def _compliment_row(self, day):
        allocation = self._complaint_allocation(day)
        if allocation is None:
            return
        child = self._complaint_people[allocation.child_id]
        worker = self._complaint_staff[allocation.worker_id]
        parents = self._complaint_parents.get(self._complaint_network_of.get(child.id), [])
        person = self._complaint_people[self.rng.choice(parents)] if parents and self.rng.random() < 0.75 else None
        about_worker = self.rng.random() < 0.75
        words = [w for w in COMPLIMENTS if about_worker or "{worker}" not in w]
        self.rows["compliments"].append(
            Row(
                id=self.next_id("compliment"),
                received_on=day,
                how_received=self.rng.choices(
                    [
                        HowReceived.PORTAL,
                        HowReceived.EMAIL,
                        HowReceived.PHONE,
                        HowReceived.LETTER,
                        HowReceived.IN_PERSON,
                    ],
                    weights=[25, 35, 15, 15, 10],
                )[0]
                if person is not None
                else HowReceived.EMAIL,
                from_name=f"{person.first_name} {person.last_name}" if person else f"{child.first_name}'s teacher",
                from_relationship=MadeBy.PARENT_CARER if person else MadeBy.OTHER,
                made_by_id=person.id if person else None,
                child_id=child.id,
                pod_id=allocation.pod_id,
                staff_id=worker.id if about_worker else None,
                words=self.rng.choice(words).format(child=child.first_name, worker=worker.first_name),
                recorded_by_id=self._complaint_officer(day),
                recorded_at=self._complaint_time(day),
            )
        )
