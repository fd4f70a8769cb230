"""Backup and restore of the whole record: every table's rows and every uploaded document, in one .tar.gz.

The rows are written with Django's serializers, one JSON object a line per table, so the same backup
loads on SQLite or PostgreSQL. Choices (docs/operations.md, "Backups"):
- Content types and permissions are not copied: `migrate` creates them in every database, with ids
  that may differ. Rows pointing at them (a correction's content type, a user's permissions) carry
  their natural keys instead of ids; every other reference keeps its id, so a restore keeps all ids.
- Many-to-many links are copied from their own tables, like any other table.
- The reads run in one transaction (REPEATABLE READ on PostgreSQL), so the copy is one moment's
  record while the service keeps writing. Documents are copied for the rows in that copy: they are
  written once and never changed, so their bytes match the rows.
- The audit trail is append-only on PostgreSQL (a trigger refuses UPDATE and DELETE). A restore only
  inserts into an empty table, which the trigger allows.
"""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from itertools import islice
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 2000
# Created by `migrate` in every database: not copied, and referred to by natural key.
RECREATED_BY_MIGRATE = (ContentType, Permission)
# Tables `migrate` itself writes a row to (the operating model version in use): a new database may hold
# those rows; a restore replaces them with the backup's, which carry the record's own history.
FILLED_BY_MIGRATE = ("practice_model.operatingmodelversion",)

NO_FILE = "There is no backup file at {path}."
NOT_A_BACKUP = "{path} is not an Alongside backup (no readable manifest.json in a .tar.gz file)."
WRONG_FORMAT = "This backup has format {found}; this version of Alongside reads format {expected}."
TAMPERED = "The backup is damaged or was changed after it was written: {member} does not match its checksum."
UNEXPECTED_MEMBERS = "The backup holds files its manifest does not list ({members}): it was changed after writing."
NOT_MIGRATED = "Run `alongside migrate` on the new database first: these migrations are not applied: {missing}."
MIGRATIONS_DIFFER = (
    "The backup was taken at another schema version than this code's database ({detail}). "
    "Restore with the version of Alongside that wrote it ({version}), then upgrade."
)
UNKNOWN_TABLE = "The backup holds a table this version of Alongside does not know: {label}."
NOT_EMPTY = (
    "The database is not empty ({tables}). Restore only into a new database after `alongside migrate`; "
    "nothing was changed."
)
DOCUMENTS_EXIST = (
    "Documents are already in the data directory ({example}, ...). Restore into an empty data directory; "
    "nothing was changed."
)
OUT_EXISTS = "{path} already exists: choose a new file name, so no earlier backup is overwritten."


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message in plain words."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int
    seconds: float


@dataclass(frozen=True)
class RestoreResult:
    counts: dict[str, int]
    rows: int
    files: int
    seconds: float


def backed_up_models() -> list[type[models.Model]]:
    """Every table the backup copies, in a fixed order: all models with their own table, including the
    link tables of many-to-many fields, but not content types and permissions (see the module's notes)."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model not in RECREATED_BY_MIGRATE and model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda model: model._meta.label_lower)


class RowSerializer(PythonSerializer):
    """Rows as plain dicts; references to content types and permissions as natural keys, all others as ids.
    Many-to-many fields are skipped here: their link tables are copied as tables of their own."""

    def start_serialization(self):
        super().start_serialization()
        self.use_natural_primary_keys = False
        self.use_natural_foreign_keys = False
        if not hasattr(self, "_permission_keys"):
            self._permission_keys = {
                permission.pk: list(permission.natural_key())
                for permission in Permission.objects.select_related("content_type")
            }

    def handle_fk_field(self, obj, field):
        value = getattr(obj, field.attname)
        target = field.remote_field.model
        if target is ContentType and value is not None:
            self._current[field.name] = list(ContentType.objects.get_for_id(value).natural_key())
        elif target is Permission and value is not None:
            self._current[field.name] = self._permission_keys[value]
        else:
            super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        pass


class _Encoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a restore must give back the very same values."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def serialized_rows(model, serializer=None):
    """Yields a table's rows as dicts, in primary key order, reading CHUNK rows at a time."""
    serializer = serializer or RowSerializer()
    rows = model._base_manager.order_by("pk").iterator(chunk_size=CHUNK)
    while batch := list(islice(rows, CHUNK)):
        yield from serializer.serialize(batch)


def _file_fields(model):
    return [field for field in model._meta.local_fields if isinstance(field, models.FileField)]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(applied.items())}


def _app_version() -> str:
    try:
        return metadata.version("alongside")
    except metadata.PackageNotFoundError:
        return "unknown"


@contextmanager
def _one_moment():
    """One transaction for all reads. On PostgreSQL, REPEATABLE READ makes every query see the same
    snapshot while the service keeps writing; SQLite's transaction already holds one."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def backup_write(out: Path) -> BackupResult:
    """Writes the whole record to `out` (.tar.gz): manifest.json, then data/<table>.jsonl for every
    table, then files/<model.field>/<name> for every stored document."""
    started = time.monotonic()
    out = Path(out)
    if out.exists():
        raise BackupError(OUT_EXISTS.format(path=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".alongside-backup-") as tmp:
        tables, members, documents = {}, {}, []
        with _one_moment():
            migrations = _applied_migrations()
            serializer = RowSerializer()
            for model in backed_up_models():
                label = model._meta.label_lower
                member = f"data/{label}.jsonl"
                rows = 0
                with (Path(tmp) / f"{label}.jsonl").open("w", encoding="utf-8") as handle:
                    for row in serialized_rows(model, serializer):
                        handle.write(json.dumps(row, cls=_Encoder, ensure_ascii=False) + "\n")
                        rows += 1
                tables[label] = {"table": model._meta.db_table, "rows": rows}
                members[member] = _sha256(Path(tmp) / f"{label}.jsonl")
                for field in _file_fields(model):
                    names = model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
                    for name in names.order_by(field.attname).iterator(chunk_size=CHUNK):
                        source = Path(field.storage.path(name))
                        member = f"files/{label}.{field.name}/{name}"
                        members[member] = _sha256(source)
                        documents.append((member, source))
        manifest = {
            "format": FORMAT,
            "app_version": _app_version(),
            "created_at": timezone.now().isoformat(),
            "database_engine": connection.vendor,
            "migrations": migrations,
            "tables": tables,
            "members": members,
        }
        partial = out.with_name(out.name + ".partial")
        # The backup holds the whole record: readable by its owner only, from the first byte.
        partial.touch(mode=0o600)
        try:
            with tarfile.open(partial, "w:gz") as tar:
                encoded = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(encoded), int(time.time()), 0o600
                tar.addfile(info, io.BytesIO(encoded))
                for label in tables:
                    tar.add(Path(tmp) / f"{label}.jsonl", arcname=f"data/{label}.jsonl")
                for member, source in documents:
                    tar.add(source, arcname=member)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        # Renamed only once complete, so a file with the final name is never a half-written backup.
        partial.replace(out)
    return BackupResult(
        path=out,
        tables=len(tables),
        rows=sum(table["rows"] for table in tables.values()),
        files=len(documents),
        bytes=out.stat().st_size,
        seconds=time.monotonic() - started,
    )


def _read_checked(path: Path, tmp: Path) -> dict:
    """Unpacks the backup into `tmp` and checks every member against the manifest's checksums."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            manifest = json.load(tar.extractfile(MANIFEST))
            # The "data" filter refuses absolute paths, links out of the directory and the like.
            tar.extractall(tmp, filter="data")
    except (KeyError, OSError, tarfile.TarError, ValueError, TypeError) as error:
        raise BackupError(NOT_A_BACKUP.format(path=path)) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(WRONG_FORMAT.format(found=manifest.get("format"), expected=FORMAT))
    listed = manifest["members"]
    present = {p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file()} - {MANIFEST}
    if extra := sorted(present - set(listed)):
        raise BackupError(UNEXPECTED_MEMBERS.format(members=", ".join(extra[:3])))
    for member, expected in listed.items():
        if member not in present or _sha256(tmp / member) != expected:
            raise BackupError(TAMPERED.format(member=member))
    return manifest


def _check_migrations(manifest: dict) -> None:
    ours = _applied_migrations()
    theirs = manifest["migrations"]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        missing = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        raise BackupError(NOT_MIGRATED.format(missing=missing))
    if ours != theirs:
        differ = sorted(
            f"{app}: backup {theirs.get(app, ['-'])[-1]}, database {ours.get(app, ['-'])[-1]}"
            for app in set(ours) | set(theirs)
            if ours.get(app) != theirs.get(app)
        )
        raise BackupError(MIGRATIONS_DIFFER.format(detail="; ".join(differ[:3]), version=manifest["app_version"]))


def _load_table(model, lines) -> int:
    """Inserts a table's rows as they were, in batches. Raw inserts, as `loaddata` does: no save(), no
    signals, and no "now" put into auto_now_add fields, so each value is the one backed up."""
    count = 0
    fields = model._meta.local_concrete_fields
    while batch := [json.loads(line) for line in islice(lines, CHUNK)]:
        objects = [item.object for item in Deserializer(batch)]
        size = max(1, connection.ops.bulk_batch_size(fields, objects))
        for start in range(0, len(objects), size):
            model._base_manager._insert(objects[start : start + size], fields=fields, raw=True)
        count += len(objects)
    return count


def backup_restore(path: Path) -> RestoreResult:
    """Loads a backup into an empty, migrated database and its documents into their storage. Every check
    runs before anything is written; the rows load in one transaction, so a failure leaves nothing."""
    started = time.monotonic()
    path = Path(path)
    if not path.is_file():
        raise BackupError(NO_FILE.format(path=path))
    by_label = {model._meta.label_lower: model for model in backed_up_models()}
    with tempfile.TemporaryDirectory(prefix="alongside-restore-") as tmp_name:
        tmp = Path(tmp_name)
        manifest = _read_checked(path, tmp)
        _check_migrations(manifest)
        if unknown := [label for label in manifest["tables"] if label not in by_label]:
            raise BackupError(UNKNOWN_TABLE.format(label=unknown[0]))
        filled = [
            label
            for label, model in by_label.items()
            if label not in FILLED_BY_MIGRATE and model._base_manager.exists()
        ]
        if filled:
            raise BackupError(NOT_EMPTY.format(tables=", ".join(filled[:5]) + (", ..." if len(filled) > 5 else "")))
        documents = []
        for member in manifest["members"]:
            if member.startswith("files/"):
                _, where, name = member.split("/", 2)
                label, field_name = where.rsplit(".", 1)
                target = Path(by_label[label]._meta.get_field(field_name).storage.path(name))
                documents.append((tmp / member, target))
        if existing := [target for _, target in documents if target.exists()]:
            raise BackupError(DOCUMENTS_EXIST.format(example=existing[0]))

        counts, copied = {}, []
        try:
            with transaction.atomic():
                for label in FILLED_BY_MIGRATE:
                    by_label[label]._base_manager.all().delete()
                for label in manifest["tables"]:
                    with (tmp / f"data/{label}.jsonl").open(encoding="utf-8") as lines:
                        counts[label] = _load_table(by_label[label], lines)
                # Ids were kept, so PostgreSQL's sequences must start after the highest loaded id.
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(no_style(), list(by_label.values())):
                        cursor.execute(statement)
                for source, target in documents:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
                    copied.append(target)
                # What `migrate` does after it runs, again, now on the restored rows: a newer operating
                # model in this code than in the backup is put on record as from today.
                emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
        except (DatabaseError, OSError):
            for target in copied:
                target.unlink(missing_ok=True)
            raise
    # Rendered entries are cached by id; none from before the restore may be shown.
    cache.clear()
    return RestoreResult(
        counts=counts, rows=sum(counts.values()), files=len(documents), seconds=time.monotonic() - started
    )
