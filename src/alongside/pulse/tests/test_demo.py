"""The demo's pulse survey: the last four closed rounds, about two in three staff answering, answers
that read like a real service's, and valid rows."""

import random
from collections import Counter, defaultdict
from datetime import date
from types import SimpleNamespace

import pytest

from alongside.demo.generator import Generator
from alongside.demo.sizes import SIZES
from alongside.practice_model.config import operating_model
from alongside.pulse.models import AGREEING, PulseAnswer, PulseRound

AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def small():
    generator = Generator(SIZES["small"], 11, AS_OF)
    generator.run()
    return generator


def test_the_last_four_closed_quarters_with_the_configs_statements(small):
    rounds = small.rows["pulse_rounds"]
    assert [(r.opens_on, r.closes_on) for r in rounds] == [
        (date(2025, 10, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
    ]
    statements = [(s["code"], s["statement"]) for s in rounds[0].statements]
    assert statements == list(operating_model().pulse_survey.statements)


def test_about_two_in_three_staff_answer_each_round_once(small):
    answers = Counter(a.round_id for a in small.rows["pulse_answers"])
    for round_ in small.rows["pulse_rounds"]:
        in_post = [
            s
            for s in small.rows["staff"]
            if s.started_on <= round_.closes_on and (s.left_on is None or s.left_on > round_.closes_on)
        ]
        took_part = [p for p in small.rows["pulse_participations"] if p.round_id == round_.id]
        assert len({p.staff_id for p in took_part}) == len(took_part) == answers[round_.id]
        assert 0.5 <= len(took_part) / len(in_post) <= 0.85


def test_every_answer_is_a_valid_row(small):
    rounds = {r.id: PulseRound(**vars(r)) for r in small.rows["pulse_rounds"]}
    for row in small.rows["pulse_answers"]:
        answer = PulseAnswer(**vars(row))
        answer.round = rounds[row.round_id]
        answer.full_clean(validate_unique=False, exclude=["round", "pod", "team"])


def test_most_feel_supported_but_fewer_find_their_caseload_manageable(small):
    agreeing, total = Counter(), Counter()
    for row in small.rows["pulse_answers"]:
        for code, value in row.answers.items():
            total[code] += 1
            agreeing[code] += value in AGREEING
    share = {code: agreeing[code] / total[code] for code in total}
    assert share["safe_supported"] > 0.65 and share["safe_supported"] > share["caseload_manageable"] + 0.1


def test_pods_over_their_caseload_caps_agree_less(small):
    generator = Generator(SIZES["small"], 11, AS_OF)
    generator.rng = random.Random(1)
    worker = SimpleNamespace(role="social_worker", pod_id=1, team_id=1)
    shares = defaultdict(list)
    for strain in (0.0, 1.0):
        for _ in range(400):
            row = generator._pulse_answer(1, worker, 0, {1: strain}, {}, {1: 1}, set())
            shares[strain].append(row.answers["caseload_manageable"] in AGREEING)
    assert sum(shares[1.0]) / 400 < sum(shares[0.0]) / 400 - 0.3


def test_some_small_pods_fall_under_five_answers(small):
    by_pod = Counter((a.round_id, a.pod_id) for a in small.rows["pulse_answers"] if a.pod_id)
    assert min(by_pod.values()) < operating_model().pulse_survey.smallest_group <= max(by_pod.values())


def test_no_comment_is_written_twice_in_a_round(small):
    texts = [(a.round_id, a.free_text) for a in small.rows["pulse_answers"] if a.free_text]
    assert texts and len(set(texts)) == len(texts)
