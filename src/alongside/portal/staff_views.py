"""Staff pages about the family portal: inviting a family member, answering a request for a
different worker. Each goes through the child's access rules like every page of their record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from alongside.access.access import NeedsReason, access_allocate, access_child
from alongside.access.declare import Rule, access_rule
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.portal.forms import AnswerForm, InviteForm
from alongside.portal.models import WorkerChangeRequest
from alongside.portal.selectors import latest_invitations
from alongside.portal.services import family_invite, invitable_people, worker_change_answer


@access_rule(Rule.CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def invite(request, child_id: int):
    """Invite a parent, or the young person, to the family portal, and see who has joined."""
    try:
        child = access_child(request.user, child_id).child
    except NeedsReason as needs:
        return redirect("people:open_with_reason", child_id=needs.child.id)
    people = invitable_people(child)
    form = InviteForm(request.POST or None, people=people)
    sent = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = family_invite(
                actor=request.user,
                child=child,
                person_id=data["person"],
                channel=data["channel"],
                address=data["address"],
                url_for=lambda token: request.build_absolute_uri(reverse("portal:welcome", args=[token])),
                request=request,
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            if not sent.shown_on_screen:
                messages.success(request, f"Invitation sent to {sent.link.person.first_name}")
                return redirect("portal:invite", child_id=child.id)
            form = InviteForm(people=people)
    rows = latest_invitations(people)
    return render(request, "portal/invite.html", {"child": child, "form": form, "rows": rows, "sent": sent})


@access_rule(Rule.ALLOCATE)
@login_required
@require_http_methods(["GET", "POST"])
def worker_change_requests(request, child_id: int):
    """The family's requests for a different worker, for the worker's manager to answer."""
    child = access_allocate(request.user, child_id)
    requests_ = WorkerChangeRequest.objects.filter(child=child).select_related("person", "worker").order_by("-asked_at")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_request = requests_.filter(pk=form.cleaned_data["request_id"]).first()
        try:
            if change_request is None:
                raise ApplicationError("Choose a request to answer")
            worker_change_answer(actor=request.user, change_request=change_request, answer=form.cleaned_data["answer"])
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "Your answer is sent. The family will see it when they sign in.")
            return redirect("portal:worker_change_requests", child_id=child.id)
    return render(request, "portal/worker_change_requests.html", {"child": child, "requests": requests_, "form": form})
