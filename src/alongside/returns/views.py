from django.shortcuts import render
from django.utils import timezone

from alongside.access.access import hidden_child_ids
from alongside.returns.data_quality import data_quality_checks


def data_officer_home(request):
    """A data officer's home: open cases missing what the statutory returns will need."""
    today = timezone.localdate()
    checks = data_quality_checks(on=today, hidden_ids=hidden_child_ids(request.user))
    return render(
        request,
        "returns/data_officer_home.html",
        {
            "staff": request.user.staff,
            "checks": checks,
            "today": today,
            "total": sum(check.total for check in checks),
        },
    )
