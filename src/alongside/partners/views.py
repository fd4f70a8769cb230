from django.shortcuts import render
from django.utils import timezone

from alongside.partners.selectors import sharings_in_force


def partner_home(request):
    """A partner professional's home: the children their agency shares with us today."""
    member = request.user.partner
    today = timezone.localdate()
    return render(
        request,
        "partners/partner_home.html",
        {
            "member": member,
            "today": today,
            "sharings": sharings_in_force(member.agency, on=today),
        },
    )
