import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from alongside.access.models import AuditEntry
from alongside.backups.services import NOT_EMPTY, TAMPERED, backed_up_models, serialized_rows
from alongside.practice_model.models import OperatingModelVersion
from alongside.story import services as story
from alongside.story.models import StoryDocument
from alongside.story.tests.test_services import network, visit

LETTER = b"%PDF-1.7 synthetic letter for the backup test \x00\xff"


def _record():
    """Every table's rows, as the backup serializes them: equal before and after means an identical record."""
    return {model._meta.label_lower: list(serialized_rows(model)) for model in backed_up_models()}


def _with_document(world):
    entry = story.story_entry_save_draft(
        actor=world.worker.user, network=network(world), data=visit(world, kind="document")
    )
    return story.story_document_attach(
        actor=world.worker.user, entry=entry, upload=SimpleUploadedFile("letter.pdf", LETTER)
    )


def _empty_everything(settings):
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted((settings.DATA_DIR / "documents").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_an_empty_database_gives_back_the_same_record_and_documents(world, settings, tmp_path):
    document = _with_document(world)
    document_path = Path(document.file.path)
    before = _record()
    assert before["access.auditentry"] and before["story.storyentry_about"]

    out = tmp_path / "record.tar.gz"
    call_command("backup", out=out, stdout=open("/dev/null", "w"))
    with tarfile.open(out) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["tables"]["story.storydocument"]["rows"] == 1
    assert out.stat().st_mode & 0o077 == 0, "only its owner may read a backup"
    assert manifest["migrations"]["story"] and manifest["database_engine"] in ("sqlite", "postgresql")

    _empty_everything(settings)
    assert not AuditEntry.objects.exists() and not document_path.exists()

    call_command("restore", out, stdout=open("/dev/null", "w"))

    assert _record() == before
    assert document_path.read_bytes() == LETTER
    assert StoryDocument.objects.get().file.read() == LETTER
    # New rows take ids after the restored ones (PostgreSQL's sequences were moved on).
    assert _with_document(world).pk > document.pk


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_database_with_rows_is_refused_and_changes_nothing(world, settings, tmp_path):
    _with_document(world)
    out = tmp_path / "record.tar.gz"
    call_command("backup", out=out, stdout=open("/dev/null", "w"))
    before = _record()

    with pytest.raises(CommandError) as refused:
        call_command("restore", out)

    assert str(refused.value).startswith(NOT_EMPTY.split("(")[0])
    assert _record() == before


@pytest.mark.django_db(transaction=True)
def test_a_changed_backup_is_refused_before_anything_is_loaded(world, settings, tmp_path):
    _with_document(world)
    out = tmp_path / "record.tar.gz"
    call_command("backup", out=out, stdout=open("/dev/null", "w"))
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(out) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "data/people.person.jsonl":
                content = content.replace(b"Amy", b"Ann")
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    _empty_everything(settings)

    with pytest.raises(CommandError, match="does not match its checksum") as refused:
        call_command("restore", tampered)

    assert str(refused.value) == TAMPERED.format(member="data/people.person.jsonl")
    assert [m for m in backed_up_models() if m._base_manager.exists()] == [OperatingModelVersion]
