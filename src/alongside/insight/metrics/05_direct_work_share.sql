-- title: Direct work share of recorded practice time
-- group: fidelity
-- measures: Direct work: of the time staff recorded against their entries in the month, the share spent
--   with children and families (home visits and direct work), against the 80:20 aim.
-- numerator: Minutes of home visit and direct work entries written by staff in the month.
-- denominator: Minutes of all entries written by staff in the month that record the time spent
--   (entries without minutes, and entries by families and partners, are left out).
-- period: During the month (by the day the entry happened).
-- unit: percent
-- scale: 100
-- better: higher
-- target: 80
-- target_meaning: The 80:20 aim: four-fifths of practice time with children and families.
-- source: Seed ingredient "Direct work" (PRODUCT.md: the share of time spent in direct work versus
--   administration is visible, the 80:20 aim), from BASW England's 80:20 campaign to shift social
--   workers' time towards direct work with people and away from administrative tasks. No DfE
--   definition. Counts only time that is recorded, so it shows the balance of recorded practice, not
--   of the working week.
--   By pod: the author's pod ('none' when they have none).
WITH timed AS (
  SELECT m.la_code, m.month_start, COALESCE(s.pod_id, 'none') AS pod_id, e.minutes,
         CASE WHEN e.kind IN ('home_visit', 'direct_work') THEN e.minutes ELSE 0 END AS direct_minutes
  FROM month m
  JOIN story_entry e
    ON e.la_code = m.la_code
   AND e.occurred_on >= m.month_start
   AND e.occurred_on <= m.month_end
  LEFT JOIN staff s
    ON s.la_code = e.la_code
   AND s.staff_id = e.author_staff_id
  WHERE e.author_staff_id IS NOT NULL
    AND e.minutes IS NOT NULL
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(direct_minutes) AS BIGINT) AS numerator,
       CAST(SUM(minutes) AS BIGINT) AS denominator
FROM timed
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
