"""From metric rows to figures: a year is its months' numerators over their denominators, the
12 months before go-live against the latest 12, counts per month, quarters, pooling, and a title
that states the finding once in the figure's own unit."""

from datetime import date

from dateutil.relativedelta import relativedelta

from alongside.insight.engines import Row
from alongside.insight.figures import build_figure, pooled_rows
from alongside.insight.metrics import all_metrics

GO_LIVE = date(2024, 1, 15)
MONTHS = [date(2023, 1, 1) + relativedelta(months=i) for i in range(24)]


def rows(values: dict[date, tuple], la="999", pod=None):
    return [Row(la, month, pod, num, den) for month, (num, den) in values.items()]


def test_a_share_over_a_year_counts_every_event_once_and_the_title_states_the_finding():
    metric = all_metrics()["re_referrals"]
    before = {m: (1, 10) for m in MONTHS[:12]}  # 12 of 120: 10%
    after = {m: (3, 10) for m in MONTHS[12:]}
    after[MONTHS[-1]] = (0, 90)  # 33 of 200: 16.5%, not the mean of the months (26%)
    figure = build_figure(metric, rows(before | after), MONTHS, GO_LIVE)
    assert figure.comparison.before == 10.0
    assert figure.comparison.after == 16.5
    assert figure.finding == "Re-referrals within 12 months rose from 10% to 16% since the model started"
    assert figure.comparison.before_label == "Jan 2023 to Dec 2023"


def test_a_rate_names_its_unit_once_and_a_small_change_is_about_the_same():
    metric = all_metrics()["workers_per_child"]
    figure = build_figure(
        metric, rows({m: (102 if m >= date(2024, 1, 1) else 100, 100) for m in MONTHS}), MONTHS, GO_LIVE
    )
    assert figure.finding.count("per child") == 1
    assert "about the same" in figure.finding


def test_counts_are_per_month_with_empty_months_as_zero_and_quarters_add_up():
    complaints = all_metrics()["complaints"]
    figure = build_figure(complaints, rows({MONTHS[0]: (12, None), MONTHS[13]: (6, None)}), MONTHS, GO_LIVE)
    assert figure.points[1].value == 0
    assert figure.comparison.before == 1.0 and figure.comparison.after == 0.5
    proceedings = all_metrics()["care_applications"]
    quarterly = build_figure(proceedings, rows({MONTHS[0]: (2, None), MONTHS[2]: (1, None)}), MONTHS, GO_LIVE)
    assert quarterly.points[0].label == "Jan\u2013Mar 2023" and quarterly.points[0].value == 3
    assert len(quarterly.points) == 8


def test_without_a_year_before_go_live_there_is_no_comparison_only_the_latest_month():
    metric = all_metrics()["re_referrals"]
    figure = build_figure(metric, rows({m: (1, 4) for m in MONTHS}), MONTHS, date(2023, 6, 1))
    assert figure.comparison is None
    assert figure.finding == "Re-referrals within 12 months: 25% in Dec 2024"


def test_pooling_sums_whole_la_rows_across_las_and_ignores_pods():
    pooled = pooled_rows(
        rows({MONTHS[0]: (1, 10)}, la="999") + rows({MONTHS[0]: (3, 30)}, la="998") + rows({MONTHS[0]: (5, 5)}, pod="p")
    )
    assert [(r.la_code, r.numerator, r.denominator) for r in pooled] == [("pooled", 4, 40)]
