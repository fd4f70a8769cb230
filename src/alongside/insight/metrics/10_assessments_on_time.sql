-- title: Assessments completed within 45 working days
-- group: fidelity
-- measures: Core tasks done on time: of the child and family assessments authorised in the month, the
--   share authorised within 45 working days of the referral.
-- numerator: Assessments authorised in the month on or before their due day (45 working days after the
--   referral date, on the English working-day calendar).
-- denominator: Assessments authorised in the month.
-- period: During the month (by the day the assessment was authorised).
-- unit: percent
-- scale: 100
-- better: higher
-- source: Seed ingredient "Core tasks done on time" (PRODUCT.md: statutory timescales are computed and
--   reported; the model must never slow decisions down). DfE definition (Children in need statistics):
--   assessments completed within 45 working days of the referral, counted when the assessment is
--   authorised (CIN census N00160); England 85.7% in 2024-25. Working Together 2023 sets 45 working
--   days as a maximum, not a target. An assessment without a due day does not count as on time.
--   By pod: the pod of the child's allocation open on the day the assessment was authorised (the
--   latest started if more than one; 'none' when no allocation is open).
WITH assessed AS (
  SELECT m.la_code, m.month_start, x.assessment_id, x.child_id, x.authorised_on,
         CASE WHEN x.authorised_on <= x.due_on THEN 1 ELSE 0 END AS hit
  FROM month m
  JOIN assessment x
    ON x.la_code = m.la_code
   AND x.authorised_on >= m.month_start
   AND x.authorised_on <= m.month_end
),
held_by AS (
  SELECT e.la_code, e.assessment_id, a.pod_id,
         ROW_NUMBER() OVER (
           PARTITION BY e.la_code, e.assessment_id ORDER BY a.started_on DESC, a.allocation_id DESC
         ) AS pick
  FROM assessed e
  JOIN allocation a
    ON a.la_code = e.la_code
   AND a.child_id = e.child_id
   AND a.started_on <= e.authorised_on
   AND (a.ended_on IS NULL OR a.ended_on >= e.authorised_on)
),
scored AS (
  SELECT e.la_code, e.month_start, COALESCE(h.pod_id, 'none') AS pod_id, e.hit
  FROM assessed e
  LEFT JOIN held_by h
    ON h.la_code = e.la_code
   AND h.assessment_id = e.assessment_id
   AND h.pick = 1
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(hit) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM scored
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
