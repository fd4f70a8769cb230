-- title: Staff who feel safe and supported
-- group: impact
-- measures: The share of staff answering the pulse survey who agreed or strongly agreed with "I feel safe
--   and supported at work", by the month each round closed.
-- numerator: Staff who agreed or strongly agreed (pulse.agreed).
-- denominator: Staff who answered (pulse.answered).
-- period: The month in which the survey round closed (rounds run every three months, so most months have
--   no figure).
-- unit: percent
-- scale: 100
-- better: higher
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: the workforce, feeling safe and supported) and
--   "Supervision". No DfE definition. The snapshot holds counts only, already suppressed where fewer than
--   the model's smallest group answered (pulse/suppression.py). The whole-service row is the record's own
--   whole-service count (pulse rows with no pod), taken as given, never the sum of pods: a pod too small
--   to show is still in the whole-service figure, and summing shown pods would leave it out. A suppressed
--   row (answered null) gives no figure.
-- note: No national figure. Answers are anonymous and never leave the record.
WITH rounds AS (
  SELECT m.la_code, m.month_start, p.pod_id, p.answered, p.agreed
  FROM month m
  JOIN pulse p
    ON p.la_code = m.la_code
   AND p.round_closes_on >= m.month_start
   AND p.round_closes_on <= m.month_end
  WHERE p.answered IS NOT NULL AND p.agreed IS NOT NULL
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(agreed) AS BIGINT) AS numerator,
       CAST(SUM(answered) AS BIGINT) AS denominator
FROM rounds
WHERE pod_id IS NOT NULL
GROUP BY la_code, month_start, pod_id
UNION ALL
SELECT la_code, month_start, CAST(NULL AS STRING) AS pod_id,
       CAST(SUM(agreed) AS BIGINT) AS numerator,
       CAST(SUM(answered) AS BIGINT) AS denominator
FROM rounds
WHERE pod_id IS NULL
GROUP BY la_code, month_start
ORDER BY la_code, month_start, pod_id
