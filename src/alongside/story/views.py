from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alongside.access.access import NeedsReason, access_child, children_open_to
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.journey.meetings import MeetingKind
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.people.models import FamilyMember
from alongside.story.forms import CorrectionForm, ReplyForm, StoryEntryForm, StoryFilterForm, initial_from_entry
from alongside.story.models import EntryKind, StoryDocument, StoryEntry
from alongside.story.printing import printable_story
from alongside.story.rendering import entries_html, light_rows
from alongside.story.selectors import PAGE_SIZE, StoryFilters, story_for_staff
from alongside.story.services import (
    EntryInvalid,
    child_network,
    story_document_attach,
    story_entry_correct,
    story_entry_finalise,
    story_entry_save_draft,
    story_reply,
)


def _child_or_reason(request, child_id):
    """The child, or a redirect to state a reason first (the access layer decides)."""
    try:
        return access_child(request.user, child_id).child, None
    except NeedsReason as needs:
        return None, redirect("people:open_with_reason", child_id=needs.child.id)


def _network_ids(child):
    return list(FamilyMember.objects.filter(person=child).values_list("network_id", flat=True))


def _filters(request, children):
    form = StoryFilterForm(request.GET or None, children=children)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, StoryFilters(
            child_id=data["child"],
            kind=data["kind"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            significant_only=data["significant"],
            text=data["text"],
        )
    return form, StoryFilters()


def _matching_entries(request, child):
    """The filter form and the entries of the child's family story that this user may see and the
    filters select: shared by the story page and its printable version."""
    children = children_open_to(request.user, child)
    form, filters = _filters(request, children)
    entries = story_for_staff(
        user=request.user, network_ids=_network_ids(child), child_ids=[c.id for c in children], filters=filters
    )
    return children, form, entries


@access_rule(Rule.CHILD)
@login_required
@require_GET
def story(request, child_id: int):
    child, reason = _child_or_reason(request, child_id)
    if reason:
        return reason
    children, form, entries = _matching_entries(request, child)
    page = Paginator(light_rows(entries), PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(actor=request.user, event=AuditEvent.STORY_VIEWED, person=child, request=request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "story/story.html",
        {
            "child": child,
            "children": children,
            "form": form,
            "page": page,
            "entries": entries_html(page.object_list, request),
            "kinds": EntryKind.choices,
            "query": query.urlencode(),
        },
    )


@access_rule(Rule.CHILD)
@login_required
@require_GET
def story_print(request, child_id: int):
    child, reason = _child_or_reason(request, child_id)
    if reason:
        return reason
    _, _, entries = _matching_entries(request, child)
    audit_record(actor=request.user, event=AuditEvent.STORY_PRINTED, person=child, request=request)
    return render(
        request, "story/print.html", {"child": child, "entries_html": printable_story(entries), "now": timezone.now()}
    )


def _save(request, form, child, entry=None):
    """Save as draft, or finish, from a valid form; returns (entry, problems)."""
    data = form.entry_input()
    version = int(request.POST.get("version") or 0) or None
    network = child_network(child)
    action = request.POST.get("action", "finish")
    try:
        if action == "draft" or (form.kind == EntryKind.DOCUMENT and request.FILES.get("file")):
            entry = story_entry_save_draft(
                actor=request.user, network=network, data=data, entry=entry, expected_version=version
            )
            version = entry.version
            if request.FILES.get("file"):
                story_document_attach(actor=request.user, entry=entry, upload=request.FILES["file"])
        if action != "draft":
            entry = story_entry_finalise(
                actor=request.user, network=network, data=data, entry=entry, expected_version=version, request=request
            )
    except EntryInvalid as invalid:
        for name, message in invalid.problems.items():
            form.add_error(name if name in form.fields else None, message)
        return entry, True
    except ApplicationError as error:
        form.add_error(None, error.message)
        return entry, True
    return entry, False


def _recording_page(request, *, child, kind: str, meeting: str, entry: StoryEntry | None, initial: dict):
    """The one recording page, for a new entry or a draft: shows the form, and saves or finishes it."""
    children = children_open_to(request.user, child)
    if request.method == "POST":
        form = StoryEntryForm(request.POST, request.FILES, kind=kind, meeting=meeting, children=children)
        if form.is_valid():
            entry, failed = _save(request, form, child, entry)
            if not failed:
                if entry.is_draft:
                    return redirect("story:edit", entry_id=entry.id)
                return redirect("story:story", child_id=child.id)
    else:
        form = StoryEntryForm(kind=kind, meeting=meeting, children=children, initial=initial)
    heading = MeetingKind(meeting).label if meeting else EntryKind(kind).label
    return render(
        request,
        "story/record.html",
        {"form": form, "child": child, "kind": EntryKind(kind), "meeting": meeting, "heading": heading, "entry": entry},
    )


def _own_draft(request):
    """The draft a POST continues (named by the page's hidden field): only ever the user's own."""
    if request.method != "POST" or not request.POST.get("entry", "").isdigit():
        return None
    return StoryEntry.objects.filter(pk=request.POST["entry"], author=request.user, status="draft").first()


@access_rule(Rule.CHILD)
@login_required
@require_http_methods(["GET", "POST"])
def record(request, child_id: int, kind: str):
    """Recording an entry on one page; htmx saves a draft as the worker types (see autosave). A
    meeting first asks which kind, because that decides what the page asks for."""
    if kind not in EntryKind.values:
        raise Http404
    child, reason = _child_or_reason(request, child_id)
    if reason:
        return reason
    meeting = request.GET.get("meeting", "") if kind == EntryKind.MEETING else ""
    if kind == EntryKind.MEETING and meeting not in MeetingKind.values:
        return render(
            request,
            "story/choose_meeting.html",
            {
                "child": child,
                "meetings": MeetingKind.choices,
                "error": "chosen" in request.GET or "meeting" in request.GET,
            },
        )
    now = timezone.localtime()
    initial = {"about": [str(child.id)], "occurred_on": now.date(), "occurred_time": now.strftime("%H:%M")}
    return _recording_page(request, child=child, kind=kind, meeting=meeting, entry=_own_draft(request), initial=initial)


@access_rule(Rule.CHILD)
@login_required
@require_POST
def autosave(request, child_id: int, kind: str):
    """htmx: saves the draft as it is typed, so nothing is lost if the browser closes."""
    if kind not in EntryKind.values:
        raise Http404
    child, reason = _child_or_reason(request, child_id)
    if reason:
        raise Http404
    children = children_open_to(request.user, child)
    entry = _own_draft(request)
    meeting = request.GET.get("meeting", "") if kind == EntryKind.MEETING else ""
    if entry is not None:
        meeting = entry.meeting_kind
    if kind == EntryKind.MEETING and meeting not in MeetingKind.values:
        raise Http404
    form = StoryEntryForm(request.POST, kind=kind, meeting=meeting, children=children)
    message = ""
    if form.is_valid():
        post = request.POST.copy()
        post["action"] = "draft"
        request.POST = post
        entry, failed = _save(request, form, child, entry)
        if failed:
            message = "; ".join(form.non_field_errors()) or "; ".join(
                str(e) for errors in form.errors.values() for e in errors
            )
    else:
        message = "Not saved yet: " + "; ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(request, "story/_autosave.html", {"entry": entry, "message": message, "now": timezone.now()})


def _entry_for(request, entry_id):
    """An entry the user may see: they may open one of the children it is about, and it is theirs,
    finished and not restricted, or restricted with them named. Otherwise not found."""
    entry = StoryEntry.objects.filter(pk=entry_id).prefetch_related("about").first()
    if entry is None:
        raise Http404
    for child in entry.about.all():
        try:
            access_child(request.user, child.id)
        except NeedsReason:
            continue
        visible = story_for_staff(user=request.user, network_ids=[entry.network_id], child_ids=[child.id])
        if visible.filter(pk=entry.pk).exists():
            return entry, child
    raise Http404


@access_rule(Rule.STORY_ENTRY)
@login_required
@require_GET
def entry_detail(request, entry_id: int):
    entry, child = _entry_for(request, entry_id)
    audit_record(
        actor=request.user, event=AuditEvent.STORY_VIEWED, person=child, request=request, detail={"entry": entry.id}
    )
    corrections = entry.corrections.select_related("author").order_by("finalised_at")
    replies = entry.replies.filter(status="final").select_related("author").order_by("finalised_at")
    return render(
        request,
        "story/entry.html",
        {"entry": entry, "child": child, "corrections": corrections, "replies": replies},
    )


@access_rule(Rule.STORY_ENTRY)
@login_required
@require_http_methods(["GET", "POST"])
def reply(request, entry_id: int):
    """Reply to the family's own words: the reply is in the story, and the family see it."""
    original, child = _entry_for(request, entry_id)
    if not original.can_reply:
        raise Http404
    form = ReplyForm(request.POST or None)
    if form.is_valid():
        try:
            story_reply(actor=request.user, original=original, text=form.cleaned_data["text"], request=request)
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "Your reply is in the story. The family can see it.")
            return redirect("story:entry", entry_id=original.id)
    return render(request, "story/reply.html", {"entry": original, "child": child, "form": form})


@access_rule(Rule.STORY_ENTRY)
@login_required
@require_http_methods(["GET", "POST"])
def edit(request, entry_id: int):
    entry, child = _entry_for(request, entry_id)
    if not entry.is_draft or entry.author_id != request.user.id:
        return redirect("story:entry", entry_id=entry.id)
    meeting = entry.meeting_kind or (MeetingKind.PROFESSIONALS if entry.kind == EntryKind.MEETING else "")
    return _recording_page(
        request, child=child, kind=entry.kind, meeting=meeting, entry=entry, initial=initial_from_entry(entry)
    )


@access_rule(Rule.STORY_ENTRY)
@login_required
@require_http_methods(["GET", "POST"])
def correct(request, entry_id: int):
    original, child = _entry_for(request, entry_id)
    if original.is_draft:
        return redirect("story:edit", entry_id=original.id)
    if original.kept_as_written:
        return redirect("story:entry", entry_id=original.id)
    children = children_open_to(request.user, child)
    if request.method == "POST":
        form = CorrectionForm(request.POST, kind=original.kind, meeting=original.meeting_kind, children=children)
        if form.is_valid():
            try:
                story_entry_correct(
                    actor=request.user,
                    original=original,
                    data=form.entry_input(),
                    reason=form.cleaned_data["correction_reason"],
                    request=request,
                )
            except EntryInvalid as invalid:
                for name, message in invalid.problems.items():
                    form.add_error(name if name in form.fields else None, message)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                return redirect("story:entry", entry_id=original.id)
    else:
        form = CorrectionForm(
            kind=original.kind, meeting=original.meeting_kind, children=children, initial=initial_from_entry(original)
        )
    return render(request, "story/correct.html", {"form": form, "original": original, "child": child})


@access_rule(Rule.STORY_DOCUMENT)
@login_required
@require_GET
def document(request, document_id: int):
    """Uploaded files are served only here, through the same access as their entry, as downloads."""
    stored = StoryDocument.objects.filter(pk=document_id).select_related("entry").first()
    if stored is None:
        raise Http404
    entry, child = _entry_for(request, stored.entry_id)
    audit_record(
        actor=request.user,
        event=AuditEvent.DOCUMENT_DOWNLOADED,
        person=child,
        request=request,
        detail={"document": stored.id, "entry": entry.id},
    )
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
