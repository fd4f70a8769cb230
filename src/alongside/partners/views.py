"""A partner professional's pages: only children shared with their agency today."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from alongside.access.access import access_partner_child, partner_child_ids, require_partner
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.partners.forms import ActionUpdateForm, InformationForm, ReferralForm
from alongside.partners.selectors import actions_for_agency, plans_for_partner, sharings_in_force, story_for_partner
from alongside.partners.services import ReferralInput, action_update, partner_information_add, referral_make
from alongside.people.models import Person


def partner_home(request):
    """A partner professional's home: the children their agency shares with us today."""
    member = request.user.partner
    today = timezone.localdate()
    return render(
        request,
        "partners/partner_home.html",
        {"member": member, "today": today, "sharings": sharings_in_force(member.agency, on=today)},
    )


def _child_page(request, child, *, information_form=None, action_form=None, status=200):
    member = request.user.partner
    audit_record(actor=request.user, event=AuditEvent.CHILD_VIEWED, person=child, request=request)
    sharing = sharings_in_force(member.agency, on=timezone.localdate()).filter(child=child).first()
    return render(
        request,
        "partners/child.html",
        {
            "child": child,
            "member": member,
            "sharing": sharing,
            "entries": story_for_partner(request.user, child),
            "plans": plans_for_partner(child),
            "my_actions": actions_for_agency(member.agency, child),
            "information_form": information_form or InformationForm(),
            "action_form": action_form,
        },
        status=status,
    )


@access_rule(Rule.PARTNER_CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def child(request, child_id: int):
    """What the partner may see about the child, and what they can add."""
    child = access_partner_child(request.user, child_id)
    if request.method == "POST":
        form = InformationForm(request.POST)
        if form.is_valid():
            try:
                partner_information_add(
                    user=request.user,
                    member=request.user.partner,
                    child=child,
                    summary=form.cleaned_data["summary"],
                    text=form.cleaned_data["text"],
                )
            except ApplicationError as refused:
                show_refusal(form, refused)
            else:
                messages.success(request, "Added to the story. The social worker can see it.")
                return redirect("partners:child", child_id=child.id)
        return _child_page(request, child, information_form=form)
    return _child_page(request, child)


@access_rule(Rule.PARTNER_CHILD)
@login_required
@require_POST
def update_action(request, child_id: int):
    """Progress on an action the partner's agency owns."""
    child = access_partner_child(request.user, child_id)
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        try:
            action_update(
                user=request.user,
                member=request.user.partner,
                child=child,
                action_id=form.cleaned_data["action_id"],
                done=form.cleaned_data["done"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "Your update is saved. The social worker can see it.")
            return redirect("partners:child", child_id=child.id)
    return _child_page(request, child, action_form=form)


@access_rule(Rule.PARTNER)
@login_required
@require_http_methods(["GET", "POST"])
def referral(request):
    """A new referral to the front door."""
    member = require_partner(request.user)
    shared_ids = partner_child_ids(request.user)
    shared = list(Person.objects.filter(pk__in=shared_ids).order_by("last_name", "first_name"))
    form = ReferralForm(request.POST or None, shared_children=shared)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = referral_make(
                user=request.user,
                member=member,
                data=ReferralInput(
                    child_id=int(data["child_id"]) if data["child_id"] else None,
                    child_first_name=data["child_first_name"],
                    child_last_name=data["child_last_name"],
                    child_date_of_birth=data["child_date_of_birth"],
                    child_address=data["child_address"],
                    worries=data["worries"],
                    family_aware=data["family_aware"],
                    family_aware_reason=data["family_aware_reason"],
                    referrer_phone=data["referrer_phone"],
                ),
                shared_child_ids=shared_ids,
                request=request,
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            return render(request, "partners/referral_sent.html", {"contact": contact})
    return render(request, "partners/referral.html", {"form": form})
