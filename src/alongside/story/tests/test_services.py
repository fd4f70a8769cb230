from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alongside.access.models import AuditEntry, AuditEvent
from alongside.lib.errors import ApplicationError
from alongside.story import services as s
from alongside.story.models import StoryDocument, StoryEntry


def visit(world, **changes):
    data = s.EntryInput(
        kind="home_visit",
        occurred_at=timezone.now() - timedelta(hours=2),
        about_ids=[world.child.id, world.sibling.id],
        summary="After-school visit",
        child_seen=True,
        child_seen_alone=True,
        body="Amy showed me her room.",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def network(world):
    return world.child.memberships.get().network


def test_a_draft_is_saved_and_changed_only_from_its_latest_version(world):
    draft = s.story_entry_save_draft(actor=world.worker.user, network=network(world), data=visit(world, summary=""))
    assert draft.is_draft and draft.version == 1
    s.story_entry_save_draft(
        actor=world.worker.user, network=network(world), data=visit(world), entry=draft, expected_version=1
    )
    with pytest.raises(ApplicationError, match="saved somewhere else"):
        s.story_entry_save_draft(
            actor=world.worker.user,
            network=network(world),
            data=visit(world, summary="Old tab"),
            entry=draft,
            expected_version=1,
        )
    draft.refresh_from_db()
    assert (draft.version, draft.summary) == (2, "After-school visit")


def test_only_the_author_changes_a_draft(world):
    draft = s.story_entry_save_draft(actor=world.worker.user, network=network(world), data=visit(world))
    with pytest.raises(ApplicationError, match=s.NOT_YOUR_DRAFT):
        s.story_entry_save_draft(actor=world.pod_colleague.user, network=network(world), data=visit(world), entry=draft)


def test_a_finished_entry_never_changes(world):
    entry = s.story_entry_finalise(actor=world.worker.user, network=network(world), data=visit(world))
    with pytest.raises(ApplicationError, match="cannot be changed"):
        s.story_entry_save_draft(
            actor=world.worker.user, network=network(world), data=visit(world, summary="x"), entry=entry
        )
    entry.refresh_from_db()
    assert entry.summary == "After-school visit" and entry.finalised_at is not None


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"occurred_at": timezone.now() + timedelta(days=1)}, "occurred_at", s.IN_THE_FUTURE),
        ({"about_ids": []}, "about", s.NO_CHILD),
        ({"summary": ""}, "summary", s.SUMMARY_NEEDED),
        ({"child_seen": None}, "child_seen", s.CHILD_SEEN_NEEDED),
        ({"child_seen": False, "child_seen_alone": True}, "child_seen_alone", s.SEEN_ALONE_BUT_NOT_SEEN),
    ],
)
def test_an_incomplete_or_impossible_entry_is_refused_and_nothing_saved(world, changes, field, message):
    with pytest.raises(s.EntryInvalid) as refused:
        s.story_entry_finalise(actor=world.worker.user, network=network(world), data=visit(world, **changes))
    assert refused.value.problems[field] == message
    assert not StoryEntry.objects.exists()


def test_an_entry_must_be_about_children_of_this_family(world):
    with pytest.raises(s.EntryInvalid, match=s.NOT_IN_FAMILY):
        s.story_entry_save_draft(
            actor=world.worker.user, network=network(world), data=visit(world, about_ids=[world.parent.id])
        )
    with pytest.raises(s.EntryInvalid, match=s.NOT_IN_FAMILY):
        s.story_entry_save_draft(
            actor=world.worker.user, network=network(world), data=visit(world, about_ids=[world.other_child.id])
        )


def test_direct_work_needs_its_tool_and_keeps_the_childs_words_verbatim(world):
    words = "My worry house has shouting in it.\\nMy dream house has a dog."
    data = visit(world, kind="direct_work", direct_work_tool="", child_words=words)
    with pytest.raises(s.EntryInvalid, match=s.TOOL_NEEDED):
        s.story_entry_finalise(actor=world.worker.user, network=network(world), data=data)
    data.direct_work_tool = "three_houses"
    entry = s.story_entry_finalise(actor=world.worker.user, network=network(world), data=data)
    assert StoryEntry.objects.get(pk=entry.pk).child_words == words


def test_a_correction_is_a_new_entry_and_both_stay(world):
    original = s.story_entry_finalise(actor=world.worker.user, network=network(world), data=visit(world))
    with pytest.raises(s.EntryInvalid, match=s.CORRECTION_REASON_NEEDED):
        s.story_entry_correct(actor=world.pod_colleague.user, original=original, data=visit(world), reason=" ")
    fixed = visit(world, body="Amy showed me her room and her drawings.")
    correction = s.story_entry_correct(
        actor=world.pod_colleague.user, original=original, data=fixed, reason="Missed the drawings"
    )
    original.refresh_from_db()
    assert original.body == "Amy showed me her room." and original.author == world.worker.user
    assert correction.corrects == original and correction.author == world.pod_colleague.user
    assert correction.status == "final"
    corrected = AuditEntry.objects.filter(event=AuditEvent.STORY_ENTRY_CORRECTED)
    assert {e.person for e in corrected} == {world.child, world.sibling}


def test_a_draft_cannot_be_corrected(world):
    draft = s.story_entry_save_draft(actor=world.worker.user, network=network(world), data=visit(world))
    with pytest.raises(ApplicationError, match=s.ONLY_FINISHED_CAN_BE_CORRECTED):
        s.story_entry_correct(actor=world.worker.user, original=draft, data=visit(world), reason="x")


def _draft(world):
    return s.story_entry_save_draft(actor=world.worker.user, network=network(world), data=visit(world, kind="document"))


def test_a_pdf_is_stored_outside_the_static_files_with_its_checksum(world, settings):
    document = s.story_document_attach(
        actor=world.worker.user,
        entry=_draft(world),
        upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.7 synthetic letter"),
    )
    assert document.content_type == "application/pdf" and len(document.sha256) == 64
    assert "static" not in document.file.path and document.file.path.startswith(str(settings.DATA_DIR))


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("big.pdf", b"%PDF-" + b"0" * (21 * 1024 * 1024), "smaller than 20 MB"),
        ("virus.exe", b"MZ\\x90\\x00 executable", s.FILE_TYPE),
        ("report.pdf", b"MZ pretending to be a pdf", s.FILE_TYPE),
        ("eicar.txt", b"X5O!P%@AP[4\\\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*", s.FILE_INFECTED),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_is_stored(world, name, content, message):
    with pytest.raises(s.EntryInvalid, match=message):
        s.story_document_attach(actor=world.worker.user, entry=_draft(world), upload=SimpleUploadedFile(name, content))
    assert not StoryDocument.objects.exists()
