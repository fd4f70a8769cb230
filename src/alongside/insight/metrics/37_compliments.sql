-- title: Compliments received
-- group: impact
-- measures: How many compliments about the service families and partners gave in the month.
-- numerator: Compliments with received_on in the month.
-- denominator: none
-- period: During the month.
-- unit: count
-- scale: 1
-- better: higher
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: families' experience, compliments). No DfE
--   definition. By pod: the pod the compliment praises, else 'none'.
-- note: No national figure. Compliments depend on how readily they are recorded, so compare the LA with
--   itself over time rather than with others.
WITH received AS (
  SELECT m.la_code, m.month_start, COALESCE(c.pod_id, 'none') AS pod_id
  FROM month m
  JOIN compliment c
    ON c.la_code = m.la_code
   AND c.received_on >= m.month_start
   AND c.received_on <= m.month_end
),
counted AS (
  SELECT la_code, month_start, pod_id, COUNT(*) AS compliments
  FROM received
  GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
)
-- Every month has a whole-LA row (0 when none came); pods appear in the months they have one.
SELECT m.la_code, m.month_start, c.pod_id,
       CAST(COALESCE(c.compliments, 0) AS BIGINT) AS numerator,
       CAST(NULL AS BIGINT) AS denominator
FROM month m
LEFT JOIN counted c ON c.la_code = m.la_code AND c.month_start = m.month_start
ORDER BY m.la_code, m.month_start, c.pod_id
