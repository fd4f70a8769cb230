"""The impact metrics (metrics/30-44), each on a snapshot built by hand whose answer is worked out in
the comments before the metric runs. DuckDB only; the engine-equivalence test covers Spark."""

from datetime import date

from alongside.insight.testing import SnapshotBuilder, by_key

JAN, FEB, MAR, APR, MAY, JUN = (date(2024, m, 1) for m in range(1, 7))
SOCIAL_WORK_ROLES = ("social_worker", "senior_social_worker", "nqsw", "team_manager")


def pods_in(rows) -> set:
    return {r.pod_id for r in rows}


# Rates per 10,000 children: whole LA only.


def test_cp_rate_counts_children_on_a_plan_after_month_end_and_not_a_plan_that_ends_on_it(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=APR, child_population=20_000)
    # c1: two overlapping plans in February (a data fault): one child, counted once.
    snap.add("cp_plan", cp_plan_id="a", child_id="c1", started_on=date(2023, 10, 1), ended_on=date(2024, 3, 15))
    snap.add("cp_plan", cp_plan_id="b", child_id="c1", started_on=date(2024, 2, 1), ended_on=date(2024, 3, 10))
    # c2 ends on 31 January: not on a plan at the end of January (the DfE's 31 March rule).
    snap.add("cp_plan", cp_plan_id="c", child_id="c2", started_on=date(2024, 1, 10), ended_on=date(2024, 1, 31))
    # c3 starts on 31 January and ends on 1 February: counted in January only.
    snap.add("cp_plan", cp_plan_id="d", child_id="c3", started_on=date(2024, 1, 31), ended_on=date(2024, 2, 1))
    # c4 ends on 31 March: counted in February, not March.
    snap.add("cp_plan", cp_plan_id="e", child_id="c4", started_on=date(2024, 2, 15), ended_on=date(2024, 3, 31))
    # c5 starts on 30 April, open-ended: counted in April.
    snap.add("cp_plan", cp_plan_id="f", child_id="c5", started_on=date(2024, 4, 30))
    rows = snap.run("cp_rate", tmp_path)
    assert by_key(rows) == {JAN: (2, 20_000), FEB: (2, 20_000), MAR: (0, 20_000), APR: (1, 20_000)}
    assert pods_in(rows) == {None}


def test_cla_rate_counts_a_child_once_across_a_same_day_change_of_episode_and_leaves_out_short_breaks(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=MAR, child_population=8_000)
    # c1 changes placement on 31 January: the old episode ends (X1) and the new one starts that day.
    snap.add("care_episode", child_id="c1", started_on=date(2023, 6, 1), ended_on=date(2024, 1, 31), legal_status="C2")
    snap.add("care_episode", child_id="c1", started_on=date(2024, 1, 31), legal_status="C2")
    # c2 stops being looked after on 29 February: counted in January only.
    snap.add("care_episode", child_id="c2", started_on=date(2024, 1, 5), ended_on=date(2024, 2, 29), legal_status="V2")
    # c3 is on short breaks (V3): not looked after in the DfE's count.
    snap.add("care_episode", child_id="c3", started_on=date(2024, 1, 1), legal_status="V3")
    # c4 comes into care on 31 March.
    snap.add("care_episode", child_id="c4", started_on=date(2024, 3, 31), legal_status="C1")
    rows = snap.run("cla_rate", tmp_path)
    assert by_key(rows) == {JAN: (2, 8_000), FEB: (1, 8_000), MAR: (2, 8_000)}
    assert pods_in(rows) == {None}


def test_cin_rate_counts_open_episodes_including_children_on_plans_but_not_no_further_action(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=MAR)
    # c1 is on a CP plan: their CIN episode stays open, so they are a child in need.
    snap.add("referral", referral_id="r1", child_id="c1", referral_date=date(2023, 12, 1))
    snap.add("cp_plan", child_id="c1", referral_id="r1", started_on=date(2023, 12, 20))
    # c2's referral led to no further action: never a child in need, even left without a closure date.
    snap.add("referral", referral_id="r2", child_id="c2", referral_date=date(2024, 1, 10), nfa=True)
    # c3 closes on 31 January: not in need at the end of January.
    snap.add(
        "referral", referral_id="r3", child_id="c3", referral_date=date(2024, 1, 15), closure_date=date(2024, 1, 31)
    )
    # c4 is referred on 29 February and stays open.
    snap.add("referral", referral_id="r4", child_id="c4", referral_date=date(2024, 2, 29))
    # c5 closes on 1 March: in need at the end of January and February.
    snap.add("referral", referral_id="r5", child_id="c5", referral_date=date(2023, 5, 1), closure_date=date(2024, 3, 1))
    rows = snap.run("cin_rate", tmp_path)
    assert by_key(rows) == {JAN: (2, 10_000), FEB: (3, 10_000), MAR: (2, 10_000)}
    assert pods_in(rows) == {None}


def test_a_rate_month_with_no_children_still_has_its_row(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=FEB, child_population=5_000)
    for code in ("cp_rate", "cla_rate", "cin_rate"):
        assert by_key(snap.run(code, tmp_path / code)) == {JAN: (0, 5_000), FEB: (0, 5_000)}


# Care proceedings.


def test_care_applications_count_the_start_of_a_period_under_interim_care_orders(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=JUN)
    # c1: section 20 (V2), then an interim care order from 5 February (counted), then a change of placement
    # on 1 March under the same order (the same proceedings: not counted again).
    snap.add(
        "care_episode",
        care_episode_id="e1",
        child_id="c1",
        started_on=date(2024, 1, 10),
        ended_on=date(2024, 2, 5),
        legal_status="V2",
    )
    snap.add(
        "care_episode",
        care_episode_id="e2",
        child_id="c1",
        started_on=date(2024, 2, 5),
        ended_on=date(2024, 3, 1),
        legal_status="C1",
    )
    snap.add(
        "care_episode",
        care_episode_id="e3",
        child_id="c1",
        started_on=date(2024, 3, 1),
        ended_on=date(2024, 8, 1),
        legal_status="C1",
    )
    snap.add("allocation", child_id="c1", staff_id="s1", pod_id="p1", started_on=date(2023, 12, 1))
    # c2: comes into care under an interim care order on 31 January; no allocation, so pod 'none'.
    snap.add("care_episode", care_episode_id="e4", child_id="c2", started_on=date(2024, 1, 31), legal_status="C1")
    # c3: an earlier period under an interim order ended in 2022; new proceedings in April 2024 count.
    snap.add(
        "care_episode",
        care_episode_id="e5",
        child_id="c3",
        started_on=date(2022, 1, 1),
        ended_on=date(2022, 6, 1),
        legal_status="C1",
        end_reason="E4A",
    )
    snap.add("care_episode", care_episode_id="e6", child_id="c3", started_on=date(2024, 4, 1), legal_status="C1")
    snap.add("allocation", child_id="c3", staff_id="s2", pod_id="p2", started_on=date(2024, 3, 20))
    # c4: a full care order (C2) is not an interim order.
    snap.add("care_episode", care_episode_id="e7", child_id="c4", started_on=date(2024, 2, 10), legal_status="C2")
    # c5: police protection (L1) from 30 May, then an interim care order on 1 June, the day the worker changed
    # from pod p1 to pod p2: the newer allocation's pod counts.
    snap.add(
        "care_episode",
        care_episode_id="e8",
        child_id="c5",
        started_on=date(2024, 5, 30),
        ended_on=date(2024, 6, 1),
        legal_status="L1",
    )
    snap.add("care_episode", care_episode_id="e9", child_id="c5", started_on=date(2024, 6, 1), legal_status="C1")
    snap.add(
        "allocation", child_id="c5", staff_id="s3", pod_id="p1", started_on=date(2024, 3, 1), ended_on=date(2024, 6, 1)
    )
    snap.add("allocation", child_id="c5", staff_id="s4", pod_id="p2", started_on=date(2024, 6, 1))
    # c6: an interim order from 1 January (counted), ended 10 March, and another from 11 March: a period that
    # ran up to the day before is the same proceedings.
    snap.add(
        "care_episode",
        care_episode_id="e10",
        child_id="c6",
        started_on=date(2024, 1, 1),
        ended_on=date(2024, 3, 10),
        legal_status="C1",
    )
    snap.add("care_episode", care_episode_id="e11", child_id="c6", started_on=date(2024, 3, 11), legal_status="C1")
    snap.add(
        "allocation", child_id="c6", staff_id="s1", pod_id="p1", started_on=date(2023, 12, 1), ended_on=date(2024, 2, 1)
    )
    rows = snap.run("care_applications", tmp_path)
    # Every month has the whole-LA row; no denominator.
    assert by_key(rows) == {
        JAN: (2, None),
        FEB: (1, None),
        MAR: (0, None),
        APR: (1, None),
        MAY: (0, None),
        JUN: (1, None),
    }
    assert by_key(rows, "p1") == {JAN: (1, None), FEB: (1, None)}  # c6, then c1
    assert by_key(rows, "none") == {JAN: (1, None)}  # c2
    assert by_key(rows, "p2") == {APR: (1, None), JUN: (1, None)}  # c3, c5
    # Shown by quarter: the months summed.
    la = by_key(rows)
    assert sum(la[m][0] for m in (JAN, FEB, MAR)) == 3
    assert sum(la[m][0] for m in (APR, MAY, JUN)) == 2


# Re-referrals and repeat plans.


def test_re_referrals_look_back_12_months_from_the_referral_date_including_29_february(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=date(2025, 3, 1))

    def refer(child, day, **more):
        snap.add("referral", referral_id=f"{child}-{day}", child_id=child, referral_date=day, **more)

    # 29 February 2024 less 12 months is 28 February 2023: c1's earlier referral that day counts, c2's on the
    # 27th does not. c3 and c4 are first referrals on 29 February.
    refer("c1", date(2023, 2, 28))
    refer("c1", date(2024, 2, 29))
    refer("c2", date(2023, 2, 27))
    refer("c2", date(2024, 2, 29))
    refer("c3", date(2024, 2, 29))
    refer("c4", date(2024, 2, 29))
    # 28 February 2025 less 12 months is 28 February 2024, so c3's referral of 29 February 2024 is within it;
    # 1 March 2025 less 12 months is 1 March 2024, so c4's is not.
    refer("c3", date(2025, 2, 28))
    refer("c4", date(2025, 3, 1))
    # c5: a referral with no further action still counts as the previous referral.
    refer("c5", date(2024, 1, 5), nfa=True, closure_date=date(2024, 1, 5))
    refer("c5", date(2024, 3, 20))
    snap.add("allocation", child_id="c5", staff_id="s2", pod_id="p2", started_on=date(2024, 3, 20))
    # c6: exactly 12 months (5 March to 5 March) counts; c7: 12 months and a day does not.
    refer("c6", date(2023, 3, 5))
    refer("c6", date(2024, 3, 5))
    snap.add("allocation", child_id="c6", staff_id="s1", pod_id="p1", started_on=date(2023, 3, 5))
    refer("c7", date(2023, 3, 5))
    refer("c7", date(2024, 3, 6))
    # c7's allocation ended the day before the referral: pod 'none'.
    snap.add(
        "allocation", child_id="c7", staff_id="s1", pod_id="p1", started_on=date(2023, 3, 5), ended_on=date(2024, 3, 5)
    )
    rows = snap.run("re_referrals", tmp_path)
    assert by_key(rows) == {
        JAN: (0, 1),  # c5's first referral
        FEB: (1, 4),  # c1 of c1-c4
        MAR: (2, 3),  # c5 and c6 of c5-c7
        date(2025, 2, 1): (1, 1),  # c3
        date(2025, 3, 1): (0, 1),  # c4
    }  # months with no referral have no row
    assert by_key(rows, "p1") == {MAR: (1, 1)}
    assert by_key(rows, "p2") == {MAR: (1, 1)}
    assert by_key(rows, "none")[MAR] == (0, 1)


def test_repeat_cp_plans_count_plans_with_a_previous_plan(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=MAR)
    snap.add("cp_plan", cp_plan_id="a", child_id="c1", started_on=date(2024, 1, 1), previous_plans=0)
    snap.add("cp_plan", cp_plan_id="b", child_id="c2", started_on=date(2024, 1, 31), previous_plans=2)
    snap.add("cp_plan", cp_plan_id="c", child_id="c3", started_on=date(2024, 1, 15))  # not recorded: first
    snap.add("cp_plan", cp_plan_id="d", child_id="c4", started_on=date(2023, 12, 31), previous_plans=1)  # before
    snap.add("cp_plan", cp_plan_id="e", child_id="c5", started_on=date(2024, 2, 1), previous_plans=1)
    snap.add("allocation", child_id="c1", staff_id="s1", pod_id="p1", started_on=date(2023, 11, 1))
    snap.add("allocation", child_id="c2", staff_id="s1", pod_id="p1", started_on=date(2024, 1, 31))
    rows = snap.run("repeat_cp_plans", tmp_path)
    assert by_key(rows) == {JAN: (1, 3), FEB: (1, 1)}  # March: no plan started, no row
    assert by_key(rows, "p1") == {JAN: (1, 2)}
    assert by_key(rows, "none") == {JAN: (0, 1), FEB: (1, 1)}


# Families' experience.


def test_complaints_and_compliments_are_counts_with_a_whole_la_row_every_month(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=MAR)
    snap.add("complaint", complaint_id="k1", received_on=date(2024, 1, 1), pod_id="p1")
    snap.add("complaint", complaint_id="k2", received_on=date(2024, 1, 31))
    snap.add("complaint", complaint_id="k3", received_on=date(2024, 3, 15), pod_id="p1")
    snap.add("complaint", complaint_id="k4", received_on=date(2023, 12, 31), pod_id="p1")
    snap.add("compliment", compliment_id="m1", received_on=date(2024, 2, 29), pod_id="p2")
    snap.add("compliment", compliment_id="m2", received_on=date(2024, 2, 1), pod_id="p2")
    snap.add("compliment", compliment_id="m3", received_on=date(2024, 2, 10))
    complaints = snap.run("complaints", tmp_path / "complaints")
    assert by_key(complaints) == {JAN: (2, None), FEB: (0, None), MAR: (1, None)}
    assert by_key(complaints, "p1") == {JAN: (1, None), MAR: (1, None)}
    assert by_key(complaints, "none") == {JAN: (1, None)}
    compliments = snap.run("compliments", tmp_path / "compliments")
    assert by_key(compliments) == {JAN: (0, None), FEB: (3, None), MAR: (0, None)}
    assert by_key(compliments, "p2") == {FEB: (2, None)}
    assert by_key(compliments, "none") == {FEB: (1, None)}


def test_complaints_answered_on_time_by_the_month_of_the_response(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=MAR)
    # Answered on the due day: on time.
    snap.add(
        "complaint",
        complaint_id="k1",
        received_on=date(2024, 1, 2),
        stage1_due_on=date(2024, 1, 16),
        stage1_responded_on=date(2024, 1, 16),
    )
    # A day late, answered on 31 January.
    snap.add(
        "complaint",
        complaint_id="k2",
        received_on=date(2024, 1, 16),
        pod_id="p1",
        stage1_due_on=date(2024, 1, 30),
        stage1_responded_on=date(2024, 1, 31),
    )
    # Not answered yet: not counted anywhere.
    snap.add("complaint", complaint_id="k3", received_on=date(2024, 1, 20), stage1_due_on=date(2024, 2, 2))
    # Received in January, due in January, answered late on 1 February: counts in February.
    snap.add(
        "complaint",
        complaint_id="k4",
        received_on=date(2024, 1, 5),
        pod_id="p1",
        stage1_due_on=date(2024, 1, 19),
        stage1_responded_on=date(2024, 2, 1),
    )
    rows = snap.run("complaints_answered_on_time", tmp_path)
    assert by_key(rows) == {JAN: (1, 2), FEB: (0, 1)}
    assert by_key(rows, "p1") == {JAN: (0, 1), FEB: (0, 1)}
    assert by_key(rows, "none") == {JAN: (1, 1)}


def test_family_feedback_helped_a_lot_or_a_bit(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=MAR)
    snap.add("family_feedback", feedback_id="f1", given_on=date(2024, 1, 1), pod_id="p1", how_it_went="helped_a_lot")
    snap.add("family_feedback", feedback_id="f2", given_on=date(2024, 1, 31), pod_id="p1", how_it_went="helped_a_bit")
    snap.add("family_feedback", feedback_id="f3", given_on=date(2024, 1, 9), pod_id="p2", how_it_went="not_helped")
    snap.add("family_feedback", feedback_id="f4", given_on=date(2024, 2, 1), how_it_went="helped_a_lot")
    rows = snap.run("family_feedback_helped", tmp_path)
    assert by_key(rows) == {JAN: (2, 3), FEB: (1, 1)}  # March: none given, no row
    assert by_key(rows, "p1") == {JAN: (2, 2)}
    assert by_key(rows, "p2") == {JAN: (0, 1)}
    assert by_key(rows, "none") == {FEB: (1, 1)}


def test_family_view_yes_takes_the_pod_from_the_audit(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=FEB)
    snap.add("case_audit", audit_id="a1", child_id="c1", pod_id="p1", submitted_on=date(2024, 1, 3))
    snap.add("case_audit", audit_id="a2", child_id="c2", pod_id="p2", submitted_on=date(2024, 1, 3))
    for question, answer in (("q1", "yes"), ("q2", "yes"), ("q3", "sometimes")):
        snap.add("family_view", audit_id="a1", given_on=date(2024, 1, 10), question=question, answer=answer)
    snap.add("family_view", audit_id="a2", given_on=date(2024, 1, 31), question="q1", answer="no")
    snap.add("family_view", audit_id="a2", given_on=date(2024, 2, 29), question="q2", answer="yes")
    # An audit the snapshot does not hold: pod 'none'.
    snap.add("family_view", audit_id="a3", given_on=date(2024, 2, 1), question="q1", answer="yes")
    rows = snap.run("family_view_yes", tmp_path)
    assert by_key(rows) == {JAN: (2, 4), FEB: (2, 2)}
    assert by_key(rows, "p1") == {JAN: (2, 3)}
    assert by_key(rows, "p2") == {JAN: (0, 1), FEB: (1, 1)}
    assert by_key(rows, "none") == {FEB: (1, 1)}


# The workforce.


def test_safe_and_supported_takes_the_whole_service_row_as_given_and_skips_suppressed_rows(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=JUN)
    # A round closing 15 January too small to report at all: no January figure.
    snap.add("pulse", round_closes_on=date(2024, 1, 15), pod_id=None, answered=None, agreed=None)
    # Closing on 31 March: p2 suppressed. The whole service is 15 of 20, not p1's 6 of 8 (p2's answers are in
    # the whole-service count though its own figure is not shown).
    snap.add("pulse", round_closes_on=date(2024, 3, 31), pod_id=None, answered=20, agreed=15)
    snap.add("pulse", round_closes_on=date(2024, 3, 31), pod_id="p1", answered=8, agreed=6)
    snap.add("pulse", round_closes_on=date(2024, 3, 31), pod_id="p2", answered=None, agreed=None)
    snap.add("pulse", round_closes_on=date(2024, 6, 1), pod_id=None, answered=12, agreed=9)
    snap.add("pulse", round_closes_on=date(2024, 6, 1), pod_id="p1", answered=7, agreed=5)
    snap.add("pulse", round_closes_on=date(2024, 6, 1), pod_id="p2", answered=5, agreed=4)
    rows = snap.run("safe_and_supported", tmp_path)
    assert by_key(rows) == {MAR: (15, 20), JUN: (9, 12)}
    assert by_key(rows, "p1") == {MAR: (6, 8), JUN: (5, 7)}
    assert by_key(rows, "p2") == {JUN: (4, 5)}
    assert len(rows) == 5


def test_agency_share_of_social_workers_in_post_at_month_end(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=FEB)

    def staff(staff_id, role, employment, pod_id=None, started_on=date(2020, 1, 1), left_on=None):
        snap.add(
            "staff",
            staff_id=staff_id,
            role=role,
            employment=employment,
            pod_id=pod_id,
            started_on=started_on,
            left_on=left_on,
        )

    staff("s1", "social_worker", "permanent", "p1")
    staff("s2", "senior_social_worker", "agency", "p1", started_on=date(2023, 6, 1))
    # Last day 31 January: gone at the end of January.
    staff("s3", "nqsw", "permanent", "p2", left_on=date(2024, 1, 31))
    # Starts on 31 January, no pod.
    staff("s4", "team_manager", "agency", started_on=date(2024, 1, 31))
    # Not social-work roles.
    staff("s5", "business_support", "agency", "p1")
    staff("s6", "personal_adviser", "agency", "p1")
    staff("s7", "social_worker", "permanent", "p2", started_on=date(2024, 2, 1))
    rows = snap.run("agency_share", tmp_path)
    assert by_key(rows) == {JAN: (2, 3), FEB: (2, 4)}  # s2, s4 of s1, s2, s4 (and s7 in February)
    assert by_key(rows, "p1") == {JAN: (1, 2), FEB: (1, 2)}
    assert by_key(rows, "none") == {JAN: (1, 1), FEB: (1, 1)}
    assert by_key(rows, "p2") == {FEB: (0, 1)}


def test_turnover_counts_permanent_leavers_in_the_12_months_to_month_end_across_29_february(tmp_path):
    feb_2025 = date(2025, 2, 1)
    snap = SnapshotBuilder(first_month=FEB, last_month=feb_2025)

    def staff(
        staff_id, role="social_worker", employment="permanent", pod_id=None, started_on=date(2019, 1, 1), left_on=None
    ):
        snap.add(
            "staff",
            staff_id=staff_id,
            role=role,
            employment=employment,
            pod_id=pod_id,
            started_on=started_on,
            left_on=left_on,
        )

    staff("s1", pod_id="p1")  # in post throughout
    staff("s2", pod_id="p1", left_on=date(2024, 2, 29))
    staff("s3", role="senior_social_worker", pod_id="p2", left_on=date(2024, 2, 28))
    staff("s4", pod_id="p2", left_on=date(2023, 3, 1))  # the first day of the 12 months to 29 February 2024
    staff("s5", pod_id="p2", left_on=date(2023, 2, 28))  # the day before it
    staff("s6", employment="agency", pod_id="p1", left_on=date(2024, 1, 10))  # agency: not in turnover
    staff("s7", role="business_support", pod_id="p1", left_on=date(2024, 1, 10))  # not a social worker
    # Started and left within the year: a leaver.
    staff("s8", role="nqsw", pod_id="p1", started_on=date(2023, 5, 1), left_on=date(2023, 9, 30))
    staff("s9", role="team_manager", pod_id="p2")
    staff("s10", started_on=date(2024, 6, 1))  # no pod
    rows = snap.run("turnover", tmp_path)
    la = by_key(rows)
    # 1 March 2023 to 29 February 2024: leavers s2, s3, s4, s8; in post s1, s9.
    assert la[FEB] == (4, 2)
    # 1 April 2023 to 31 March 2024: s4 drops out.
    assert la[MAR] == (3, 2)
    # 29 February 2024 to 28 February 2025: s2 only (s3 left the day before); in post s1, s9, s10.
    assert la[feb_2025] == (1, 3)
    assert by_key(rows, "p1")[FEB] == (2, 1)  # s2, s8; s1
    assert by_key(rows, "p2")[FEB] == (2, 1)  # s3, s4; s9
    assert by_key(rows, "p1")[feb_2025] == (1, 1)
    assert by_key(rows, "p2")[feb_2025] == (0, 1)
    assert by_key(rows, "none")[feb_2025] == (0, 1)


def test_vacancy_rate_fills_each_role_of_the_model_pod_only_with_its_own_permanent_workers(tmp_path):
    snap = SnapshotBuilder(first_month=JAN, last_month=FEB)
    for role, per_pod in (
        ("team_manager", 1),
        ("senior_social_worker", 1),
        ("social_worker", 3),
        ("nqsw", 1),
        ("business_support", 1),
    ):
        snap.add("model_pod_role", role=role, per_pod=per_pod)
    snap.add("pod", pod_id="p1", service="family_safeguarding")
    snap.add("pod", pod_id="p2", service="children_in_care")
    snap.add("pod", pod_id="p3", service="early_help")  # not built of the model's social-work pod

    def staff(staff_id, role, pod_id, employment="permanent", started_on=date(2020, 1, 1), left_on=None):
        snap.add(
            "staff",
            staff_id=staff_id,
            role=role,
            employment=employment,
            pod_id=pod_id,
            started_on=started_on,
            left_on=left_on,
        )

    # p1: a manager, two seniors for one senior post (the surplus fills nothing else), one permanent and one
    # agency social worker for three posts, no newly qualified worker: 6 posts, 3 filled.
    staff("a", "team_manager", "p1")
    staff("b", "senior_social_worker", "p1")
    staff("c", "senior_social_worker", "p1")
    staff("d", "social_worker", "p1")
    staff("e", "social_worker", "p1", employment="agency")
    staff("f", "business_support", "p1")
    # A second permanent social worker joins p1 on 1 February.
    staff("g", "social_worker", "p1", started_on=date(2024, 2, 1))
    # p2: the manager's last day is 31 January, three social workers and a newly qualified worker: 4 filled.
    staff("h", "team_manager", "p2", left_on=date(2024, 1, 31))
    for staff_id in ("i", "j", "k"):
        staff(staff_id, "social_worker", "p2")
    staff("l", "nqsw", "p2")
    staff("m", "early_help_worker", "p3")
    rows = snap.run("vacancy_rate", tmp_path)
    assert by_key(rows) == {JAN: (5, 12), FEB: (4, 12)}
    assert by_key(rows, "p1") == {JAN: (3, 6), FEB: (2, 6)}
    assert by_key(rows, "p2") == {JAN: (2, 6), FEB: (2, 6)}
    assert pods_in(rows) == {None, "p1", "p2"}
