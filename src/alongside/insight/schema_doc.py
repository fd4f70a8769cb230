"""docs/insight-snapshot.md, made from schema.py so the two cannot drift (a test compares them)."""

from alongside.insight.schema import TABLES

INTRO = """# The analytics snapshot: tables and columns

`alongside snapshot --out DIR` writes one Parquet file per table below, and `manifest.json` (when,
which LA, the operating model version, rows per table). Ids are pseudonyms: the same record has the
same id in every snapshot of one LA; two LAs' ids never meet; without the LA's key
(`ALONGSIDE_SNAPSHOT_KEY`) nobody can go back to the record. No names, addresses, full dates of
birth or free text leave the record. Every table starts with `la_code`, so several LAs' snapshots
read together pool into one region (`alongside pool`).

This page is made from `src/alongside/insight/schema.py` by `alongside snapshot --schema-doc`.
"""


def schema_markdown() -> str:
    parts = [INTRO]
    for table in TABLES.values():
        parts.append(f"\n## `{table.name}`\n\n{table.meaning}\n\n| column | type | meaning |\n|---|---|---|\n")
        parts.extend(f"| `{c.name}` | {c.type} | {c.meaning} |\n" for c in table.columns)
    return "".join(parts)
