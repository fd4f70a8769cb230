"""`alongside snapshot`: the record as Parquet files, one per table of schema.py.

Reads each table with one streaming query (values_list, no model instances), turns ids into
pseudonyms and writes the table. Only what the figures need leaves the record (schema.py says what
and why). The snapshot is taken as of one day: months run from the first month the record holds
(at most `MAX_YEARS` back) to the last complete month before that day."""

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.db.models import Min
from django.utils import timezone

from alongside.insight.calendar import month_rows
from alongside.insight.parquet import write_table
from alongside.insight.pseudonyms import Pseudonyms
from alongside.insight.schema import TABLES
from alongside.lib.errors import ApplicationError
from alongside.lib.working_days import calendar_for
from alongside.practice_model.config import operating_model
from alongside.practice_model.models import LocalAuthority
from alongside.timescales.engine import due_on

NO_LA = "This database holds no local authority yet: run `alongside seed` or load the record first"
MAX_YEARS = 10
CHUNK = 5_000


@dataclass
class SnapshotResult:
    directory: Path
    rows: dict[str, int]
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


class _Snapshot:
    def __init__(self, la: LocalAuthority, on: date):
        self.la = la
        self.code = la.dfe_code
        self.on = on
        self.ids = Pseudonyms(la.dfe_code)
        self.model = operating_model()
        self.staff_of_user: dict[int, int] = {}
        self.pod_of_staff: dict[int, int | None] = {}

    def pid(self, kind: str, value) -> str | None:
        return self.ids.of(kind, value)

    # Each method yields rows (dicts without la_code) for the table of the same name.

    def la_table(self) -> Iterator[dict]:
        yield {
            "la_name": self.la.name,
            "child_population": self.la.child_population,
            "go_live": self.la.practice_model_go_live,
            "snapshot_on": self.on,
            "model_version": self.model.version,
        }

    def month(self) -> Iterator[dict]:
        from alongside.journey.models import ChildInNeedEpisode
        from alongside.workforce.models import Allocation

        firsts = [
            ChildInNeedEpisode.objects.aggregate(m=Min("referral_date"))["m"],
            Allocation.objects.aggregate(m=Min("started_on"))["m"],
        ]
        last = self.on.replace(day=1) - relativedelta(months=1)
        earliest = (self.on - relativedelta(years=MAX_YEARS)).replace(day=1)
        first = max([d for d in firsts if d] + [earliest]) if any(firsts) else last
        first = min(first.replace(day=1), last)
        yield from month_rows(first, last, self.la.practice_model_go_live)

    def pod(self) -> Iterator[dict]:
        from alongside.workforce.models import Pod

        for pod_id, name, team, service in Pod.objects.values_list("id", "name", "team__name", "team__service"):
            yield {"pod_id": self.pid("pod", pod_id), "pod_name": name, "team_name": team, "service": service}

    def staff(self) -> Iterator[dict]:
        from alongside.workforce.models import CASE_HOLDING_ROLES, StaffMember

        holding = {str(r) for r in CASE_HOLDING_ROLES}
        for staff_id, user_id, role, pod_id, employment, started, left in StaffMember.objects.values_list(
            "id", "user_id", "role", "pod_id", "employment", "started_on", "left_on"
        ).iterator(chunk_size=CHUNK):
            self.staff_of_user[user_id] = staff_id
            self.pod_of_staff[staff_id] = pod_id
            yield {
                "staff_id": self.pid("staff", staff_id),
                "role": role,
                "case_holding": role in holding,
                "pod_id": self.pid("pod", pod_id),
                "employment": employment,
                "started_on": started,
                "left_on": left,
            }

    def model_pod_role(self) -> Iterator[dict]:
        for role in self.model.data["pods"]["roles"]:
            yield {"role": role["role"], "per_pod": role["per_pod"]}

    def standard(self) -> Iterator[dict]:
        every = {role: standard.every_working_days for standard in self.model.supervision for role in standard.roles}
        caps = self.model.caseload_caps
        for role in sorted(set(every) | set(caps)):
            yield {
                "role": role,
                "supervision_every_working_days": every.get(role),
                "caseload_cap": float(caps[role]) if role in caps else None,
            }

    def caseload_weight(self) -> Iterator[dict]:
        for involvement, weight in self.model.caseload_weights.items():
            yield {"involvement": involvement, "weight": float(weight)}
        yield {"involvement": "proceedings_extra", "weight": float(self.model.complexity_extra)}

    def child(self) -> Iterator[dict]:
        from alongside.people.models import Person
        from alongside.workforce.models import Allocation

        known = set(Allocation.objects.values_list("child_id", flat=True))
        known |= set(_journey_children())
        for person_id, sex, ethnicity, born, expected, disabilities in (
            Person.objects.filter(id__in=known)
            .values_list("id", "sex", "ethnicity", "date_of_birth", "expected_date_of_birth", "disabilities")
            .iterator(chunk_size=CHUNK)
        ):
            birth = born or expected
            yield {
                "child_id": self.pid("child", person_id),
                "sex": sex or "",
                "ethnicity": ethnicity or "",
                "birth_month": birth.replace(day=1) if birth else None,
                "disabled": bool(disabilities),
            }

    def allocation(self) -> Iterator[dict]:
        from alongside.workforce.models import Allocation

        for row in Allocation.objects.values_list(
            "id", "child_id", "worker_id", "pod_id", "started_on", "ended_on", "reason", "end_reason"
        ).iterator(chunk_size=CHUNK):
            alloc, child, worker, pod, started, ended, reason, end_reason = row
            yield {
                "allocation_id": self.pid("allocation", alloc),
                "child_id": self.pid("child", child),
                "staff_id": self.pid("staff", worker),
                "pod_id": self.pid("pod", pod),
                "started_on": started,
                "ended_on": ended,
                "reason": reason or "",
                "end_reason": end_reason or "",
            }

    def handover(self) -> Iterator[dict]:
        from alongside.handovers.models import Handover

        for row in Handover.objects.values_list(
            "id",
            "child_id",
            "allocation_id",
            "from_worker_id",
            "to_worker_id",
            "opened_on",
            "summary",
            "family_message",
            "joint_visit_id",
            "incomplete_reason",
            "completed_on",
        ).iterator(chunk_size=CHUNK):
            hid, child, alloc, from_w, to_w, opened, summary, message, joint, incomplete, completed = row
            yield {
                "handover_id": self.pid("handover", hid),
                "child_id": self.pid("child", child),
                "allocation_id": self.pid("allocation", alloc),
                "from_staff_id": self.pid("staff", from_w),
                "to_staff_id": self.pid("staff", to_w),
                "opened_on": opened,
                "has_summary": bool(summary.strip()),
                "has_family_message": bool(message.strip()),
                "has_joint_visit": joint is not None,
                "incomplete_reason_given": bool(incomplete.strip()),
                "completed_on": completed,
            }

    def early_help(self) -> Iterator[dict]:
        from alongside.journey.models import EarlyHelpEpisode

        for eid, child, started, ended in EarlyHelpEpisode.objects.values_list(
            "id", "child_id", "started_on", "ended_on"
        ).iterator(chunk_size=CHUNK):
            yield {
                "episode_id": self.pid("early_help", eid),
                "child_id": self.pid("child", child),
                "started_on": started,
                "ended_on": ended,
            }

    def referral(self) -> Iterator[dict]:
        from alongside.journey.models import ChildInNeedEpisode

        for row in ChildInNeedEpisode.objects.values_list(
            "id",
            "child_id",
            "referral_date",
            "referral_source",
            "primary_need",
            "referral_nfa",
            "closure_date",
            "closure_reason",
        ).iterator(chunk_size=CHUNK):
            rid, child, referred, source, need, nfa, closed, reason = row
            yield {
                "referral_id": self.pid("referral", rid),
                "child_id": self.pid("child", child),
                "referral_date": referred,
                "source": source or "",
                "primary_need": need or "",
                "nfa": bool(nfa),
                "closure_date": closed,
                "closure_reason": reason or "",
            }

    def assessment(self) -> Iterator[dict]:
        from alongside.assessments.models import ChildAssessment
        from alongside.journey.models import Assessment

        rule = self.model.timescale("assessment")
        views = dict(
            (dfe, (bool(view.strip()), bool(not_gained.strip())))
            for dfe, view, not_gained in ChildAssessment.objects.filter(dfe__isnull=False).values_list(
                "dfe_id", "child_view", "child_view_not_gained"
            )
        )
        calendar = _calendar(self.on)
        for aid, episode, child, referred, started, authorised in Assessment.objects.values_list(
            "id", "episode_id", "episode__child_id", "episode__referral_date", "started_on", "authorised_on"
        ).iterator(chunk_size=CHUNK):
            view, not_gained = views.get(aid, (False, False))
            yield {
                "assessment_id": self.pid("assessment", aid),
                "referral_id": self.pid("referral", episode),
                "child_id": self.pid("child", child),
                "started_on": started,
                "authorised_on": authorised,
                "due_on": _due(rule, referred, calendar) if referred else None,
                "child_view_recorded": view,
                "child_view_not_gained_reason": not_gained,
            }

    def section47(self) -> Iterator[dict]:
        from alongside.journey.models import Section47Enquiry

        for sid, episode, child, started, target, icpc, not_required in Section47Enquiry.objects.values_list(
            "id", "episode_id", "episode__child_id", "started_on", "icpc_target_date", "icpc_date", "icpc_not_required"
        ).iterator(chunk_size=CHUNK):
            yield {
                "s47_id": self.pid("section47", sid),
                "referral_id": self.pid("referral", episode),
                "child_id": self.pid("child", child),
                "started_on": started,
                "icpc_due_on": target,
                "icpc_date": icpc,
                "icpc_not_required": bool(not_required),
            }

    def cp_plan(self) -> Iterator[dict]:
        from alongside.journey.models import ChildProtectionPlan

        for pid, episode, child, started, ended, category, previous in ChildProtectionPlan.objects.values_list(
            "id", "episode_id", "episode__child_id", "started_on", "ended_on", "initial_category", "previous_plans"
        ).iterator(chunk_size=CHUNK):
            yield {
                "cp_plan_id": self.pid("cp_plan", pid),
                "referral_id": self.pid("referral", episode),
                "child_id": self.pid("child", child),
                "started_on": started,
                "ended_on": ended,
                "initial_category": category or "",
                "previous_plans": previous or 0,
            }

    def cin_plan(self) -> Iterator[dict]:
        from alongside.journey.models import ChildInNeedPlan

        for pid, episode, child, started, ended in ChildInNeedPlan.objects.values_list(
            "id", "episode_id", "episode__child_id", "started_on", "ended_on"
        ).iterator(chunk_size=CHUNK):
            yield {
                "cin_plan_id": self.pid("cin_plan", pid),
                "referral_id": self.pid("referral", episode),
                "child_id": self.pid("child", child),
                "started_on": started,
                "ended_on": ended,
            }

    def care_episode(self) -> Iterator[dict]:
        from alongside.journey.models import CareEpisode

        for row in CareEpisode.objects.values_list(
            "id",
            "child_id",
            "started_on",
            "ended_on",
            "new_episode_reason",
            "legal_status",
            "placement_type",
            "end_reason",
        ).iterator(chunk_size=CHUNK):
            eid, child, started, ended, rne, legal, placement, rec = row
            yield {
                "care_episode_id": self.pid("care_episode", eid),
                "child_id": self.pid("child", child),
                "started_on": started,
                "ended_on": ended,
                "new_episode_reason": rne or "",
                "legal_status": legal or "",
                "placement_type": placement or "",
                "end_reason": rec or "",
            }

    def care_leaver(self) -> Iterator[dict]:
        from alongside.journey.models import CareLeaverEpisode

        for eid, child, started, ended in CareLeaverEpisode.objects.values_list(
            "id", "child_id", "started_on", "ended_on"
        ).iterator(chunk_size=CHUNK):
            yield {
                "care_leaver_id": self.pid("care_leaver", eid),
                "child_id": self.pid("child", child),
                "started_on": started,
                "ended_on": ended,
            }

    def plan_version(self) -> Iterator[dict]:
        from alongside.plans.models import PlanVersion

        for plan, child, kind, number, written, agreement in PlanVersion.objects.values_list(
            "plan_id", "plan__child_id", "plan__kind", "number", "written_at", "family_agreement"
        ).iterator(chunk_size=CHUNK):
            yield {
                "plan_id": self.pid("plan", plan),
                "child_id": self.pid("child", child),
                "plan_kind": kind,
                "number": number,
                "written_on": _day(written),
                "family_agreement": agreement or "",
            }

    def plan_response(self) -> Iterator[dict]:
        from alongside.plans.models import PlanResponse

        for plan, number, agreement, at in PlanResponse.objects.values_list(
            "version__plan_id", "version__number", "agreement", "responded_at"
        ).iterator(chunk_size=CHUNK):
            yield {
                "plan_id": self.pid("plan", plan),
                "number": number,
                "agreement": agreement or "",
                "responded_on": _day(at),
            }

    def story_entry(self) -> Iterator[dict]:
        from alongside.story.models import EntryStatus, StoryEntry

        final = StoryEntry.objects.filter(status=EntryStatus.FINAL)
        superseded = set(final.filter(corrects__isnull=False).values_list("corrects_id", flat=True))
        self._entries: set[int] = set()
        for row in final.values_list(
            "id", "kind", "occurred_at", "author_id", "minutes", "child_seen", "child_seen_alone", "direct_work_tool"
        ).iterator(chunk_size=CHUNK):
            eid, kind, occurred, author, minutes, seen, alone, tool = row
            if eid in superseded:
                continue
            self._entries.add(eid)
            yield {
                "entry_id": self.pid("story_entry", eid),
                "kind": kind,
                "occurred_on": _day(occurred),
                "author_staff_id": self.pid("staff", self.staff_of_user.get(author)),
                "minutes": minutes,
                "child_seen": bool(seen),
                "child_seen_alone": bool(alone),
                "direct_work_tool": tool or "",
            }

    def story_entry_child(self) -> Iterator[dict]:
        from alongside.story.models import StoryEntry

        through = StoryEntry.about.through
        for eid, child in through.objects.values_list("storyentry_id", "person_id").iterator(chunk_size=CHUNK):
            if eid in self._entries:
                yield {"entry_id": self.pid("story_entry", eid), "child_id": self.pid("child", child)}

    def supervision(self) -> Iterator[dict]:
        from alongside.supervision.models import SupervisionSession

        for sid, supervisor, supervisee, held in SupervisionSession.objects.values_list(
            "id", "supervisor_id", "supervisee_id", "held_on"
        ).iterator(chunk_size=CHUNK):
            yield {
                "session_id": self.pid("supervision", sid),
                "supervisor_id": self.pid("staff", supervisor),
                "supervisee_id": self.pid("staff", supervisee),
                "held_on": held,
            }

    def group_session(self) -> Iterator[dict]:
        from alongside.supervision.models import GroupSession

        for sid, pod, held, minutes, facilitator in GroupSession.objects.values_list(
            "id", "pod_id", "held_on", "minutes", "facilitator_id"
        ):
            yield {
                "session_id": self.pid("group_session", sid),
                "pod_id": self.pid("pod", pod),
                "held_on": held,
                "minutes": minutes,
                "facilitator_id": self.pid("staff", facilitator),
            }

    def group_attendance(self) -> Iterator[dict]:
        from alongside.supervision.models import GroupAttendance

        for sid, staff in GroupAttendance.objects.values_list("session_id", "staff_id").iterator(chunk_size=CHUNK):
            yield {"session_id": self.pid("group_session", sid), "staff_id": self.pid("staff", staff)}

    def training(self) -> Iterator[dict]:
        from alongside.training.selectors import expires_on, in_force

        courses = {course.code: course for course in self.model.training.courses}
        for staff, code, completed in in_force().values_list("staff_id", "course", "completed_on"):
            course = courses.get(code)
            yield {
                "staff_id": self.pid("staff", staff),
                "course": code,
                "completed_on": completed,
                "expires_on": expires_on(course, completed) if course else None,
            }

    def course_role(self) -> Iterator[dict]:
        for course in self.model.training.courses:
            for role in course.roles:
                yield {"course": course.code, "role": role}

    def case_audit(self) -> Iterator[dict]:
        from alongside.quality.models import AuditStatus, CaseAudit

        audits = CaseAudit.objects.filter(status=AuditStatus.SUBMITTED)
        for aid, round_id, child, pod, submitted, grade, moderated in audits.values_list(
            "id", "round_id", "child_id", "pod_id", "submitted_at", "grade", "moderation__grade"
        ):
            yield {
                "audit_id": self.pid("case_audit", aid),
                "round_id": self.pid("audit_round", round_id),
                "child_id": self.pid("child", child),
                "pod_id": self.pid("pod", pod),
                "submitted_on": _day(submitted),
                "auditor_grade": grade,
                "final_grade": moderated or grade,
            }

    def audit_answer(self) -> Iterator[dict]:
        from alongside.quality.models import AuditAnswer, AuditRound, AuditStatus

        themes = {
            rid: {q["code"]: q.get("theme", "") for q in questions}
            for rid, questions in AuditRound.objects.values_list("id", "questions")
        }
        for aid, round_id, question, grade in AuditAnswer.objects.filter(
            audit__status=AuditStatus.SUBMITTED
        ).values_list("audit_id", "audit__round_id", "question", "grade"):
            yield {
                "audit_id": self.pid("case_audit", aid),
                "question": question,
                "theme": themes.get(round_id, {}).get(question, ""),
                "grade": grade or "not_applicable",
            }

    def family_view(self) -> Iterator[dict]:
        from alongside.quality.models import FamilyView

        for aid, given, answers in FamilyView.objects.filter(given_at__isnull=False).values_list(
            "audit_id", "given_at", "answers"
        ):
            answers = json.loads(answers) if isinstance(answers, str) else (answers or {})
            for question, answer in sorted(answers.items()):
                yield {
                    "audit_id": self.pid("case_audit", aid),
                    "given_on": _day(given),
                    "question": question,
                    "answer": answer,
                }

    def family_feedback(self) -> Iterator[dict]:
        from alongside.portal.models import FamilyFeedback

        for fid, given, worker, how in FamilyFeedback.objects.values_list("id", "given_at", "worker_id", "how_it_went"):
            yield {
                "feedback_id": self.pid("family_feedback", fid),
                "given_on": _day(given),
                "pod_id": self.pid("pod", self.pod_of_staff.get(worker)),
                "how_it_went": how,
            }

    def complaint(self) -> Iterator[dict]:
        from alongside.complaints.models import Complaint, Stage

        first_stage = {
            cid: (extended or due, responded)
            for cid, due, extended, responded in Stage.objects.filter(number=1).values_list(
                "complaint_id", "due_on", "extended_to", "responded_on"
            )
        }
        for cid, received, pod, stage in Complaint.objects.values_list("id", "received_on", "pod_id", "stage"):
            due, responded = first_stage.get(cid, (None, None))
            yield {
                "complaint_id": self.pid("complaint", cid),
                "received_on": received,
                "pod_id": self.pid("pod", pod),
                "stage": stage,
                "stage1_due_on": due,
                "stage1_responded_on": responded,
            }

    def compliment(self) -> Iterator[dict]:
        from alongside.complaints.models import Compliment

        for cid, received, pod in Compliment.objects.values_list("id", "received_on", "pod_id"):
            yield {
                "compliment_id": self.pid("compliment", cid),
                "received_on": received,
                "pod_id": self.pid("pod", pod),
            }

    def pulse(self) -> Iterator[dict]:
        from alongside.pulse.selectors import safe_and_supported_counts

        for count in safe_and_supported_counts(on=self.on):
            yield {
                "round_closes_on": count.closes_on,
                "pod_id": self.pid("pod", count.pod_id),
                "answered": count.answered,
                "agreed": count.agreed,
            }


def _journey_children() -> set[int]:
    from alongside.journey.models import CareEpisode, ChildInNeedEpisode, EarlyHelpEpisode

    children = set(ChildInNeedEpisode.objects.values_list("child_id", flat=True))
    children |= set(EarlyHelpEpisode.objects.values_list("child_id", flat=True))
    children |= set(CareEpisode.objects.values_list("child_id", flat=True))
    return children


def _due(rule, start: date, calendar) -> date:
    # The timescales engine makes a calendar per start year; one calendar for the whole span is the
    # same arithmetic (lib.working_days) without rebuilding it for each decade of referrals.
    if rule.unit == "working_days":
        return calendar.add(start, rule.amount)
    return due_on(rule, start)


def _calendar(on: date):
    from alongside.journey.models import ChildInNeedEpisode

    first = ChildInNeedEpisode.objects.aggregate(m=Min("referral_date"))["m"] or on
    return calendar_for(first.year, on.year + 2)


# The order matters only where a table needs what an earlier one learnt (staff before the story).
ORDER = [name for name in TABLES]
ORDER.remove("staff")
ORDER.insert(0, "staff")


def write_snapshot(
    directory: Path, *, on: date | None = None, progress: Callable[[str, int, float], None] | None = None
) -> SnapshotResult:
    """Writes every table into `directory` (made if need be) and a manifest.json saying when, what
    and how many rows. `progress(table, rows, seconds)` is called after each table."""
    started = time.perf_counter()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    la = LocalAuthority.objects.first()
    if la is None:
        raise ApplicationError(NO_LA)
    snapshot = _Snapshot(la, on or timezone.localdate())
    rows = {}
    for name in ORDER:
        table_started = time.perf_counter()
        method = snapshot.la_table if name == "la" else getattr(snapshot, name)
        data = defaultdict(list)
        for row in method():
            row["la_code"] = snapshot.code
            for key, value in row.items():
                data[key].append(value)
        if not data:
            data = {c: [] for c in TABLES[name].column_names}
        rows[name] = write_table(directory, name, data)
        if progress:
            progress(name, rows[name], time.perf_counter() - table_started)
    seconds = time.perf_counter() - started
    manifest = {
        "la_code": snapshot.code,
        "snapshot_on": snapshot.on.isoformat(),
        "model_version": snapshot.model.version,
        "written_at": timezone.now().isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "rows": rows,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return SnapshotResult(directory, rows, seconds)
