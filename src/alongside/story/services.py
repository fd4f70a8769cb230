"""Writing the story. Every change goes through here: drafts, finishing, corrections, documents."""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.access.visibility import Visibility
from alongside.journey.meetings import OUTCOMES, MeetingDecision, MeetingKind, journey_record_meeting, meeting_problems
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.people.models import NetworkRole, Person
from alongside.story.models import MAX_MINUTES, TIMED_KINDS, EntryKind, EntryStatus, StoryDocument, StoryEntry

IN_THE_FUTURE = "The date and time it happened must be now or in the past"
NO_CHILD = "Select which children this is about"
NOT_IN_FAMILY = "Select children from this family"
FINISHED_CANNOT_CHANGE = "This entry is finished and cannot be changed. Add a correction instead."
NOT_YOUR_DRAFT = "Only the person who started a draft can change it"
CHANGED_ELSEWHERE = (
    "This draft was saved somewhere else (another tab or device) after you opened it. "
    "Your changes have not been saved: copy what you need, then open the draft again."
)
SUMMARY_NEEDED = "Enter a short summary of what happened"
CHILD_SEEN_NEEDED = "Say whether the child was seen"
SEEN_ALONE_BUT_NOT_SEEN = "A child seen alone must also have been seen"
TOOL_NEEDED = "Select the direct work tool you used"
MEETING_KIND_NEEDED = "Select the kind of meeting"
CONTACT_METHOD_NEEDED = "Select how you were in touch"
AGENCY_NEEDED = "Select the agency the information came from"
CORRECTION_REASON_NEEDED = "Say what was wrong and why you are correcting it"
MINUTES_OUT_OF_RANGE = "How long it took must be between 1 and 1,440 minutes (24 hours)"
MEETING_DECISION_FIXED = (
    "A correction cannot change this meeting's kind, date, children or decision, because the child's "
    "record was written from them. Correct the words here; a later meeting records a changed decision."
)
ONLY_FINISHED_CAN_BE_CORRECTED = "Only a finished entry can be corrected; change the draft instead"
KEPT_AS_WRITTEN = (
    "This is the family's or a partner's own entry, kept as they wrote it. Add your own entry (or a reply) instead"
)
FILE_TOO_BIG = "The file must be smaller than {mb} MB"
FILE_TYPE = "The file must be a PDF, Word document, JPG, PNG or text file"
FILE_INFECTED = "The file may contain a virus and has not been uploaded"

# Allowed uploads, recognised by their first bytes, never by the name or the browser's word for it.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"PK\x03\x04": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class EntryInput:
    kind: str
    occurred_at: datetime
    about_ids: list[int]
    visibility: str = Visibility.STAFF
    significant: bool = False
    summary: str = ""
    body: str = ""
    minutes: int | None = None
    child_seen: bool | None = None
    child_seen_alone: bool | None = None
    people_present: str = ""
    location: str = ""
    direct_work_tool: str = ""
    child_words: str = ""
    contact_method: str = ""
    meeting_kind: str = ""
    attendees: str = ""
    decisions: str = ""
    family_view: str = ""
    meeting_outcome: str = ""
    abuse_category: str = ""
    review_participation: str = ""
    agency_id: int | None = None
    hidden_from_ids: list[int] = field(default_factory=list)


FIELDS = [
    "kind",
    "occurred_at",
    "visibility",
    "significant",
    "summary",
    "body",
    "minutes",
    "child_seen",
    "child_seen_alone",
    "people_present",
    "location",
    "direct_work_tool",
    "child_words",
    "contact_method",
    "meeting_kind",
    "attendees",
    "decisions",
    "family_view",
    "meeting_outcome",
    "abuse_category",
    "review_participation",
    "agency_id",
]


def entry_input_from(entry: StoryEntry) -> EntryInput:
    return EntryInput(
        about_ids=[p.id for p in entry.about.all()],
        hidden_from_ids=[p.id for p in entry.hidden_from.all()],
        **{name: getattr(entry, name) for name in FIELDS},
    )


def _check(network, data: EntryInput, *, finishing: bool) -> dict[str, str]:
    """Plain-words problems with an entry, by field. A draft may be incomplete; a finished entry
    may not, and nothing may be dated in the future (a few minutes' grace for clocks)."""
    problems = {}
    if data.occurred_at > timezone.now() + timedelta(minutes=5):
        problems["occurred_at"] = IN_THE_FUTURE
    children = set(network.members.filter(role=NetworkRole.CHILD).values_list("person_id", flat=True))
    if not data.about_ids:
        problems["about"] = NO_CHILD
    elif not set(data.about_ids) <= children:
        problems["about"] = NOT_IN_FAMILY
    if data.minutes is not None and not 1 <= data.minutes <= MAX_MINUTES:
        problems["minutes"] = MINUTES_OUT_OF_RANGE
    if not finishing:
        return problems
    if not data.summary.strip():
        problems["summary"] = SUMMARY_NEEDED
    if data.kind == EntryKind.HOME_VISIT:
        if data.child_seen is None:
            problems["child_seen"] = CHILD_SEEN_NEEDED
        elif data.child_seen_alone and not data.child_seen:
            problems["child_seen_alone"] = SEEN_ALONE_BUT_NOT_SEEN
    if data.kind == EntryKind.DIRECT_WORK and not data.direct_work_tool:
        problems["direct_work_tool"] = TOOL_NEEDED
    if data.kind == EntryKind.MEETING and not data.meeting_kind:
        problems["meeting_kind"] = MEETING_KIND_NEEDED
    if data.kind == EntryKind.CONTACT and not data.contact_method:
        problems["contact_method"] = CONTACT_METHOD_NEEDED
    if data.kind == EntryKind.PARTNER_INFORMATION and not data.agency_id:
        problems["agency"] = AGENCY_NEEDED
    if data.kind == EntryKind.MEETING and data.meeting_kind and not problems:
        problems.update(meeting_problems(_meeting_decision(data)))
    return problems


def _meeting_decision(data: EntryInput) -> MeetingDecision:
    return MeetingDecision(
        kind=data.meeting_kind,
        held_on=timezone.localdate(data.occurred_at),
        child_ids=sorted(data.about_ids),
        outcome=data.meeting_outcome,
        category=data.abuse_category,
        participation=data.review_participation,
    )


def _writes_journey(data: EntryInput) -> bool:
    return data.kind == EntryKind.MEETING and (
        data.meeting_kind in OUTCOMES or data.meeting_kind == MeetingKind.LOOKED_AFTER_REVIEW
    )


def _tidy(data: EntryInput) -> EntryInput:
    """Blanks the fields this kind of entry does not use, so a crafted POST cannot store (or act on)
    a decision for the wrong kind of meeting, or time against a family's own words."""
    if data.kind != EntryKind.MEETING:
        data.meeting_kind = ""
    if data.kind not in TIMED_KINDS:
        data.minutes = None
    if data.meeting_kind not in OUTCOMES:
        data.meeting_outcome = ""
    if data.meeting_kind not in (MeetingKind.INITIAL_CONFERENCE, MeetingKind.REVIEW_CONFERENCE):
        data.abuse_category = ""
    if data.meeting_kind != MeetingKind.LOOKED_AFTER_REVIEW:
        data.review_participation = ""
    return data


class EntryInvalid(FormProblems):
    pass


def _apply(entry: StoryEntry, data: EntryInput) -> None:
    for name in FIELDS:
        setattr(entry, name, getattr(data, name))


def _write(entry: StoryEntry, data: EntryInput) -> None:
    entry.full_clean(exclude=["network", "author", "corrects"])
    entry.save()
    entry.about.set(Person.objects.filter(id__in=data.about_ids))
    entry.hidden_from.set(Person.objects.filter(id__in=data.hidden_from_ids))


@transaction.atomic
def story_entry_save_draft(
    *, actor, network, data: EntryInput, entry: StoryEntry | None = None, expected_version: int | None = None
) -> StoryEntry:
    """Creates or updates the actor's draft. Refuses a finished entry, someone else's draft, and a
    save based on an older version (two tabs) rather than silently losing one of them."""
    if entry is not None:
        entry = StoryEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != EntryStatus.DRAFT:
            raise ApplicationError(FINISHED_CANNOT_CHANGE)
        if entry.author_id != actor.id:
            raise ApplicationError(NOT_YOUR_DRAFT)
        if expected_version is not None and expected_version != entry.version:
            raise ApplicationError(CHANGED_ELSEWHERE)
    data = _tidy(data)
    problems = _check(network, data, finishing=False)
    if problems:
        raise EntryInvalid(problems)
    if entry is None:
        entry = StoryEntry(network=network, author=actor)
    else:
        entry.version += 1
    _apply(entry, data)
    _write(entry, data)
    return entry


@transaction.atomic
def story_entry_finalise(
    *,
    actor,
    network,
    data: EntryInput,
    entry: StoryEntry | None = None,
    expected_version: int | None = None,
    request=None,
) -> StoryEntry:
    """Adds an entry to the story for good (from a draft, or straight from the form). A strategy
    discussion, conference or looked-after review also writes its decision to each child's journey,
    in the same transaction, so the story and the record never disagree."""
    data = _tidy(data)
    if _writes_journey(data):
        # Two people finishing the same conference at once must not start two plans.
        list(Person.objects.select_for_update().filter(id__in=data.about_ids).values_list("id", flat=True))
    problems = _check(network, data, finishing=True)
    if problems:
        raise EntryInvalid(problems)
    entry = story_entry_save_draft(
        actor=actor, network=network, data=data, entry=entry, expected_version=expected_version
    )
    entry.status = EntryStatus.FINAL
    entry.finalised_at = timezone.now()
    entry.save(update_fields=["status", "finalised_at", "updated_at"])
    if _writes_journey(data):
        journey_record_meeting(_meeting_decision(data))
    for child in entry.about.all():
        audit_record(
            actor=actor,
            event=AuditEvent.STORY_ENTRY_ADDED,
            person=child,
            request=request,
            detail={"entry": entry.id, "kind": entry.kind},
        )
    return entry


@transaction.atomic
def story_entry_correct(*, actor, original: StoryEntry, data: EntryInput, reason: str, request=None) -> StoryEntry:
    """A correction is a new finished entry linked to the one it corrects; the original stays."""
    if original.status != EntryStatus.FINAL:
        raise ApplicationError(ONLY_FINISHED_CAN_BE_CORRECTED)
    if original.kept_as_written:
        raise ApplicationError(KEPT_AS_WRITTEN)
    if not reason.strip():
        raise EntryInvalid({"correction_reason": CORRECTION_REASON_NEEDED})
    data = _tidy(data)
    if original.kind == EntryKind.MEETING and _writes_journey(entry_input_from(original)):
        before = _meeting_decision(entry_input_from(original))
        if _meeting_decision(data) != before:
            raise EntryInvalid({"meeting_outcome": MEETING_DECISION_FIXED})
        problems = _check(original.network, replace(data, kind=EntryKind.CASE_NOTE), finishing=True)
    else:
        problems = _check(original.network, data, finishing=True)
    if problems:
        raise EntryInvalid(problems)
    correction = StoryEntry(
        network=original.network,
        author=actor,
        corrects=original,
        correction_reason=reason.strip(),
        status=EntryStatus.FINAL,
        finalised_at=timezone.now(),
    )
    _apply(correction, data)
    _write(correction, data)
    for child in correction.about.all():
        audit_record(
            actor=actor,
            event=AuditEvent.STORY_ENTRY_CORRECTED,
            person=child,
            request=request,
            reason=reason.strip(),
            detail={"entry": correction.id, "corrects": original.id},
        )
    return correction


def child_network(child: Person):
    """The family network whose story holds entries about this child (as a child of the family)."""
    membership = child.memberships.filter(role=NetworkRole.CHILD).select_related("network").first()
    return membership.network


@transaction.atomic
def story_entry_add(
    *, actor, network, kind, about, visibility, summary, body="", hidden_from=(), request=None, **fields
) -> StoryEntry:
    """A finished entry written in one go, outside the staff recording form: a family's own words, a
    partner's information, a reply. Final at once (there is no draft to approve), with who wrote it
    and when, and audited for each child it is about."""
    now = timezone.now()
    entry = StoryEntry.objects.create(
        network=network,
        kind=kind,
        status=EntryStatus.FINAL,
        author=actor,
        occurred_at=now,
        finalised_at=now,
        visibility=visibility,
        summary=summary[:200],
        body=body,
        **fields,
    )
    entry.about.set(about)
    if hidden_from:
        entry.hidden_from.set(hidden_from)
    for child in entry.about.all():
        audit_record(
            actor=actor, event=AuditEvent.STORY_ENTRY_ADDED, person=child, request=request, detail={"entry": entry.id}
        )
    return entry


REPLY_NEEDED = "Write your reply"
REPLY_TOO_LONG = "The reply must be 5,000 characters or fewer"
REPLY_ONLY_TO_FAMILY = "You can only reply to the family's own words"


@transaction.atomic
def story_reply(*, actor, original: StoryEntry, text: str, request=None) -> StoryEntry:
    """A member of staff's reply to the family's own words: family-visible, about the same children,
    and hidden from whoever the original was hidden from (a young person's private view stays
    private from their parents, replies included)."""
    if not original.can_reply or original.status != EntryStatus.FINAL:
        raise ApplicationError(REPLY_ONLY_TO_FAMILY)
    text = (text or "").strip()
    if not text:
        raise FormProblems({"text": REPLY_NEEDED})
    if len(text) > 5000:
        raise FormProblems({"text": REPLY_TOO_LONG})
    return story_entry_add(
        actor=actor,
        network=original.network,
        kind=EntryKind.REPLY,
        about=original.about.all(),
        visibility=Visibility.FAMILY,
        summary=f"Reply from {actor.get_full_name() or actor.get_username()}",
        body=text,
        hidden_from=original.hidden_from.all(),
        request=request,
        replies_to=original,
    )


def eicar_only(content: bytes) -> tuple[bool, str]:
    """The default virus-scan hook: recognises the EICAR test file only. Set ALONGSIDE_VIRUS_SCANNER
    to a function that calls the LA's scanner (e.g. ClamAV's clamd) for real use."""
    if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in content:
        return False, "EICAR test signature"
    return True, "no scanner configured: EICAR check only"


def _sniff(content: bytes, name: str) -> str | None:
    for signature, content_type in SIGNATURES.items():
        if content.startswith(signature):
            if content_type.endswith("document") and not name.lower().endswith(".docx"):
                return None  # a zip that is not a Word document
            return content_type
    if name.lower().endswith(".txt"):
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


@transaction.atomic
def story_document_attach(*, actor, entry: StoryEntry, upload) -> StoryDocument:
    """Stores an uploaded file against a draft entry, after checking its size, its real type (from
    its bytes) and the virus-scan hook. Nothing is stored if any check fails."""
    if entry.status != EntryStatus.DRAFT or entry.author_id != actor.id:
        raise ApplicationError(FINISHED_CANNOT_CHANGE if entry.status != EntryStatus.DRAFT else NOT_YOUR_DRAFT)
    limit = settings.ALONGSIDE_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise EntryInvalid({"file": FILE_TOO_BIG.format(mb=settings.ALONGSIDE_MAX_UPLOAD_MB)})
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise EntryInvalid({"file": FILE_TOO_BIG.format(mb=settings.ALONGSIDE_MAX_UPLOAD_MB)})
    content_type = _sniff(content, upload.name or "")
    if content_type is None:
        raise EntryInvalid({"file": FILE_TYPE})
    clean, detail = import_string(settings.ALONGSIDE_VIRUS_SCANNER)(content)
    if not clean:
        raise EntryInvalid({"file": FILE_INFECTED})
    from django.core.files.base import ContentFile

    document = StoryDocument(
        entry=entry,
        original_name=(upload.name or "document")[:255],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        scan_result=detail,
    )
    document.file.save("upload", ContentFile(content), save=False)
    document.save()
    return document
