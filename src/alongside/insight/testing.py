"""Small snapshots built by hand, for tests whose answer is known before the metric runs.

    snap = SnapshotBuilder(first_month=date(2024, 1, 1), last_month=date(2024, 12, 1))
    snap.add("allocation", child_id="c1", staff_id="s1", pod_id="p1", started_on=date(2024, 1, 5))
    rows = snap.run("workers_per_child")          # DuckDB by default

Every column of a row not given is null (or False for booleans, "" for text codes), and la_code is
filled in, so a test states only what matters to it."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from alongside.insight.calendar import month_rows
from alongside.insight.engines import Row, run
from alongside.insight.metrics import all_metrics
from alongside.insight.parquet import write_snapshot_tables
from alongside.insight.schema import TABLES


@dataclass
class SnapshotBuilder:
    first_month: date
    last_month: date
    go_live: date | None = None
    child_population: int = 10_000
    la_code: str = "999"
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, **values) -> dict:
        spec = TABLES[table]
        unknown = set(values) - set(spec.column_names)
        if unknown:
            raise ValueError(f"{table} has no columns {sorted(unknown)}")
        row = {}
        for column in spec.columns:
            if column.name in values:
                row[column.name] = values[column.name]
            elif column.type == "bool":
                row[column.name] = False
            elif column.type == "string" and not column.name.endswith("_id"):
                row[column.name] = ""
            else:
                row[column.name] = None
        row["la_code"] = self.la_code
        self.tables.setdefault(table, []).append(row)
        return row

    def write(self, directory: Path) -> Path:
        tables = {name: list(rows) for name, rows in self.tables.items()}
        if "la" not in tables:
            tables["la"] = [
                {
                    "la_code": self.la_code,
                    "la_name": "Test LA",
                    "child_population": self.child_population,
                    "go_live": self.go_live,
                    "snapshot_on": self.last_month,
                    "model_version": 1,
                }
            ]
        if "month" not in self.tables:
            tables["month"] = [
                {"la_code": self.la_code, **m} for m in month_rows(self.first_month, self.last_month, self.go_live)
            ]
        write_snapshot_tables(directory, tables)
        return Path(directory)

    def run(self, metric: str, directory: Path, engine: str = "duckdb") -> list[Row]:
        self.write(directory)
        return run(engine, [directory], [all_metrics()[metric]])[metric]


def by_key(rows: list[Row], pod_id: str | None = None) -> dict[date, tuple]:
    """The rows for one pod (None: the whole LA) as {month_start: (numerator, denominator)}."""
    return {r.month_start: (r.numerator, r.denominator) for r in rows if r.pod_id == pod_id}
