-- title: Case holders within their weighted caseload cap
-- group: fidelity
-- measures: Manageable caseloads: of the case holders whose role has a caseload cap and who hold at
--   least one child at the end of the month, the share whose weighted caseload is within the cap.
-- numerator: Workers whose weighted caseload at month end is at most their role's cap.
-- denominator: Case-holding staff in post at month end, whose role has a caseload cap, holding at least
--   one child at month end.
-- period: At the end of each month.
-- unit: percent
-- scale: 100
-- better: higher
-- target: 100
-- target_meaning: No one over their cap.
-- source: Seed ingredient "Manageable caseloads" (PRODUCT.md: caseload per worker against a cap,
--   weighted by complexity) and operating_model.yaml caseloads. Computed as the allocation pages do
--   (workforce/allocation.py weighted_caseloads): each child open to the worker at month end weighs by
--   the most intensive involvement open for them that day: looked after, then child protection plan,
--   then care leaver, then child in need (a referral not closed and not no-further-action), then
--   early help; a child with nothing open weighs as child in need; a child whose open care episode is
--   an interim care order (C1, care proceedings) adds the proceedings extra. Something is open on a
--   day when it started on or before it and ended after it, as in journey/selectors.py. The load is
--   rounded to two places before it is compared with the cap, as the allocation pages do. No DfE
--   definition (the DfE reports average caseload per case-holding worker, 15.2 in 2025).
--   By pod: the worker's pod ('none' when they have none).
WITH workers AS (
  SELECT m.la_code, m.month_start, m.month_end, s.staff_id, COALESCE(s.pod_id, 'none') AS pod_id,
         st.caseload_cap AS cap
  FROM month m
  JOIN staff s
    ON s.la_code = m.la_code
   AND s.started_on <= m.month_end
   AND (s.left_on IS NULL OR s.left_on >= m.month_end)
  JOIN standard st
    ON st.la_code = s.la_code
   AND st.role = s.role
  WHERE s.case_holding
    AND st.caseload_cap IS NOT NULL
),
held AS (
  SELECT w.la_code, w.month_start, w.month_end, w.staff_id, a.child_id
  FROM workers w
  JOIN allocation a
    ON a.la_code = w.la_code
   AND a.staff_id = w.staff_id
   AND a.started_on <= w.month_end
   AND (a.ended_on IS NULL OR a.ended_on > w.month_end)
),
children AS (
  SELECT DISTINCT la_code, month_start, month_end, child_id
  FROM held
),
in_care AS (
  SELECT c.la_code, c.month_start, c.child_id, MAX(CASE WHEN e.legal_status = 'C1' THEN 1 ELSE 0 END) AS proceedings
  FROM children c
  JOIN care_episode e
    ON e.la_code = c.la_code
   AND e.child_id = c.child_id
   AND e.started_on <= c.month_end
   AND (e.ended_on IS NULL OR e.ended_on > c.month_end)
  GROUP BY c.la_code, c.month_start, c.child_id
),
on_cp_plan AS (
  SELECT DISTINCT c.la_code, c.month_start, c.child_id
  FROM children c
  JOIN cp_plan p
    ON p.la_code = c.la_code
   AND p.child_id = c.child_id
   AND p.started_on <= c.month_end
   AND (p.ended_on IS NULL OR p.ended_on > c.month_end)
),
leaving_care AS (
  SELECT DISTINCT c.la_code, c.month_start, c.child_id
  FROM children c
  JOIN care_leaver l
    ON l.la_code = c.la_code
   AND l.child_id = c.child_id
   AND l.started_on <= c.month_end
   AND (l.ended_on IS NULL OR l.ended_on > c.month_end)
),
in_need AS (
  SELECT DISTINCT c.la_code, c.month_start, c.child_id
  FROM children c
  JOIN referral r
    ON r.la_code = c.la_code
   AND r.child_id = c.child_id
   AND r.referral_date <= c.month_end
   AND (r.closure_date IS NULL OR r.closure_date > c.month_end)
  WHERE r.nfa IS NULL OR NOT r.nfa
),
in_early_help AS (
  SELECT DISTINCT c.la_code, c.month_start, c.child_id
  FROM children c
  JOIN early_help h
    ON h.la_code = c.la_code
   AND h.child_id = c.child_id
   AND h.started_on <= c.month_end
   AND (h.ended_on IS NULL OR h.ended_on > c.month_end)
),
involvement AS (
  SELECT c.la_code, c.month_start, c.child_id,
         CASE
           WHEN lac.child_id IS NOT NULL THEN 'looked_after'
           WHEN cp.child_id IS NOT NULL THEN 'child_protection'
           WHEN cl.child_id IS NOT NULL THEN 'care_leaver'
           WHEN cin.child_id IS NOT NULL THEN 'child_in_need'
           WHEN eh.child_id IS NOT NULL THEN 'early_help'
           ELSE 'child_in_need'
         END AS kind,
         COALESCE(lac.proceedings, 0) AS proceedings
  FROM children c
  LEFT JOIN in_care lac ON lac.la_code = c.la_code AND lac.month_start = c.month_start AND lac.child_id = c.child_id
  LEFT JOIN on_cp_plan cp ON cp.la_code = c.la_code AND cp.month_start = c.month_start AND cp.child_id = c.child_id
  LEFT JOIN leaving_care cl ON cl.la_code = c.la_code AND cl.month_start = c.month_start AND cl.child_id = c.child_id
  LEFT JOIN in_need cin ON cin.la_code = c.la_code AND cin.month_start = c.month_start AND cin.child_id = c.child_id
  LEFT JOIN in_early_help eh
    ON eh.la_code = c.la_code AND eh.month_start = c.month_start AND eh.child_id = c.child_id
),
child_weight AS (
  SELECT i.la_code, i.month_start, i.child_id,
         w.weight + CASE WHEN i.proceedings = 1 THEN COALESCE(x.weight, 0.0) ELSE 0.0 END AS weight
  FROM involvement i
  JOIN caseload_weight w
    ON w.la_code = i.la_code
   AND w.involvement = i.kind
  LEFT JOIN caseload_weight x
    ON x.la_code = i.la_code
   AND x.involvement = 'proceedings_extra'
),
loads AS (
  SELECT w.la_code, w.month_start, w.staff_id, w.pod_id, w.cap, ROUND(SUM(cw.weight), 2) AS weighted
  FROM workers w
  JOIN held h
    ON h.la_code = w.la_code
   AND h.month_start = w.month_start
   AND h.staff_id = w.staff_id
  JOIN child_weight cw
    ON cw.la_code = h.la_code
   AND cw.month_start = h.month_start
   AND cw.child_id = h.child_id
  GROUP BY w.la_code, w.month_start, w.staff_id, w.pod_id, w.cap
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(CASE WHEN weighted <= cap THEN 1 ELSE 0 END) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM loads
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
