-- title: Plans the family agreed
-- group: fidelity
-- measures: Co-production: of the plan versions written in the month (child in need, child protection,
--   care and pathway plans), the share the family agreed, as the worker recorded it or as the family
--   said themselves in the portal.
-- numerator: Plan versions written in the month that the family agreed: the worker recorded the
--   family's agreement as 'agreed', or the family's latest answer in the portal to that version is
--   'agreed' (the answers given on the latest day any were given; if answers that day differ, as two
--   parents' may, the version counts only when all of them are 'agreed').
-- denominator: Plan versions written in the month.
-- period: During the month (by the day the version was written); a portal answer given later still
--   counts for the month the version was written.
-- unit: percent
-- scale: 100
-- better: higher
-- source: Seed ingredient "Co-production" (PRODUCT.md: plans are written with the child and family, in
--   their words; the family sees and agrees the plan) and the value "Done with, not to". No DfE
--   definition. 'Partly' agreed does not count.
--   By pod: the pod of the child's allocation open on the day the version was written (the latest
--   started if more than one; 'none' when no allocation is open).
WITH written AS (
  SELECT m.la_code, m.month_start, v.plan_id, v.number AS version_number, v.child_id, v.written_on,
         v.family_agreement
  FROM month m
  JOIN plan_version v
    ON v.la_code = m.la_code
   AND v.written_on >= m.month_start
   AND v.written_on <= m.month_end
),
last_answer_day AS (
  SELECT la_code, plan_id, number AS version_number, MAX(responded_on) AS answered_on
  FROM plan_response
  GROUP BY la_code, plan_id, number
),
portal AS (
  SELECT r.la_code, r.plan_id, r.number AS version_number,
         MIN(CASE WHEN r.agreement = 'agreed' THEN 1 ELSE 0 END) AS all_agreed
  FROM plan_response r
  JOIN last_answer_day d
    ON d.la_code = r.la_code
   AND d.plan_id = r.plan_id
   AND d.version_number = r.number
   AND d.answered_on = r.responded_on
  GROUP BY r.la_code, r.plan_id, r.number
),
held_by AS (
  SELECT w.la_code, w.plan_id, w.version_number, a.pod_id,
         ROW_NUMBER() OVER (
           PARTITION BY w.la_code, w.plan_id, w.version_number ORDER BY a.started_on DESC, a.allocation_id DESC
         ) AS pick
  FROM written w
  JOIN allocation a
    ON a.la_code = w.la_code
   AND a.child_id = w.child_id
   AND a.started_on <= w.written_on
   AND (a.ended_on IS NULL OR a.ended_on >= w.written_on)
),
scored AS (
  SELECT w.la_code, w.month_start, COALESCE(h.pod_id, 'none') AS pod_id,
         CASE WHEN w.family_agreement = 'agreed' OR p.all_agreed = 1 THEN 1 ELSE 0 END AS hit
  FROM written w
  LEFT JOIN portal p
    ON p.la_code = w.la_code
   AND p.plan_id = w.plan_id
   AND p.version_number = w.version_number
  LEFT JOIN held_by h
    ON h.la_code = w.la_code
   AND h.plan_id = w.plan_id
   AND h.version_number = w.version_number
   AND h.pick = 1
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(hit) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM scored
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
