"""What partner professionals add: what they know, progress on the actions they own, and new
referrals to the front door. Each is kept as the partner's own, with their agency."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.access.visibility import Visibility
from alongside.codes import ReferralSource
from alongside.journey.models import Contact, FamilyAware
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.partners.models import AgencyKind
from alongside.people.models import Person
from alongside.plans.models import Action, ActionUpdate
from alongside.story.models import EntryKind, StoryEntry
from alongside.story.services import child_network, story_entry_add

MAX_CHARACTERS = 5000
# The DfE referral source for a referral made by each kind of agency (CIN census code list).
REFERRAL_SOURCE = {
    AgencyKind.SCHOOL: ReferralSource.SCHOOLS,
    AgencyKind.HEALTH: ReferralSource.HEALTH_OTHER,
    AgencyKind.POLICE: ReferralSource.POLICE,
}


def _text(value: str, field: str, what: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise FormProblems({field: f"Enter {what}"})
    if len(value) > MAX_CHARACTERS:
        raise FormProblems({field: f"{what[0].upper()}{what[1:]} must be {MAX_CHARACTERS:,} characters or fewer"})
    return value


def _partner_entry(*, user, member, child: Person, summary: str, body: str) -> StoryEntry:
    return story_entry_add(
        actor=user,
        network=child_network(child),
        kind=EntryKind.PARTNER_INFORMATION,
        about=[child],
        visibility=Visibility.PARTNER,
        summary=summary,
        body=body,
        agency=member.agency,
    )


def partner_information_add(*, user, member, child: Person, summary: str, text: str) -> StoryEntry:
    """What the partner knows, in the child's story as their own entry (partner-visible)."""
    summary = _text(summary, "summary", "a short summary")
    if len(summary) > 200:
        raise FormProblems({"summary": "The summary must be 200 characters or fewer"})
    text = _text(text, "text", "what you know")
    return _partner_entry(user=user, member=member, child=child, summary=summary, body=text)


ACTION_NOT_YOURS = "You can only update actions your organisation owns in the current plan"


@transaction.atomic
def action_update(*, user, member, child: Person, action_id, done: bool, note: str) -> ActionUpdate:
    """Progress on an action the partner's agency owns in the child's current plan."""
    from alongside.partners.selectors import actions_for_agency

    action = next((a for a in actions_for_agency(member.agency, child) if str(a.id) == str(action_id)), None)
    if action is None:
        raise ApplicationError(ACTION_NOT_YOURS)
    note = _text(note, "note", "what has happened", required=not done)
    action = Action.objects.select_for_update().get(pk=action.pk)
    update = ActionUpdate.objects.create(action=action, by=user, agency=member.agency, done=done, note=note)
    action.done = done
    action.save(update_fields=["done"])
    audit_record(actor=user, event=AuditEvent.ACTION_UPDATED, person=child, detail={"action": action.id})
    return update


@dataclass
class ReferralInput:
    child_first_name: str
    child_last_name: str
    child_date_of_birth: date | None
    child_address: str
    worries: str
    family_aware: str
    family_aware_reason: str
    referrer_phone: str
    child_id: int | None = None


@transaction.atomic
def referral_make(*, user, member, data: ReferralInput, shared_child_ids: set[int], request=None) -> Contact:
    """A referral to the front door: a contact with the DfE referral source for the partner's agency,
    waiting for the front door's decision. About a child already shared with the partner, it is
    also added to that child's story."""
    problems = {}
    for field, what in (("child_first_name", "the child's first name"), ("child_last_name", "the child's last name")):
        value = getattr(data, field).strip()
        if not value:
            problems[field] = f"Enter {what}"
        elif len(value) > 100:
            problems[field] = f"{what[0].upper()}{what[1:]} must be 100 characters or fewer"
    if data.child_date_of_birth and data.child_date_of_birth > timezone.localdate():
        problems["child_date_of_birth"] = "The child's date of birth must be in the past"
    try:
        worries = _text(data.worries, "worries", "what you are worried about")
    except FormProblems as e:
        problems.update(e.problems)
    if data.family_aware not in FamilyAware.values:
        problems["family_aware"] = "Select whether the family know about this referral"
    elif data.family_aware != FamilyAware.YES and not data.family_aware_reason.strip():
        problems["family_aware_reason"] = "Say why the family have not been told"
    if not data.referrer_phone.strip():
        problems["referrer_phone"] = "Enter a phone number the front door can call you on today"
    elif len(data.referrer_phone.strip()) > 30 or len(re.sub(r"\D", "", data.referrer_phone)) < 10:
        problems["referrer_phone"] = "Enter a phone number, like 01632 960 001"
    if len(data.child_address) > MAX_CHARACTERS or len(data.family_aware_reason) > MAX_CHARACTERS:
        problems.setdefault("child_address", f"Each answer must be {MAX_CHARACTERS:,} characters or fewer")
    child = None
    if data.child_id:
        if int(data.child_id) not in shared_child_ids:
            problems["child_id"] = "Select a child shared with your organisation, or none"
        else:
            child = Person.objects.get(pk=data.child_id)
    if problems:
        raise FormProblems(problems)
    contact = Contact.objects.create(
        received_at=timezone.now(),
        source=REFERRAL_SOURCE[member.agency.kind],
        child=child,
        child_first_name=data.child_first_name.strip(),
        child_last_name=data.child_last_name.strip(),
        child_date_of_birth=data.child_date_of_birth,
        child_address=data.child_address.strip(),
        worries=worries,
        family_aware=data.family_aware,
        family_aware_reason=data.family_aware_reason.strip(),
        referrer_name=f"{member.first_name} {member.last_name}, {member.job_title}",
        referrer_organisation=member.agency.name,
        referrer_phone=data.referrer_phone.strip(),
        made_by=user,
    )
    if child is not None:
        _partner_entry(
            user=user,
            member=member,
            child=child,
            summary=f"Referral to the front door from {member.agency.name}",
            body=worries,
        )
    audit_record(
        actor=user, event=AuditEvent.CONTACT_MADE, person=child, request=request, detail={"contact": contact.id}
    )
    return contact
