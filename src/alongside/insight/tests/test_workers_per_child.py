from datetime import date

from alongside.insight.testing import SnapshotBuilder, by_key


def test_a_child_with_two_workers_in_the_year_counts_two_and_the_pod_rows_sum_to_the_la(tmp_path):
    snap = SnapshotBuilder(first_month=date(2024, 1, 1), last_month=date(2024, 3, 1))
    # c1: worker s1 in January, s2 from 1 February (an allocation ends on the day the next starts, as in
    # the app). c2: s3 throughout, in another pod.
    snap.add(
        "allocation",
        child_id="c1",
        staff_id="s1",
        pod_id="p1",
        started_on=date(2023, 11, 1),
        ended_on=date(2024, 2, 1),
    )
    snap.add("allocation", child_id="c1", staff_id="s2", pod_id="p1", started_on=date(2024, 2, 1))
    snap.add("allocation", child_id="c2", staff_id="s3", pod_id="p2", started_on=date(2024, 1, 10))
    # c3 closed in January: not open at any month end after it.
    snap.add(
        "allocation", child_id="c3", staff_id="s3", pod_id="p2", started_on=date(2023, 6, 1), ended_on=date(2024, 1, 15)
    )
    # c4's worker changed on 31 March: at the end of March c4 is held by s5 alone, in p2.
    snap.add(
        "allocation", child_id="c4", staff_id="s4", pod_id="p1", started_on=date(2024, 3, 1), ended_on=date(2024, 3, 31)
    )
    snap.add("allocation", child_id="c4", staff_id="s5", pod_id="p2", started_on=date(2024, 3, 31))
    rows = snap.run("workers_per_child", tmp_path)
    la = by_key(rows)
    assert la[date(2024, 1, 1)] == (2, 2)  # c1 with s1, c2 with s3
    assert la[date(2024, 2, 1)] == (3, 2)  # c1 has had s1 and s2
    assert by_key(rows, "p1")[date(2024, 2, 1)] == (2, 1)
    assert by_key(rows, "p2")[date(2024, 2, 1)] == (1, 1)
    assert by_key(rows, "p1")[date(2024, 3, 1)] == (2, 1)  # c1 only: c4 left p1 on the last day
    assert by_key(rows, "p2")[date(2024, 3, 1)] == (3, 2)  # c2 with s3; c4 with s4 and s5 in the year
    assert by_key(rows)[date(2024, 3, 1)] == (5, 3)
