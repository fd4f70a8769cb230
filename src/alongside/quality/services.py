"""Changes to case file audits. Each service validates everything first and raises FormProblems (or
ApplicationError) before it writes anything, so a refusal changes nothing."""

import math
import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from alongside.access.access import parents_of
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.lib.working_days import calendar_for
from alongside.people.models import Person
from alongside.practice_model.config import operating_model
from alongside.quality.models import (
    AuditAction,
    AuditRound,
    AuditStatus,
    CaseAudit,
    FamilyAnswer,
    FamilyView,
    FamilyViewHow,
    Moderation,
    SampleKind,
    Target,
)
from alongside.quality.sampling import Sampled, audit_population, audit_sample
from alongside.workforce.models import Pod, StaffMember
from alongside.workforce.selectors import open_allocations_on

MOST_IN_A_ROUND = 200
LONGEST_TEXT = 20_000

NO_NAME = "Enter a name for the audit round"
NO_KIND = "Select how to choose the children"
NO_POD = "Select the pod"
NO_TARGET = "Select the group of children"
BAD_SIZE = f"Enter how many children to audit, a whole number from 1 to {MOST_IN_A_ROUND}"
NO_AUDITORS = "Select at least one auditor"
NO_MODERATORS = "Select at least one moderator"
DUE_IN_PAST = "The date the audits are due must be in the future"
NO_CHILDREN = "There are no open cases in this group to audit. Choose another group"
AUDITOR_IS_WORKER = "Select another auditor as well: no one chosen can audit {name}'s case, as it is their own"

NOT_THE_AUDITOR = "Only the auditor can grade this audit"
ALREADY_SUBMITTED = "This audit has been submitted, so it cannot be changed"
NO_GRADE = "Select a grade for question {n}: {question}"
UNKNOWN_GRADE = "Select one of the grades"
NO_OVERALL = "Select an overall grade"
NO_WORKING_WELL = "Enter what is working well"
NO_NEEDS_TO_CHANGE = "Enter what needs to change"
ACTION_DUE_PAST = "The date for action {n} must be in the future"
ACTION_BAD_DATE = "Enter the date for action {n} as a real date"
TOO_LONG = "Keep this to 20,000 characters or fewer"

NOT_THE_MODERATOR = "Only the moderator chosen for this audit can moderate it"
NOT_SUBMITTED = "This audit has not been submitted yet"
ALREADY_MODERATED = "This audit has already been moderated"
NO_MODERATED_GRADE = "Select the grade you give"
NO_REASON_AGREED = "Say why you agree with the grade"
NO_REASON_CHANGED = "Say why you changed the grade"

NOT_THE_WORKER = "Only the worker whose practice was audited can add a reflection"
ALREADY_REFLECTED = "A reflection has already been added to this audit"
NO_REFLECTION = "Enter your reflection"

NO_PERSON = "Select who gave the family's view"
NOT_FAMILY = "Select a parent or carer, or the child, from this family"
NO_HOW = "Select how the family's view was given"
NO_FAMILY_ANSWER = "Select an answer for: {question}"
NOT_ON_PORTAL = "{name} has not joined the family portal. Talk with them instead, or invite them first"
ALREADY_ASKED = "You have already asked {name}; their answer will appear here"
FAMILY_ONLY_ASK = "Only the auditor can ask the family"

# Shown to families, so translated where raised (the portal's pattern).
FAMILY_ANSWER_EACH = gettext_noop("Choose an answer for each question")
FAMILY_ALREADY_ANSWERED = gettext_noop("You have already answered. Thank you")

NOT_YOUR_ACTION = "Only the worker the action was given to can mark it done"
ACTION_ALREADY_DONE = "This action is already marked done"
NO_DONE_NOTE = "Say what was done"


def _now():
    return timezone.now()


def _calendar(on: date):
    return calendar_for(on.year - 1, on.year + 2)


@dataclass(frozen=True)
class RoundInput:
    name: str
    sample_kind: str
    sample_size: int | None
    due_on: date | None
    auditors: list[StaffMember]
    moderators: list[StaffMember]
    pod: Pod | None = None
    target: str = ""


def _check_round(data: RoundInput, on: date) -> dict[str, str]:
    problems = {}
    if not data.name.strip():
        problems["name"] = NO_NAME
    if data.sample_kind not in SampleKind.values:
        problems["sample_kind"] = NO_KIND
    elif data.sample_kind == SampleKind.POD and data.pod is None:
        problems["pod"] = NO_POD
    elif data.sample_kind == SampleKind.TARGETED and data.target not in Target.values:
        problems["target"] = NO_TARGET
    if data.sample_size is None or not 1 <= data.sample_size <= MOST_IN_A_ROUND:
        problems["sample_size"] = BAD_SIZE
    if not data.auditors:
        problems["auditors"] = NO_AUDITORS
    if not data.moderators:
        problems["moderators"] = NO_MODERATORS
    if data.due_on is None or data.due_on <= on:
        problems["due_on"] = DUE_IN_PAST
    return problems


def _assign(sample: list[Sampled], auditors: list[StaffMember], moderators: list[StaffMember], rng, share: float):
    """Each child to the auditor with the fewest so far who is not the child's worker, preferring
    someone from outside the worker's pod (a fresh pair of eyes); then a share for moderation, each
    to a moderator who is neither the auditor nor the worker."""
    load = {a.id: 0 for a in auditors}
    order = list(sample)
    rng.shuffle(order)
    chosen: dict[int, StaffMember] = {}
    for row in order:
        eligible = [a for a in auditors if a.id != row.worker_id]
        if not eligible:
            return None, row
        auditor = min(eligible, key=lambda a: (load[a.id], a.pod_id is not None and a.pod_id == row.pod_id, a.id))
        load[auditor.id] += 1
        chosen[row.child_id] = auditor
    moderated: dict[int, StaffMember] = {}
    wanted = math.ceil(share * len(sample))
    moderator_load = {m.id: 0 for m in moderators}
    for row in order:
        if len(moderated) >= wanted:
            break
        eligible = [m for m in moderators if m.id not in (row.worker_id, chosen[row.child_id].id)]
        if eligible:
            moderator = min(eligible, key=lambda m: (moderator_load[m.id], m.id))
            moderator_load[moderator.id] += 1
            moderated[row.child_id] = moderator
    return (chosen, moderated), None


def audit_round_set_up(*, actor, data: RoundInput, on: date, seed: int | None = None, request=None) -> AuditRound:
    """Draws the sample, assigns auditors and moderators, and copies the questions and grades from
    the operating model. Refuses (FormProblems) a round that is incomplete, has no children to
    audit, or a child no chosen auditor can audit independently."""
    problems = _check_round(data, on)
    if problems:
        raise FormProblems(problems)
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
    population = audit_population(
        kind=data.sample_kind, on=on, pod_id=data.pod.id if data.pod else None, target=data.target
    )
    if not population:
        raise FormProblems({"sample_kind": NO_CHILDREN})
    sample = audit_sample(population, size=data.sample_size, seed=seed)
    model = operating_model()
    assigned, stuck = _assign(
        sample, data.auditors, data.moderators, random.Random(seed), model.quality.moderation_share
    )
    if assigned is None:
        worker = StaffMember.objects.get(pk=stuck.worker_id)
        raise FormProblems({"auditors": AUDITOR_IS_WORKER.format(name=worker.full_name)})
    auditor_for, moderator_for = assigned
    quality = model.quality
    with transaction.atomic():
        audit_round = AuditRound(
            name=data.name.strip(),
            sample_kind=data.sample_kind,
            pod=data.pod if data.sample_kind == SampleKind.POD else None,
            target=data.target if data.sample_kind == SampleKind.TARGETED else "",
            sample_size=data.sample_size,
            seed=seed,
            due_on=data.due_on,
            model_version=model.version,
            questions=[
                {"code": q.code, "theme": q.theme, "question": q.question, "required": q.required}
                for q in quality.audit_questions
            ],
            grades=[{"code": g.code, "label": g.label, "good_or_better": g.good_or_better} for g in quality.grades],
            family_questions=[{"code": code, "question": text} for code, text in quality.family_questions],
            set_up_by=actor,
            set_up_on=on,
        )
        audit_round.full_clean()
        audit_round.save()
        CaseAudit.objects.bulk_create(
            CaseAudit(
                round=audit_round,
                child_id=row.child_id,
                worker_id=row.worker_id,
                pod_id=row.pod_id,
                auditor=auditor_for[row.child_id],
                moderator=moderator_for.get(row.child_id),
            )
            for row in sample
        )
        audit_record(
            actor=actor,
            event=AuditEvent.AUDIT_ROUND_SET_UP,
            detail={"round": audit_round.id, "children": len(sample), "seed": seed},
            request=request,
        )
    return audit_round


@dataclass(frozen=True)
class AuditInput:
    answers: dict[str, tuple[str, str]]  # question code -> (grade code or "", comment)
    grade: str
    working_well: str
    needs_to_change: str
    actions: list[tuple[str, str]]  # (what, due date as typed, yyyy-mm-dd or "")


def _parse_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def case_audit_save(*, actor, audit: CaseAudit, data: AuditInput, submit: bool, on: date, request=None) -> CaseAudit:
    """Saves the auditor's grades as a draft, or submits them. Submitting needs a grade for every
    required question, an overall grade and both summaries; actions then go to the child's current
    worker (due in the operating model's working days unless a date is given). A submitted audit
    never changes."""
    staff = actor.staff
    if audit.auditor_id != staff.id:
        raise ApplicationError(NOT_THE_AUDITOR)
    if audit.is_submitted:
        raise ApplicationError(ALREADY_SUBMITTED)
    grades = {g["code"] for g in audit.round.grades}
    problems: dict[str, str] = {}
    for n, question in enumerate(audit.round.questions, start=1):
        grade, comment = data.answers.get(question["code"], ("", ""))
        if grade and grade not in grades:
            problems[f"grade-{question['code']}"] = UNKNOWN_GRADE
        elif submit and question["required"] and not grade:
            problems[f"grade-{question['code']}"] = NO_GRADE.format(n=n, question=question["question"])
        if len(comment) > LONGEST_TEXT:
            problems[f"comment-{question['code']}"] = TOO_LONG
    if data.grade and data.grade not in grades:
        problems["grade"] = UNKNOWN_GRADE
    elif submit and not data.grade:
        problems["grade"] = NO_OVERALL
    for field, text, missing in (
        ("working_well", data.working_well, NO_WORKING_WELL),
        ("needs_to_change", data.needs_to_change, NO_NEEDS_TO_CHANGE),
    ):
        if len(text) > LONGEST_TEXT:
            problems[field] = TOO_LONG
        elif submit and not text.strip():
            problems[field] = missing
    actions = []
    for n, (what, due_raw) in enumerate(data.actions, start=1):
        if not what.strip():
            continue
        due = None
        if due_raw.strip():
            due = _parse_day(due_raw)
            if due is None:
                problems[f"action-due-{n}"] = ACTION_BAD_DATE.format(n=n)
            elif due <= on:
                problems[f"action-due-{n}"] = ACTION_DUE_PAST.format(n=n)
        actions.append((what.strip()[:LONGEST_TEXT], due_raw.strip(), due))
    if problems:
        raise FormProblems(problems)
    with transaction.atomic():
        for question in audit.round.questions:
            grade, comment = data.answers.get(question["code"], ("", ""))
            audit.answers.update_or_create(question=question["code"], defaults={"grade": grade, "comment": comment})
        audit.grade = data.grade
        audit.working_well = data.working_well
        audit.needs_to_change = data.needs_to_change
        audit.draft_actions = [[what, due_raw] for what, due_raw, _ in actions]
        fields = ["grade", "working_well", "needs_to_change", "draft_actions", "status"]
        if submit:
            audit.status = AuditStatus.SUBMITTED
            audit.submitted_at = _now()
            fields.append("submitted_at")
            worker_id = (
                open_allocations_on(on).filter(child_id=audit.child_id).values_list("worker_id", flat=True).first()
                or audit.worker_id
            )
            default_due = _calendar(on).add(on, operating_model().quality.action_working_days)
            AuditAction.objects.bulk_create(
                AuditAction(audit=audit, worker_id=worker_id, action=what, due_on=due or default_due)
                for what, _, due in actions
            )
        else:
            audit.status = AuditStatus.IN_PROGRESS
        audit.full_clean()
        audit.save(update_fields=fields)
        if submit:
            audit_record(
                actor=actor,
                event=AuditEvent.CASE_AUDIT_CHANGED,
                person=audit.child,
                detail={"audit": audit.id, "change": "submitted", "grade": audit.grade, "actions": len(actions)},
                request=request,
            )
    return audit


def case_audit_moderate(*, actor, audit: CaseAudit, grade: str, reason: str, request=None) -> Moderation:
    """The second auditor's grade, agreeing or not, always with a reason. The auditor's grade stays
    on the audit: both are kept."""
    if audit.moderator_id != actor.staff.id:
        raise ApplicationError(NOT_THE_MODERATOR)
    if not audit.is_submitted:
        raise ApplicationError(NOT_SUBMITTED)
    if Moderation.objects.filter(audit=audit).exists():
        raise ApplicationError(ALREADY_MODERATED)
    problems = {}
    if grade not in {g["code"] for g in audit.round.grades}:
        problems["grade"] = NO_MODERATED_GRADE
    if not reason.strip():
        problems["reason"] = NO_REASON_AGREED if grade == audit.grade else NO_REASON_CHANGED
    elif len(reason) > LONGEST_TEXT:
        problems["reason"] = TOO_LONG
    if problems:
        raise FormProblems(problems)
    with transaction.atomic():
        moderation = Moderation.objects.create(
            audit=audit,
            moderator=actor.staff,
            auditor_grade=audit.grade,
            grade=grade,
            reason=reason.strip(),
            moderated_at=_now(),
        )
        audit_record(
            actor=actor,
            event=AuditEvent.CASE_AUDIT_CHANGED,
            person=audit.child,
            detail={"audit": audit.id, "change": "moderated", "from": audit.grade, "to": grade},
            request=request,
        )
    return moderation


def case_audit_reflect(*, actor, audit: CaseAudit, reflection: str, request=None) -> CaseAudit:
    """The audited worker's reflection on the findings, added once."""
    if audit.worker_id != actor.staff.id:
        raise ApplicationError(NOT_THE_WORKER)
    if not audit.is_submitted:
        raise ApplicationError(NOT_SUBMITTED)
    if audit.reflected_at is not None:
        raise ApplicationError(ALREADY_REFLECTED)
    if not reflection.strip():
        raise FormProblems({"reflection": NO_REFLECTION})
    if len(reflection) > LONGEST_TEXT:
        raise FormProblems({"reflection": TOO_LONG})
    with transaction.atomic():
        audit.reflection = reflection.strip()
        audit.reflected_by = actor.staff
        audit.reflected_at = _now()
        audit.save(update_fields=["reflection", "reflected_by", "reflected_at"])
        audit_record(
            actor=actor,
            event=AuditEvent.CASE_AUDIT_CHANGED,
            person=audit.child,
            detail={"audit": audit.id, "change": "reflection"},
            request=request,
        )
    return audit


def family_for_audit(audit: CaseAudit) -> list[Person]:
    """Who can give the family's view: the child's parents and, from 12, the child themself."""
    people = parents_of(audit.child)
    age = audit.child.age_on(timezone.localdate())
    if age is not None and age >= 12:
        people.append(audit.child)
    return people


def _family_person(audit: CaseAudit, person_id) -> Person:
    for person in family_for_audit(audit):
        if str(person.id) == str(person_id):
            return person
    raise FormProblems({"person": NO_PERSON if not person_id else NOT_FAMILY})


def _family_answers(audit: CaseAudit, answers: dict[str, str], message: str | None = None) -> dict[str, str]:
    problems = {}
    for question in audit.round.family_questions:
        if answers.get(question["code"]) not in FamilyAnswer.values:
            if message and problems:
                break  # a family is told once to answer each question, not once per question
            problems[f"answer-{question['code']}"] = message or NO_FAMILY_ANSWER.format(question=question["question"])
    if problems:
        raise FormProblems(problems)
    return {q["code"]: answers[q["code"]] for q in audit.round.family_questions}


def family_view_record(
    *, actor, audit: CaseAudit, person_id, how: str, answers: dict[str, str], words: str, request=None
) -> FamilyView:
    """The auditor records a conversation with a parent or the young person (or that they did not
    want to take part). Their words are kept as they said them."""
    if audit.auditor_id != actor.staff.id:
        raise ApplicationError(FAMILY_ONLY_ASK)
    if how not in (FamilyViewHow.CONVERSATION, FamilyViewHow.DECLINED):
        raise FormProblems({"how": NO_HOW})
    person = _family_person(audit, person_id)
    if len(words) > LONGEST_TEXT:
        raise FormProblems({"words": TOO_LONG})
    kept = _family_answers(audit, answers) if how == FamilyViewHow.CONVERSATION else {}
    now = _now()
    with transaction.atomic():
        view = FamilyView.objects.create(
            audit=audit,
            person=person,
            how=how,
            answers=kept,
            words=words.strip(),
            asked_by=actor.staff,
            asked_at=now,
            given_at=now,
        )
        audit_record(
            actor=actor,
            event=AuditEvent.FAMILY_VIEW_GIVEN,
            person=audit.child,
            detail={"audit": audit.id, "how": how, "from": person.id},
            request=request,
        )
    return view


def family_view_ask(*, actor, audit: CaseAudit, person_id, request=None) -> FamilyView:
    """Asks a parent or the young person to answer the family questions in the portal."""
    if audit.auditor_id != actor.staff.id:
        raise ApplicationError(FAMILY_ONLY_ASK)
    person = _family_person(audit, person_id)
    if person.user_id is None:
        raise FormProblems({"person": NOT_ON_PORTAL.format(name=person.full_name)})
    if FamilyView.objects.filter(audit=audit, person=person, given_at__isnull=True).exists():
        raise FormProblems({"person": ALREADY_ASKED.format(name=person.full_name)})
    with transaction.atomic():
        view = FamilyView.objects.create(
            audit=audit, person=person, how=FamilyViewHow.PORTAL, asked_by=actor.staff, asked_at=_now()
        )
        audit_record(
            actor=actor,
            event=AuditEvent.CASE_AUDIT_CHANGED,
            person=audit.child,
            detail={"audit": audit.id, "change": "family_asked", "person": person.id},
            request=request,
        )
    return view


def family_view_give(*, actor, view: FamilyView, answers: dict[str, str], words: str, request=None) -> FamilyView:
    """The family member's own answers, from the portal. Given once."""
    if view.person.user_id != actor.id:
        raise ApplicationError(gettext(FAMILY_ALREADY_ANSWERED))
    if not view.is_waiting:
        raise ApplicationError(gettext(FAMILY_ALREADY_ANSWERED))
    kept = _family_answers(view.audit, answers, gettext(FAMILY_ANSWER_EACH))
    if len(words) > LONGEST_TEXT:
        raise FormProblems({"words": TOO_LONG})
    with transaction.atomic():
        view.answers = kept
        view.words = words.strip()
        view.given_at = _now()
        view.save(update_fields=["answers", "words", "given_at"])
        audit_record(
            actor=actor,
            event=AuditEvent.FAMILY_VIEW_GIVEN,
            person=view.audit.child,
            detail={"audit": view.audit_id, "how": FamilyViewHow.PORTAL},
            request=request,
        )
    return view


def audit_action_complete(*, actor, action: AuditAction, note: str, on: date, request=None) -> AuditAction:
    """The worker marks an audit action done, saying what was done."""
    if action.worker_id != actor.staff.id:
        raise ApplicationError(NOT_YOUR_ACTION)
    if action.done_on is not None:
        raise ApplicationError(ACTION_ALREADY_DONE)
    if not note.strip():
        raise FormProblems({f"note-{action.id}": NO_DONE_NOTE})
    with transaction.atomic():
        action.done_on = on
        action.done_note = note.strip()[:LONGEST_TEXT]
        action.save(update_fields=["done_on", "done_note"])
        audit_record(
            actor=actor,
            event=AuditEvent.CASE_AUDIT_CHANGED,
            person=action.audit.child,
            detail={"audit": action.audit_id, "change": "action_done", "action": action.id},
            request=request,
        )
    return action
