"""Small-number suppression, proved: fewer than five answers are never reported, nor is a group that
could be worked out from the groups shown, and free text only for the whole service."""

from datetime import timedelta

import pytest

from alongside.pulse.selectors import (
    HIDDEN_TO_PROTECT,
    TOO_FEW,
    RoundStillOpen,
    pulse_round_results,
    pulse_rounds_reported,
    pulse_trend,
    safe_and_supported_by_pod,
)
from alongside.pulse.services import pulse_round_current
from alongside.pulse.suppression import cells_to_show
from alongside.pulse.tests.helpers import LAST_ROUND, TODAY, answer_in
from alongside.testing import factories as f
from alongside.workforce.models import StaffRole

NOT_SHOWN = TOO_FEW.format(smallest=5)


def results():
    return pulse_round_results(pulse_round_current(LAST_ROUND), on=TODAY)


def by_label(groups):
    return {group.label: group for group in groups}


@pytest.fixture
def team(db):
    return f.TeamFactory(name="Riverside")


def test_four_answers_in_a_pod_are_not_shown(team):
    answer_in(f.PodFactory(name="Small pod", team=team), 4)
    answer_in(f.PodFactory(name="Big pod", team=team), 8)
    small = by_label(results().by_pod)["Small pod"]
    assert not small.shown and small.note == NOT_SHOWN
    assert small.answers is None and set(small.agreeing.values()) == {None}


def test_five_answers_in_a_pod_are_shown(team):
    answer_in(f.PodFactory(name="Five pod", team=team), 5, agreeing=2)
    answer_in(f.PodFactory(name="Other pod", team=team), 6)
    five = by_label(results().by_pod)["Five pod"]
    assert five.shown and five.answers == 5 and five.agreeing["safe_supported"] == 40


def test_the_only_hidden_pod_cannot_be_worked_out_from_the_total(team):
    """Whole service 10 = 6 + 4: showing the 6 would give away the 4. The next smallest is hidden too."""
    answer_in(f.PodFactory(name="Pod A", team=team), 6)
    answer_in(f.PodFactory(name="Pod B", team=team), 4, agreeing=1)
    shown = results()
    assert shown.whole.shown and shown.whole.answers == 10
    pods = by_label(shown.by_pod)
    assert pods["Pod B"].note == NOT_SHOWN
    assert not pods["Pod A"].shown and pods["Pod A"].note == HIDDEN_TO_PROTECT


def test_with_three_pods_the_next_smallest_is_hidden_and_the_largest_shown(team):
    answer_in(f.PodFactory(name="Pod A", team=team), 6)
    answer_in(f.PodFactory(name="Pod B", team=team), 4)
    answer_in(f.PodFactory(name="Pod C", team=team), 9)
    pods = by_label(results().by_pod)
    assert [pods[name].shown for name in ("Pod A", "Pod B", "Pod C")] == [False, False, True]


def test_two_hidden_pods_that_together_are_under_five_hide_another(team):
    """6 + 2 + 2: the two small pods together are 4 people, which the total minus 6 would give away."""
    answer_in(f.PodFactory(name="Pod A", team=team), 6)
    answer_in(f.PodFactory(name="Pod B", team=team), 2)
    answer_in(f.PodFactory(name="Pod C", team=team), 2)
    assert not any(group.shown for group in results().by_pod)


def test_a_pod_hidden_within_its_team_is_not_given_away_by_the_team(db):
    """Team North (13) = pod 10 + pod 3; showing North and its 10 would give away the 3, even though
    the whole-service breakdown by pod has another hidden pod."""
    north, south = f.TeamFactory(name="North"), f.TeamFactory(name="South")
    answer_in(f.PodFactory(name="North big", team=north), 10)
    answer_in(f.PodFactory(name="North small", team=north), 3)
    answer_in(f.PodFactory(name="South big", team=south), 12)
    answer_in(f.PodFactory(name="South small", team=south), 4)
    shown = results()
    pods, teams = by_label(shown.by_pod), by_label(shown.by_team)
    assert teams["North"].shown and teams["South"].shown
    assert not pods["North big"].shown and not pods["South big"].shown


def test_role_groups_are_suppressed_the_same_way(team):
    pod = f.PodFactory(name="Pod A", team=team)
    answer_in(pod, 8)
    answer_in(pod, 3, role=StaffRole.TEAM_MANAGER)
    roles = by_label(results().by_role_group)
    assert roles["Managers"].note == NOT_SHOWN
    assert roles["Social workers"].note == HIDDEN_TO_PROTECT


def test_fewer_than_five_answers_in_the_round_show_nothing_and_no_free_text(team):
    answer_in(f.PodFactory(team=team), 4, text="Comment {n}")
    shown = results()
    assert not shown.whole.shown and shown.whole.note == NOT_SHOWN
    assert shown.free_text == []
    assert not any(g.shown for g in shown.by_pod + shown.by_team + shown.by_role_group)


def test_free_text_is_shown_for_the_whole_service_in_a_shuffled_order(team):
    answer_in(f.PodFactory(team=team), 3, text="")
    answer_in(f.PodFactory(team=team), 6, text="Comment {n}")
    shown = results()
    assert sorted(shown.free_text) == [f"Comment {n}" for n in range(6)]
    orders = {tuple(results().free_text) for _ in range(30)}
    assert len(orders) > 1  # 30 identical orders of six comments by chance: about 1 in 10^80


def test_an_open_round_is_not_reported(team):
    answer_in(f.PodFactory(team=team), 6, on=TODAY)
    with pytest.raises(RoundStillOpen):
        pulse_round_results(pulse_round_current(TODAY), on=TODAY)
    assert list(pulse_rounds_reported(on=TODAY)) == []
    assert pulse_trend(on=TODAY) == [] and safe_and_supported_by_pod(on=TODAY) == []


def test_safe_and_supported_by_pod_for_the_dashboard(team):
    answer_in(f.PodFactory(name="Pod A", team=team), 7, agreeing=5)
    answer_in(f.PodFactory(name="Pod B", team=team), 8, agreeing=2)
    answer_in(f.PodFactory(name="Pod C", team=team), 3)
    rows = {row.pod: row for row in safe_and_supported_by_pod(on=TODAY)}
    assert (rows["Pod A"].share_agreeing, rows["Pod A"].answers) == (None, None)  # next smallest, hidden
    assert (rows["Pod B"].share_agreeing, rows["Pod B"].answers) == (25, 8)
    assert rows["Pod C"].share_agreeing is None and rows["Pod C"].note == NOT_SHOWN
    assert {row.opens_on for row in rows.values()} == {pulse_round_current(LAST_ROUND).opens_on}


def test_trend_is_every_closed_round_oldest_first(team):
    pod = f.PodFactory(team=team)
    answer_in(pod, 5, agreeing=1, on=LAST_ROUND - timedelta(days=100))
    answer_in(pod, 5, agreeing=4)
    trend = pulse_trend(on=TODAY)
    assert [r.whole.agreeing["safe_supported"] for r in trend] == [20, 80]


@pytest.mark.parametrize(
    "counts,sums,wanted,shown",
    [
        # A total with one small part: both parts hidden, the total shown.
        ({"t": 10, "a": 6, "b": 4}, [("t", ["a", "b"])], ["t", "a", "b"], {"t"}),
        # Nothing to hide.
        ({"t": 11, "a": 6, "b": 5}, [("t", ["a", "b"])], ["t", "a", "b"], {"t", "a", "b"}),
        # A part of zero people is no cover for a small one.
        ({"t": 10, "a": 6, "b": 4, "c": 0}, [("t", ["a", "b", "c"])], ["t", "a", "b", "c"], {"t"}),
        # A small total: it and its parts hidden.
        ({"t": 4, "a": 2, "b": 2}, [("t", ["a", "b"])], ["t", "a", "b"], set()),
        # Two breakdowns of one total: hiding in one does not give away the other.
        (
            {"t": 12, "a": 8, "b": 4, "x": 6, "y": 6},
            [("t", ["a", "b"]), ("t", ["x", "y"])],
            ["t", "a", "b", "x", "y"],
            {"t", "x", "y"},
        ),
        # A pod that is its team's only pod: hiding the small pod's neighbour also hides the
        # neighbour's team (equal to it), and the whole service stays shown.
        (
            {"w": 20, "p1": 13, "p2": 2, "p3": 5, "t1": 13, "t2": 2, "t3": 5, "f1": 13, "f2": 2, "f3": 5},
            [("w", ["p1", "p2", "p3"]), ("w", ["t1", "t2", "t3"])]
            + [(group, [f"f{group[1]}"]) for group in ("p1", "p2", "p3", "t1", "t2", "t3")],
            ["w", "p1", "p2", "p3", "t1", "t2", "t3"],
            {"w", "p1", "t1"},
        ),
    ],
)
def test_cells_to_show(counts, sums, wanted, shown):
    assert cells_to_show(counts, sums, wanted, 5) == shown
