from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from alongside.access.access import access_allocate, hidden_child_ids
from alongside.access.declare import Rule, access_rule
from alongside.access.selectors import access_reviews_due, opened_with_reason_for_pod
from alongside.handovers.selectors import incomplete_handovers
from alongside.journey.selectors import la_figures
from alongside.practice_model.config import operating_model
from alongside.practice_model.selectors import local_authority_get
from alongside.quality.selectors import quality_work_for
from alongside.supervision.selectors import supervision_due
from alongside.timescales.due import LATER, OVERDUE, THIS_WEEK, due_groups, due_items
from alongside.workforce.allocation import allocation_suggestions, member_loads
from alongside.workforce.models import Allocation, AllocationReason, StaffMember
from alongside.workforce.selectors import (
    caseload_for,
    children_waiting_for_a_worker,
    current_workforce_figures,
    pod_children,
    pod_members_with_caseloads,
    pod_summaries,
    spans_of_management,
)
from alongside.workforce.services import AllocationInvalid, allocation_change


def caseload_home(request):
    """A case-holding worker's home: the children allocated to them today."""
    staff = request.user.staff
    today = timezone.localdate()
    hidden = hidden_child_ids(request.user)
    caseload = [entry for entry in caseload_for(staff, on=today) if entry.child.id not in hidden]
    items = due_items([entry.child.id for entry in caseload], on=today)
    return render(
        request,
        "workforce/caseload_home.html",
        {
            "staff": staff,
            "caseload": caseload,
            "today": today,
            "due": due_groups(items),
            "names": _names(caseload),
            "quality_work": quality_work_for(staff, hidden),
        },
    )


def _names(entries) -> dict[int, dict]:
    return {e.child.id: {"name": e.child.full_name, "worker": e.worker.full_name} for e in entries}


def pod_home(request):
    """A team manager's (or pod business support's) home: their pod's members and children, access
    reviews waiting for them, and who outside the pod opened its children's records and why."""
    staff = request.user.staff
    today = timezone.localdate()
    pod = staff.pod
    hidden = hidden_child_ids(request.user)
    children = [e for e in pod_children(pod, on=today) if e.child.id not in hidden] if pod else []
    at_risk = [i for i in due_items([e.child.id for e in children], on=today) if i.status != LATER]
    members = pod_members_with_caseloads(pod, on=today) if pod else []
    loads = member_loads([row.member for row in members], on=today)
    supervision = {row.staff.id: row for row in supervision_due([row.member for row in members], on=today)}
    member_rows = [
        {
            "member": row.member,
            "caseload": row.caseload,
            "weighted": loads[row.member.id].weighted,
            "cap": loads[row.member.id].cap,
            "over_cap": loads[row.member.id].over_cap,
            "supervision": supervision.get(row.member.id),
        }
        for row in members
    ]
    return render(
        request,
        "workforce/pod_home.html",
        {
            "staff": staff,
            "pod": pod,
            "today": today,
            "members": member_rows,
            "span": StaffMember.objects.filter(manager=staff, left_on__isnull=True).count(),
            "span_most": operating_model().span_of_management,
            "children": children,
            "at_risk": due_groups(at_risk, statuses=(OVERDUE, THIS_WEEK)),
            "handovers": incomplete_handovers(pod) if pod else [],
            "waiting": [e for e in children_waiting_for_a_worker(pod, on=today) if e.child.id not in hidden]
            if pod
            else [],
            "names": _names(children),
            "reviews": access_reviews_due(request.user),
            "quality_work": quality_work_for(staff, hidden),
            "opened": opened_with_reason_for_pod(pod, since=timezone.now() - timedelta(days=30)) if pod else [],
        },
    )


def service_home(request):
    """A head of service's home: the LA's headline figures against England, and every pod."""
    today = timezone.localdate()
    local_authority = local_authority_get()
    population = local_authority.child_population if local_authority else 0
    return render(
        request,
        "workforce/service_home.html",
        {
            "staff": request.user.staff,
            "today": today,
            "local_authority": local_authority,
            "figures": la_figures(on=today, child_population=population),
            "pods": pod_summaries(on=today),
            "workforce": current_workforce_figures(),
            "spans": spans_of_management(),
            "span_most": operating_model().span_of_management,
        },
    )


@access_rule(Rule.ALLOCATE)
@login_required
@require_http_methods(["GET", "POST"])
def allocate(request, child_id: int):
    """Choosing a child's worker: suggestions ranked continuity first, each with why; a reason for
    any change; a worker over their cap only with a stated reason."""
    child = access_allocate(request.user, child_id)
    today = timezone.localdate()
    current = Allocation.objects.filter(child=child, ended_on__isnull=True).select_related("worker").first()
    pod = request.user.staff.pod or (current.pod if current else None)
    suggestions = allocation_suggestions(child, pod=pod, on=today)
    problems: dict[str, str] = {}
    if request.method == "POST":
        chosen = next((s.worker for s in suggestions if str(s.worker.id) == request.POST.get("worker")), None)
        try:
            allocation_change(
                actor=request.user,
                child=child,
                worker=chosen,
                reason=request.POST.get("reason", "") if current else AllocationReason.NEW_REFERRAL,
                over_cap_reason=request.POST.get("over_cap_reason", ""),
                request=request,
            )
        except AllocationInvalid as invalid:
            problems = invalid.problems
        else:
            messages.success(request, f"{chosen.full_name} is now {child.first_name}'s worker.")
            return redirect("people:child", child_id=child.id)
    return render(
        request,
        "workforce/allocate.html",
        {
            "child": child,
            "current": current,
            "suggestions": suggestions,
            "reasons": operating_model().change_of_worker_reasons,
            "problems": problems,
            "post": request.POST if request.method == "POST" else {},
        },
    )
