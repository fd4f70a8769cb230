from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import require_staff
from alongside.access.declare import Rule, access_rule
from alongside.lib.errors import ApplicationError
from alongside.supervision.models import SupervisionSession
from alongside.supervision.selectors import group_sessions_for_pod, next_group_due, supervision_due
from alongside.supervision.services import DiscussionInput, group_session_record, supervision_record
from alongside.workforce.models import StaffMember
from alongside.workforce.selectors import caseload_for

DISCUSSION_SLOTS = 3
BAD_DATE = "Enter the date as a real date"


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ApplicationError(BAD_DATE) from None


@access_rule(Rule.STAFF)
@login_required
@require_GET
def supervision_home(request):
    """My supervision, the people I supervise (when each is due), and my pod's group sessions."""
    require_staff(request.user)
    staff = request.user.staff
    today = timezone.localdate()
    reports = list(StaffMember.objects.filter(manager=staff, left_on__isnull=True).order_by("last_name"))
    return render(
        request,
        "supervision/home.html",
        {
            "today": today,
            "mine": supervision_due([staff], on=today)[0],
            "my_sessions": SupervisionSession.objects.filter(supervisee=staff).order_by("-held_on")[:12],
            "reports": supervision_due(reports, on=today),
            "groups": group_sessions_for_pod(staff.pod) if staff.pod else [],
            "next_group": next_group_due(staff.pod, on=today) if staff.pod else None,
        },
    )


@access_rule(Rule.STAFF)
@login_required
@require_http_methods(["GET", "POST"])
def supervision_new(request):
    """Recording a one-to-one: first whom, then the case discussions and the reflective part."""
    require_staff(request.user)
    staff = request.user.staff
    reports = list(StaffMember.objects.filter(manager=staff, left_on__isnull=True).order_by("last_name"))
    chosen = request.GET.get("supervisee", "")
    supervisee = next((r for r in reports if str(r.id) == chosen), None)
    error = None
    if request.method == "POST" and supervisee is not None:
        post = request.POST
        try:
            discussions = [
                DiscussionInput(
                    child_id=int(post[f"child-{n}"]),
                    discussion=post.get(f"discussion-{n}", ""),
                    decisions=post.get(f"decisions-{n}", ""),
                    reasons=post.get(f"reasons-{n}", ""),
                )
                for n in range(DISCUSSION_SLOTS)
                if post.get(f"child-{n}", "").isdigit()
            ]
            session = supervision_record(
                actor=request.user,
                supervisee=supervisee,
                held_on=_date(post.get("held_on", "")),
                reflective_notes=post.get("reflective_notes", ""),
                discussions=discussions,
                request=request,
            )
        except ApplicationError as problem:
            error = problem.message
        else:
            messages.success(request, f"Supervision with {supervisee.full_name} recorded.")
            return redirect("supervision:session", session_id=session.id)
    elif request.method == "POST":
        error = "Choose who the supervision was with"
    return render(
        request,
        "supervision/new.html",
        {
            "reports": reports,
            "supervisee": supervisee,
            "caseload": caseload_for(supervisee, on=timezone.localdate()) if supervisee else [],
            # What was typed stays in the form after a problem: nothing is lost.
            "slots": [
                {name: request.POST.get(f"{name}-{n}", "") for name in ("child", "discussion", "decisions", "reasons")}
                | {"n": n}
                for n in range(DISCUSSION_SLOTS)
            ],
            "error": error,
            "post": request.POST if request.method == "POST" else {},
            "today": timezone.localdate(),
        },
    )


@access_rule(Rule.SUPERVISION)
@login_required
@require_GET
def supervision_session(request, session_id: int):
    """A session, with its private reflective part: the supervisor and the supervisee only."""
    require_staff(request.user)
    session = (
        SupervisionSession.objects.filter(pk=session_id)
        .select_related("supervisor", "supervisee")
        .prefetch_related("discussions__child")
        .first()
    )
    if session is None or request.user.staff.id not in (session.supervisor_id, session.supervisee_id):
        raise Http404
    return render(request, "supervision/session.html", {"session": session})


@access_rule(Rule.STAFF)
@login_required
@require_http_methods(["GET", "POST"])
def group_new(request):
    """Recording a group reflective practice session for the pod."""
    require_staff(request.user)
    staff = request.user.staff
    members = list(StaffMember.objects.filter(pod=staff.pod, left_on__isnull=True).order_by("last_name"))
    error = None
    if request.method == "POST":
        post = request.POST
        attended = [m for m in members if post.get(f"attended-{m.id}") == "yes"]
        try:
            minutes = post.get("minutes", "")
            group_session_record(
                actor=request.user,
                held_on=_date(post.get("held_on", "")),
                minutes=int(minutes) if minutes.isdigit() else None,
                family=post.get("family", ""),
                themes=post.get("themes", ""),
                takeaways={m.id: post.get(f"takeaway-{m.id}", "") for m in attended},
            )
        except ApplicationError as problem:
            error = problem.message
        else:
            messages.success(request, "Group reflective practice session recorded.")
            return redirect("supervision:home")
    return render(
        request,
        "supervision/group_new.html",
        {
            "members": [
                {
                    "member": m,
                    "attended": request.POST.get(f"attended-{m.id}") == "yes",
                    "takeaway": request.POST.get(f"takeaway-{m.id}", ""),
                }
                for m in members
            ],
            "error": error,
            "post": request.POST if request.method == "POST" else {},
            "today": timezone.localdate(),
        },
    )
