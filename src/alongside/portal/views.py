"""The family's own pages. Every page finds its children through access.family_children, so a
family member only ever reaches their own family's records (a young person: only their own)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import access_family_child, family_children, require_family
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.roles import UserKind, user_kind
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.portal.forms import (
    ChangeWorkerForm,
    FeedbackForm,
    MessageForm,
    MyViewForm,
    PasswordForm,
    PlanResponseForm,
    SignInLinkForm,
    WordsForm,
)
from alongside.portal.models import LinkPurpose, WorkerChangeRequest
from alongside.portal.selectors import (
    current_plans,
    open_handovers,
    story_for_family,
    what_happens_next,
    workers_for_children,
    workers_grouped,
)
from alongside.portal.services import (
    LinkProblem,
    family_feedback_give,
    family_handover_message,
    family_plan_respond,
    family_words_add,
    invitation_accept,
    link_check,
    sign_in_link_send,
    sign_in_link_use,
    worker_change_ask,
    young_person_view_add,
)
from alongside.quality.selectors import family_views_waiting

BACKEND = "alongside.access.backends.AlongsideBackend"


def _family_home_context(request):
    person = request.user.person
    today = timezone.localdate()
    children = family_children(request.user)
    young = user_kind(request.user) == UserKind.YOUNG_PERSON
    rows = workers_for_children(children, on=today, you=young)
    answers = WorkerChangeRequest.objects.filter(person=person, answered_at__isnull=False).order_by("-answered_at")[:3]
    return {
        "person": person,
        "young": young,
        "rows": rows,
        "workers": workers_grouped(rows),
        "plans": current_plans(children, person=person),
        "next_things": what_happens_next(children, on=today),
        "handovers": open_handovers(children),
        "answers": answers,
        # An auditor asked this family member for their view (quality/): shown until answered.
        "audit_questions": family_views_waiting(person).exists(),
    }


def parent_home(request):
    """A parent's home: each child, who is helping, their plans, and what happens next."""
    return render(request, "portal/parent_home.html", _family_home_context(request))


def young_person_home(request):
    """A young person's own home: only about them, never their parents' or siblings' records."""
    context = _family_home_context(request)
    context["row"] = context["rows"][0]
    return render(request, "portal/young_person_home.html", context)


def _done(request, message: str):
    messages.success(request, message)
    return redirect("home")


@access_rule(Rule.FAMILY_CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def plan(request, child_id: int):
    """The child's plan in plain words, and the family member's answer: agree, some, or not."""
    child = access_family_child(request.user, child_id)
    person = request.user.person
    plans = current_plans([child], person=person)
    form = PlanResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = next((p.version for p in plans if str(p.plan.id) == request.POST.get("plan")), None)
        if version is None:
            raise Http404
        try:
            family_plan_respond(
                user=request.user,
                person=person,
                version=version,
                agreement=form.cleaned_data["agreement"],
                disagree_with=form.cleaned_data["disagree_with"],
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            return _done(request, _("Thank you. Your worker can see your answer."))
    audit_record(actor=request.user, event=AuditEvent.PLAN_VIEWED, person=child, request=request)
    return render(request, "portal/plan.html", {"child": child, "plans": plans, "form": form})


@access_rule(Rule.FAMILY)
@login_required
@require_GET
def story(request):
    """The family-visible part of the family's story, and what they have written."""
    require_family(request.user)
    entries = story_for_family(request.user)
    for child in family_children(request.user):
        audit_record(actor=request.user, event=AuditEvent.STORY_VIEWED, person=child, request=request)
    return render(request, "portal/story.html", {"entries": entries})


@access_rule(Rule.FAMILY)
@login_required
@require_http_methods(["GET", "POST"])
def add_words(request):
    """Add the family's own words to their story. Staff can reply but never change them."""
    person = require_family(request.user)
    children = family_children(request.user)
    young = user_kind(request.user) == UserKind.YOUNG_PERSON
    form = WordsForm(request.POST or None, children=children, young_person=young)
    if request.method == "POST" and form.is_valid():
        chosen = [person] if young else [c for c in children if str(c.id) in form.cleaned_data["children"]]
        try:
            family_words_add(
                user=request.user,
                person=person,
                children=chosen,
                text=form.cleaned_data["text"],
                private=form.cleaned_data.get("private", False),
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("Your words are in your story. Your worker can see them."))
            return redirect("portal:story")
    return render(request, "portal/add_words.html", {"form": form})


@access_rule(Rule.YOUNG_PERSON)
@login_required
@require_http_methods(["GET", "POST"])
def my_view(request):
    """A young person's own view, separate from their parents'."""
    if user_kind(request.user) != UserKind.YOUNG_PERSON:
        raise Http404
    form = MyViewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            young_person_view_add(
                user=request.user,
                person=request.user.person,
                scale=data["scale"],
                want_worker_to_know=data["text"],
                goals=data["goals"],
                private=data["private"],
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            return _done(request, _("Thank you. Your worker can see what you said."))
    return render(request, "portal/my_view.html", {"form": form})


@access_rule(Rule.FAMILY_CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def new_worker_message(request, child_id: int):
    """The family's message for a new worker, while the handover is open."""
    child = access_family_child(request.user, child_id)
    handover = open_handovers([child]).first()
    form = MessageForm(request.POST or None)
    if handover is None and request.method == "POST":
        form.add_error(None, _("%(name)s does not have a new worker at the moment.") % {"name": child.first_name})
    elif request.method == "POST" and form.is_valid():
        try:
            family_handover_message(
                user=request.user, person=request.user.person, handover=handover, text=form.cleaned_data["text"]
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            return _done(request, _("Thank you. Your new worker will read your message."))
    return render(request, "portal/new_worker_message.html", {"child": child, "handover": handover, "form": form})


@access_rule(Rule.FAMILY_CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def change_worker(request, child_id: int):
    child = access_family_child(request.user, child_id)
    form = ChangeWorkerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            worker_change_ask(
                user=request.user, person=request.user.person, child=child, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            return _done(request, _("Thank you. A manager will answer you."))
    return render(request, "portal/change_worker.html", {"child": child, "form": form})


@access_rule(Rule.FAMILY)
@login_required
@require_http_methods(["GET", "POST"])
def feedback(request):
    """What helped and what did not."""
    person = require_family(request.user)
    children = family_children(request.user)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and children:
        data = form.cleaned_data
        try:
            family_feedback_give(
                user=request.user,
                person=person,
                child=children[0],
                how_it_went=data["how_it_went"],
                helped=data["helped"],
                did_not_help=data["did_not_help"],
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            return _done(request, _("Thank you for telling us."))
    return render(request, "portal/feedback.html", {"form": form})


def _link_url(request, name):
    return lambda token: request.build_absolute_uri(reverse(name, args=[token]))


@access_rule(Rule.PUBLIC)
@require_http_methods(["GET", "POST"])
def welcome(request, token: str):
    """The invitation link: choose a password, or a sign-in link each time. Opening the link does
    not use it up; choosing does."""
    try:
        link = link_check(token, LinkPurpose.INVITATION)
    except LinkProblem as problem:
        return render(request, "portal/link_problem.html", {"problem": problem.message})
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token,
                password=form.cleaned_data["password"],
                use_links=form.cleaned_data["how"] == "link",
                request=request,
            )
        except LinkProblem as problem:
            return render(request, "portal/link_problem.html", {"problem": problem.message})
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            login(request, user, backend=BACKEND)
            return _done(request, _("Welcome to Alongside."))
    return render(request, "portal/welcome.html", {"person": link.person, "form": form})


@access_rule(Rule.PUBLIC)
@require_http_methods(["GET", "POST"])
def sign_in_link(request):
    """Ask for a sign-in link by email or text message. The page says the same whether or not we
    know the address."""
    form = SignInLinkForm(request.POST or None)
    sent = None
    if request.method == "POST" and form.is_valid():
        try:
            sent = sign_in_link_send(
                channel=form.cleaned_data["channel"],
                address=form.cleaned_data["address"],
                url_for=_link_url(request, "portal:use_sign_in_link"),
                request=request,
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            shown = sent.message if sent is not None and sent.shown_on_screen else None
            return render(request, "portal/sign_in_link_sent.html", {"shown": shown})
    return render(request, "portal/sign_in_link.html", {"form": form})


@access_rule(Rule.PUBLIC)
@require_http_methods(["GET", "POST"])
def use_sign_in_link(request, token: str):
    """A sign-in link: a button to sign in (so a link scanner opening it does not use it up)."""
    try:
        link_check(token, LinkPurpose.SIGN_IN)
        if request.method == "POST":
            user = sign_in_link_use(token=token)
            login(request, user, backend=BACKEND)
            return redirect("home")
    except LinkProblem as problem:
        return render(request, "portal/link_problem.html", {"problem": problem.message})
    return render(request, "portal/use_sign_in_link.html")
