"""Training in the practice model since it went live: the induction for most staff within months of
the go-live (or of starting, for those who came later), restorative practice for most case holders,
motivational interviewing for about half, reflective supervision for many managers. Some had a
course before the go-live, and not everyone refreshes on time, so some completions have run out
and refreshers are due."""

from datetime import datetime, time, timedelta
from types import SimpleNamespace as Row

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from alongside.practice_model.config import operating_model
from alongside.workforce.models import StaffRole

# (share of the people who need it that have done it, share of those who did it before the go-live)
UPTAKE = {
    "model_induction": ((0.88, 0.95), 0.0),
    "restorative_practice": ((0.70, 0.85), 0.25),
    "motivational_interviewing": ((0.55, 0.62), 0.35),
    "reflective_supervision": ((0.55, 0.70), 0.30),
}
REFRESHED_ON_TIME = 0.55
EARLIEST_BEFORE_GO_LIVE = timedelta(days=4 * 365)
NOTES = ["", "", "", "Cohort run by the principal social worker", "External trainer", "Online, with a practice day"]


class TrainingMixin:
    def write_training(self):
        self.rows["training_completions"] = []
        courses = operating_model().training.courses
        shares = {code: self.rng.uniform(*share) for code, (share, _) in UPTAKE.items()}
        recorder = next(
            (s for s in self.rows["staff"] if s.role == StaffRole.PRINCIPAL_SOCIAL_WORKER and s.left_on is None),
            self.rows["staff"][0],
        )
        for staff in self.rows["staff"]:
            if staff.left_on is not None and staff.left_on <= self.go_live:
                continue
            end = min(staff.left_on or self.as_of, self.as_of)
            for course in courses:
                if staff.role not in course.roles:
                    continue
                share, before = UPTAKE.get(course.code, ((0.5, 0.5), 0.0))
                if self.rng.random() >= shares.get(course.code, share[0]):
                    continue
                self._complete(staff, course, before, end, recorder.user_id)

    def _complete(self, staff, course, before_share: float, end, recorder_id):
        earliest = max(staff.started_on, self.go_live - EARLIEST_BEFORE_GO_LIVE)
        if course.refresh_months is not None and earliest < self.go_live and self.rng.random() < before_share:
            day = earliest + timedelta(days=self.rng.randint(0, (self.go_live - earliest).days))
        else:
            # Within months of the go-live, or of starting for those who joined later.
            day = max(staff.started_on, self.go_live) + timedelta(days=self.rng.randint(14, 240))
        while day <= end:
            recorded = max(day, min(day + timedelta(days=self.rng.randint(0, 10)), self.as_of - timedelta(days=1)))
            self.rows["training_completions"].append(
                Row(
                    id=self.next_id("training_completion"),
                    staff_id=staff.id,
                    course=course.code,
                    completed_on=day,
                    notes=self.rng.choice(NOTES),
                    recorded_by_id=recorder_id,
                    recorded_at=timezone.make_aware(datetime.combine(recorded, time(16, 0))),
                    replaces_id=None,
                    withdrawn=False,
                    reason="",
                )
            )
            if course.refresh_months is None or self.rng.random() >= REFRESHED_ON_TIME:
                break
            expires = day + relativedelta(months=course.refresh_months)
            day = expires + timedelta(days=self.rng.randint(-60, 30))
