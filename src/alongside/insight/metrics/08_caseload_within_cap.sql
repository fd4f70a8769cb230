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
open_on_month_end AS (
  -- What is open for each child at each month end, ranked by intensity (1 most intensive), read
  -- straight from the month table so each episode table is scanned once.
  SELECT m.la_code, m.month_start, e.child_id, 1 AS intensity,
         CASE WHEN e.legal_status = 'C1' THEN 1 ELSE 0 END AS proceedings
  FROM month m
  JOIN care_episode e
    ON e.la_code = m.la_code
   AND e.started_on <= m.month_end
   AND (e.ended_on IS NULL OR e.ended_on > m.month_end)
  UNION ALL
  SELECT m.la_code, m.month_start, p.child_id, 2 AS intensity, 0 AS proceedings
  FROM month m
  JOIN cp_plan p
    ON p.la_code = m.la_code
   AND p.started_on <= m.month_end
   AND (p.ended_on IS NULL OR p.ended_on > m.month_end)
  UNION ALL
  SELECT m.la_code, m.month_start, l.child_id, 3 AS intensity, 0 AS proceedings
  FROM month m
  JOIN care_leaver l
    ON l.la_code = m.la_code
   AND l.started_on <= m.month_end
   AND (l.ended_on IS NULL OR l.ended_on > m.month_end)
  UNION ALL
  SELECT m.la_code, m.month_start, r.child_id, 4 AS intensity, 0 AS proceedings
  FROM month m
  JOIN referral r
    ON r.la_code = m.la_code
   AND r.referral_date <= m.month_end
   AND (r.closure_date IS NULL OR r.closure_date > m.month_end)
  WHERE r.nfa IS NULL OR NOT r.nfa
  UNION ALL
  SELECT m.la_code, m.month_start, h.child_id, 5 AS intensity, 0 AS proceedings
  FROM month m
  JOIN early_help h
    ON h.la_code = m.la_code
   AND h.started_on <= m.month_end
   AND (h.ended_on IS NULL OR h.ended_on > m.month_end)
),
involvement AS (
  SELECT la_code, month_start, child_id,
         CASE MIN(intensity)
           WHEN 1 THEN 'looked_after'
           WHEN 2 THEN 'child_protection'
           WHEN 3 THEN 'care_leaver'
           WHEN 4 THEN 'child_in_need'
           ELSE 'early_help'
         END AS kind,
         MAX(proceedings) AS proceedings
  FROM open_on_month_end
  GROUP BY la_code, month_start, child_id
),
child_weight AS (
  -- A child with nothing open weighs as a child in need.
  SELECT h.la_code, h.month_start, h.staff_id, w.weight
         + CASE WHEN i.proceedings = 1 THEN COALESCE(x.weight, 0.0) ELSE 0.0 END AS weight
  FROM held h
  LEFT JOIN involvement i
    ON i.la_code = h.la_code
   AND i.month_start = h.month_start
   AND i.child_id = h.child_id
  JOIN caseload_weight w
    ON w.la_code = h.la_code
   AND w.involvement = COALESCE(i.kind, 'child_in_need')
  LEFT JOIN caseload_weight x
    ON x.la_code = h.la_code
   AND x.involvement = 'proceedings_extra'
),
loads AS (
  SELECT w.la_code, w.month_start, w.staff_id, w.pod_id, w.cap, ROUND(SUM(cw.weight), 2) AS weighted
  FROM workers w
  JOIN child_weight cw
    ON cw.la_code = w.la_code
   AND cw.month_start = w.month_start
   AND cw.staff_id = w.staff_id
  GROUP BY w.la_code, w.month_start, w.staff_id, w.pod_id, w.cap
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(CASE WHEN weighted <= cap THEN 1 ELSE 0 END) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM loads
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
