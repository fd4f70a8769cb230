"""What families do in the portal. Everything they write is kept as their own (staff never change
it) and goes into the family's one story, so their worker sees it where they see everything else.

Messages here are shown to families, so they are plain words and translatable. What is stored in
the story (summaries) stays in English, the record's language, whatever language the family reads."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from alongside.access.access import parents_of
from alongside.access.models import AuditEvent
from alongside.access.roles import UserKind, user_kind
from alongside.access.services import audit_record
from alongside.access.visibility import Visibility
from alongside.handovers.models import Handover
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.people.models import Person
from alongside.plans.models import Agreement, PlanResponse, PlanVersion
from alongside.portal.models import (
    Channel,
    FamilyFeedback,
    HowItWent,
    LinkPurpose,
    OneTimeLink,
    WorkerChangeRequest,
)
from alongside.portal.senders import OutgoingMessage, message_sender
from alongside.story.models import EntryKind, StoryEntry
from alongside.story.services import child_network, story_entry_add
from alongside.workforce.selectors import open_allocations_on

INVITATION_DAYS = 7
SIGN_IN_LINK_MINUTES = 30
SIGN_IN_LINKS_PER_HOUR = 5
# A child this old or older may have their own portal account (their own view, kept from their
# parents if they wish): the age at which children's services usually seek a child's own consent.
YOUNG_PERSON_MIN_AGE = 12
# Far more than anyone types into a box, and small enough that a pasted file is refused.
MAX_CHARACTERS = 5000

UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


def too_long(what: str) -> str:
    limit = number_format(MAX_CHARACTERS, force_grouping=True)
    return _("%(what)s must be %(max)s characters or fewer") % {"what": what, "max": limit}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_address(channel: str, address: str) -> str:
    """An email address in lower case, or a UK mobile number as +447...; ApplicationError if it is
    neither."""
    address = address.strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise FormProblems({"address": _("Enter an email address like name@example.com")}) from None
        return address.lower()
    digits = re.sub(r"[\s()-]", "", address)
    if not UK_MOBILE.match(digits):
        raise FormProblems({"address": _("Enter a UK mobile number, like 07700 900 982")})
    return "+44" + digits[-10:]


def invitable_people(child: Person) -> list[Person]:
    """Who may be invited to the portal from this child's record: their parents, and the child
    themself from the age of 12."""
    people = parents_of(child)
    age = child.age_on(timezone.localdate())
    if age is not None and age >= YOUNG_PERSON_MIN_AGE:
        people.append(child)
    return people


@dataclass(frozen=True)
class LinkSent:
    link: OneTimeLink
    message: OutgoingMessage
    shown_on_screen: bool


def _family_user(person: Person):
    if person.user_id is not None:
        return person.user
    User = get_user_model()
    user = User(username=f"family-{person.id}", first_name=person.first_name, last_name=person.last_name)
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


def _send_link(*, person, purpose, channel, to, url_for, sent_by, lifetime, subject, body) -> LinkSent:
    token = secrets.token_urlsafe(32)
    link = OneTimeLink.objects.create(
        person=person,
        purpose=purpose,
        token_hash=_hash(token),
        channel=channel,
        sent_to=to,
        sent_by=sent_by,
        expires_at=timezone.now() + lifetime,
    )
    sender = message_sender()
    message = OutgoingMessage(channel=channel, to=to, subject=subject, body=body.format(link=url_for(token)))
    sender.send(message)
    return LinkSent(link, message, sender.shows_on_screen)


@transaction.atomic
def family_invite(*, actor, child: Person, person_id, channel: str, address: str, url_for, request=None) -> LinkSent:
    """Invites a parent, or the child themself, to the family portal with a link that works once
    within 7 days. `url_for(token)` makes the link's full address."""
    person = next((p for p in invitable_people(child) if str(p.id) == str(person_id)), None)
    if person is None:
        raise FormProblems({"person": "Select who to invite"})
    if channel not in Channel.values:
        raise FormProblems({"channel": "Select how to send the invitation"})
    to = normalise_address(channel, address)
    user = _family_user(person)
    if user_kind(user) not in (UserKind.PARENT, UserKind.YOUNG_PERSON):
        raise ApplicationError("This person cannot be invited to the family portal")
    if channel == Channel.EMAIL and not user.email:
        user.email = to
        user.save(update_fields=["email"])
    worker = actor.staff
    sent = _send_link(
        person=person,
        purpose=LinkPurpose.INVITATION,
        channel=channel,
        to=to,
        url_for=url_for,
        sent_by=actor,
        lifetime=timedelta(days=INVITATION_DAYS),
        subject="Your invitation to Alongside",
        body=(
            f"Hello {person.first_name}. {worker.first_name} {worker.last_name} has invited you to Alongside. "
            "You can see your family's plan, say what you think and talk to your worker. "
            f"Open this link in the next {INVITATION_DAYS} days. It works once: {{link}}"
        ),
    )
    audit_record(
        actor=actor,
        event=AuditEvent.FAMILY_INVITED,
        person=child,
        request=request,
        detail={"invited": person.id, "channel": channel},
    )
    return sent


class LinkProblem(ApplicationError):
    """A one-time link that cannot be used: unknown, used already, or expired."""


LINK_UNKNOWN = gettext_noop("This link does not work. Check you copied all of it.")
LINK_USED = gettext_noop("This link has been used already. Each link works once.")
LINK_EXPIRED = gettext_noop("This link is too old to use.")


def _usable_link(token: str, purpose: str) -> OneTimeLink:
    link = (
        OneTimeLink.objects.select_for_update(of=("self",))
        .select_related("person__user")
        .filter(token_hash=_hash(token or ""), purpose=purpose)
        .first()
    )
    if link is None:
        raise LinkProblem(_(LINK_UNKNOWN))
    if link.used_at is not None:
        raise LinkProblem(_(LINK_USED))
    if link.expires_at <= timezone.now():
        raise LinkProblem(_(LINK_EXPIRED))
    return link


def link_check(token: str, purpose: str) -> OneTimeLink:
    """The link, if it can still be used (looking does not use it: email scanners open links)."""
    with transaction.atomic():
        return _usable_link(token, purpose)


@transaction.atomic
def invitation_accept(*, token: str, password: str = "", use_links: bool = False, request=None):
    """Uses the invitation: sets the family member's password (or, if they choose, no password and a
    sign-in link each time) and returns their user, to sign in."""
    link = _usable_link(token, LinkPurpose.INVITATION)
    user = link.person.user
    if use_links:
        user.set_unusable_password()
    else:
        if not password:
            raise FormProblems({"password": _("Choose a password, or choose to get a link each time")})
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise FormProblems({"password": " ".join(error.messages)}) from None
        user.set_password(password)
    user.save()
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    audit_record(actor=user, event=AuditEvent.FAMILY_JOINED, person=link.person, request=request)
    return user


def sign_in_link_send(*, channel: str, address: str, url_for, request=None) -> LinkSent | None:
    """Sends a sign-in link to a family member who joined with this email address or mobile number.
    Returns None, and sends nothing, for an address we do not know: the page says the same either
    way, so it cannot be used to find out who is known to children's services."""
    if channel not in Channel.values:
        raise FormProblems({"channel": _("Select email or text message")})
    to = normalise_address(channel, address)
    joined = (
        OneTimeLink.objects.filter(purpose=LinkPurpose.INVITATION, sent_to=to, used_at__isnull=False)
        .select_related("person")
        .order_by("-used_at")
        .first()
    )
    if joined is None or user_kind(joined.person.user) not in (UserKind.PARENT, UserKind.YOUNG_PERSON):
        return None
    recent = OneTimeLink.objects.filter(
        person=joined.person, purpose=LinkPurpose.SIGN_IN, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= SIGN_IN_LINKS_PER_HOUR:
        return None
    sent = _send_link(
        person=joined.person,
        purpose=LinkPurpose.SIGN_IN,
        channel=channel,
        to=to,
        url_for=url_for,
        sent_by=None,
        lifetime=timedelta(minutes=SIGN_IN_LINK_MINUTES),
        subject=_("Your link to sign in to Alongside"),
        body=_("Open this link in the next %(minutes)s minutes to sign in. It works once: {link}")
        % {"minutes": SIGN_IN_LINK_MINUTES},
    )
    audit_record(actor=None, actor_name="portal", event=AuditEvent.SIGN_IN_LINK_SENT, person=joined.person)
    return sent


@transaction.atomic
def sign_in_link_use(*, token: str):
    link = _usable_link(token, LinkPurpose.SIGN_IN)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link.person.user


def _text(value: str, what: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise FormProblems({field: _("Write %(what)s") % {"what": what.lower()}})
    if len(value) > MAX_CHARACTERS:
        raise FormProblems({field: too_long(what)})
    return value


def _family_entry(*, user, person, children, summary, body="", private=False, kind=EntryKind.FAMILY_WORDS, **fields):
    """One entry in the family's story, written by the family member: family-visible, and, if a
    young person asks, hidden from their parents."""
    return story_entry_add(
        actor=user,
        network=child_network(children[0]),
        kind=kind,
        about=children,
        visibility=Visibility.FAMILY,
        summary=summary,
        body=body,
        hidden_from=parents_of(person) if private else (),
        **fields,
    )


def family_words_add(*, user, person: Person, children: list[Person], text: str, private: bool = False) -> StoryEntry:
    """The family's own words, added to their story. `private` is only for a young person writing
    about themself: their parents never see it."""
    if not children:
        raise FormProblems({"children": _("Select who this is about")})
    text = _text(text, _("What you want to say"), "text")
    private = private and children == [person]
    return _family_entry(
        user=user,
        person=person,
        children=children,
        summary=f"In {person.first_name}'s words",
        body=text,
        private=private,
    )


def young_person_view_add(*, user, person: Person, scale, want_worker_to_know: str, goals: str, private: bool):
    """A young person's own view, separate from their parents': how things are going (0 to 10),
    what they want their worker to know, and their own goals."""
    try:
        scale = int(scale)
    except (TypeError, ValueError):
        raise FormProblems({"scale": _("Choose a number from 0 to 10")}) from None
    if not 0 <= scale <= 10:
        raise FormProblems({"scale": _("Choose a number from 0 to 10")})
    text = _text(want_worker_to_know, _("What you want your worker to know"), "text", required=False)
    goals = _text(goals, _("Your goals"), "goals", required=False)
    return _family_entry(
        user=user,
        person=person,
        children=[person],
        kind=EntryKind.YOUNG_PERSON_VIEW,
        summary=f"{person.first_name}'s view: {scale} out of 10",
        body=text,
        private=private,
        scale=scale,
        own_goals=goals,
    )


AGREEMENT_WORDS = {
    Agreement.AGREED: "agreed the plan",
    Agreement.PARTLY: "agreed some of the plan",
    Agreement.DISAGREED: "did not agree the plan",
}


@transaction.atomic
def family_plan_respond(*, user, person: Person, version: PlanVersion, agreement: str, disagree_with: str = ""):
    """A family member's answer to the plan: agree, agree some, or not, and what they disagree with.
    Each answer is kept (and goes into the story); the version itself is never changed."""
    if agreement not in AGREEMENT_WORDS:
        raise FormProblems({"agreement": _("Choose whether you agree with the plan")})
    disagree_with = _text(
        disagree_with,
        _("What you do not agree with"),
        "disagree_with",
        required=agreement != Agreement.AGREED,
    )
    latest = version.plan.versions.order_by("-number").first()
    if latest.id != version.id or version.plan.ended_on is not None:
        raise ApplicationError(_("The plan has changed since you opened it. Have a look at the new plan."))
    response = PlanResponse.objects.create(
        version=version, person=person, user=user, agreement=agreement, what_they_disagree_with=disagree_with
    )
    child = version.plan.child
    _family_entry(
        user=user,
        person=person,
        children=[child],
        summary=f"{person.first_name} {AGREEMENT_WORDS[agreement]} ({version.plan.get_kind_display().lower()}, "
        f"version {version.number})",
        body=disagree_with,
    )
    audit_record(
        actor=user,
        event=AuditEvent.PLAN_FAMILY_VIEW_RECORDED,
        person=child,
        detail={"version": version.number, "agreement": agreement, "by": person.id},
    )
    return response


@transaction.atomic
def family_handover_message(*, user, person: Person, handover: Handover, text: str) -> Handover:
    """The family's message for their new worker: part of the handover, and in the story."""
    text = _text(text, _("Your message"), "text")
    handover = Handover.objects.select_for_update(of=("self",)).get(pk=handover.pk)
    if handover.completed_on is not None or handover.family_message.strip():
        raise ApplicationError(_("A message for the new worker has been given already. You can add to your story."))
    handover.family_message = text
    handover.family_message_from = f"{person.first_name} {person.last_name}"
    handover.family_message_by = user
    handover.version += 1
    if all(handover.parts_done.values()):
        handover.completed_on = timezone.localdate()
    handover.save()
    _family_entry(
        user=user,
        person=person,
        children=[handover.child],
        summary=f"{person.first_name}'s message for {handover.to_worker.first_name}, the new worker",
        body=text,
    )
    audit_record(actor=user, event=AuditEvent.HANDOVER_MESSAGE, person=handover.child)
    return handover


def _current_worker(child: Person):
    allocation = open_allocations_on(timezone.localdate()).filter(child=child).select_related("worker").first()
    return allocation.worker if allocation else None


def family_feedback_give(*, user, person: Person, child: Person, how_it_went: str, helped: str, did_not_help: str):
    if how_it_went not in HowItWent.values:
        raise FormProblems({"how_it_went": _("Choose how our help has been")})
    feedback = FamilyFeedback.objects.create(
        person=person,
        user=user,
        worker=_current_worker(child),
        how_it_went=how_it_went,
        what_helped=_text(helped, _("What helped"), "helped", required=False),
        what_did_not_help=_text(did_not_help, _("What did not help"), "did_not_help", required=False),
    )
    audit_record(actor=user, event=AuditEvent.FAMILY_FEEDBACK, person=child, detail={"feedback": feedback.id})
    return feedback


@transaction.atomic
def worker_change_ask(*, user, person: Person, child: Person, reason: str) -> WorkerChangeRequest:
    """Asks for a different worker. The worker's manager answers; nothing changes until they do."""
    reason = _text(reason, _("Why you want a different worker"), "reason")
    worker = _current_worker(child)
    if worker is None:
        raise ApplicationError(_("%(name)s does not have a worker at the moment.") % {"name": child.first_name})
    if WorkerChangeRequest.objects.filter(person=person, child=child, answered_at__isnull=True).exists():
        raise ApplicationError(_("You have asked already. The manager will answer you."))
    request = WorkerChangeRequest.objects.create(person=person, user=user, child=child, worker=worker, reason=reason)
    audit_record(actor=user, event=AuditEvent.WORKER_CHANGE_ASKED, person=child, detail={"request": request.id})
    return request


@transaction.atomic
def worker_change_answer(*, actor, change_request: WorkerChangeRequest, answer: str) -> WorkerChangeRequest:
    """The manager's answer to the family, in words the family will read."""
    answer = (answer or "").strip()
    if not answer:
        raise FormProblems({"answer": "Write your answer to the family"})
    if len(answer) > MAX_CHARACTERS:
        raise FormProblems({"answer": f"The answer must be {MAX_CHARACTERS:,} characters or fewer"})
    change_request = WorkerChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.answered_at is not None:
        raise ApplicationError("This request has been answered already")
    change_request.answer, change_request.answered_by = answer, actor
    change_request.answered_at = timezone.now()
    change_request.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_record(actor=actor, event=AuditEvent.WORKER_CHANGE_ANSWERED, person=change_request.child)
    return change_request
