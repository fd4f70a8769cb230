-- title: Staff supervised as often as the standard says
-- group: fidelity
-- measures: Reflective supervision: of the staff whose role has a one-to-one supervision standard and
--   who were in post for the whole month, the share who had at least the number of sessions the
--   standard asks for in that month.
-- numerator: Supervisees with at least the expected number of one-to-one sessions held in the month.
--   Expected = the month's working days divided by the role's standard (every N working days),
--   rounded down, and at least one: a worker supervised every 20 working days needs one session in a
--   month of 20 to 23 working days, a newly qualified worker (every 10) needs two.
-- denominator: Staff in post from the first to the last day of the month whose role has a supervision
--   standard.
-- period: During the month.
-- unit: percent
-- scale: 100
-- better: higher
-- target: 100
-- target_meaning: Everyone supervised as often as the operating model says.
-- source: Seed ingredient "Reflective supervision" (PRODUCT.md: one-to-one supervision with its
--   frequency tracked) and operating_model.yaml supervision.one_to_one (the standard per role). No DfE
--   definition. Staff who started or left during the month are left out, as their standard is not a
--   whole month's.
--   By pod: the supervisee's pod ('none' when they have none).
WITH supervisees AS (
  SELECT m.la_code, m.month_start, m.month_end, s.staff_id, COALESCE(s.pod_id, 'none') AS pod_id,
         GREATEST(1, FLOOR(CAST(m.working_days AS DOUBLE) / st.supervision_every_working_days)) AS expected
  FROM month m
  JOIN staff s
    ON s.la_code = m.la_code
   AND s.started_on <= m.month_start
   AND (s.left_on IS NULL OR s.left_on >= m.month_end)
  JOIN standard st
    ON st.la_code = s.la_code
   AND st.role = s.role
  WHERE st.supervision_every_working_days IS NOT NULL
),
held AS (
  SELECT v.la_code, v.month_start, v.staff_id, v.pod_id, v.expected, COUNT(x.held_on) AS sessions
  FROM supervisees v
  LEFT JOIN supervision x
    ON x.la_code = v.la_code
   AND x.supervisee_id = v.staff_id
   AND x.held_on >= v.month_start
   AND x.held_on <= v.month_end
  GROUP BY v.la_code, v.month_start, v.staff_id, v.pod_id, v.expected
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(CASE WHEN sessions >= expected THEN 1 ELSE 0 END) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM held
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
