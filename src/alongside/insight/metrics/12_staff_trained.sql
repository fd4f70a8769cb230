-- title: Staff trained in the practice model
-- group: fidelity
-- measures: Clear operating model: of the staff in post at the end of the month whose role needs the
--   practice model induction, the share who have completed it.
-- numerator: Those with a model induction completed on or before month end and not run out by then
--   (no refresher due, or the refresher due after month end).
-- denominator: Staff in post at month end whose role the model induction course is for
--   (operating_model.yaml training.courses, model_induction).
-- period: At the end of each month.
-- unit: percent
-- scale: 100
-- better: higher
-- target: 100
-- target_meaning: Everyone whose role needs it trained in the model.
-- source: Seed ingredient "Clear operating model" (PRODUCT.md: the LA's vision, values and standards
--   shown to every user; inspectors found the same named model succeeds or fails depending on how it
--   is applied). No DfE definition. A completion counts as the training pages count it
--   (training/selectors.py): done on or before the day, and its refresher not yet due on that day.
--   By pod: the staff member's pod ('none' for those without one, such as leaders).
WITH needs AS (
  SELECT DISTINCT la_code, role
  FROM course_role
  WHERE course = 'model_induction'
),
in_post AS (
  SELECT m.la_code, m.month_start, m.month_end, s.staff_id, COALESCE(s.pod_id, 'none') AS pod_id
  FROM month m
  JOIN staff s
    ON s.la_code = m.la_code
   AND s.started_on <= m.month_end
   AND (s.left_on IS NULL OR s.left_on >= m.month_end)
  JOIN needs n
    ON n.la_code = s.la_code
   AND n.role = s.role
),
trained AS (
  SELECT DISTINCT i.la_code, i.month_start, i.staff_id
  FROM in_post i
  JOIN training t
    ON t.la_code = i.la_code
   AND t.staff_id = i.staff_id
   AND t.course = 'model_induction'
   AND t.completed_on <= i.month_end
   AND (t.expires_on IS NULL OR t.expires_on > i.month_end)
),
scored AS (
  SELECT i.la_code, i.month_start, i.pod_id, CASE WHEN t.staff_id IS NULL THEN 0 ELSE 1 END AS hit
  FROM in_post i
  LEFT JOIN trained t
    ON t.la_code = i.la_code
   AND t.month_start = i.month_start
   AND t.staff_id = i.staff_id
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(hit) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM scored
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
