"""On PostgreSQL, the database itself refuses to change or delete audit rows, whatever the caller.

The app already refuses (AuditEntry.save/delete, its QuerySet); this guards against raw SQL and
other clients. TRUNCATE is left to the table's owner (a DBA, or the test runner between tests);
production should run the app as a role that does not own the table (docs/operations.md)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION alongside_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % is not allowed on access_auditentry', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_auditentry_append_only
    BEFORE UPDATE OR DELETE ON access_auditentry
    FOR EACH ROW EXECUTE FUNCTION alongside_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS access_auditentry_append_only ON access_auditentry;
DROP FUNCTION IF EXISTS alongside_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
