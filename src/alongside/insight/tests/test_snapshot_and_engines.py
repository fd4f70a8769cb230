"""The snapshot of a whole synthetic LA: what it holds and what it must not; figures that agree with
the app's own selectors; DuckDB and Spark giving identical figures, alone and pooled; and the
commands that make and pool snapshots."""

import json
import os
from datetime import date
from io import StringIO
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from alongside.demo.services import demo_seed
from alongside.insight.engines import run_duckdb, run_spark, spark_session
from alongside.insight.figures import pooled_rows
from alongside.insight.metrics import all_metrics
from alongside.insight.pseudonyms import Pseudonyms
from alongside.insight.schema import TABLES
from alongside.insight.schema_doc import schema_markdown
from alongside.insight.snapshot import write_snapshot
from alongside.journey.selectors import open_care_episodes, open_cp_plans
from alongside.people.models import Person
from alongside.practice_model.models import LocalAuthority

AS_OF = date(2026, 11, 23)
DOCS = Path(__file__).resolve().parents[4] / "docs" / "insight-snapshot.md"


@pytest.fixture(scope="module")
def snapshots(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small demo LA, snapshotted twice: as itself, and as a neighbouring LA (another code, so
    other pseudonyms) for pooling."""
    with django_db_blocker.unblock():
        demo_seed(size="small", seed=7, as_of=AS_OF)
        first = write_snapshot(tmp_path_factory.mktemp("la1"), on=AS_OF)
        month_end = date(2026, 10, 31)
        expected = {
            "cp": len(set(open_cp_plans(month_end).values_list("episode__child_id", flat=True))),
            "cla": len(set(open_care_episodes(month_end).values_list("child_id", flat=True))),
            "surnames": set(Person.objects.values_list("last_name", flat=True)[:300]),
        }
        LocalAuthority.objects.update(dfe_code="998")
        second = write_snapshot(tmp_path_factory.mktemp("la2"), on=AS_OF)
        yield first.directory, second.directory, expected
        call_command("flush", interactive=False, verbosity=0)


def test_every_table_has_exactly_the_documented_columns_and_types(snapshots, db):
    directory = snapshots[0]
    manifest = json.loads((directory / "manifest.json").read_text())
    for name, table in TABLES.items():
        parquet = pq.read_table(directory / f"{name}.parquet")
        assert parquet.schema.equals(table.arrow_schema), name
        assert parquet.num_rows == manifest["rows"][name]
    assert manifest["la_code"] == "999" and manifest["snapshot_on"] == "2026-11-23"
    for name in ("child", "allocation", "referral", "story_entry", "staff", "supervision", "case_audit", "pulse"):
        assert manifest["rows"][name] > 0, f"the demo LA's {name} table is empty"


def test_no_names_leave_the_record(snapshots, db):
    directory, _, expected = snapshots
    surnames = {s for s in expected["surnames"] if len(s) > 3}
    for name in TABLES:
        for column in pq.read_table(directory / f"{name}.parquet").to_pylist():
            for value in column.values():
                assert not (isinstance(value, str) and value in surnames), f"{name} holds a surname"


def test_months_run_to_the_last_complete_month(snapshots, db):
    months = pq.read_table(snapshots[0] / "month.parquet").to_pylist()
    assert months[-1]["month_start"] == date(2026, 10, 1) and months[-1]["month_end"] == date(2026, 10, 31)
    assert months[-1]["year_before_start"] == date(2025, 11, 1)
    assert any(not m["after_go_live"] for m in months) and months[-1]["after_go_live"]


def test_pseudonyms_are_stable_within_an_la_and_differ_between_las():
    key = b"k" * 32
    assert Pseudonyms("999", key).of("child", 42) == Pseudonyms("999", key).of("child", 42)
    assert Pseudonyms("999", key).of("child", 42) != Pseudonyms("998", key).of("child", 42)
    assert Pseudonyms("999", key).of("child", 42) != Pseudonyms("999", key).of("staff", 42)
    assert Pseudonyms("999", key).of("child", None) is None


def test_rates_agree_with_the_apps_own_count_of_open_plans_and_care(snapshots, db):
    directory, _, expected = snapshots
    results = run_duckdb([directory], [all_metrics()["cp_rate"], all_metrics()["cla_rate"]])
    october = date(2026, 10, 1)
    cp = next(r for r in results["cp_rate"] if r.month_start == october and r.pod_id is None)
    cla = next(r for r in results["cla_rate"] if r.month_start == october and r.pod_id is None)
    assert cp.numerator == expected["cp"] and cla.numerator == expected["cla"]
    assert cp.denominator == LocalAuthority.objects.get().child_population


@pytest.mark.skipif(
    os.environ.get("ALONGSIDE_SKIP_SPARK") == "1",
    reason="Spark's figures do not depend on the database; .ci/run checks them once, on the SQLite pass",
)
def test_duckdb_and_spark_give_identical_figures_alone_and_pooled(snapshots, db):
    first, second, _ = snapshots
    duck = run_duckdb([first, second])
    # Settings for data this small: one partition and no code generation take a third of the time
    # and compute the same thing.
    session = spark_session(
        **{
            "spark.sql.shuffle.partitions": "1",
            "spark.sql.adaptive.enabled": "false",
            "spark.sql.codegen.wholeStage": "false",
            "spark.sql.codegen.factoryMode": "NO_CODEGEN",
        }
    )
    try:
        spark = run_spark([first, second])
    finally:
        session.stop()  # a session left to the interpreter's exit logs to closed streams
    assert set(duck) == set(spark) == set(all_metrics())
    for code in duck:
        assert duck[code] == spark[code], code
        assert pooled_rows(duck[code]) == pooled_rows(spark[code])
    # Both LAs are the same record under other ids, so pooling doubles every count.
    for code, rows in duck.items():
        by_la = {}
        for row in rows:
            if row.pod_id is None:
                by_la.setdefault(row.month_start, {})[row.la_code] = row
        for month, las in by_la.items():
            assert las["999"].numerator == las["998"].numerator, (code, month)


def test_pool_prints_each_la_and_the_region_and_writes_csv(snapshots, tmp_path, db):
    first, second, _ = snapshots
    out = StringIO()
    call_command("pool", str(first), str(second), engine="duckdb", csv=tmp_path / "pooled.csv", stdout=out)
    text = out.getvalue()
    assert "999" in text and "998" in text and "pooled" in text and "workers_per_child" in text
    lines = (tmp_path / "pooled.csv").read_text().splitlines()
    assert lines[0] == "metric,la_code,month,numerator,denominator,figure"
    cp = [line.split(",") for line in lines if line.startswith("cp_rate,") and ",2026-10-01," in line]
    by_la = {row[1]: float(row[3]) for row in cp}
    assert by_la["pooled"] == by_la["999"] + by_la["998"]


def test_pool_refuses_a_directory_that_is_not_a_snapshot(tmp_path):
    with pytest.raises(Exception, match="is missing"):
        call_command("pool", str(tmp_path), engine="duckdb", stdout=StringIO())


def test_the_schema_doc_is_up_to_date():
    assert DOCS.read_text() == schema_markdown(), "run: alongside snapshot --schema-doc > docs/insight-snapshot.md"
