"""Where the dashboard's snapshot lives, and the figures computed from it.

Snapshots the service takes for itself go in DATA_DIR/snapshots/<when>/, with a `latest` file naming
the newest complete one: a snapshot is written in full before `latest` points to it, so the
dashboard never reads half a snapshot. The figures are computed by DuckDB once per snapshot per
process and kept in memory (well under a second; benchmarks/dashboard.py)."""

import os
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
from django.conf import settings
from django.utils import timezone

from alongside.insight.engines import run_duckdb
from alongside.insight.figures import Figure, build_figure
from alongside.insight.metrics import all_metrics
from alongside.insight.snapshot import SnapshotResult, write_snapshot

KEEP = 3
_lock = threading.Lock()
_cache: dict[str, "Dashboard"] = {}


def snapshot_root() -> Path:
    return Path(settings.DATA_DIR) / "snapshots"


def latest_snapshot() -> Path | None:
    pointer = snapshot_root() / "latest"
    if not pointer.exists():
        return None
    directory = snapshot_root() / pointer.read_text().strip()
    return directory if (directory / "manifest.json").exists() else None


def take_snapshot(*, on: date | None = None, progress=None) -> SnapshotResult:
    """A new snapshot for the dashboard; the older ones beyond the last KEEP are removed."""
    root = snapshot_root()
    root.mkdir(parents=True, exist_ok=True)
    name = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
    result = write_snapshot(root / name, on=on, progress=progress)
    temporary = root / f".latest-{os.getpid()}"
    temporary.write_text(name)
    os.replace(temporary, root / "latest")
    for old in sorted(p for p in root.iterdir() if p.is_dir())[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)
    return result


@dataclass
class Dashboard:
    directory: Path
    la_name: str
    go_live: date | None
    snapshot_on: date
    months: list[date]
    figures: dict[str, Figure]
    pod_names: dict[str, str]
    seconds: float  # to compute every metric and figure

    def group(self, name: str) -> list[Figure]:
        return [f for f in self.figures.values() if f.metric.group == name]

    @property
    def go_live_label(self) -> str:
        return f"Model started ({self.go_live:%b %Y})" if self.go_live else ""


def _read(directory: Path, table: str) -> list[dict]:
    return pq.read_table(directory / f"{table}.parquet").to_pylist()


def compute_dashboard(directory: Path) -> Dashboard:
    started = time.perf_counter()
    la = _read(directory, "la")[0]
    months = [m["month_start"] for m in _read(directory, "month")]
    pods = {p["pod_id"]: p["pod_name"] for p in _read(directory, "pod")}
    pods["none"] = "Not held in a pod"
    results = run_duckdb([directory])
    metrics = all_metrics()
    figures = {code: build_figure(metrics[code], rows, months, la["go_live"]) for code, rows in results.items()}
    return Dashboard(
        directory=directory,
        la_name=la["la_name"],
        go_live=la["go_live"],
        snapshot_on=la["snapshot_on"],
        months=months,
        figures=figures,
        pod_names=pods,
        seconds=time.perf_counter() - started,
    )


def current_dashboard() -> Dashboard | None:
    directory = latest_snapshot()
    if directory is None:
        return None
    key = str(directory)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = compute_dashboard(directory)
        return _cache[key]
