from dataclasses import dataclass
from datetime import date

from alongside.partners.models import Sharing


@dataclass(frozen=True)
class SharedChild:
    sharing: Sharing


def sharings_in_force(agency, *, on: date):
    """Children shared with an agency today: started, and not yet ended. A partner sees nothing
    about a child once the sharing has ended."""
    return (
        Sharing.objects.filter(agency=agency, started_on__lte=on, ends_on__gte=on)
        .select_related("child")
        .order_by("child__last_name", "child__first_name", "-started_on")
    )
