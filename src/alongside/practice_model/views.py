from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alongside.access.declare import Rule, access_rule
from alongside.access.roles import UserKind, user_kind
from alongside.practice_model.config import operating_model
from alongside.practice_model.selectors import operating_model_versions
from alongside.practice_model.services import operating_model_version_record
from alongside.workforce.models import Service, StaffRole

ROLE_NAMES = dict(StaffRole.choices)
SERVICE_NAMES = dict(Service.choices)


@access_rule(Rule.SIGNED_IN)
@login_required
@require_GET
def operating_model_page(request):
    """How this council's children's services work, in plain words, for everyone who signs in:
    staff, families and partners read the same model. Someone who has left reads nothing."""
    if user_kind(request.user) == UserKind.NONE:
        raise Http404
    model = operating_model()
    current = operating_model_version_record(model)
    data = model.data
    return render(
        request,
        "practice_model/operating_model.html",
        {
            "model": model,
            "data": data,
            "current": current,
            "versions": operating_model_versions(),
            "pod_roles": [
                (ROLE_NAMES.get(r["role"], r["role"]), r["per_pod"], r.get("note", "")) for r in data["pods"]["roles"]
            ],
            "moves": [(SERVICE_NAMES[m["from"]], SERVICE_NAMES[m["to"]], m["when"]) for m in data["case_movement"]],
            "caps": [(ROLE_NAMES.get(role, role), cap) for role, cap in model.caseload_caps.items()],
            "supervision": [
                (", ".join(ROLE_NAMES.get(r, r) for r in sorted(s.roles)), s.every_working_days, s.note)
                for s in model.supervision
            ],
        },
    )
