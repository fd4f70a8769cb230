-- title: Changes of worker with a complete handover
-- group: fidelity
-- measures: Good handovers: of the changes of worker that opened a handover in the month, the share
--   that had all three parts the model asks for: the outgoing worker's summary, the family's own
--   message to the new worker, and a joint introduction visit by both workers.
-- numerator: Handovers opened in the month with a summary, the family's message and a joint visit
--   (all three).
-- denominator: Handovers opened in the month (each change of worker opens one).
-- period: During the month (by the day the change of worker happened).
-- unit: percent
-- scale: 100
-- better: higher
-- target: 100
-- target_meaning: Every change of worker handed over in full.
-- source: Seed ingredient "Good handovers" (PRODUCT.md: a change of worker or team has a handover
--   summary, the family's own message to the new worker, and a joint introduction visit). No DfE
--   definition. A handover a manager closed as incomplete, with a reason, still counts as incomplete
--   here: the figure is about the family getting all three parts.
--   By pod: the pod of the new worker's allocation ('none' when it has no pod).
WITH handovers AS (
  SELECT m.la_code, m.month_start, COALESCE(a.pod_id, 'none') AS pod_id,
         CASE WHEN h.has_summary AND h.has_family_message AND h.has_joint_visit THEN 1 ELSE 0 END AS complete
  FROM month m
  JOIN handover h
    ON h.la_code = m.la_code
   AND h.opened_on >= m.month_start
   AND h.opened_on <= m.month_end
  LEFT JOIN allocation a
    ON a.la_code = h.la_code
   AND a.allocation_id = h.allocation_id
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(complete) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM handovers
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
