-- title: Families who said our help helped
-- group: impact
-- measures: The share of feedback families gave in the portal in the month that said our help helped
--   (a lot or a bit).
-- numerator: Feedback with how_it_went helped_a_lot or helped_a_bit.
-- denominator: Feedback given in the month with one of the three answers (helped_a_lot, helped_a_bit,
--   not_helped).
-- period: During the month.
-- unit: percent
-- scale: 100
-- better: higher
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: families' experience, feedback) and
--   "Co-production". No DfE definition. By pod: the pod of the worker the feedback was about, else 'none'.
-- note: No national figure. Families choose to give feedback, so the answers are not a sample of all
--   families; a month with few answers moves a lot.
WITH given AS (
  SELECT m.la_code, m.month_start, COALESCE(f.pod_id, 'none') AS pod_id,
         CASE WHEN f.how_it_went IN ('helped_a_lot', 'helped_a_bit') THEN 1 ELSE 0 END AS helped
  FROM month m
  JOIN family_feedback f
    ON f.la_code = m.la_code
   AND f.given_on >= m.month_start
   AND f.given_on <= m.month_end
  WHERE f.how_it_went IN ('helped_a_lot', 'helped_a_bit', 'not_helped')
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(helped) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM given
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
