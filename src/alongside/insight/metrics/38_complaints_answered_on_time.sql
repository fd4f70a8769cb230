-- title: Complaints answered on time at stage 1
-- group: impact
-- measures: The share of stage 1 complaint responses sent in the month that were sent by the day they were
--   due.
-- numerator: Stage 1 responses sent in the month on or before stage1_due_on (the due day counts as on
--   time).
-- denominator: Complaints whose stage 1 response (stage1_responded_on) was sent in the month.
-- period: During the month (by the month the response was sent).
-- unit: percent
-- scale: 100
-- better: higher
-- target: 100
-- target_meaning: Every stage 1 response within the statutory time.
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: families' experience, complaints). Children Act
--   1989 Representations Procedure (England) Regulations 2006 reg 14: a stage 1 response within 10 working
--   days, extendable to 20 for a complex complaint or when an advocate is arranged; stage1_due_on already
--   holds the extended date where there is one. No DfE definition. By pod: the pod the complaint concerns,
--   else 'none'.
-- note: No national figure. Complaints still waiting for a response are not counted until answered, so a
--   late answer counts in the month it is sent.
WITH answered AS (
  SELECT m.la_code, m.month_start, COALESCE(c.pod_id, 'none') AS pod_id,
         CASE WHEN c.stage1_due_on IS NOT NULL AND c.stage1_responded_on <= c.stage1_due_on THEN 1 ELSE 0 END
           AS on_time
  FROM month m
  JOIN complaint c
    ON c.la_code = m.la_code
   AND c.stage1_responded_on >= m.month_start
   AND c.stage1_responded_on <= m.month_end
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(on_time) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM answered
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
