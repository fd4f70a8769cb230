-- title: Case holders at a group reflective session
-- group: fidelity
-- measures: Reflective supervision: of the case-holding staff in a pod and in post for the whole month,
--   the share who took part in at least one group reflective practice session held in the month.
-- numerator: Those who attended, or led, at least one group session held in the month (any pod's).
-- denominator: Case-holding staff with a pod, in post from the first to the last day of the month.
-- period: During the month.
-- unit: percent
-- scale: 100
-- better: higher
-- target: 100
-- target_meaning: Everyone holding cases at a group session every month.
-- source: Seed ingredient "Reflective supervision" (PRODUCT.md: monthly group reflective practice
--   sessions, with their frequency tracked) and operating_model.yaml supervision.group_reflective_practice
--   (every 20 working days). No DfE definition. The manager who leads a session counts as taking part
--   even when not listed among its attendees.
--   By pod: the member's pod.
WITH members AS (
  SELECT m.la_code, m.month_start, m.month_end, s.staff_id, s.pod_id
  FROM month m
  JOIN staff s
    ON s.la_code = m.la_code
   AND s.started_on <= m.month_start
   AND (s.left_on IS NULL OR s.left_on >= m.month_end)
  WHERE s.case_holding
    AND s.pod_id IS NOT NULL
),
took_part AS (
  SELECT g.la_code, g.held_on, a.staff_id
  FROM group_session g
  JOIN group_attendance a
    ON a.la_code = g.la_code
   AND a.session_id = g.session_id
  UNION ALL
  SELECT g.la_code, g.held_on, g.facilitator_id AS staff_id
  FROM group_session g
  WHERE g.facilitator_id IS NOT NULL
),
attended AS (
  SELECT DISTINCT m.la_code, m.month_start, t.staff_id
  FROM month m
  JOIN took_part t
    ON t.la_code = m.la_code
   AND t.held_on >= m.month_start
   AND t.held_on <= m.month_end
),
scored AS (
  SELECT b.la_code, b.month_start, b.pod_id, CASE WHEN t.staff_id IS NULL THEN 0 ELSE 1 END AS hit
  FROM members b
  LEFT JOIN attended t
    ON t.la_code = b.la_code
   AND t.month_start = b.month_start
   AND t.staff_id = b.staff_id
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(hit) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM scored
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
