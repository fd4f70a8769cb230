"""The demo's compliments and complaints: valid rows, on the procedure's timescales, and at the rates
councils report."""

from collections import Counter
from datetime import date

import pytest

from alongside.complaints import models
from alongside.demo.generator import Generator
from alongside.demo.sizes import SIZES
from alongside.lib.working_days import calendar_for

AS_OF = date(2026, 11, 23)
MODELS = {
    "complaints": models.Complaint,
    "complaint_stages": models.Stage,
    "complaint_learning": models.Learning,
    "compliments": models.Compliment,
}


@pytest.fixture(scope="module")
def medium():
    return Generator(SIZES["medium"], 11, AS_OF).run()


def test_every_row_is_valid_for_its_model(medium):
    for name, model in MODELS.items():
        assert medium[name], f"no {name}"
        for row in medium[name]:
            model(**vars(row)).full_clean(
                validate_unique=False,
                validate_constraints=False,
                exclude=[f.name for f in model._meta.fields if f.is_relation],
            )


def test_the_rates_are_those_councils_report(medium):
    open_cases = sum(1 for a in medium["allocations"] if a.ended_on is None and a.pod_id is not None)
    complaints = medium["complaints"]
    per_100_a_year = len(complaints) / open_cases * 100 / 2
    assert 1 <= per_100_a_year <= 2
    reached = Counter(stage.number for stage in medium["complaint_stages"])
    # About one in five go on to stage 2 (25 complaints: a handful), fewer to stage 3.
    assert 1 <= reached[2] <= 0.35 * reached[1] and reached[3] <= reached[2]
    assert 0.5 <= len(medium["compliments"]) / len(complaints) <= 2
    assert Counter(c.status for c in complaints)["open"] >= 3


def test_stages_follow_the_procedure_and_nothing_happens_after_today(medium):
    calendar = calendar_for(2024, 2027)
    stage_1 = [s for s in medium["complaint_stages"] if s.number == 1]
    for stage in medium["complaint_stages"]:
        days = {1: 10, 2: 25, 3: 30}[stage.number]
        assert calendar.between(stage.started_on, stage.due_on) == days
        if stage.extended_to:
            assert stage.due_on < stage.extended_to and stage.extension_reason
            assert calendar.between(stage.started_on, stage.extended_to) <= {1: 20, 2: 65}[stage.number]
        for day in (stage.started_on, stage.responded_on, stage.panel_held_on, stage.findings_on):
            assert day is None or day <= AS_OF
        assert (stage.responded_on is None) == (stage.outcome == "")
    answered = [s for s in stage_1 if s.responded_on]
    on_time = sum(s.responded_on <= (s.extended_to or s.due_on) for s in answered)
    assert on_time / len(answered) >= 0.75 and on_time < len(answered)  # mostly on time, a few late
