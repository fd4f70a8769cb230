"""The fidelity metrics on small snapshots built by hand, each answer worked out before the metric runs.

Months are 2023-12 to 2024-03 unless a test says otherwise; their working days are 19, 22, 21 and 20.
A month with nothing to count has no row (by_key leaves it out)."""

from datetime import date

import pytest

from alongside.insight.engines import run
from alongside.insight.metrics import HEADER_KEYS, all_metrics
from alongside.insight.testing import SnapshotBuilder, by_key

DEC, JAN, FEB, MAR = date(2023, 12, 1), date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
LONG_AGO = date(2020, 1, 1)

FIDELITY = [
    "workers_per_child",
    "handovers_complete",
    "assessments_child_view",
    "plans_agreed",
    "direct_work_share",
    "supervision_to_standard",
    "group_supervision_attendance",
    "caseload_within_cap",
    "pod_size_against_model",
    "assessments_on_time",
    "icpc_on_time",
    "staff_trained",
    "audits_good_or_better",
    "audit_answers_good_or_better",
]


def snapshot(first=JAN, last=MAR) -> SnapshotBuilder:
    return SnapshotBuilder(first_month=first, last_month=last)


def add_staff(snap, staff_id, role, pod_id=None, started_on=LONG_AGO, left_on=None, case_holding=True):
    snap.add(
        "staff",
        staff_id=staff_id,
        role=role,
        pod_id=pod_id,
        started_on=started_on,
        left_on=left_on,
        case_holding=case_holding,
        employment="permanent",
    )


def allocate(snap, child_id, pod_id, started_on=LONG_AGO, ended_on=None, staff_id="sw", allocation_id=None):
    snap.add(
        "allocation",
        allocation_id=allocation_id or f"a-{child_id}-{started_on}",
        child_id=child_id,
        staff_id=staff_id,
        pod_id=pod_id,
        started_on=started_on,
        ended_on=ended_on,
    )


# --- every metric ---------------------------------------------------------------------------------


def test_every_metric_file_loads_with_its_header_and_the_fidelity_metrics_are_all_there():
    all_metrics.cache_clear()
    metrics = all_metrics()
    assert [code for code, m in metrics.items() if m.group == "fidelity"] == FIDELITY
    for metric in metrics.values():
        assert all(getattr(metric, key) for key in HEADER_KEYS if key != "scale"), metric.code
        assert metric.scale > 0


def test_every_metric_runs_on_an_empty_snapshot(tmp_path):
    # The columns are checked by the runner; an empty record gives no fidelity rows at all.
    snap = snapshot()
    snap.write(tmp_path)
    results = run("duckdb", [tmp_path])
    assert set(results) == set(all_metrics())
    assert all(results[code] == [] for code in FIDELITY)


# --- 02 handovers complete ------------------------------------------------------------------------


def test_handovers_count_complete_only_with_all_three_parts_by_the_new_allocations_pod(tmp_path):
    snap = snapshot()
    allocate(snap, "c1", "p1", allocation_id="a1", started_on=date(2024, 1, 10))
    allocate(snap, "c2", "p2", allocation_id="a2", started_on=date(2024, 1, 31))
    allocate(snap, "c3", None, allocation_id="a3", started_on=date(2024, 2, 1))
    full = dict(has_summary=True, has_family_message=True, has_joint_visit=True)
    snap.add("handover", handover_id="h1", child_id="c1", allocation_id="a1", opened_on=date(2024, 1, 10), **full)
    # No joint visit: a manager closing it with a reason does not make it complete.
    snap.add(
        "handover",
        handover_id="h2",
        child_id="c2",
        allocation_id="a2",
        opened_on=date(2024, 1, 31),
        has_summary=True,
        has_family_message=True,
        incomplete_reason_given=True,
        completed_on=date(2024, 2, 5),
    )
    snap.add("handover", handover_id="h3", child_id="c3", allocation_id="a3", opened_on=date(2024, 2, 1), **full)
    # An allocation the snapshot does not hold: no pod known.
    snap.add("handover", handover_id="h4", child_id="c4", allocation_id="gone", opened_on=date(2024, 2, 15), **full)
    snap.add("handover", handover_id="h5", child_id="c1", allocation_id="a1", opened_on=date(2023, 12, 31), **full)
    rows = snap.run("handovers_complete", tmp_path)
    assert by_key(rows) == {JAN: (1, 2), FEB: (2, 2)}  # March: no handovers, no row
    assert by_key(rows, "p1") == {JAN: (1, 1)}
    assert by_key(rows, "p2") == {JAN: (0, 1)}
    assert by_key(rows, "none") == {FEB: (2, 2)}


# --- 03 assessments with the child's view ---------------------------------------------------------


def test_assessments_with_the_childs_view_by_the_pod_holding_the_child_on_the_day(tmp_path):
    snap = snapshot()
    # c1 changes worker on 15 January: the old allocation ends that day, the new one starts it.
    allocate(snap, "c1", "p1", started_on=date(2023, 6, 1), ended_on=date(2024, 1, 15))
    allocate(snap, "c1", "p2", started_on=date(2024, 1, 15))
    # c3's case closed on 1 February: still open that day.
    allocate(snap, "c3", "p1", started_on=date(2023, 6, 1), ended_on=date(2024, 2, 1))
    add = snap.add
    add("assessment", assessment_id="x1", child_id="c1", authorised_on=date(2024, 1, 15), child_view_recorded=True)
    add(
        "assessment",
        assessment_id="x2",
        child_id="c1",
        authorised_on=date(2024, 1, 10),
        child_view_not_gained_reason=True,
    )
    add("assessment", assessment_id="x3", child_id="c2", authorised_on=date(2024, 1, 31), child_view_recorded=True)
    add("assessment", assessment_id="x4", child_id="c3", authorised_on=date(2024, 2, 1), child_view_recorded=True)
    add("assessment", assessment_id="x5", child_id="c3", started_on=date(2024, 1, 5), child_view_recorded=True)
    add("assessment", assessment_id="x6", child_id="c3", authorised_on=date(2023, 12, 31), child_view_recorded=True)
    rows = snap.run("assessments_child_view", tmp_path)
    assert by_key(rows) == {JAN: (2, 3), FEB: (1, 1)}
    assert by_key(rows, "p1") == {JAN: (0, 1), FEB: (1, 1)}  # x2 (no view), then x4
    assert by_key(rows, "p2") == {JAN: (1, 1)}  # x1, on the day of the change: the new pod
    assert by_key(rows, "none") == {JAN: (1, 1)}  # x3: c2 has no allocation


# --- 04 plans agreed ------------------------------------------------------------------------------


def test_plans_agreed_by_the_worker_or_by_the_familys_latest_portal_answer(tmp_path):
    snap = snapshot()
    allocate(snap, "c1", "p1")
    allocate(snap, "c3", "p2")

    def version(plan_id, number, written_on, agreement="", child_id="c1"):
        snap.add(
            "plan_version",
            plan_id=plan_id,
            child_id=child_id,
            plan_kind="cin",
            number=number,
            written_on=written_on,
            family_agreement=agreement,
        )

    def answer(plan_id, number, agreement, responded_on):
        snap.add("plan_response", plan_id=plan_id, number=number, agreement=agreement, responded_on=responded_on)

    # P1 v1: the worker recorded agreement; a later 'disagreed' in the portal does not undo it.
    version("P1", 1, date(2024, 1, 5), "agreed")
    answer("P1", 1, "disagreed", date(2024, 1, 9))
    # P1 v2: the worker recorded 'partly'; the family first disagreed, then agreed.
    version("P1", 2, date(2024, 1, 20), "partly")
    answer("P1", 2, "disagreed", date(2024, 1, 22))
    answer("P1", 2, "agreed", date(2024, 2, 10))
    answer("P1", 3, "disagreed", date(2024, 1, 22))  # another version's latest answer: not this one's
    # P2 v1: agreed first, then only partly. An 'agreed' for version 2 (never written) is not for version 1.
    version("P2", 1, date(2024, 1, 25))
    answer("P2", 1, "agreed", date(2024, 1, 26))
    answer("P2", 1, "partly", date(2024, 2, 3))
    answer("P2", 2, "agreed", date(2024, 2, 20))
    # P3 v1 (c3, pod p2): two parents answered on the same latest day and differ.
    version("P3", 1, date(2024, 1, 31), "disagreed", child_id="c3")
    answer("P3", 1, "agreed", date(2024, 2, 1))
    answer("P3", 1, "disagreed", date(2024, 2, 1))
    # P4 v1 (c2, no allocation): both parents agreed on the same day.
    version("P4", 1, date(2024, 2, 1), child_id="c2")
    answer("P4", 1, "agreed", date(2024, 2, 2))
    answer("P4", 1, "agreed", date(2024, 2, 2))
    version("P5", 1, date(2023, 12, 31), "agreed")
    rows = snap.run("plans_agreed", tmp_path)
    assert by_key(rows) == {JAN: (2, 4), FEB: (1, 1)}
    assert by_key(rows, "p1") == {JAN: (2, 3)}
    assert by_key(rows, "p2") == {JAN: (0, 1)}
    assert by_key(rows, "none") == {FEB: (1, 1)}


# --- 05 direct work share -------------------------------------------------------------------------


def test_direct_work_share_counts_staff_minutes_by_the_authors_pod(tmp_path):
    snap = snapshot()
    add_staff(snap, "s1", "social_worker", "p1")
    add_staff(snap, "s2", "social_worker", "p2")
    add_staff(snap, "s3", "personal_adviser", None)

    def entry(kind, occurred_on, author, minutes):
        snap.add("story_entry", kind=kind, occurred_on=occurred_on, author_staff_id=author, minutes=minutes)

    entry("home_visit", date(2024, 1, 1), "s1", 60)
    entry("direct_work", date(2024, 1, 31), "s1", 30)
    entry("case_note", date(2024, 1, 10), "s1", 30)
    entry("contact", date(2024, 1, 12), "s2", 20)
    entry("home_visit", date(2024, 1, 12), "s2", None)  # no time recorded: left out
    entry("family_words", date(2024, 1, 12), None, 15)  # a family's entry: left out
    entry("direct_work", date(2024, 1, 20), "s3", 45)
    entry("meeting", date(2024, 1, 21), "not-in-staff", 40)
    entry("direct_work", date(2024, 2, 29), "s2", 50)
    entry("home_visit", date(2023, 12, 31), "s1", 100)
    rows = snap.run("direct_work_share", tmp_path)
    # January: direct 60 + 30 + 45 = 135 of 60 + 30 + 30 + 20 + 45 + 40 = 225 minutes (60%).
    assert by_key(rows) == {JAN: (135, 225), FEB: (50, 50)}
    assert by_key(rows, "p1") == {JAN: (90, 120)}
    assert by_key(rows, "p2") == {JAN: (0, 20), FEB: (50, 50)}
    assert by_key(rows, "none") == {JAN: (45, 85)}
    metric = all_metrics()["direct_work_share"]
    assert metric.figure(135, 225) == 60
    assert metric.target == 80


# --- 06 supervision to standard -------------------------------------------------------------------


def test_supervision_against_each_roles_standard_for_staff_in_post_all_month(tmp_path):
    snap = snapshot(DEC, FEB)
    snap.add("standard", role="social_worker", supervision_every_working_days=20, caseload_cap=18.0)
    snap.add("standard", role="personal_adviser", supervision_every_working_days=20, caseload_cap=25.0)
    snap.add("standard", role="nqsw", supervision_every_working_days=10, caseload_cap=12.0)
    snap.add("standard", role="team_manager")
    add_staff(snap, "s1", "social_worker", "p1")
    add_staff(snap, "s2", "nqsw", "p1", started_on=date(2023, 9, 1))
    add_staff(snap, "s3", "team_manager", "p1")
    add_staff(snap, "s4", "social_worker", "p2", started_on=date(2024, 1, 2))
    add_staff(snap, "s5", "social_worker", "p2", left_on=date(2024, 1, 31))
    add_staff(snap, "s6", "social_worker", "p2", left_on=date(2024, 1, 30))
    add_staff(snap, "s7", "personal_adviser", None)
    add_staff(snap, "s8", "social_worker", "p2", started_on=date(2024, 2, 1))
    add_staff(snap, "s9", "business_support", "p1", case_holding=False)
    for who, day in [
        ("s1", date(2023, 11, 30)),
        ("s1", date(2023, 12, 31)),
        ("s1", date(2024, 1, 31)),
        ("s2", date(2023, 12, 5)),
        ("s2", date(2024, 1, 10)),
        ("s2", date(2024, 2, 1)),
        ("s2", date(2024, 2, 29)),
        ("s3", date(2024, 1, 5)),
        ("s4", date(2024, 2, 10)),
        ("s7", date(2024, 1, 1)),
        ("s9", date(2024, 1, 8)),
    ]:
        snap.add("supervision", supervisor_id="s3", supervisee_id=who, held_on=day)
    rows = snap.run("supervision_to_standard", tmp_path)
    # December has 19 working days: one session is enough even for the newly qualified worker
    # (19 / 10 rounds down to 1) and for the rest (19 / 20 rounds down to 0, at least 1).
    # January (22) and February (21): one each, two for the newly qualified worker.
    # Dec: s1 yes, s2 yes, s5 no, s6 no, s7 no. Jan: s1 yes, s2 no (one of two), s5 no, s7 yes.
    # Feb: s1 no, s2 yes, s4 yes, s7 no, s8 no.
    assert by_key(rows) == {DEC: (2, 5), JAN: (2, 4), FEB: (2, 5)}
    assert by_key(rows, "p1") == {DEC: (2, 2), JAN: (1, 2), FEB: (1, 2)}
    assert by_key(rows, "p2") == {DEC: (0, 2), JAN: (0, 1), FEB: (1, 2)}
    assert by_key(rows, "none") == {DEC: (0, 1), JAN: (1, 1), FEB: (0, 1)}


# --- 07 group supervision attendance --------------------------------------------------------------


def test_group_session_attendance_of_case_holders_in_a_pod(tmp_path):
    snap = snapshot()
    add_staff(snap, "a1", "social_worker", "p1")
    add_staff(snap, "a2", "nqsw", "p1")
    add_staff(snap, "a3", "team_manager", "p1")
    add_staff(snap, "a4", "business_support", "p1", case_holding=False)
    add_staff(snap, "a5", "social_worker", None)
    add_staff(snap, "a6", "social_worker", "p2", started_on=date(2024, 1, 15))
    add_staff(snap, "a7", "social_worker", "p2", left_on=date(2024, 2, 29))
    # g1: led by a3, who is not on the attendance list; g2 (another pod's) records no leader.
    snap.add("group_session", session_id="g1", pod_id="p1", held_on=date(2024, 1, 31), facilitator_id="a3")
    snap.add("group_session", session_id="g2", pod_id="p2", held_on=date(2024, 2, 1))
    snap.add("group_session", session_id="g3", pod_id="p1", held_on=date(2023, 12, 20), facilitator_id="a3")
    for session, staff in [("g1", "a1"), ("g1", "a4"), ("g1", "a5"), ("g2", "a1"), ("g2", "a6"), ("g3", "a2")]:
        snap.add("group_attendance", session_id=session, staff_id=staff)
    rows = snap.run("group_supervision_attendance", tmp_path)
    # Jan: a1 yes, a2 no, a3 yes (led g1), a7 no; a6 started mid-month. Feb: a1 yes (at another pod's
    # session), a2 no, a3 no, a6 yes, a7 no. March: no sessions, a7 has gone.
    assert by_key(rows) == {JAN: (2, 4), FEB: (2, 5), MAR: (0, 4)}
    assert by_key(rows, "p1") == {JAN: (2, 3), FEB: (1, 3), MAR: (0, 3)}
    assert by_key(rows, "p2") == {JAN: (0, 1), FEB: (1, 2), MAR: (0, 1)}
    assert by_key(rows, "none") == {}


# --- 08 caseload within cap -----------------------------------------------------------------------

WEIGHTS = {
    "early_help": 0.5,
    "child_in_need": 1.0,
    "child_protection": 1.5,
    "looked_after": 1.25,
    "care_leaver": 0.75,
    "proceedings_extra": 0.5,
}
JAN_END = date(2024, 1, 31)
SINCE = dict(started_on=date(2023, 6, 1))
REFERRAL = dict(referral_date=date(2023, 5, 1))

# Each child's weight at 31 January 2024, with what is recorded for them.
WEIGHT_CASES = [
    ("in care (section 20), also on a plan and in need", 1.25, [
        ("care_episode", {"legal_status": "V2", **SINCE}), ("cp_plan", SINCE), ("referral", REFERRAL),
    ]),
    ("in care proceedings (C1)", 1.75, [("care_episode", {"legal_status": "C1", **SINCE})]),
    ("in care proceedings, also a care leaver", 1.75, [
        ("care_episode", {"legal_status": "C1", **SINCE}), ("care_leaver", SINCE),
    ]),
    ("on a plan, also a care leaver and in need", 1.5, [
        ("cp_plan", SINCE), ("care_leaver", SINCE), ("referral", REFERRAL),
    ]),
    ("a care leaver, also in need", 0.75, [("care_leaver", SINCE), ("referral", REFERRAL)]),
    ("in need, also early help", 1.0, [("referral", REFERRAL), ("early_help", SINCE)]),
    ("early help only", 0.5, [("early_help", SINCE)]),
    ("nothing open", 1.0, []),
    ("referral closed on the month end: early help", 0.5, [
        ("referral", {**REFERRAL, "closure_date": JAN_END}), ("early_help", SINCE),
    ]),
    ("referral with no further action: early help", 0.5, [
        ("referral", {**REFERRAL, "nfa": True}), ("early_help", SINCE),
    ]),
    ("care ended on the month end, a plan started on it", 1.5, [
        ("care_episode", {"legal_status": "C1", **SINCE, "ended_on": JAN_END}), ("cp_plan", {"started_on": JAN_END}),
    ]),
    ("a care leaver to February, care from February", 0.75, [
        ("care_leaver", {**SINCE, "ended_on": date(2024, 2, 5)}),
        ("care_episode", {"legal_status": "C1", "started_on": date(2024, 2, 1)}),
    ]),
    ("care leaving ended on the month end: early help", 0.5, [
        ("care_leaver", {**SINCE, "ended_on": JAN_END}), ("early_help", SINCE),
    ]),
    ("early help ended on the month end: nothing open", 1.0, [("early_help", {**SINCE, "ended_on": JAN_END})]),
    ("early help and a plan both ended in January", 1.0, [
        ("early_help", {**SINCE, "ended_on": date(2024, 1, 30)}), ("cp_plan", {**SINCE, "ended_on": date(2024, 1, 15)}),
    ]),
]  # fmt: skip


def add_weights(snap, caps):
    for involvement, weight in WEIGHTS.items():
        snap.add("caseload_weight", involvement=involvement, weight=weight)
    for role, cap in caps.items():
        snap.add("standard", role=role, supervision_every_working_days=20, caseload_cap=cap)


def test_each_childs_weight_follows_the_most_intensive_open_involvement(tmp_path):
    # Each case is one child held by one worker whose cap is the expected weight (pod 'at': within)
    # and a twin held by a worker whose cap is a quarter less (pod 'below': over). Weights are
    # quarters, so all within in one pod and all over in the other means each weight is exact.
    snap = snapshot(JAN, JAN)
    add_weights(snap, {})
    for number, (_, weight, records) in enumerate(WEIGHT_CASES):
        for pod, cap in (("at", weight), ("below", weight - 0.25)):
            child, worker, role = f"k{number}{pod}", f"w{number}{pod}", f"role{number}{pod}"
            snap.add("standard", role=role, caseload_cap=cap)
            add_staff(snap, worker, role, pod)
            allocate(snap, child, pod, started_on=date(2023, 6, 1), staff_id=worker)
            for table, values in records:
                snap.add(table, child_id=child, **values)
    rows = snap.run("caseload_within_cap", tmp_path)
    cases = len(WEIGHT_CASES)
    assert by_key(rows, "at") == {JAN: (cases, cases)}
    assert by_key(rows, "below") == {JAN: (0, cases)}


def test_weighted_caseloads_against_caps_by_pod_for_workers_holding_children(tmp_path):
    snap = snapshot(DEC, JAN)
    add_weights(snap, {"social_worker": 4.0, "nqsw": 2.0, "personal_adviser": 1.0})
    snap.add("standard", role="team_manager", supervision_every_working_days=None, caseload_cap=None)
    add_staff(snap, "w1", "social_worker", "p1")
    add_staff(snap, "w2", "social_worker", "p1")
    add_staff(snap, "w3", "nqsw", "p2")
    add_staff(snap, "w4", "personal_adviser", None)
    add_staff(snap, "w5", "team_manager", "p1")
    add_staff(snap, "w6", "social_worker", "p2")
    add_staff(snap, "w7", "social_worker", "p1", left_on=date(2024, 1, 30))
    add_staff(snap, "w9", "social_worker", "p2", left_on=JAN_END)
    start = date(2024, 1, 1)
    held = {"k1": "w1", "k2": "w1", "k3": "w2", "k4": "w2", "k7": "w3", "k8": "w3", "k9": "w4", "k10": "w4"}
    held |= {"k11": "w5", "k12": "w7", "k13": "w9"}
    for child, worker in held.items():
        allocate(snap, child, "pod-of-allocation", started_on=start, staff_id=worker)
    # k6 moves from w2 to w3 on 31 January: on that day it is w3's, not w2's.
    allocate(snap, "k6", "p1", started_on=start, ended_on=JAN_END, staff_id="w2")
    allocate(snap, "k6", "p2", started_on=JAN_END, staff_id="w3")
    for child in ("k1", "k2", "k13"):
        snap.add("cp_plan", child_id=child, started_on=start)
    for child in ("k3", "k4"):
        snap.add("care_episode", child_id=child, started_on=start, legal_status="C1")
    for child in ("k7", "k8"):
        snap.add("early_help", child_id=child, started_on=start)
    for child in ("k9", "k10"):
        snap.add("care_leaver", child_id=child, started_on=start)
    rows = snap.run("caseload_within_cap", tmp_path)
    # w1: 1.5 + 1.5 = 3 of 4. w2: 1.75 + 1.75 = 3.5 of 4 (with k6 it would be 4.5). w3: k6 (nothing
    # open, 1) + 0.5 + 0.5 = 2 of 2, at the cap. w4: 0.75 + 0.75 = 1.5 of 1, over. w5 has no cap, w6
    # holds no one, w7 left before the month end; w9's last day is the month end: 1.5 of 4.
    # December: no one held anyone.
    assert by_key(rows) == {JAN: (4, 5)}
    assert by_key(rows, "p1") == {JAN: (2, 2)}
    assert by_key(rows, "p2") == {JAN: (2, 2)}
    assert by_key(rows, "none") == {JAN: (0, 1)}


# --- 09 pod size against the model ----------------------------------------------------------------


def test_pod_size_counts_model_roles_in_social_work_pods_with_anyone_in_post(tmp_path):
    snap = snapshot(DEC, MAR)
    for role, per_pod in [
        ("team_manager", 1),
        ("senior_social_worker", 1),
        ("social_worker", 3),
        ("nqsw", 1),
        ("business_support", 1),
    ]:
        snap.add("model_pod_role", role=role, per_pod=per_pod)
    for pod, service in [
        ("p1", "family_safeguarding"),
        ("p2", "children_in_care"),
        ("p3", "disabled_children"),
        ("p4", "care_leavers"),
        ("p5", "early_help"),
    ]:
        snap.add("pod", pod_id=pod, pod_name=pod, team_name="t", service=service)
    jan = date(2024, 1, 1)
    # p1: 8 in the model's roles (two senior social workers) and a personal adviser, who does not count.
    roles = ["team_manager", "senior_social_worker", "senior_social_worker", "nqsw", "business_support"]
    roles += ["social_worker"] * 3 + ["personal_adviser"]
    for number, role in enumerate(roles):
        add_staff(snap, f"p1-{number}", role, "p1", started_on=jan)
    # p2: two social workers throughout; one whose last day is 31 January, one who left on the 30th;
    # a senior and a newly qualified worker from February.
    add_staff(snap, "p2-a", "social_worker", "p2", started_on=jan)
    add_staff(snap, "p2-b", "social_worker", "p2", started_on=jan)
    add_staff(snap, "p2-c", "social_worker", "p2", started_on=jan, left_on=date(2024, 1, 31))
    add_staff(snap, "p2-d", "social_worker", "p2", started_on=jan, left_on=date(2024, 1, 30))
    add_staff(snap, "p2-e", "senior_social_worker", "p2", started_on=date(2024, 2, 15))
    add_staff(snap, "p2-f", "nqsw", "p2", started_on=date(2024, 2, 29))
    # p3: one manager in January only; from February the pod is empty and not counted.
    add_staff(snap, "p3-a", "team_manager", "p3", started_on=jan, left_on=date(2024, 1, 31))
    add_staff(snap, "p4-a", "team_manager", "p4", started_on=jan)
    add_staff(snap, "p5-a", "team_manager", "p5", started_on=jan)
    add_staff(snap, "nopod", "social_worker", None, started_on=jan)
    rows = snap.run("pod_size_against_model", tmp_path)
    assert by_key(rows) == {JAN: (12, 21), FEB: (12, 14), MAR: (12, 14)}  # December: no one yet
    assert by_key(rows, "p1") == {JAN: (8, 7), FEB: (8, 7), MAR: (8, 7)}
    assert by_key(rows, "p2") == {JAN: (3, 7), FEB: (4, 7), MAR: (4, 7)}
    assert by_key(rows, "p3") == {JAN: (1, 7)}
    assert by_key(rows, "p4") == by_key(rows, "p5") == by_key(rows, "none") == {}


# --- 10 assessments on time -----------------------------------------------------------------------


def test_assessments_on_time_when_authorised_on_or_before_the_due_day(tmp_path):
    snap = snapshot()
    allocate(snap, "c1", "p1")
    allocate(snap, "c2", "p2", started_on=date(2024, 2, 1))
    add = snap.add
    add("assessment", assessment_id="x1", child_id="c1", authorised_on=date(2024, 1, 10), due_on=date(2024, 1, 10))
    add("assessment", assessment_id="x2", child_id="c1", authorised_on=date(2024, 1, 31), due_on=date(2024, 1, 30))
    add("assessment", assessment_id="x3", child_id="c9", authorised_on=date(2024, 1, 20))  # no due day
    add("assessment", assessment_id="x4", child_id="c2", authorised_on=date(2024, 2, 1), due_on=date(2024, 3, 1))
    add("assessment", assessment_id="x5", child_id="c2", started_on=date(2024, 2, 1), due_on=date(2024, 2, 20))
    rows = snap.run("assessments_on_time", tmp_path)
    assert by_key(rows) == {JAN: (1, 3), FEB: (1, 1)}
    assert by_key(rows, "p1") == {JAN: (1, 2)}
    assert by_key(rows, "none") == {JAN: (0, 1)}
    assert by_key(rows, "p2") == {FEB: (1, 1)}


# --- 11 ICPC on time ------------------------------------------------------------------------------


def test_conferences_on_time_by_the_month_they_were_held(tmp_path):
    snap = snapshot()
    allocate(snap, "c1", "p1")
    allocate(snap, "c2", "p1", started_on=date(2023, 6, 1), ended_on=date(2024, 1, 31))
    allocate(snap, "c2", "p2", started_on=date(2024, 1, 31))
    add = snap.add
    add("section47", s47_id="e1", child_id="c1", icpc_date=date(2024, 1, 1), icpc_due_on=date(2024, 1, 3))
    add("section47", s47_id="e2", child_id="c2", icpc_date=date(2024, 1, 31), icpc_due_on=date(2024, 1, 30))
    add("section47", s47_id="e3", child_id="c1", icpc_due_on=date(2024, 1, 15))  # not held yet
    add("section47", s47_id="e4", child_id="c1", icpc_not_required=True, icpc_due_on=date(2024, 2, 1))
    add("section47", s47_id="e5", child_id="c9", icpc_date=date(2024, 2, 14), icpc_due_on=date(2024, 2, 14))
    add("section47", s47_id="e6", child_id="c1", icpc_date=date(2023, 12, 29), icpc_due_on=date(2024, 1, 2))
    rows = snap.run("icpc_on_time", tmp_path)
    assert by_key(rows) == {JAN: (1, 2), FEB: (1, 1)}
    assert by_key(rows, "p1") == {JAN: (1, 1)}
    assert by_key(rows, "p2") == {JAN: (0, 1)}  # held on the day c2 moved to p2
    assert by_key(rows, "none") == {FEB: (1, 1)}


# --- 12 staff trained -----------------------------------------------------------------------------


def test_staff_trained_in_the_model_at_each_month_end(tmp_path):
    snap = snapshot(JAN, FEB)
    for role in ("social_worker", "team_manager", "head_of_service", "business_support"):
        snap.add("course_role", course="model_induction", role=role)
    snap.add("course_role", course="restorative_practice", role="personal_adviser")
    snap.add("course_role", course="restorative_practice", role="social_worker")
    add_staff(snap, "t1", "social_worker", "p1")
    add_staff(snap, "t2", "social_worker", "p1")
    add_staff(snap, "t3", "team_manager", "p1")
    add_staff(snap, "t4", "head_of_service", None)
    add_staff(snap, "t5", "personal_adviser", "p2")
    add_staff(snap, "t6", "social_worker", "p2", left_on=date(2024, 2, 15))
    add_staff(snap, "t7", "social_worker", "p2")
    add_staff(snap, "t8", "social_worker", "p2", started_on=date(2024, 2, 29))

    def done(staff_id, course, completed_on, expires_on=None):
        snap.add("training", staff_id=staff_id, course=course, completed_on=completed_on, expires_on=expires_on)

    done("t1", "model_induction", date(2024, 1, 31))
    done("t2", "model_induction", date(2024, 2, 1))
    done("t3", "model_induction", date(2023, 1, 1), expires_on=date(2024, 1, 31))  # runs out on the month end
    done("t3", "model_induction", date(2024, 2, 20))
    done("t4", "model_induction", date(2022, 5, 1), expires_on=date(2025, 5, 1))
    done("t5", "restorative_practice", date(2023, 5, 1))
    done("t7", "restorative_practice", date(2023, 5, 1))
    rows = snap.run("staff_trained", tmp_path)
    # Jan: t1, t4 of t1, t2, t3, t4, t6, t7. Feb: t1, t2, t3, t4 of t1, t2, t3, t4, t7, t8.
    assert by_key(rows) == {JAN: (2, 6), FEB: (4, 6)}
    assert by_key(rows, "p1") == {JAN: (1, 3), FEB: (3, 3)}
    assert by_key(rows, "p2") == {JAN: (0, 2), FEB: (0, 2)}
    assert by_key(rows, "none") == {JAN: (1, 1), FEB: (1, 1)}


# --- 13 and 14 case file audits -------------------------------------------------------------------


@pytest.fixture
def audits():
    snap = snapshot()

    def audit(audit_id, pod_id, submitted_on, auditor_grade, final_grade, grades=()):
        snap.add(
            "case_audit",
            audit_id=audit_id,
            round_id="r1",
            child_id=f"c-{audit_id}",
            pod_id=pod_id,
            submitted_on=submitted_on,
            auditor_grade=auditor_grade,
            final_grade=final_grade,
        )
        for number, grade in enumerate(grades):
            snap.add("audit_answer", audit_id=audit_id, question=f"q{number}", theme="The child's voice", grade=grade)

    # a1's and a1b's grades were moderated up, a2's down: the final grade counts.
    audit("a1", "p1", date(2024, 1, 5), "requires_improvement", "good", ["good", "outstanding", "requires_improvement"])
    audit("a1b", "p1", date(2024, 1, 5), "inadequate", "good", ["not_applicable", ""])
    audit("a2", "p1", date(2024, 1, 31), "good", "requires_improvement")
    audit("a3", None, date(2024, 1, 15), "outstanding", "outstanding", ["inadequate", "good"])
    audit("a4", "p2", date(2024, 2, 1), "inadequate", "inadequate", ["not_applicable"])
    audit("a5", "p1", date(2024, 3, 31), "good", "good", ["good"])
    audit("a6", "p1", date(2023, 12, 31), "good", "good", ["good", "good"])
    return snap


def test_audits_good_or_better_by_final_grade(audits, tmp_path):
    rows = audits.run("audits_good_or_better", tmp_path)
    assert by_key(rows) == {JAN: (3, 4), FEB: (0, 1), MAR: (1, 1)}
    assert by_key(rows, "p1") == {JAN: (2, 3), MAR: (1, 1)}
    assert by_key(rows, "none") == {JAN: (1, 1)}
    assert by_key(rows, "p2") == {FEB: (0, 1)}
    assert all_metrics()["audits_good_or_better"].show == "quarter"


def test_audit_answers_good_or_better_leave_out_answers_not_graded(audits, tmp_path):
    rows = audits.run("audit_answers_good_or_better", tmp_path)
    # January: a1's three graded answers (two good or better) and a3's two (one); a1b has none graded.
    # February's only audit has no graded answer, so February has no row.
    assert by_key(rows) == {JAN: (3, 5), MAR: (1, 1)}
    assert by_key(rows, "p1") == {JAN: (2, 3), MAR: (1, 1)}
    assert by_key(rows, "none") == {JAN: (1, 2)}
