from datetime import timedelta

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alongside.access.access import require_role
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEntry, AuditEvent, AuditRoute, RestrictedRecord
from alongside.access.services import audit_record
from alongside.access.subject_access import build_subject_access, subject_access_zip
from alongside.people.models import Person
from alongside.workforce.models import StaffRole

DPO = [StaffRole.DATA_PROTECTION_OFFICER]
NO_SUCH_PERSON = "No one has that LA ID"


class SubjectAccessForm(forms.Form):
    la_id = forms.CharField(
        label="LA ID of the person asking",
        max_length=20,
        error_messages={"required": "Enter the LA ID of the person asking"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()  # for the GOV.UK error summary


def data_protection_home(request):
    """The data protection officer's home: start a subject access request; see restricted records
    and every emergency opening and refusal of the last 90 days."""
    require_role(request.user, DPO)
    form = SubjectAccessForm(request.GET or None)
    if request.GET and form.is_valid():
        person = Person.objects.filter(la_id=form.cleaned_data["la_id"].strip()).first()
        if person is None:
            form.add_error("la_id", NO_SUCH_PERSON)
        else:
            return redirect("access:subject_access", person_id=person.id)
    since = timezone.now() - timedelta(days=90)
    events = (
        AuditEntry.objects.filter(event__in=[AuditEvent.BREAK_GLASS, AuditEvent.RESTRICTED_REFUSED], at__gte=since)
        .select_related("actor", "person")
        .order_by("-at")[:100]
    )
    return render(
        request,
        "access/data_protection_home.html",
        {
            "form": form,
            "events": events,
            "restricted": RestrictedRecord.objects.select_related("child", "owner").order_by("created_at"),
        },
    )


@access_rule(Rule.DATA_PROTECTION)
@login_required
@require_GET
def subject_access(request, person_id: int):
    require_role(request.user, DPO)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    export = build_subject_access(person)
    if request.GET.get("download") != "zip":
        return render(request, "access/subject_access.html", {"person": person, "export": export})
    audit_record(
        actor=request.user,
        event=AuditEvent.SUBJECT_ACCESS_EXPORTED,
        person=person,
        request=request,
        route=AuditRoute.EXPORT,
        detail={"items_to_review": export.items_to_review},
    )
    response = HttpResponse(subject_access_zip(export), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{person.la_id}-{timezone.localdate():%Y-%m-%d}.zip"'
    )
    return response
