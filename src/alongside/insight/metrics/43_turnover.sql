-- title: Social worker turnover in the last 12 months
-- group: impact
-- measures: Permanent children and family social workers who left in the 12 months to the end of each
--   month, as a share of those in post at its end. Turnover breaks the relationships the model relies on.
-- numerator: Permanent staff in the social-work roles (social_worker, senior_social_worker, nqsw,
--   team_manager) whose last day (left_on) is in the 12 months to month end (year_before_start to
--   month_end; for February 2025 that is 29 February 2024 to 28 February 2025). A worker who started and
--   left within the 12 months is a leaver too.
-- denominator: Permanent staff in the same roles in post at the end of the month day (started on or before
--   month end, left_on null or after month end: a last day on month end counts as gone, so nobody is both
--   a leaver and in post).
-- period: The 12 months to the end of each month.
-- unit: percent
-- scale: 100
-- better: lower
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: the workforce, turnover) and "Continuity". DfE
--   children's social work workforce census "turnover rate": permanent (employed) children and family
--   social workers who left in the year to 30 September / those in post at 30 September. The DfE counts
--   FTE; the record has no hours, so this counts heads. By pod: the worker's pod as the record holds it now
--   (leavers: when they left), else 'none'; a pod's leavers may have left from another pod.
-- note: England, year to 30 September 2025: 11.8% (FTE; LA median 11.8%, 2022: 17.2%).
WITH counted AS (
  SELECT m.la_code, m.month_start, COALESCE(s.pod_id, 'none') AS pod_id,
         CASE WHEN s.left_on >= m.year_before_start AND s.left_on <= m.month_end THEN 1 ELSE 0 END AS leaver,
         CASE WHEN s.left_on IS NULL OR s.left_on > m.month_end THEN 1 ELSE 0 END AS in_post
  FROM month m
  JOIN staff s
    ON s.la_code = m.la_code
   AND s.employment = 'permanent'
   AND s.role IN ('social_worker', 'senior_social_worker', 'nqsw', 'team_manager')
   AND s.started_on <= m.month_end
   AND (s.left_on IS NULL OR s.left_on >= m.year_before_start)
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(leaver) AS BIGINT) AS numerator,
       CAST(SUM(in_post) AS BIGINT) AS denominator
FROM counted
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
