from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alongside.access.access import hidden_child_ids, require_complaints, require_quality, require_staff
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.lib.forms import show_refusal
from alongside.quality.access import access_audit_round, access_case_audit, can_open_audit, may_set_up_rounds
from alongside.quality.forms import (
    AskFamilyForm,
    AuditGradeForm,
    FamilyViewForm,
    ModerationForm,
    ReflectionForm,
    RoundForm,
)
from alongside.quality.models import FamilyViewHow, Moderation
from alongside.quality.selectors import (
    audit_actions_open,
    audit_rounds,
    audits_to_do,
    audits_to_moderate,
    audits_waiting_for_reflection,
    final_grade,
    round_audits,
    round_findings,
    themes_across_rounds,
)
from alongside.quality.services import (
    AuditInput,
    RoundInput,
    audit_action_complete,
    audit_round_set_up,
    case_audit_moderate,
    case_audit_reflect,
    case_audit_save,
    family_for_audit,
    family_view_ask,
    family_view_record,
)
from alongside.workforce.models import Pod, StaffMember


def _may(check, user) -> bool:
    try:
        check(user)
    except Http404:  # the section is simply not shown
        return False
    return True


@access_rule(Rule.STAFF)
@login_required
@require_GET
def quality_home(request):
    """Quality and learning: what this person has to do (audits, moderation, reflections, actions),
    and, for those who lead practice, the rounds and the other quality pages."""
    require_staff(request.user)
    staff = request.user.staff
    leads = may_set_up_rounds(request.user)
    hidden = hidden_child_ids(request.user)
    return render(
        request,
        "quality/home.html",
        {
            "to_do": audits_to_do(staff, hidden),
            "to_moderate": audits_to_moderate(staff, hidden),
            "to_reflect": audits_waiting_for_reflection(staff, hidden),
            "actions": audit_actions_open(staff, hidden),
            "rounds": audit_rounds()[:12] if leads else [],
            "leads": leads,
            "complaints": _may(require_complaints, request.user),
            "today": timezone.localdate(),
        },
    )


@access_rule(Rule.QUALITY)
@login_required
@require_http_methods(["GET", "POST"])
def round_new(request):
    """Setting up an audit round: which children, who audits and moderates, by when."""
    require_quality(request.user)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = {int(i) for i in data["auditors"]} | {int(i) for i in data["moderators"]}
        staff = {s.id: s for s in StaffMember.objects.filter(pk__in=chosen, left_on__isnull=True)}
        size = data["sample_size"].strip()
        try:
            audit_round = audit_round_set_up(
                actor=request.user,
                data=RoundInput(
                    name=data["name"],
                    sample_kind=data["sample_kind"],
                    pod=Pod.objects.filter(pk=data["pod"]).first() if data["pod"] else None,
                    target=data["target"],
                    sample_size=int(size) if size.isdigit() else None,
                    due_on=data["due_on"],
                    auditors=[staff[int(i)] for i in data["auditors"] if int(i) in staff],
                    moderators=[staff[int(i)] for i in data["moderators"] if int(i) in staff],
                ),
                on=timezone.localdate(),
                request=request,
            )
        except FormProblems as problems:
            show_refusal(form, problems)
        else:
            messages.success(request, f"{audit_round.name} is set up: {audit_round.audits.count()} children to audit.")
            return redirect("quality:round", round_id=audit_round.id)
    return render(request, "quality/round_new.html", {"form": form})


@access_rule(Rule.QUALITY)
@login_required
@require_GET
def round_page(request, round_id: int):
    """A round: each audit's progress, and what the round found by theme and by pod."""
    audit_round = access_audit_round(request.user, round_id)
    staff = request.user.staff
    audits = list(round_audits(audit_round, hidden_child_ids(request.user)))
    return render(
        request,
        "quality/round.html",
        {
            "round": audit_round,
            # Everyone who leads practice sees the round's progress; a child is named, with a link,
            # only to those who may open that audit (a team manager sees their own line's).
            "audits": [(audit, final_grade(audit), can_open_audit(staff, audit)) for audit in audits],
            "findings": round_findings(audit_round),
            "today": timezone.localdate(),
        },
    )


@access_rule(Rule.QUALITY)
@login_required
@require_GET
def themes(request):
    """The themes compared across rounds, oldest first."""
    require_quality(request.user)
    rounds, rows = themes_across_rounds(list(audit_rounds()[:8]))
    return render(request, "quality/themes.html", {"rounds": rounds, "rows": rows})


def _audit_page(request, audit, **forms):
    staff = request.user.staff
    try:
        moderation = audit.moderation
    except Moderation.DoesNotExist:
        moderation = None
    answers = {a.question: a for a in audit.answers.all()}
    family = family_for_audit(audit)
    context = {
        "audit": audit,
        "round": audit.round,
        "answers": [(q, answers.get(q["code"])) for q in audit.round.questions],
        "moderation": moderation,
        "views": audit.family_views.select_related("person").order_by("asked_at"),
        "actions": audit.actions.select_related("worker").order_by("due_on", "id"),
        "is_auditor": audit.auditor_id == staff.id,
        "is_worker": audit.worker_id == staff.id,
        "family": family,
        "moderation_form": forms.get("moderation_form")
        or (
            ModerationForm(audit_round=audit.round, initial={"grade": audit.grade})
            if audit.moderator_id == staff.id and audit.is_submitted and moderation is None
            else None
        ),
        "reflection_form": forms.get("reflection_form")
        or (
            ReflectionForm()
            if audit.worker_id == staff.id and audit.is_submitted and audit.reflected_at is None
            else None
        ),
        "action_problems": forms.get("action_problems", {}),
    }
    return render(request, "quality/audit.html", context)


@access_rule(Rule.CASE_AUDIT)
@login_required
@require_GET
def audit_page(request, audit_id: int):
    """One audit: the grades and evidence, the family's view, moderation, reflection and actions.
    Opening it is audited, as it is about a child."""
    audit = access_case_audit(request.user, audit_id)
    audit_record(
        actor=request.user,
        event=AuditEvent.CASE_AUDIT_VIEWED,
        person=audit.child,
        detail={"audit": audit.id},
        request=request,
    )
    return _audit_page(request, audit)


def _grade_initial(audit) -> dict:
    initial = {"grade": audit.grade, "working_well": audit.working_well, "needs_to_change": audit.needs_to_change}
    for answer in audit.answers.all():
        initial[f"grade-{answer.question}"] = answer.grade
        initial[f"comment-{answer.question}"] = answer.comment
    for n, (what, due) in enumerate(audit.draft_actions or [], start=1):
        initial[f"action-{n}"] = what
        initial[f"action-due-{n}"] = due
    return initial


@access_rule(Rule.CASE_AUDIT)
@login_required
@require_http_methods(["GET", "POST"])
def audit_grade(request, audit_id: int):
    """The auditor's form. Anyone else who may see the audit is taken to it instead."""
    audit = access_case_audit(request.user, audit_id)
    if audit.auditor_id != request.user.staff.id or audit.is_submitted:
        return redirect("quality:audit", audit_id=audit.id)
    form = AuditGradeForm(request.POST or None, audit_round=audit.round, initial=_grade_initial(audit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submit = "submit" in request.POST
        try:
            case_audit_save(
                actor=request.user,
                audit=audit,
                data=AuditInput(
                    answers={
                        q["code"]: (data[f"grade-{q['code']}"], data[f"comment-{q['code']}"])
                        for q in audit.round.questions
                    },
                    grade=data["grade"],
                    working_well=data["working_well"],
                    needs_to_change=data["needs_to_change"],
                    actions=[
                        (data[f"action-{n}"], data[f"action-due-{n}"]) for n in range(1, AuditGradeForm.ACTIONS + 1)
                    ],
                ),
                submit=submit,
                on=timezone.localdate(),
                request=request,
            )
        except ApplicationError as problem:
            show_refusal(form, problem)
        else:
            messages.success(request, "Audit submitted." if submit else "Audit saved. You can come back to it.")
            return redirect("quality:audit" if submit else "quality:home", **({"audit_id": audit.id} if submit else {}))
    return render(request, "quality/audit_grade.html", {"audit": audit, "round": audit.round, "form": form})


def _refused(request, audit, problem):
    messages.error(request, problem.message)
    return redirect("quality:audit", audit_id=audit.id)


def _answer_on_audit(request, audit, form, form_name: str, change, done: str):
    """The audit page's small forms: run `change(data)`; a problem with the answer shows on the
    form, any other refusal (not yours to do, already done) as a message on the audit."""
    form.is_valid()
    try:
        change(form.cleaned_data)
    except FormProblems as problems:
        show_refusal(form, problems)
        return _audit_page(request, audit, **{form_name: form})
    except ApplicationError as problem:
        return _refused(request, audit, problem)
    messages.success(request, done)
    return redirect("quality:audit", audit_id=audit.id)


@access_rule(Rule.CASE_AUDIT)
@login_required
@require_POST
def audit_moderate(request, audit_id: int):
    audit = access_case_audit(request.user, audit_id)
    return _answer_on_audit(
        request,
        audit,
        ModerationForm(request.POST, audit_round=audit.round),
        "moderation_form",
        lambda data: case_audit_moderate(
            actor=request.user,
            audit=audit,
            grade=data.get("grade", ""),
            reason=data.get("reason", ""),
            request=request,
        ),
        "Moderation saved.",
    )


@access_rule(Rule.CASE_AUDIT)
@login_required
@require_POST
def audit_reflect(request, audit_id: int):
    audit = access_case_audit(request.user, audit_id)
    return _answer_on_audit(
        request,
        audit,
        ReflectionForm(request.POST),
        "reflection_form",
        lambda data: case_audit_reflect(
            actor=request.user, audit=audit, reflection=data.get("reflection", ""), request=request
        ),
        "Your reflection is added.",
    )


@access_rule(Rule.CASE_AUDIT)
@login_required
@require_POST
def audit_action_done(request, audit_id: int):
    audit = access_case_audit(request.user, audit_id)
    action = next((a for a in audit.actions.all() if str(a.id) == request.POST.get("action", "")), None)
    if action is None:
        messages.error(request, "Choose an action to mark done")
        return redirect("quality:audit", audit_id=audit.id)
    try:
        audit_action_complete(
            actor=request.user,
            action=action,
            note=request.POST.get(f"note-{action.id}", ""),
            on=timezone.localdate(),
            request=request,
        )
    except FormProblems as problems:
        return _audit_page(request, audit, action_problems=problems.problems)
    except ApplicationError as problem:
        return _refused(request, audit, problem)
    messages.success(request, "Action marked done.")
    return redirect("quality:audit", audit_id=audit.id)


@access_rule(Rule.CASE_AUDIT)
@login_required
@require_http_methods(["GET", "POST"])
def audit_family_view(request, audit_id: int):
    """The auditor records the family's view from a conversation, or asks them in the portal."""
    audit = access_case_audit(request.user, audit_id)
    if audit.auditor_id != request.user.staff.id:
        return redirect("quality:audit", audit_id=audit.id)
    family = family_for_audit(audit)
    asking = "ask" in request.POST
    record_form = FamilyViewForm(
        request.POST if request.method == "POST" and not asking else None, audit_round=audit.round, family=family
    )
    ask_form = AskFamilyForm(request.POST if asking else None, family=family)
    form = ask_form if asking else record_form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if asking:
                view = family_view_ask(actor=request.user, audit=audit, person_id=data["person"], request=request)
                done = f"{view.person.full_name} has been asked in the family portal."
            else:
                answers = {q["code"]: data.get(f"answer-{q['code']}", "") for q in audit.round.family_questions}
                view = family_view_record(
                    actor=request.user,
                    audit=audit,
                    person_id=data["person"],
                    how=data["how"],
                    answers=answers,
                    words=data["words"],
                    request=request,
                )
                done = (
                    "Recorded that the family did not want to take part."
                    if view.how == FamilyViewHow.DECLINED
                    else "The family's view is saved."
                )
        except ApplicationError as problem:
            show_refusal(form, problem)
        else:
            messages.success(request, done)
            return redirect("quality:audit", audit_id=audit.id)
    return render(
        request,
        "quality/family_view.html",
        {"audit": audit, "record_form": record_form, "ask_form": ask_form, "family": family},
    )
