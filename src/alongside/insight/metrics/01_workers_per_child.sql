-- title: Workers per child in the last 12 months
-- group: fidelity
-- measures: Continuity of worker: how many different workers each child open at the end of the month
--   has had in the 12 months to that day. The model promises the same worker for as long as possible.
-- numerator: The number of distinct (child, worker) pairs with an allocation overlapping the 12 months
--   to month end, over the children with an allocation open at month end.
-- denominator: Children with an allocation open at month end.
-- period: At the end of each month, looking back 12 months.
-- unit: per_child
-- scale: 1
-- better: lower
-- target: 1
-- target_meaning: One worker a year: the same worker throughout.
-- source: Seed ingredient "the same worker for as long as possible" (PRODUCT.md, Continuity). No DfE
--   definition; the DfE collects worker changes only for children looked after (placement stability).
--   By pod: the pod holding the child at month end.
-- note: An allocation's ended_on is the day the next one starts (as in the app's open_allocations_on), so
--   "open at month end" is ended_on after month end, and a change of worker on the last day counts once.
WITH open_at_end AS (
  SELECT m.month_start, m.month_end, m.year_before_start, a.la_code, a.child_id, a.pod_id
  FROM month m
  JOIN allocation a
    ON a.la_code = m.la_code
   AND a.started_on <= m.month_end
   AND (a.ended_on IS NULL OR a.ended_on > m.month_end)
),
workers AS (
  SELECT o.la_code, o.month_start, o.child_id, COALESCE(o.pod_id, 'none') AS pod_id,
         COUNT(DISTINCT w.staff_id) AS workers
  FROM open_at_end o
  JOIN allocation w
    ON w.la_code = o.la_code
   AND w.child_id = o.child_id
   AND w.started_on <= o.month_end
   AND (w.ended_on IS NULL OR w.ended_on > o.year_before_start)
  GROUP BY o.la_code, o.month_start, o.child_id, COALESCE(o.pod_id, 'none')
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(workers) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM workers
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
