from datetime import date

import pytest
from django.utils import timezone

from alongside.complaints.models import HowReceived, MadeBy, ReplyBy
from alongside.complaints.services import ComplaintInput, complaint_record


@pytest.fixture
def today(monkeypatch):
    """Freezes the day the services and selectors see (the clock is the outside world here)."""

    def freeze(day: date):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return freeze


def complaint_input(world, **changes) -> ComplaintInput:
    """Tabetha's complaint about Amy, by phone, to be answered in her portal account."""
    values = dict(
        received_on=date(2026, 3, 2),
        how_received=HowReceived.PHONE,
        made_by_name="Tabetha Pond",
        made_by_relationship=MadeBy.PARENT_CARER,
        made_by=world.parent,
        child=world.child,
        about="Nobody called me back about the contact arrangements for three weeks.",
        reply_by=ReplyBy.PORTAL,
    )
    values.update(changes)
    return ComplaintInput(**values)


@pytest.fixture
def make_complaint(world):
    def make(**changes):
        return complaint_record(actor=world.quality_lead.user, data=complaint_input(world, **changes))

    return make
