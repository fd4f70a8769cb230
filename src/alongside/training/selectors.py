"""Reading training: each person's status for the courses their role needs, coverage per pod and
per role, and who is due a refresher. Courses and refresh periods come from the operating model."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from alongside.practice_model.config import Course, operating_model
from alongside.training.models import CourseStatus, TrainingCompletion
from alongside.workforce.models import StaffMember, StaffRole

NO_POD = "Not in a pod"
# A refresher due soon still holds the course until the day it runs out.
HOLDS = {CourseStatus.CURRENT, CourseStatus.DUE_SOON}


def in_force():
    """Completions that stand: not withdrawn, and not replaced by a correction or withdrawal."""
    return TrainingCompletion.objects.filter(withdrawn=False, replaced_by__isnull=True)


@dataclass(frozen=True)
class CourseState:
    course: Course
    status: CourseStatus
    completed_on: date | None
    expires_on: date | None  # None: never done, or a course that does not need refreshing

    @property
    def holds(self) -> bool:
        return self.status in HOLDS


@dataclass(frozen=True)
class StaffTraining:
    staff: StaffMember
    courses: list[CourseState]


def courses_needed(role: str) -> list[Course]:
    return [course for course in operating_model().training.courses if role in course.roles]


def expires_on(course: Course, completed_on: date) -> date | None:
    """The day a completion stops counting (None when the course does not need refreshing)."""
    if course.refresh_months is None:
        return None
    return completed_on + relativedelta(months=course.refresh_months)


def course_state(course: Course, completed_on: date | None, *, on: date) -> CourseState:
    if completed_on is None:
        return CourseState(course, CourseStatus.NEVER, None, None)
    ends = expires_on(course, completed_on)
    if ends is None:
        return CourseState(course, CourseStatus.CURRENT, completed_on, None)
    if ends <= on:
        return CourseState(course, CourseStatus.EXPIRED, completed_on, ends)
    if ends <= on + timedelta(days=operating_model().training.due_soon_days):
        return CourseState(course, CourseStatus.DUE_SOON, completed_on, ends)
    return CourseState(course, CourseStatus.CURRENT, completed_on, ends)


def current_staff(*, on: date):
    """Staff in post on the day, with their pod and team."""
    return (
        StaffMember.objects.filter(started_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .select_related("pod__team", "team")
        .order_by("last_name", "first_name")
    )


def latest_completions(staff_ids, *, on: date) -> dict[tuple[int, str], date]:
    """The latest completion in force on or before the day, per (staff id, course code)."""
    latest: dict[tuple[int, str], date] = {}
    rows = (
        in_force()
        .filter(staff_id__in=staff_ids, completed_on__lte=on)
        .values_list("staff_id", "course", "completed_on")
    )
    for staff_id, course, completed_on in rows:
        key = (staff_id, course)
        if key not in latest or completed_on > latest[key]:
            latest[key] = completed_on
    return latest


def training_for_staff(staff: list[StaffMember], *, on: date) -> list[StaffTraining]:
    """Each person's status (current, refresher due soon, needs a refresher, not done yet) for each
    course their role needs."""
    latest = latest_completions([s.id for s in staff], on=on)
    return [
        StaffTraining(
            person, [course_state(c, latest.get((person.id, c.code)), on=on) for c in courses_needed(person.role)]
        )
        for person in staff
    ]


def completion_history(staff: StaffMember):
    """Everything recorded for the person, newest first, with what each correction replaced."""
    return (
        TrainingCompletion.objects.filter(staff=staff)
        .select_related("recorded_by", "replaces")
        .order_by("-completed_on", "-recorded_at")
    )


@dataclass(frozen=True)
class CoverageCell:
    course: Course
    needed: int  # people in the group whose role needs the course
    holding: int  # of those, how many hold a current completion

    @property
    def share(self) -> int | None:
        return round(100 * self.holding / self.needed) if self.needed else None


@dataclass(frozen=True)
class CoverageRow:
    key: object  # the pod id (None: not in a pod) or the role
    label: str
    cells: list[CoverageCell]


def _coverage(rows: list[StaffTraining], group_of) -> list[CoverageRow]:
    courses = operating_model().training.courses
    counts: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    labels = {}
    for row in rows:
        key, label = group_of(row.staff)
        labels[key] = label
        for state in row.courses:
            tally = counts[key][state.course.code]
            tally[0] += 1
            tally[1] += state.holds
    return [
        CoverageRow(key, labels[key], [CoverageCell(c, *counts[key][c.code]) for c in courses])
        for key in sorted(labels, key=lambda k: (k is None, labels[k]))
    ]


def training_coverage_by_pod(*, on: date, first_pod_id: int | None = None) -> list[CoverageRow]:
    """Per pod (and those not in a pod), for each course: how many need it and how many hold a
    current completion. `first_pod_id` (a manager's own pod) comes first."""
    rows = training_for_staff(list(current_staff(on=on)), on=on)
    coverage = _coverage(rows, lambda s: (s.pod_id, s.pod.name if s.pod else NO_POD))
    return sorted(coverage, key=lambda row: row.key != first_pod_id) if first_pod_id else coverage


def training_coverage_by_role(*, on: date) -> list[CoverageRow]:
    """Per role that needs any course, for each course: how many need it and how many hold a
    current completion."""
    rows = training_for_staff(list(current_staff(on=on)), on=on)
    order = {role: n for n, role in enumerate(StaffRole.values)}
    coverage = _coverage(rows, lambda s: (s.role, s.get_role_display()))
    # A role that needs none of the courses has nothing to show.
    return sorted((row for row in coverage if any(c.needed for c in row.cells)), key=lambda row: order[row.key])


@dataclass(frozen=True)
class PodCoverage:
    pod_id: int | None
    pod: str
    course: str
    needed: int
    holding: int
    share: int | None  # percent; None when nobody in the pod needs the course


def coverage_per_pod(*, on: date) -> list[PodCoverage]:
    """For the impact dashboard: one row per pod and course, plain values."""
    return [
        PodCoverage(row.key, row.label, cell.course.code, cell.needed, cell.holding, cell.share)
        for row in training_coverage_by_pod(on=on)
        for cell in row.cells
    ]


@dataclass(frozen=True)
class Refresher:
    staff: StaffMember
    state: CourseState


def refreshers(*, on: date, first_pod_id: int | None = None) -> tuple[list[Refresher], list[Refresher]]:
    """(due within the operating model's `due_soon_days`, overdue), soonest first; a manager's own
    pod first. Never-done courses are not refreshers: they show in coverage."""
    due, overdue = [], []
    for row in training_for_staff(list(current_staff(on=on)), on=on):
        for state in row.courses:
            if state.status == CourseStatus.DUE_SOON:
                due.append(Refresher(row.staff, state))
            elif state.status == CourseStatus.EXPIRED:
                overdue.append(Refresher(row.staff, state))

    def order(item: Refresher):
        return (first_pod_id is not None and item.staff.pod_id != first_pod_id, item.state.expires_on)

    return sorted(due, key=order), sorted(overdue, key=order)
