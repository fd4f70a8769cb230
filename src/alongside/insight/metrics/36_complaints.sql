-- title: Complaints received
-- group: impact
-- measures: How many complaints under the children's statutory complaints procedure the service received
--   in the month.
-- numerator: Complaints with received_on in the month.
-- denominator: none
-- period: During the month.
-- unit: count
-- scale: 1
-- better: neither
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: families' experience, complaints). Children Act
--   1989 Representations Procedure (England) Regulations 2006; the DfE collects no complaint figures. By
--   pod: the pod the complaint concerns, else 'none'.
-- note: Neither direction is better on its own: a rise can mean families know how to complain and feel
--   able to, and a fall can mean they have given up. Read it with complaints answered on time and with
--   compliments and family feedback. No national figure.
WITH received AS (
  SELECT m.la_code, m.month_start, COALESCE(c.pod_id, 'none') AS pod_id
  FROM month m
  JOIN complaint c
    ON c.la_code = m.la_code
   AND c.received_on >= m.month_start
   AND c.received_on <= m.month_end
),
counted AS (
  SELECT la_code, month_start, pod_id, COUNT(*) AS complaints
  FROM received
  GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
)
-- Every month has a whole-LA row (0 when none came); pods appear in the months they have one.
SELECT m.la_code, m.month_start, c.pod_id,
       CAST(COALESCE(c.complaints, 0) AS BIGINT) AS numerator,
       CAST(NULL AS BIGINT) AS denominator
FROM month m
LEFT JOIN counted c ON c.la_code = m.la_code AND c.month_start = m.month_start
ORDER BY m.la_code, m.month_start, c.pod_id
