"""Case file audits: a round is sampled and assigned fairly, an audit is graded against the model,
the family's view is heard, a second auditor moderates with both grades kept, the worker reflects,
actions reach the worker, and findings roll up by theme. Bad input changes nothing."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from alongside.access.access import hidden_child_ids
from alongside.access.models import AuditEntry, AuditEvent
from alongside.access.services import restricted_record_create
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.lib.working_days import calendar_for
from alongside.practice_model.config import operating_model
from alongside.quality.access import access_case_audit
from alongside.quality.models import AuditRound, AuditStatus, CaseAudit, FamilyView, Moderation
from alongside.quality.selectors import final_grade, quality_work_for, round_findings, themes_across_rounds
from alongside.quality.services import (
    AUDITOR_IS_WORKER,
    FAMILY_ANSWER_EACH,
    NO_AUDITORS,
    NO_CHILDREN,
    NO_GRADE,
    NO_NAME,
    NO_OVERALL,
    NO_REASON_AGREED,
    NO_REASON_CHANGED,
    NOT_ON_PORTAL,
    NOT_THE_AUDITOR,
    AuditInput,
    RoundInput,
    audit_round_set_up,
    case_audit_moderate,
    case_audit_reflect,
    case_audit_save,
    family_view_ask,
    family_view_give,
    family_view_record,
)

TODAY = timezone.localdate()


def pod_round(world, **changes) -> AuditRound:
    data = {
        "name": "Winter round",
        "sample_kind": "pod",
        "pod": world.worker.pod,
        "sample_size": 5,
        "due_on": TODAY + timedelta(days=28),
        "auditors": [world.team_colleague],
        "moderators": [world.quality_lead],
    }
    return audit_round_set_up(actor=world.quality_lead.user, data=RoundInput(**{**data, **changes}), on=TODAY, seed=7)


def amy_audit(world, **changes) -> CaseAudit:
    return pod_round(world, **changes).audits.get(child=world.child)


def every_question(audit, grade="good"):
    return {q["code"]: (grade, f"Evidence for {q['code']}") for q in audit.round.questions}


def graded(audit, *, answers=None, grade="good", actions=()):
    return AuditInput(
        answers=every_question(audit) if answers is None else answers,
        grade=grade,
        working_well="Amy's words are in every visit record.",
        needs_to_change="The plan's contingency is not the family's own.",
        actions=list(actions),
    )


def submit(world, audit, **kwargs):
    return case_audit_save(
        actor=world.team_colleague.user, audit=audit, data=graded(audit, **kwargs), submit=True, on=TODAY
    )


def test_a_pod_round_audits_the_pods_open_cases_and_copies_the_questions_from_the_model(world):
    audit_round = pod_round(world)
    assert set(audit_round.audits.values_list("child_id", flat=True)) == {world.child.id, world.sibling.id}
    assert audit_round.model_version == operating_model().version
    assert [q["code"] for q in audit_round.questions] == [q.code for q in operating_model().quality.audit_questions]
    assert AuditEntry.objects.filter(event=AuditEvent.AUDIT_ROUND_SET_UP, actor=world.quality_lead.user).exists()


def test_the_same_seed_draws_the_same_sample(world):
    first = pod_round(world, sample_size=1)
    second = pod_round(world, sample_size=1, name="Again")
    assert list(first.audits.values_list("child_id", flat=True)) == list(
        second.audits.values_list("child_id", flat=True)
    )


def test_a_restricted_record_is_never_sampled(world):
    audit_round = pod_round(world, sample_kind="random", pod=None, sample_size=50)
    sampled = set(audit_round.audits.values_list("child_id", flat=True))
    assert world.restricted_child.id not in sampled
    assert {world.child.id, world.sibling.id, world.other_child.id} <= sampled


def test_a_child_is_never_audited_by_their_own_worker(world):
    audit_round = pod_round(world, auditors=[world.worker, world.team_colleague])
    assert set(audit_round.audits.values_list("auditor_id", flat=True)) == {world.team_colleague.id}


def test_a_round_where_only_the_worker_could_audit_is_refused(world):
    with pytest.raises(FormProblems) as refused:
        pod_round(world, auditors=[world.worker])
    assert refused.value.problems == {"auditors": AUDITOR_IS_WORKER.format(name=world.worker.full_name)}
    assert not AuditRound.objects.exists()


def test_an_incomplete_round_is_refused_naming_each_problem_and_nothing_is_saved(world):
    with pytest.raises(FormProblems) as refused:
        pod_round(world, name=" ", auditors=[])
    assert refused.value.problems == {"name": NO_NAME, "auditors": NO_AUDITORS}
    assert not AuditRound.objects.exists() and not CaseAudit.objects.exists()


def test_a_targeted_group_with_no_children_is_refused(world):
    with pytest.raises(FormProblems) as refused:
        pod_round(world, sample_kind="targeted", pod=None, target="looked_after")
    assert refused.value.problems == {"sample_kind": NO_CHILDREN}


def test_a_share_of_the_round_is_moderated_by_someone_other_than_the_auditor(world):
    audit_round = pod_round(world)
    moderated = audit_round.audits.exclude(moderator=None)
    assert moderated.count() == 1  # a quarter of two, rounded up
    assert moderated.get().moderator_id == world.quality_lead.id


def test_submitting_with_ungraded_required_questions_is_refused_and_changes_nothing(world):
    audit = amy_audit(world)
    answers = every_question(audit)
    answers["child_voice"] = ("", "")
    with pytest.raises(FormProblems) as refused:
        submit(world, audit, answers=answers, grade="")
    first = audit.round.questions[0]
    assert refused.value.problems == {
        "grade-child_voice": NO_GRADE.format(n=1, question=first["question"]),
        "grade": NO_OVERALL,
    }
    audit.refresh_from_db()
    assert audit.status == AuditStatus.ASSIGNED and not audit.answers.exists()


def test_a_draft_keeps_the_grades_so_far_and_an_optional_question_can_be_not_applicable(world):
    audit = amy_audit(world)
    answers = {"child_voice": ("good", "Seen alone twice."), "network": ("", "")}
    case_audit_save(
        actor=world.team_colleague.user,
        audit=audit,
        data=graded(audit, answers=answers, grade=""),
        submit=False,
        on=TODAY,
    )
    audit.refresh_from_db()
    assert audit.status == AuditStatus.IN_PROGRESS
    assert audit.answers.get(question="child_voice").comment == "Seen alone twice."


def test_only_the_auditor_grades_and_a_submitted_audit_never_changes(world):
    audit = amy_audit(world)
    with pytest.raises(ApplicationError, match=NOT_THE_AUDITOR):
        case_audit_save(actor=world.worker.user, audit=audit, data=graded(audit), submit=True, on=TODAY)
    submit(world, audit)
    with pytest.raises(ApplicationError):
        submit(world, audit, grade="inadequate")
    audit.refresh_from_db()
    assert audit.grade == "good"


def test_submitted_actions_go_to_the_childs_worker_due_in_the_models_working_days(world):
    audit = amy_audit(world)
    submit(world, audit, actions=[("Write the contingency plan with Tabetha", ""), ("", "")])
    action = audit.actions.get()
    assert action.worker_id == world.worker.id
    days = operating_model().quality.action_working_days
    assert action.due_on == calendar_for(TODAY.year, TODAY.year + 1).add(TODAY, days)
    work = quality_work_for(world.worker)
    assert [a.id for a in work.actions] == [action.id]
    assert [a.id for a in work.to_reflect] == [audit.id]


def test_moderation_needs_a_reason_and_keeps_both_grades(world):
    audit = amy_audit(world)
    if audit.moderator_id is None:  # the sample's moderated audit may be Mels's: moderate Amy's too
        CaseAudit.objects.filter(pk=audit.pk).update(moderator=world.quality_lead)
        audit.refresh_from_db()
    submit(world, audit)
    with pytest.raises(FormProblems) as refused:
        case_audit_moderate(actor=world.quality_lead.user, audit=audit, grade="good", reason="")
    assert refused.value.problems == {"reason": NO_REASON_AGREED}
    with pytest.raises(FormProblems) as refused:
        case_audit_moderate(actor=world.quality_lead.user, audit=audit, grade="requires_improvement", reason=" ")
    assert refused.value.problems == {"reason": NO_REASON_CHANGED}
    assert not Moderation.objects.exists()
    case_audit_moderate(
        actor=world.quality_lead.user,
        audit=audit,
        grade="requires_improvement",
        reason="No direct work is recorded since the summer.",
    )
    audit.refresh_from_db()
    assert audit.grade == "good"
    assert audit.moderation.auditor_grade == "good" and audit.moderation.grade == "requires_improvement"
    assert final_grade(audit) == "requires_improvement"


def test_the_worker_reflects_once(world):
    audit = amy_audit(world)
    submit(world, audit)
    with pytest.raises(ApplicationError):
        case_audit_reflect(actor=world.pod_colleague.user, audit=audit, reflection="Not mine")
    case_audit_reflect(actor=world.worker.user, audit=audit, reflection="I will ask Amy first at each visit.")
    with pytest.raises(ApplicationError):
        case_audit_reflect(actor=world.worker.user, audit=audit, reflection="Again")
    audit.refresh_from_db()
    assert audit.reflection == "I will ask Amy first at each visit."


def test_the_familys_view_from_a_conversation_needs_every_answer(world):
    audit = amy_audit(world)
    with pytest.raises(FormProblems):
        family_view_record(
            actor=world.team_colleague.user,
            audit=audit,
            person_id=world.parent.id,
            how="conversation",
            answers={"listened": "yes"},
            words="",
        )
    assert not FamilyView.objects.exists()
    view = family_view_record(
        actor=world.team_colleague.user,
        audit=audit,
        person_id=world.parent.id,
        how="conversation",
        answers={"listened": "yes", "own_plan": "sometimes", "same_worker": "yes", "better": "no"},
        words="Rory listens, but the plan is the school's, not ours.",
    )
    assert view.given_at is not None and view.answers["own_plan"] == "sometimes"


def test_the_family_answers_in_the_portal_once_and_only_their_own(world):
    audit = amy_audit(world)
    view = family_view_ask(actor=world.team_colleague.user, audit=audit, person_id=world.parent.id)
    with pytest.raises(ApplicationError):
        family_view_give(actor=world.young_person.user, view=view, answers={}, words="")
    with pytest.raises(FormProblems) as refused:
        family_view_give(actor=world.parent.user, view=view, answers={"listened": "yes"}, words="")
    assert set(refused.value.problems.values()) == {FAMILY_ANSWER_EACH}
    answers = {"listened": "yes", "own_plan": "yes", "same_worker": "yes", "better": "sometimes"}
    family_view_give(actor=world.parent.user, view=view, answers=answers, words="Better than last year.")
    with pytest.raises(ApplicationError):
        family_view_give(actor=world.parent.user, view=view, answers=answers, words="Again")
    view.refresh_from_db()
    assert view.words == "Better than last year."


def test_asking_someone_not_on_the_portal_is_refused(world):
    world.parent.user = None
    world.parent.save()
    audit = amy_audit(world)
    with pytest.raises(FormProblems) as refused:
        family_view_ask(actor=world.team_colleague.user, audit=audit, person_id=world.parent.id)
    assert refused.value.problems == {"person": NOT_ON_PORTAL.format(name=world.parent.full_name)}


def test_findings_roll_up_by_theme_and_pod(world):
    audit_round = pod_round(world)
    amy, mels = audit_round.audits.get(child=world.child), audit_round.audits.get(child=world.sibling)
    answers = every_question(amy)
    answers["child_voice"] = ("inadequate", "")
    answers["child_seen"] = ("outstanding", "")
    submit(world, amy, answers=answers)
    submit(world, mels, answers=every_question(mels, "requires_improvement"), grade="requires_improvement")
    findings = round_findings(audit_round)
    themes = {t.theme: t for t in findings.themes}
    # The child's voice: Amy's two answers (one inadequate, one outstanding) and Mels's two.
    assert (themes["The child's voice"].graded, themes["The child's voice"].good_or_better) == (4, 1)
    assert (themes["Timescales"].graded, themes["Timescales"].good_or_better) == (2, 1)
    assert findings.good_or_better == 1 and findings.submitted == 2
    [(pod_name, audits, _)] = findings.pods
    assert (pod_name, audits) == ("Oakfield pod", 2)
    rounds, rows = themes_across_rounds([audit_round])
    assert next(r for r in rows if r.theme == "Timescales").shares == [0.5]


def test_the_audit_opens_for_those_doing_it_and_the_workers_line_and_no_one_else(world):
    audit = amy_audit(world)
    for staff in (world.team_colleague, world.worker, world.manager, world.head_of_service, world.quality_lead):
        assert access_case_audit(staff.user, audit.id) == audit
    for staff in (world.pod_colleague, world.other_team_worker, world.data_officer):
        with pytest.raises(Http404):
            access_case_audit(staff.user, audit.id)
    with pytest.raises(Http404):
        access_case_audit(world.parent.user, audit.id)


def test_an_audit_of_a_child_later_restricted_is_hidden(world):
    audit = amy_audit(world)
    restricted_record_create(actor=world.head_of_service.user, child=world.child, kind="other", reason="Test")
    with pytest.raises(Http404):
        access_case_audit(world.team_colleague.user, audit.id)
    hidden = hidden_child_ids(world.team_colleague.user)
    assert audit.id not in [a.id for a in quality_work_for(world.team_colleague, hidden).to_do]
    assert audit.id in [a.id for a in quality_work_for(world.team_colleague).to_do]
