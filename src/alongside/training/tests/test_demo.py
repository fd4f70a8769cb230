"""The demo's training records: the induction for most staff after the go-live, restorative practice
for most case holders, motivational interviewing for about half, some run out; valid rows."""

from collections import Counter
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from alongside.demo.generator import Generator
from alongside.demo.sizes import SIZES
from alongside.practice_model.config import operating_model
from alongside.training.models import TrainingCompletion

AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def small():
    generator = Generator(SIZES["small"], 11, AS_OF)
    generator.run()
    return generator


def test_every_completion_is_a_valid_row_in_the_persons_time_for_a_course_they_need(small):
    staff = {s.id: s for s in small.rows["staff"]}
    model = operating_model().training
    seen = set()
    for row in small.rows["training_completions"]:
        TrainingCompletion(**vars(row)).full_clean(validate_unique=False, exclude=["staff", "recorded_by", "replaces"])
        person = staff[row.staff_id]
        assert person.started_on <= row.completed_on <= min(person.left_on or AS_OF, AS_OF)
        assert person.role in model.course(row.course).roles
        assert (row.staff_id, row.course, row.completed_on) not in seen
        seen.add((row.staff_id, row.course, row.completed_on))


def test_uptake_reads_like_a_service_a_year_or_two_into_the_model(small):
    model = operating_model().training
    current = [s for s in small.rows["staff"] if s.left_on is None]
    done = {(r.staff_id, r.course) for r in small.rows["training_completions"]}

    def share(code):
        needing = [s for s in current if s.role in model.course(code).roles]
        return sum((s.id, code) in done for s in needing) / len(needing)

    assert share("model_induction") > 0.65
    # About 30 people need each course in the small LA: the bounds allow for chance.
    assert 0.6 <= share("restorative_practice") <= 0.95
    assert 0.35 <= share("motivational_interviewing") <= 0.8


def test_inductions_follow_the_go_live_and_some_completions_have_run_out(small):
    inductions = [r for r in small.rows["training_completions"] if r.course == "model_induction"]
    assert all(r.completed_on >= small.go_live for r in inductions)
    model = operating_model().training
    latest = {}
    for row in small.rows["training_completions"]:
        key = (row.staff_id, row.course)
        latest[key] = max(latest.get(key, row.completed_on), row.completed_on)
    run_out = Counter(
        course
        for (_, course), day in latest.items()
        if model.course(course).refresh_months
        and day + relativedelta(months=model.course(course).refresh_months) <= AS_OF
    )
    assert sum(run_out.values()) >= 1
