import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.insight.engines import ENGINES, SnapshotMissing, run
from alongside.insight.figures import POOLED, format_value, pooled_rows
from alongside.insight.metrics import all_metrics


class Command(BaseCommand):
    help = (
        "Run every metric over several LAs' snapshots together (regional pooling) on DuckDB or Spark. Prints the "
        "latest month's figure for each LA and for the LAs pooled; --csv writes every month's figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("snapshots", nargs="+", type=Path, help="Snapshot directories (from `alongside snapshot`)")
        parser.add_argument("--engine", choices=ENGINES, default="duckdb")
        parser.add_argument(
            "--csv",
            type=Path,
            help="Write metric, LA (or 'pooled'), month, numerator, "
            "denominator and figure for every month to this file ('-' for standard output)",
        )

    def handle(self, *args, snapshots, engine, csv: Path | None, **options):
        try:
            results = run(engine, snapshots)
        except SnapshotMissing as error:
            raise CommandError(str(error)) from error
        metrics = all_metrics()
        lines = []
        for code, rows in results.items():
            metric = metrics[code]
            whole = [r for r in rows if r.pod_id is None]
            for row in whole + pooled_rows(whole):
                lines.append((metric, row))
        if csv is not None:
            self._write_csv(csv, lines)
        latest = max((row.month_start for _, row in lines), default=None)
        las = sorted({row.la_code for _, row in lines if row.la_code != POOLED})
        self.stdout.write(f"{len(snapshots)} snapshots on {engine}; figures for {latest:%B %Y}" if latest else "")
        self.stdout.write(f"{'metric':<40}" + "".join(f"{la:>12}" for la in [*las, POOLED]))
        for code in results:
            metric = metrics[code]
            at_latest = {row.la_code: row for m, row in lines if m is metric and row.month_start == latest}
            cells = [
                format_value(metric, metric.figure(r.numerator, r.denominator)) if (r := at_latest.get(la)) else "-"
                for la in [*las, POOLED]
            ]
            self.stdout.write(f"{code:<40}" + "".join(f"{c:>12}" for c in cells))

    def _write_csv(self, path: Path, lines) -> None:
        out = sys.stdout if str(path) == "-" else path.open("w", newline="")
        try:
            writer = csv.writer(out)
            writer.writerow(["metric", "la_code", "month", "numerator", "denominator", "figure"])
            for metric, row in lines:
                value = metric.figure(row.numerator, row.denominator)
                writer.writerow(
                    [
                        metric.code,
                        row.la_code,
                        row.month_start.isoformat(),
                        row.numerator,
                        row.denominator,
                        "" if value is None else round(value, 6),
                    ]
                )
        finally:
            if out is not sys.stdout:
                out.close()
