from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alongside.access.access import NeedsReason, access_child
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.partners.models import Agency
from alongside.plans.models import Agreement, OwnerKind, Plan, PlanDraft, PlanKind
from alongside.plans.services import (
    SCORE_RANGE,
    ActionInput,
    GoalInput,
    PlanInput,
    plan_draft_discard,
    plan_draft_keep,
    plan_record_family_view,
    plan_review,
    plan_save,
)

GOAL_SLOTS, ACTION_SLOTS = 4, 3
BAD_DATE = "Enter each date as a real date"
NO_PLAN_YET = "Write the plan before recording the family's view or a review"


def _child(request, child_id):
    try:
        return access_child(request.user, child_id).child, None
    except NeedsReason as needs:
        return None, redirect("people:open_with_reason", child_id=needs.child.id)


def _date(raw: str):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ApplicationError(BAD_DATE) from None


def _plan_input(post) -> PlanInput:
    goals = []
    for g in range(GOAL_SLOTS):
        actions = []
        for a in range(ACTION_SLOTS):
            prefix = f"goal-{g}-action-{a}-"
            what = post.get(prefix + "what", "")
            if not what.strip() and not post.get(prefix + "due"):
                continue
            agency = post.get(prefix + "agency") or None
            actions.append(
                ActionInput(
                    what=what,
                    owner_kind=post.get(prefix + "owner_kind", ""),
                    due_on=_date(post.get(prefix + "due")),
                    owner_name=post.get(prefix + "owner", ""),
                    owner_agency_id=int(agency) if agency and agency.isdigit() else None,
                )
            )
        goals.append(
            GoalInput(
                in_their_words=post.get(f"goal-{g}-words", ""),
                why_it_matters=post.get(f"goal-{g}-why", ""),
                actions=actions,
            )
        )
    return PlanInput(
        goals=goals,
        safety_plan=post.get("safety_plan", ""),
        contingency=post.get("contingency", ""),
        family_group_conference_offered=post.get("fgc_offered") == "yes",
        family_group_conference_outcome=post.get("fgc_outcome", ""),
    )


def _goal_rows(post, latest) -> list[dict]:
    """The next-version form, filled from what was just posted (after an error) or the current
    version, so the worker changes the plan rather than typing it again."""
    rows = []
    goals = list(latest.goals.all()) if latest else []
    for g in range(GOAL_SLOTS):
        goal = goals[g] if g < len(goals) else None
        actions = list(goal.actions.all()) if goal else []
        row = {
            "g": g,
            "words": goal.in_their_words if goal else "",
            "why": goal.why_it_matters if goal else "",
            "actions": [],
        }
        if post is not None:
            row["words"], row["why"] = post.get(f"goal-{g}-words", ""), post.get(f"goal-{g}-why", "")
        for a in range(ACTION_SLOTS):
            action = actions[a] if a < len(actions) else None
            prefix = f"goal-{g}-action-{a}-"
            if post is not None:
                values = {
                    name: post.get(prefix + name, "") for name in ("what", "owner_kind", "owner", "agency", "due")
                }
            elif action is not None:
                values = {
                    "what": action.what,
                    "owner_kind": action.owner_kind,
                    "owner": action.owner_name,
                    "agency": str(action.owner_agency_id or ""),
                    "due": action.due_on.isoformat(),
                }
            else:
                values = {"what": "", "owner_kind": "", "owner": "", "agency": "", "due": ""}
            row["actions"].append({"a": a, **values})
        rows.append(row)
    return rows


def _other_fields(post, latest) -> dict:
    """The plan-wide fields of the next-version form, from what was posted or the current version."""
    if post is not None:
        return {
            "safety_plan": post.get("safety_plan", ""),
            "contingency": post.get("contingency", ""),
            "fgc_offered": post.get("fgc_offered") == "yes",
            "fgc_outcome": post.get("fgc_outcome", ""),
        }
    return {
        "safety_plan": latest.safety_plan if latest else "",
        "contingency": latest.contingency if latest else "",
        "fgc_offered": latest.family_group_conference_offered if latest else False,
        "fgc_outcome": latest.family_group_conference_outcome if latest else "",
    }


def _as_post(fields: dict[str, list[str]]) -> QueryDict:
    post = QueryDict(mutable=True)
    for name, values in fields.items():
        post.setlist(name, values)
    return post


@access_rule(Rule.CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def plan(request, child_id: int, plan_kind: str):
    """The child's plan of a kind: the current version, earlier ones (?version=N), and writing the
    next. The writer's unsaved next version (kept by autosave) fills the form when they come back."""
    if plan_kind not in PlanKind.values:
        raise Http404
    child, reason = _child(request, child_id)
    if reason:
        return reason
    current = Plan.objects.filter(child=child, kind=plan_kind, ended_on__isnull=True).first()
    versions = list(current.versions.prefetch_related("goals__actions__owner_agency")) if current else []
    latest = versions[0] if versions else None
    draft = PlanDraft.objects.filter(child=child, kind=plan_kind, author=request.user).first()
    error = None
    if request.method == "POST":
        if request.POST.get("action") == "discard_draft":
            plan_draft_discard(actor=request.user, child=child, kind=plan_kind)
            return redirect("plans:plan", child_id=child.id, plan_kind=plan_kind)
        try:
            plan_save(
                actor=request.user,
                child=child,
                kind=plan_kind,
                data=_plan_input(request.POST),
                based_on=int(request.POST["based_on"]) if request.POST.get("based_on", "").isdigit() else None,
                request=request,
            )
            return redirect("plans:plan", child_id=child.id, plan_kind=plan_kind)
        except ApplicationError as problem:
            error = problem.message
        editing = request.POST
    else:
        audit_record(
            actor=request.user, event=AuditEvent.PLAN_VIEWED, person=child, request=request, detail={"kind": plan_kind}
        )
        # A draft started from the current version carries on; one started before somebody saved a
        # newer version is shown beside the form to copy from, never silently merged.
        fresh = draft is not None and draft.based_on == (latest.number if latest else None)
        editing = _as_post(draft.fields) if fresh else None
    stale = draft if draft is not None and draft.based_on != (latest.number if latest else None) else None
    shown = latest
    if versions and request.GET.get("version", "").isdigit():
        shown = next((v for v in versions if v.number == int(request.GET["version"])), shown)
    return render(
        request,
        "plans/plan.html",
        {
            "child": child,
            "kind": PlanKind(plan_kind),
            "plan": current,
            "versions": versions,
            "shown": shown,
            "latest": latest,
            "error": error,
            "draft": draft,
            "stale_draft": stale,
            "stale_rows": _goal_rows(_as_post(stale.fields), None) if stale else [],
            "stale_fields": _other_fields(_as_post(stale.fields), None) if stale else {},
            "goal_rows": _goal_rows(editing, latest),
            "fields": _other_fields(editing, latest),
            "owner_kinds": OwnerKind.choices,
            "agencies": Agency.objects.order_by("name"),
            "agreements": [c for c in Agreement.choices if c[0]],
            "reviews": current.reviews.prefetch_related("scores__goal").order_by("-held_on") if current else [],
        },
    )


@access_rule(Rule.CHILD)
@login_required
@require_POST
def autosave(request, child_id: int, plan_kind: str):
    """htmx: keeps the writer's next version as they type; it becomes a version only when they save."""
    if plan_kind not in PlanKind.values:
        raise Http404
    try:
        child = access_child(request.user, child_id).child
    except NeedsReason:
        raise Http404 from None
    based_on = request.POST.get("based_on", "")
    message = ""
    try:
        plan_draft_keep(
            actor=request.user,
            child=child,
            kind=plan_kind,
            fields=dict(request.POST.lists()),
            based_on=int(based_on) if based_on.isdigit() else None,
        )
    except ApplicationError as problem:
        message = problem.message
    return render(request, "plans/_autosave.html", {"message": message})


def _on_current_plan(request, child_id: int, plan_kind: str, act):
    """The family-view and review forms: act on the child's current plan of this kind, show any
    problem as a message (nothing is saved), and return to the plan."""
    child, reason = _child(request, child_id)
    if reason:
        return reason
    current = Plan.objects.filter(child=child, kind=plan_kind, ended_on__isnull=True).first()
    if current is None:
        messages.error(request, NO_PLAN_YET)
    else:
        try:
            act(current)
        except ApplicationError as problem:
            messages.error(request, problem.message)
    return redirect("plans:plan", child_id=child.id, plan_kind=plan_kind)


@access_rule(Rule.CHILD)
@login_required
@require_POST
def family_view(request, child_id: int, plan_kind: str):
    def record(current):
        plan_record_family_view(
            actor=request.user,
            version=current.versions.order_by("-number").first(),
            agreement=request.POST.get("agreement", ""),
            comments=request.POST.get("comments", ""),
            request=request,
        )

    return _on_current_plan(request, child_id, plan_kind, record)


@access_rule(Rule.CHILD)
@login_required
@require_POST
def review(request, child_id: int, plan_kind: str):
    def record(current):
        goals = current.versions.order_by("-number").first().goals.all()
        try:
            scores = {
                g.id: (int(request.POST.get(f"score-{g.id}", "")), request.POST.get(f"progress-{g.id}", ""))
                for g in goals
            }
        except ValueError:
            raise ApplicationError(SCORE_RANGE) from None
        plan_review(
            actor=request.user,
            plan=current,
            held_on=_date(request.POST.get("held_on")) or date.today(),
            scores=scores,
            notes=request.POST.get("notes", ""),
            request=request,
        )

    return _on_current_plan(request, child_id, plan_kind, record)
