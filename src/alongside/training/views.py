from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import QUALITY_ROLES, require_quality, require_staff
from alongside.access.declare import Rule, access_rule
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.practice_model.config import operating_model
from alongside.training.forms import CourseForm, RecordForm
from alongside.training.selectors import (
    completion_history,
    course_state,
    current_staff,
    latest_completions,
    refreshers,
    training_coverage_by_pod,
    training_coverage_by_role,
    training_for_staff,
)
from alongside.training.services import training_record
from alongside.workforce.models import StaffRole


@access_rule(Rule.STAFF)
@login_required
@require_GET
def training_home(request):
    """My own training and its status. Practice leads also see coverage per pod and per role and
    who is due a refresher; a team manager's own pod comes first."""
    require_staff(request.user)
    staff = request.user.staff
    today = timezone.localdate()
    courses = operating_model().training.courses
    names = {c.code: c.name for c in courses}
    context = {
        "mine": training_for_staff([staff], on=today)[0],
        "history": [(c, names.get(c.course, c.course)) for c in completion_history(staff)],
        "courses": courses,
        "due_soon_days": operating_model().training.due_soon_days,
    }
    if staff.role in QUALITY_ROLES:
        own_pod = staff.pod_id if staff.role == StaffRole.TEAM_MANAGER else None
        due, overdue = refreshers(on=today, first_pod_id=own_pod)
        context |= {
            "lead": True,
            "by_pod": training_coverage_by_pod(on=today, first_pod_id=own_pod),
            "by_role": training_coverage_by_role(on=today),
            "due": due,
            "due_caption": f"Refreshers due in the next {context['due_soon_days']} days",
            "overdue": overdue,
        }
    return render(request, "training/home.html", context)


def _people_for(course, *, first_pod_id, today) -> list[tuple[str, str]]:
    """Current staff whose role needs the course, own pod first, each with their status for it."""
    people = [s for s in current_staff(on=today) if s.role in course.roles]
    people.sort(
        key=lambda s: (first_pod_id is None or s.pod_id != first_pod_id, s.pod is None, str(s.pod or ""), s.last_name)
    )
    latest = latest_completions([s.id for s in people], on=today)
    choices = []
    for person in people:
        state = course_state(course, latest.get((person.id, course.code)), on=today)
        where = person.pod.name if person.pod else (person.team.name if person.team else "No team")
        status = state.status.label.lower()
        if state.expires_on:
            status += (
                f" (until {state.expires_on:%-d %B %Y})" if state.holds else f" (ran out {state.expires_on:%-d %B %Y})"
            )
        choices.append((str(person.id), f"{person.full_name}, {where}: {status}"))
    return choices


@access_rule(Rule.QUALITY)
@login_required
@require_http_methods(["GET", "POST"])
def training_record_page(request):
    """Recording one course for several people at once: choose the course, then the date and who."""
    lead = require_quality(request.user)
    today = timezone.localdate()
    course = operating_model().training.course(request.GET.get("course", ""))
    if course is None:
        chooser = CourseForm(request.GET if "course" in request.GET else None)
        if chooser.is_bound:
            chooser.is_valid()  # an unknown course: "Select the course"
        return render(request, "training/choose_course.html", {"form": chooser})
    own_pod = lead.pod_id if lead.role == StaffRole.TEAM_MANAGER else None
    people = _people_for(course, first_pod_id=own_pod, today=today)
    form = RecordForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["staff"]}
        try:
            made = training_record(
                actor=request.user,
                course_code=course.code,
                completed_on=form.cleaned_data["completed_on"],
                staff=[s for s in current_staff(on=today) if s.id in chosen],
                notes=form.cleaned_data["notes"],
                request=request,
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            count = len(made)
            messages.success(request, f"{course.name} recorded for {count} {'person' if count == 1 else 'people'}.")
            return redirect(reverse("training:home"))
    return render(request, "training/record.html", {"form": form, "course": course})
