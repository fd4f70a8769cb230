"""Running the metric SQL over one or more snapshots: DuckDB embedded, or Apache Spark.

Both engines read the same Parquet files as views named after the snapshot's tables (one view over
all the snapshots given, so several LAs pool by reading them together) and run the same SQL text.
Their answers are brought to the same Python types by `_normalise`, so that a test can ask for them
to be equal, not close."""

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from alongside.insight.metrics import OUTPUT_COLUMNS, Metric, all_metrics
from alongside.insight.schema import TABLES

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class Row:
    la_code: str
    month_start: date
    pod_id: str | None  # None: the whole LA
    numerator: float | None
    denominator: float | None


class SnapshotMissing(FileNotFoundError):
    pass


def table_paths(snapshot_dirs: Sequence[Path], table: str) -> list[str]:
    paths = []
    for directory in snapshot_dirs:
        path = Path(directory) / f"{table}.parquet"
        if not path.exists():
            raise SnapshotMissing(f"{path} is missing: is {directory} a snapshot written by `alongside snapshot`?")
        paths.append(str(path))
    return paths


def _number(value) -> float | None:
    # Counts come back as int from one engine and Decimal or float from the other; weights are
    # floats summed in a different order. Twelve significant places is far below any figure shown.
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = float(value)
    return float(f"{float(value):.12g}")


def _normalise(records: Iterable[Sequence]) -> list[Row]:
    rows = [Row(str(r[0]), r[1], r[2], _number(r[3]), _number(r[4])) for r in records]
    rows.sort(key=lambda r: (r.la_code, r.month_start, r.pod_id or ""))
    return rows


def _check_columns(metric: Metric, columns: list[str]) -> None:
    if columns != OUTPUT_COLUMNS:
        raise ValueError(f"{metric.code} returns {columns}, not {OUTPUT_COLUMNS}")


def run_duckdb(snapshot_dirs: Sequence[Path], metrics: Iterable[Metric] | None = None) -> dict[str, list[Row]]:
    import duckdb

    metrics = list(metrics if metrics is not None else all_metrics().values())
    con = duckdb.connect()
    try:
        for table in TABLES:
            paths = table_paths(snapshot_dirs, table)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({paths!r})")
        results = {}
        for metric in metrics:
            cursor = con.execute(metric.sql)
            _check_columns(metric, [d[0] for d in cursor.description])
            results[metric.code] = _normalise(cursor.fetchall())
        return results
    finally:
        con.close()


def spark_session(**conf):
    """The process's Spark session, made on first use. Local mode uses every core of this machine; a
    cluster is a matter of SPARK_REMOTE or spark-submit settings, not of this code. `conf` applies
    only when the session is first made (tests pass settings suited to tiny data)."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("alongside-insight")
        .master(os.environ.get("ALONGSIDE_SPARK_MASTER", "local[*]"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_spark(snapshot_dirs: Sequence[Path], metrics: Iterable[Metric] | None = None) -> dict[str, list[Row]]:
    metrics = list(metrics if metrics is not None else all_metrics().values())
    spark = spark_session()
    for table in TABLES:
        spark.read.parquet(*table_paths(snapshot_dirs, table)).createOrReplaceTempView(table)
    results = {}
    for metric in metrics:
        frame = spark.sql(metric.sql)
        _check_columns(metric, frame.columns)
        results[metric.code] = _normalise(tuple(r) for r in frame.collect())
    return results


def run(engine: str, snapshot_dirs: Sequence[Path], metrics: Iterable[Metric] | None = None) -> dict[str, list[Row]]:
    if engine == "duckdb":
        return run_duckdb(snapshot_dirs, metrics)
    if engine == "spark":
        return run_spark(snapshot_dirs, metrics)
    raise ValueError(f"Unknown engine {engine!r}: choose from {', '.join(ENGINES)}")
