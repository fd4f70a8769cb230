"""A family's compliments and complaints in the portal: making one, seeing what they made (and only
that), and asking for the next step of the complaints procedure when unhappy with a reply."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import family_children, require_family
from alongside.access.declare import Rule, access_rule
from alongside.access.roles import UserKind, user_kind
from alongside.complaints import due_dates
from alongside.complaints.access import access_family_complaint
from alongside.complaints.models import ComplaintStatus, Compliment
from alongside.complaints.selectors import family_complaints
from alongside.complaints.services import family_complaint_make, family_compliment_make, family_next_stage_ask
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.portal.complaint_forms import COMPLIMENT, NextStageForm, SaySomethingForm


@access_rule(Rule.FAMILY)
@login_required
@require_http_methods(["GET", "POST"])
def say_something(request):
    """Make a compliment or a complaint about the help a child (theirs; a young person: their own)
    is getting. A complaint says how we should reply; the next page gives the date we will."""
    person = require_family(request.user)
    children = family_children(request.user)
    young = user_kind(request.user) == UserKind.YOUNG_PERSON
    form = SaySomethingForm(request.POST or None, children=children, young_person=young)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = person if young else next((c for c in children if str(c.id) == data.get("child")), None)
        try:
            if data["kind"] == COMPLIMENT:
                saved = family_compliment_make(user=request.user, child=child, words=data["about"])
            else:
                saved = family_complaint_make(
                    user=request.user,
                    child=child,
                    about=data["about"],
                    reply_by=data["reply_by"],
                    reply_email=data["reply_email"],
                    reply_phone=data["reply_phone"],
                )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            kind = "compliment" if isinstance(saved, Compliment) else "complaint"
            return redirect(f"{reverse('portal:said')}?{kind}={saved.id}")
    return render(
        request,
        "portal/say_something.html",
        {"form": form, "reply_by": due_dates.stage_due(1, timezone.localdate())},
    )


@access_rule(Rule.FAMILY)
@login_required
@require_GET
def said(request):
    """What happens next, with the real date we will reply by. Only for what they sent themself."""
    person = require_family(request.user)
    if "complaint" in request.GET:
        complaint = access_family_complaint(request.user, request.GET["complaint"])
        stage = complaint.stages.all()[0]
        return render(request, "portal/complaint_sent.html", {"complaint": complaint, "stage": stage})
    if "compliment" in request.GET:
        compliment = Compliment.objects.filter(pk=_int(request.GET["compliment"]), made_by=person).first()
        if compliment is None:
            raise Http404
        return render(request, "portal/complaint_sent.html", {"compliment": compliment})
    return redirect("portal:my_complaints")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@access_rule(Rule.FAMILY)
@login_required
@require_GET
def my_complaints(request):
    """The complaints this family member made, each with its step and the date of our reply, and
    the compliments they sent."""
    person = require_family(request.user)
    return render(
        request,
        "portal/my_complaints.html",
        {
            "rows": family_complaints(person),
            "today": timezone.localdate(),
            "compliments": Compliment.objects.filter(made_by=person).order_by("-received_on", "-id"),
        },
    )


@access_rule(Rule.FAMILY)
@login_required
@require_http_methods(["GET", "POST"])
def next_stage(request):
    """Ask for the next step of their own complaint once we have replied. Past the window to ask,
    they say why they are asking now."""
    require_family(request.user)
    wanted = request.GET.get("complaint") or request.POST.get("complaint")
    if not wanted:
        return redirect("portal:my_complaints")
    complaint = access_family_complaint(request.user, wanted)
    stage = next(s for s in complaint.stages.all() if s.number == complaint.stage)
    if not stage.answered or stage.number >= due_dates.LAST_STAGE or complaint.status != ComplaintStatus.CLOSED:
        return redirect("portal:my_complaints")
    today = timezone.localdate()
    ask_by = due_dates.next_stage_ask_by(stage.responded_on)
    form = NextStageForm(request.POST or None, late=today > ask_by)
    if request.method == "POST" and form.is_valid():
        try:
            new = family_next_stage_ask(
                user=request.user,
                complaint=complaint,
                unhappy=form.cleaned_data["unhappy"],
                why_now=form.cleaned_data.get("why_now", ""),
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _next_message(new))
            return redirect("portal:my_complaints")
    return render(
        request,
        "portal/next_stage.html",
        {
            "form": form,
            "complaint": complaint,
            "next": stage.number + 1,
            "due": due_dates.stage_due(stage.number + 1, today),
            "ask_by": ask_by,
            "late": today > ask_by,
        },
    )


def _next_message(stage) -> str:
    when = date_format(stage.due_on, "j F Y")
    if stage.number == due_dates.LAST_STAGE:
        return _("You asked for step 3. A panel will meet by %(date)s.") % {"date": when}
    return _("You asked for step 2. We will reply by %(date)s.") % {"date": when}
