"""Writing snapshot tables as Parquet, checked against the schema."""

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from alongside.insight.schema import TABLES


def write_table(directory: Path, name: str, rows: Iterable[Mapping] | Mapping[str, list]) -> int:
    """Writes one table; `rows` is a list of dicts or a dict of columns. Every column of the schema
    must be there and nothing else, so a typo fails here, not as a wrong figure later."""
    table = TABLES[name]
    if isinstance(rows, Mapping):
        columns = dict(rows)
    else:
        rows = list(rows)
        unknown = {key for row in rows for key in row} - set(table.column_names)
        if unknown:
            raise ValueError(f"{name}: no columns named {', '.join(sorted(unknown))} in the schema")
        columns = {c: [row.get(c) for row in rows] for c in table.column_names}
    missing = set(table.column_names) - set(columns)
    extra = set(columns) - set(table.column_names)
    if missing or extra:
        raise ValueError(f"{name}: columns missing {sorted(missing)}, not in the schema {sorted(extra)}")
    arrow = pa.table({c: pa.array(columns[c], type=table.arrow_schema.field(c).type) for c in table.column_names})
    pq.write_table(arrow, Path(directory) / f"{name}.parquet", compression="zstd")
    return arrow.num_rows


def write_snapshot_tables(directory: Path, tables: Mapping[str, Iterable[Mapping] | Mapping[str, list]]) -> None:
    """Writes every table of the schema; tables not given are written empty (with their columns)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        write_table(directory, name, tables.get(name, []))
