"""Backups: one file holding the whole record (database rows and uploaded documents), and its restore
into an empty, migrated database (docs/operations.md, "Backups")."""
