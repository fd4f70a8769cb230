"""Case file audits in the demo: two finished rounds (spring and autumn) so themes can be compared,
and a live winter round in which the demo users each have something to do.

Written after the demo sign-ins are chosen, because the live round is arranged around them: the
team manager has audits to do, the quality lead (the principal social worker) has one to moderate,
the social worker has a submitted audit to reflect on with actions in their work, and the demo
parent has been asked for their view in the portal."""

import math
from datetime import datetime, time, timedelta
from types import SimpleNamespace as Row

from django.utils import timezone

from alongside.practice_model.config import operating_model
from alongside.workforce.models import StaffRole

GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]
# The overall grade mix of a service on its way up: most good or requires improvement.
OVERALL_WEIGHTS = {"spring": [6, 38, 42, 14], "autumn": [9, 47, 35, 9], "winter": [10, 50, 32, 8]}
# Themes the model's early days found harder (direct work, the family's own plan) and easier.
THEME_SHIFT = {"Direct work": 1, "Done with, not to": 1, "Relationships first": -1, "The child's voice": 0}
EVIDENCE = {
    "outstanding": [
        "Clear, consistent and in the child's own words throughout.",
        "Exemplary: the record shows what changed and why, visit by visit.",
    ],
    "good": [
        "Evident in most visits; the child's words are quoted.",
        "Consistent with the plan; one gap in October, caught at supervision.",
        "The family's words are in the goals, and they signed the latest version.",
    ],
    "requires_improvement": [
        "Present but patchy: two visits in a row record no time alone with the child.",
        "The plan is written in professional language; the family's own goals are missing.",
        "Direct work is recorded as an activity, not what the child said or what changed.",
    ],
    "inadequate": [
        "Not evident in the last three months of the record.",
        "Drift: no review of the plan since the summer and no management oversight recorded.",
    ],
}
WORKING_WELL = [
    "A warm, steady relationship with the child; the same worker for over a year.",
    "The family network is part of the plan, and the FGC outcome is in it.",
    "Worries are named plainly next to the strengths, in words the family use.",
    "Visits are regular and purposeful, and the child is seen alone.",
]
NEEDS_TO_CHANGE = [
    "Record what the child says in their own words, not a summary of it.",
    "Write the contingency plan with the family, not for them.",
    "Make direct work purposeful: say what it was for and what changed.",
    "Supervision notes should show the reasons for decisions, not only the decisions.",
]
ACTIONS = [
    "Rewrite the plan's goals with the family, in their words, at the next visit.",
    "Complete a piece of direct work on the child's wishes and feelings before the review.",
    "Record the child's own words at each visit for the next two months.",
    "Bring the case to group reflective practice.",
    "Update the chronology of significant events.",
]
REFLECTIONS = [
    "Fair. I have been writing for the file rather than for the child; I will ask what they want me to write.",
    "I agree about the plan's language. I will go through it with Mum at the next visit.",
    "Helpful to see it through someone else's eyes. The direct work was purposeful but I did not record why.",
]
FAMILY_WORDS = [
    "She listens and she comes back when she says she will.",
    "The plan is better now we wrote it together.",
    "We have had three workers this year and had to tell it all again.",
    "Things are calmer at home.",
    "I did not understand the meeting, but the worker explained it after.",
]
MODERATION_REASONS = {
    True: [
        "Agreed: the evidence supports the grade.",
        "Agreed; the child's voice is strong and well evidenced.",
    ],
    False: [
        "The record does not show the child seen alone since September, so this cannot be good.",
        "The plan has improved since the summer and the family's words are there: better than graded.",
    ],
}


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _shift(grade: str, steps: int) -> str:
    return GRADES[max(0, min(len(GRADES) - 1, GRADES.index(grade) + steps))]


class _Writer:
    def __init__(self, generator, logins):
        self.g = generator
        self.rng = generator.rng
        self.rows = generator.rows
        self.logins = logins
        for name in (
            "audit_rounds",
            "case_audits",
            "audit_answers",
            "audit_moderations",
            "family_views",
            "audit_actions",
        ):
            self.rows[name] = []
        model = operating_model()
        self.quality = model.quality
        self.version = model.version
        self.staff = {s.id: s for s in self.rows["staff"]}
        self.mothers = {}
        for relationship in self.rows["relationships"]:
            if relationship.kind == "mother":
                self.mothers.setdefault(relationship.to_person_id, relationship.from_person_id)
        self.ids = {"round": 0, "audit": 0, "answer": 0, "moderation": 0, "view": 0, "action": 0}

    def next(self, kind):
        self.ids[kind] += 1
        return self.ids[kind]

    def current(self, role, day):
        return [
            s
            for s in self.rows["staff"]
            if s.role == role and s.started_on <= day and (s.left_on is None or s.left_on > day)
        ]

    def open_cases(self, day):
        return [a for a in self.rows["allocations"] if a.started_on <= day and (a.ended_on is None or a.ended_on > day)]

    def round_row(self, name, set_up_on, due_on, size, seed, set_up_by):
        row = Row(
            id=self.next("round"),
            name=name,
            sample_kind="random",
            pod_id=None,
            target="",
            sample_size=size,
            seed=seed,
            due_on=due_on,
            model_version=self.version,
            questions=[
                {"code": q.code, "theme": q.theme, "question": q.question, "required": q.required}
                for q in self.quality.audit_questions
            ],
            grades=[
                {"code": g.code, "label": g.label, "good_or_better": g.good_or_better} for g in self.quality.grades
            ],
            family_questions=[{"code": c, "question": q} for c, q in self.quality.family_questions],
            set_up_by_id=self.staff[set_up_by].user_id,
            set_up_on=set_up_on,
        )
        self.rows["audit_rounds"].append(row)
        return row

    def audit_row(self, audit_round, allocation, auditor, moderator):
        row = Row(
            id=self.next("audit"),
            round_id=audit_round.id,
            child_id=allocation.child_id,
            worker_id=allocation.worker_id,
            pod_id=allocation.pod_id,
            auditor_id=auditor.id,
            moderator_id=moderator.id if moderator else None,
            status="assigned",
            grade="",
            working_well="",
            needs_to_change="",
            draft_actions=[],
            submitted_at=None,
            reflection="",
            reflected_by_id=None,
            reflected_at=None,
        )
        self.rows["case_audits"].append(row)
        return row

    def grade(self, audit, season, submitted_on):
        overall = self.rng.choices(GRADES, weights=OVERALL_WEIGHTS[season])[0]
        for question in self.quality.audit_questions:
            shift = THEME_SHIFT.get(question.theme, 0) if season == "spring" else 0
            shift += self.rng.choice([-1, 0, 0, 0, 1])
            grade = "" if not question.required and self.rng.random() < 0.2 else _shift(overall, shift)
            self.rows["audit_answers"].append(
                Row(
                    id=self.next("answer"),
                    audit_id=audit.id,
                    question=question.code,
                    grade=grade,
                    comment=self.rng.choice(EVIDENCE[grade]) if grade else "",
                )
            )
        audit.status = "submitted"
        audit.grade = overall
        audit.working_well = self.rng.choice(WORKING_WELL)
        audit.needs_to_change = self.rng.choice(NEEDS_TO_CHANGE)
        audit.submitted_at = _aware(submitted_on, 15)

    def actions(self, audit, set_on, done_share):
        for what in self.rng.sample(ACTIONS, self.rng.choice([1, 1, 2])):
            due = self.g.calendar.add(set_on, self.quality.action_working_days)
            done = due <= self.g.as_of and self.rng.random() < done_share
            self.rows["audit_actions"].append(
                Row(
                    id=self.next("action"),
                    audit_id=audit.id,
                    worker_id=audit.worker_id,
                    action=what,
                    due_on=due,
                    done_on=due - timedelta(days=self.rng.randint(0, 10)) if done else None,
                    done_note="Done with the family at the visit; recorded in the story." if done else "",
                )
            )

    def family_view(self, audit, asked_on, given=True, how="conversation"):
        mother = self.mothers.get(audit.child_id)
        if mother is None:
            return
        self.rows["family_views"].append(
            Row(
                id=self.next("view"),
                audit_id=audit.id,
                person_id=mother,
                how=how,
                answers={
                    code: self.rng.choices(["yes", "sometimes", "no"], weights=[6, 3, 1])[0]
                    for code, _ in self.quality.family_questions
                }
                if given
                else {},
                words=self.rng.choice(FAMILY_WORDS) if given else "",
                asked_by_id=audit.auditor_id,
                asked_at=_aware(asked_on, 11),
                given_at=_aware(asked_on, 11) if given else None,
            )
        )

    def moderate(self, audit, moderator, on):
        agreed = self.rng.random() < 0.75
        grade = audit.grade if agreed else _shift(audit.grade, self.rng.choice([-1, 1]))
        agreed = grade == audit.grade
        self.rows["audit_moderations"].append(
            Row(
                id=self.next("moderation"),
                audit_id=audit.id,
                moderator_id=moderator.id,
                auditor_grade=audit.grade,
                grade=grade,
                reason=self.rng.choice(MODERATION_REASONS[agreed]),
                moderated_at=_aware(on, 16),
            )
        )

    def assign(self, sample, auditors):
        load = {a.id: 0 for a in auditors}
        chosen = []
        for allocation in sample:
            eligible = [a for a in auditors if a.id != allocation.worker_id]
            if not eligible:
                chosen.append(None)
                continue
            auditor = min(eligible, key=lambda a: (load[a.id], a.pod_id == allocation.pod_id, a.id))
            load[auditor.id] += 1
            chosen.append(auditor)
        return chosen

    def finished_round(self, name, season, set_up_on, size, quality_lead, moderators):
        cases = self.open_cases(set_up_on)
        sample = sorted(self.rng.sample(cases, min(size, len(cases))), key=lambda a: a.child_id)
        due_on = self.g.calendar.add(set_up_on, 20)
        audit_round = self.round_row(name, set_up_on, due_on, size, self.rng.randrange(1, 2**31), quality_lead.id)
        auditors = self.current(StaffRole.TEAM_MANAGER, set_up_on) + [quality_lead]
        moderate = set(self.rng.sample(range(len(sample)), math.ceil(self.quality.moderation_share * len(sample))))
        for n, (allocation, auditor) in enumerate(zip(sample, self.assign(sample, auditors), strict=True)):
            if auditor is None:
                continue
            moderator = next((m for m in moderators if m.id not in (auditor.id, allocation.worker_id)), None)
            audit = self.audit_row(audit_round, allocation, auditor, moderator if n in moderate else None)
            submitted_on = self.g.calendar.add(set_up_on, self.rng.randint(5, 20))
            self.grade(audit, season, submitted_on)
            if self.rng.random() < 0.6:
                self.family_view(audit, submitted_on - timedelta(days=3))
            if audit.moderator_id:
                self.moderate(audit, self.staff[audit.moderator_id], submitted_on + timedelta(days=5))
            if self.rng.random() < 0.85:
                audit.reflection = self.rng.choice(REFLECTIONS)
                audit.reflected_by_id = audit.worker_id
                audit.reflected_at = _aware(submitted_on + timedelta(days=7), 14)
            self.actions(audit, submitted_on, done_share=0.8)

    def live_round(self, set_up_on, quality_lead, moderators, worker_id, manager_id, parent_child_id):
        as_of = self.g.as_of
        cases = self.open_cases(set_up_on)
        by_child = {a.child_id: a for a in cases}
        size = len({a.child_id for a in cases}) and min(24, max(8, len(cases) // 60))
        # The demo parent's child and another of the worker's children, then a random sample.
        wanted = [by_child[c] for c in (parent_child_id,) if c in by_child]
        wanted += [a for a in cases if a.worker_id == worker_id and a.child_id != parent_child_id][:1]
        others = [a for a in cases if a.child_id not in {w.child_id for w in wanted}]
        sample = wanted + self.rng.sample(others, max(0, min(size, len(cases)) - len(wanted)))
        audit_round = self.round_row(
            f"Winter {set_up_on.year} audit",
            set_up_on,
            self.g.calendar.add(set_up_on, 20),
            len(sample),
            self.rng.randrange(1, 2**31),
            quality_lead.id,
        )
        manager = self.staff[manager_id]
        managers = [m for m in self.current(StaffRole.TEAM_MANAGER, set_up_on) if m.id != manager_id]
        given_to_manager = 0
        for n, allocation in enumerate(sample):
            if n < len(wanted):
                # The worker's own audits: by another pod's manager, moderated by the quality lead.
                auditor = next((m for m in managers if m.pod_id != allocation.pod_id), quality_lead)
                moderator = next(m for m in moderators if m.id not in (auditor.id, allocation.worker_id))
                audit = self.audit_row(audit_round, allocation, auditor, moderator)
                if allocation.child_id == parent_child_id:
                    self.family_view(audit, as_of - timedelta(days=2), given=False, how="portal")
                else:
                    self.grade(audit, "winter", as_of - timedelta(days=1))
                    self.family_view(audit, as_of - timedelta(days=4))
                    self.actions(audit, as_of - timedelta(days=1), done_share=0)
                continue
            # The demo team manager audits three cases from outside their own pod.
            if given_to_manager < 3 and allocation.worker_id != manager_id and allocation.pod_id != manager.pod_id:
                auditor = manager
                given_to_manager += 1
            else:
                auditor = self.rng.choice([m for m in managers if m.id != allocation.worker_id] or [quality_lead])
            moderator = next((m for m in moderators if m.id not in (auditor.id, allocation.worker_id)), None)
            audit = self.audit_row(audit_round, allocation, auditor, moderator if n % 4 == 0 else None)
            if auditor.id != manager_id and self.rng.random() < 0.4:
                self.grade(audit, "winter", as_of - timedelta(days=self.rng.randint(0, 5)))


def write_case_audits(generator, logins) -> None:
    """Adds the audit rounds to the generator's rows (see the module docstring)."""
    writer = _Writer(generator, logins)
    as_of = generator.as_of
    quality_lead = writer.staff[logins.quality_lead_id]
    heads = writer.current(StaffRole.HEAD_OF_SERVICE, as_of)
    moderators = [quality_lead, *heads]
    size = min(30, max(10, len(writer.open_cases(as_of)) // 60))
    writer.finished_round(
        f"Spring {as_of.year} audit", "spring", as_of - timedelta(days=240), size, quality_lead, moderators
    )
    writer.finished_round(
        f"Autumn {as_of.year} audit", "autumn", as_of - timedelta(days=75), size, quality_lead, moderators
    )
    writer.live_round(
        as_of - timedelta(days=7),
        quality_lead,
        moderators,
        worker_id=logins.worker_id,
        manager_id=logins.manager_id,
        parent_child_id=logins.parent_child_id,
    )
