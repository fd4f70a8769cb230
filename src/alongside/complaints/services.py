"""Recording compliments and complaints and moving complaints through the statutory stages.

Each service validates everything first and raises FormProblems (field -> message) before it writes
anything, so a refused change leaves the record as it was and adds no audit entry. Nothing is
overwritten: a stage's response is final once recorded, an extension sits beside the original due date,
and learning is added as new rows. Messages that families can meet in the portal are translatable."""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from alongside.access.access import family_children
from alongside.access.models import AuditEvent
from alongside.access.roles import UserKind, user_kind
from alongside.access.services import audit_record
from alongside.complaints import due_dates
from alongside.complaints.models import (
    Complaint,
    ComplaintStatus,
    Compliment,
    HowReceived,
    Learning,
    MadeBy,
    Outcome,
    ReplyBy,
    Stage,
)
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.people.models import Person
from alongside.practice_model.config import operating_model
from alongside.workforce.models import Pod, StaffMember
from alongside.workforce.selectors import open_allocations_on

MAX_CHARACTERS = 5000

# Messages a family can meet in the portal (translated) ...
CHILD_NEEDED = _("Choose who it is about")
ABOUT_NEEDED = _("Write what happened")
WORDS_NEEDED = _("Write what you want to tell us")
NO_CONTACT = _("Choose how we should reply")
EMAIL_WRONG = _("Enter an email address like name@example.com")
PHONE_WRONG = _("Enter a phone number like 07700 900 982")
TOO_LONG = _("Write %(max)s characters or fewer")
NOT_ANSWERED_YET = _("We have not answered yet. You can ask for the next step after we answer.")
LAST_STAGE = _("This is the last step. You cannot ask for another one.")
UNHAPPY_NEEDED = _("Tell us what you are still unhappy about")
LATE_FAMILY = _("The last day to ask was %(date)s. Tell us why you are asking now.")
WITHDRAWN = _("This complaint was withdrawn.")
NOT_YOURS = _("You can only ask about a complaint you made.")
# ... and those only staff meet.
RECEIVED_ON = "Enter the date it was received, today or in the past"
HOW_RECEIVED = "Select how it was received"
NAME_NEEDED = "Enter the name of the person who made it"
RELATIONSHIP_NEEDED = "Select their relationship to the child"
ADDRESS_NEEDED = "Enter the postal address to reply to"
NO_PORTAL = "They do not have a family portal account: choose email, phone or post"
NOT_OPEN = "This stage has been answered already; its response is final"
CANNOT_EXTEND = "Stage {number} cannot be extended"
EXTENDED_ALREADY = "This stage has been extended already"
EXTENSION_REASON = "Say why the stage needs longer"
EXTENSION_DATE = "Enter a new due date after {due} and no later than {latest}"
RESPONDED_ON = "Enter the date of the response: on or after {started} and not in the future"
OUTCOME_NEEDED = "Select the outcome"
SUMMARY_NEEDED = "Summarise the response sent"
PANEL_FIRST = "Record the review panel and its findings before the council's response"
PANEL_ONLY_STAGE_3 = "Only stage 3 has a review panel"
PANEL_DATE = "Enter the date the panel met: on or after {started} and not in the future"
PANEL_RECORDED = "The panel date has been recorded already"
FINDINGS_DATE = "Enter the date of the findings: on or after the panel and not in the future"
FINDINGS_RECORDED = "The findings date has been recorded already"
REQUESTED_ON = "Enter the date they asked: on or after the response of {responded} and not in the future"
LATE_REASON = "They asked after {ask_by}, more than {days} working days after the response. Say why it is accepted"
LEARNING_NEEDED = "Say what the service will change"
NO_STAGE_ANSWERED = "Record learning once a stage has been answered"


@dataclass
class ComplaintInput:
    received_on: date | None
    how_received: str
    made_by_name: str
    made_by_relationship: str
    child: Person | None
    about: str
    reply_by: str
    reply_email: str = ""
    reply_phone: str = ""
    reply_address: str = ""
    pod: Pod | None = None
    staff_named: StaffMember | None = None
    made_by: Person | None = None  # the family member, when they are known (always from the portal)


@dataclass
class ComplimentInput:
    received_on: date | None
    how_received: str
    from_name: str
    words: str
    from_relationship: str = ""
    child: Person | None = None
    pod: Pod | None = None
    staff: StaffMember | None = None
    made_by: Person | None = None


def _text(value: str, field: str, message, problems: dict, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        problems[field] = str(message)
    elif len(value) > MAX_CHARACTERS:
        problems[field] = str(TOO_LONG) % {"max": number_format(MAX_CHARACTERS, force_grouping=True)}
    return value


def _past(day: date | None) -> bool:
    return day is not None and day <= timezone.localdate()


def _raise(problems: dict) -> None:
    if problems:
        raise FormProblems(problems)


def _contact_problems(data: ComplaintInput, problems: dict) -> None:
    """The rule the issue names: a complaint needs a route for the reply, and the route must work."""
    if data.reply_by not in ReplyBy.values:
        problems["reply_by"] = str(NO_CONTACT)
    elif data.reply_by == ReplyBy.EMAIL:
        try:
            validate_email(data.reply_email.strip())
        except ValidationError:
            problems["reply_email"] = str(EMAIL_WRONG)
    elif data.reply_by == ReplyBy.PHONE:
        phone = data.reply_phone.strip()
        if len(phone) > 30 or len(re.sub(r"\D", "", phone)) < 10:
            problems["reply_phone"] = str(PHONE_WRONG)
    elif data.reply_by == ReplyBy.POST:
        if not data.reply_address.strip():
            problems["reply_address"] = ADDRESS_NEEDED
    elif data.made_by is None or data.made_by.user_id is None:
        problems["reply_by"] = NO_PORTAL


def _pod_on(child: Person, on: date) -> Pod | None:
    allocation = open_allocations_on(on).filter(child=child).select_related("pod").first()
    return allocation.pod if allocation else None


def _stage(complaint: Complaint) -> Stage:
    return complaint.stages.get(number=complaint.stage)


def _locked(complaint: Complaint) -> Complaint:
    # Two officers answering the same stage at once must not both succeed.
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def complaint_record(*, actor, data: ComplaintInput, request=None) -> Complaint:
    """A complaint, at stage 1 from the day it was received, due on the operating model's stage 1
    timescale. The pod concerned, when not given, is the named worker's pod, else the child's pod on
    the day. Refused with FormProblems (nothing saved) for a missing or unusable way to reply, among
    others. Audited as COMPLAINT_RECORDED about the child."""
    problems: dict = {}
    if not _past(data.received_on):
        problems["received_on"] = RECEIVED_ON
    if data.how_received not in HowReceived.values:
        problems["how_received"] = HOW_RECEIVED
    name = _text(data.made_by_name, "made_by_name", NAME_NEEDED, problems)
    if data.made_by_relationship not in MadeBy.values:
        problems["made_by_relationship"] = RELATIONSHIP_NEEDED
    if data.child is None:
        problems["child"] = str(CHILD_NEEDED)
    about = _text(data.about, "about", ABOUT_NEEDED, problems)
    _contact_problems(data, problems)
    _raise(problems)
    pod = data.pod or (data.staff_named.pod if data.staff_named else None) or _pod_on(data.child, data.received_on)
    reply = {"reply_email": "", "reply_phone": "", "reply_address": ""}
    field = {ReplyBy.EMAIL: "reply_email", ReplyBy.PHONE: "reply_phone", ReplyBy.POST: "reply_address"}
    if data.reply_by in field:
        reply[field[data.reply_by]] = getattr(data, field[data.reply_by]).strip()
    complaint = Complaint(
        received_on=data.received_on,
        how_received=data.how_received,
        made_by_name=name,
        made_by_relationship=data.made_by_relationship,
        made_by=data.made_by,
        child=data.child,
        about=about,
        pod=pod,
        staff_named=data.staff_named,
        reply_by=data.reply_by,
        recorded_by=actor,
        **reply,
    )
    complaint.full_clean()
    complaint.save()
    Stage.objects.create(
        complaint=complaint,
        number=1,
        started_on=data.received_on,
        due_on=due_dates.stage_due(1, data.received_on),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        event=AuditEvent.COMPLAINT_RECORDED,
        person=data.child,
        detail={"complaint": complaint.id, "how_received": data.how_received},
        request=request,
    )
    return complaint


@transaction.atomic
def complaint_extend(*, actor, complaint: Complaint, extended_to: date | None, reason: str, request=None) -> Stage:
    """Extends the current stage once, with a reason, to no later than the operating model allows
    (stage 1: 20 working days; stage 2: 65). The original due date is kept beside the new one."""
    complaint = _locked(complaint)
    stage = _stage(complaint)
    if stage.answered:
        raise ApplicationError(NOT_OPEN)
    latest = due_dates.latest_extension(stage.number, stage.started_on)
    if latest is None:
        raise ApplicationError(CANNOT_EXTEND.format(number=stage.number))
    if stage.extended_to is not None:
        raise ApplicationError(EXTENDED_ALREADY)
    problems: dict = {}
    if extended_to is None or not stage.due_on < extended_to <= latest:
        problems["extended_to"] = EXTENSION_DATE.format(due=f"{stage.due_on:%-d %B %Y}", latest=f"{latest:%-d %B %Y}")
    reason = _text(reason, "reason", EXTENSION_REASON, problems)
    _raise(problems)
    stage.extended_to, stage.extension_reason = extended_to, reason
    stage.extended_by, stage.extended_at = actor, timezone.now()
    stage.full_clean()
    stage.save(update_fields=["extended_to", "extension_reason", "extended_by", "extended_at"])
    _changed(actor, complaint, "extended", request, stage=stage.number, due_on=stage.due_on, extended_to=extended_to)
    return stage


@transaction.atomic
def complaint_panel_record(
    *, actor, complaint: Complaint, panel_held_on: date | None, findings_on: date | None = None, request=None
) -> Stage:
    """Stage 3: the day the review panel met and, when sent, the day of its findings. Each is recorded
    once; the findings start the council's own response timescale."""
    complaint = _locked(complaint)
    stage = _stage(complaint)
    if stage.number != due_dates.LAST_STAGE:
        raise ApplicationError(PANEL_ONLY_STAGE_3)
    if stage.answered:
        raise ApplicationError(NOT_OPEN)
    problems: dict = {}
    held = stage.panel_held_on
    if held is None:
        if panel_held_on is None or not _past(panel_held_on) or panel_held_on < stage.started_on:
            problems["panel_held_on"] = PANEL_DATE.format(started=f"{stage.started_on:%-d %B %Y}")
        held = panel_held_on
    elif panel_held_on is not None and panel_held_on != held:
        problems["panel_held_on"] = PANEL_RECORDED
    if findings_on is not None:
        if stage.findings_on is not None:
            problems["findings_on"] = FINDINGS_RECORDED
        elif held is None or findings_on < held or not _past(findings_on):
            problems["findings_on"] = FINDINGS_DATE
    _raise(problems)
    stage.panel_held_on = held
    stage.findings_on = stage.findings_on or findings_on
    stage.save(update_fields=["panel_held_on", "findings_on"])
    _changed(actor, complaint, "panel", request, panel_held_on=held, findings_on=stage.findings_on)
    return stage


@transaction.atomic
def complaint_respond(
    *,
    actor,
    complaint: Complaint,
    responded_on: date | None,
    outcome: str,
    summary: str,
    learning: str = "",
    request=None,
) -> Stage:
    """The response to the current stage: final once recorded. The complaint closes (or is withdrawn);
    the complainant may then ask for the next stage. Learning given here is added as a Learning row.
    At stage 3 the panel and its findings come first, unless the complaint is withdrawn."""
    complaint = _locked(complaint)
    stage = _stage(complaint)
    if stage.answered:
        raise ApplicationError(NOT_OPEN)
    problems: dict = {}
    if responded_on is None or not _past(responded_on) or responded_on < stage.started_on:
        problems["responded_on"] = RESPONDED_ON.format(started=f"{stage.started_on:%-d %B %Y}")
    if outcome not in Outcome.values:
        problems["outcome"] = OUTCOME_NEEDED
    summary = _text(summary, "summary", SUMMARY_NEEDED, problems)
    learning = _text(learning, "learning", "", problems, required=False)
    if (
        stage.number == due_dates.LAST_STAGE
        and outcome != Outcome.WITHDRAWN
        and (stage.findings_on is None or (responded_on is not None and responded_on < stage.findings_on))
    ):
        problems.setdefault("responded_on", PANEL_FIRST)
    _raise(problems)
    stage.responded_on, stage.outcome, stage.response_summary = responded_on, outcome, summary
    stage.responded_by, stage.responded_at = actor, timezone.now()
    stage.full_clean()
    stage.save(update_fields=["responded_on", "outcome", "response_summary", "responded_by", "responded_at"])
    complaint.status = ComplaintStatus.WITHDRAWN if outcome == Outcome.WITHDRAWN else ComplaintStatus.CLOSED
    complaint.save(update_fields=["status"])
    if learning:
        Learning.objects.create(complaint=complaint, stage=stage, what_will_change=learning, recorded_by=actor)
    _changed(actor, complaint, "responded", request, stage=stage.number, outcome=outcome, on_time=_on_time(stage))
    return stage


def _on_time(stage: Stage) -> bool:
    return stage.responded_on <= stage.due_in_force


def _escalation_problems(complaint: Complaint, stage: Stage) -> None:
    if complaint.status == ComplaintStatus.WITHDRAWN:
        raise ApplicationError(str(WITHDRAWN))
    if not stage.answered:
        raise ApplicationError(str(NOT_ANSWERED_YET))
    if stage.number >= due_dates.LAST_STAGE:
        raise ApplicationError(str(LAST_STAGE))


@transaction.atomic
def complaint_escalate(
    *,
    actor,
    complaint: Complaint,
    requested_on: date | None,
    asked_for: str = "",
    late_reason: str = "",
    request=None,
) -> Stage:
    """The complainant asked for the next stage. It starts on the day they asked, due on that stage's
    timescale. A request made more than the operating model's window (20 working days) after the
    response is accepted only with a reason, recorded on the new stage."""
    complaint = _locked(complaint)
    stage = _stage(complaint)
    _escalation_problems(complaint, stage)
    problems: dict = {}
    if requested_on is None or not _past(requested_on) or requested_on < stage.responded_on:
        problems["requested_on"] = REQUESTED_ON.format(responded=f"{stage.responded_on:%-d %B %Y}")
    asked_for = _text(asked_for, "asked_for", "", problems, required=False)
    late_reason = _text(late_reason, "late_reason", "", problems, required=False)
    ask_by = due_dates.next_stage_ask_by(stage.responded_on)
    if requested_on is not None and requested_on > ask_by and not late_reason:
        days = operating_model().complaints.next_stage_request_working_days
        problems.setdefault("late_reason", LATE_REASON.format(ask_by=f"{ask_by:%-d %B %Y}", days=days))
    _raise(problems)
    number = stage.number + 1
    new = Stage.objects.create(
        complaint=complaint,
        number=number,
        started_on=requested_on,
        due_on=due_dates.stage_due(number, requested_on),
        asked_for=asked_for,
        late_reason=late_reason if requested_on > ask_by else "",
        recorded_by=actor,
    )
    complaint.stage, complaint.status = number, ComplaintStatus.OPEN
    complaint.full_clean()
    complaint.save(update_fields=["stage", "status"])
    _changed(actor, complaint, "escalated", request, stage=number, late=requested_on > ask_by)
    return new


@transaction.atomic
def complaint_learning_add(*, actor, complaint: Complaint, what_will_change: str, request=None) -> Learning:
    """Learning from the complaint, tied to the latest stage answered. Added, never edited."""
    stage = complaint.stages.filter(responded_on__isnull=False).order_by("-number").first()
    if stage is None:
        raise ApplicationError(NO_STAGE_ANSWERED)
    problems: dict = {}
    text = _text(what_will_change, "what_will_change", LEARNING_NEEDED, problems)
    _raise(problems)
    learning = Learning.objects.create(complaint=complaint, stage=stage, what_will_change=text, recorded_by=actor)
    _changed(actor, complaint, "learning", request, stage=stage.number)
    return learning


def _changed(actor, complaint: Complaint, what: str, request, **detail) -> None:
    detail = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in detail.items()}
    audit_record(
        actor=actor,
        event=AuditEvent.COMPLAINT_CHANGED,
        person=complaint.child,
        detail={"complaint": complaint.id, "change": what, **detail},
        request=request,
    )


@transaction.atomic
def compliment_record(*, actor, data: ComplimentInput, request=None) -> Compliment:
    """A compliment, about a worker or pod when it names one (the pod defaults to the worker's).
    Audited as COMPLAINT_RECORDED (the event covers both), about the child when there is one."""
    problems: dict = {}
    if not _past(data.received_on):
        problems["received_on"] = RECEIVED_ON
    if data.how_received not in HowReceived.values:
        problems["how_received"] = HOW_RECEIVED
    name = _text(data.from_name, "from_name", NAME_NEEDED, problems)
    if data.from_relationship and data.from_relationship not in MadeBy.values:
        problems["from_relationship"] = RELATIONSHIP_NEEDED
    words = _text(data.words, "words", WORDS_NEEDED, problems)
    _raise(problems)
    compliment = Compliment(
        received_on=data.received_on,
        how_received=data.how_received,
        from_name=name,
        from_relationship=data.from_relationship,
        made_by=data.made_by,
        child=data.child,
        pod=data.pod or (data.staff.pod if data.staff else None),
        staff=data.staff,
        words=words,
        recorded_by=actor,
    )
    compliment.full_clean()
    compliment.save()
    audit_record(
        actor=actor,
        event=AuditEvent.COMPLAINT_RECORDED,
        person=data.child,
        detail={"compliment": compliment.id, "how_received": data.how_received},
        request=request,
    )
    return compliment


# The family portal. The family member is the one who made it; the child must be one of theirs.


def _family_child(user, child: Person | None) -> Person | None:
    if child is None:
        return None
    if child not in family_children(user):
        raise ApplicationError(str(CHILD_NEEDED))
    return child


def _made_by(user) -> str:
    return MadeBy.CHILD if user_kind(user) == UserKind.YOUNG_PERSON else MadeBy.PARENT_CARER


def family_complaint_make(
    *, user, child: Person | None, about: str, reply_by: str, reply_email: str = "", reply_phone: str = ""
) -> Complaint:
    """A complaint made in the portal by a parent (about their own child) or a young person (about
    themself). They choose how we reply: their portal account, or an email address or phone number."""
    person = user.person
    if reply_by == ReplyBy.POST:  # the portal offers no postal reply: the address would be unchecked
        reply_by = ""
    return complaint_record(
        actor=user,
        data=ComplaintInput(
            received_on=timezone.localdate(),
            how_received=HowReceived.PORTAL,
            made_by_name=person.full_name,
            made_by_relationship=_made_by(user),
            made_by=person,
            child=_family_child(user, child),
            about=about,
            reply_by=reply_by,
            reply_email=reply_email,
            reply_phone=reply_phone,
        ),
    )


def family_compliment_make(*, user, child: Person | None, words: str) -> Compliment:
    """A compliment from the portal, about the child's current pod."""
    person = user.person
    child = _family_child(user, child)
    return compliment_record(
        actor=user,
        data=ComplimentInput(
            received_on=timezone.localdate(),
            how_received=HowReceived.PORTAL,
            from_name=person.full_name,
            from_relationship=_made_by(user),
            made_by=person,
            child=child,
            pod=_pod_on(child, timezone.localdate()) if child else None,
            words=words,
        ),
    )


def family_next_stage_ask(*, user, complaint: Complaint, unhappy: str, why_now: str = "") -> Stage:
    """The family member asks for the next stage of their own complaint, today. If it is past their
    window they say why they are asking now, and that is recorded as the reason it was accepted."""
    if complaint.made_by_id != user.person.id:
        raise ApplicationError(str(NOT_YOURS))
    problems: dict = {}
    _text(unhappy, "unhappy", UNHAPPY_NEEDED, problems)
    stage = _stage(complaint)
    _escalation_problems(complaint, stage)
    ask_by = due_dates.next_stage_ask_by(stage.responded_on)
    late = timezone.localdate() > ask_by
    if late and not (why_now or "").strip():
        problems["why_now"] = str(LATE_FAMILY) % {"date": date_format(ask_by, "j F Y")}
    _raise(problems)
    try:
        return complaint_escalate(
            actor=user,
            complaint=complaint,
            requested_on=timezone.localdate(),
            asked_for=unhappy,
            late_reason=why_now if late else "",
        )
    except FormProblems as refused:
        # The family's form names its boxes differently from the staff form's.
        names = {"asked_for": "unhappy", "late_reason": "why_now"}
        raise FormProblems({names.get(k, k): v for k, v in refused.problems.items()}) from None
