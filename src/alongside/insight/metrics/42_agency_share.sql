-- title: Agency social workers
-- group: impact
-- measures: The share of children and family social workers in post at the end of each month who are
--   agency workers. The model depends on stable relationships, which agency cover makes harder.
-- numerator: Of those, workers with employment 'agency'.
-- denominator: Staff in the social-work roles (social_worker, senior_social_worker, nqsw, team_manager) in
--   post at the end of the month day: started on or before month end and not gone by then (left_on null or
--   after month end; a last day on month end counts as gone, as a plan ending on 31 March is not open at
--   31 March).
-- period: At the end of each month.
-- unit: percent
-- scale: 100
-- better: lower
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: the workforce, agency share) and "Continuity".
--   DfE children's social work workforce census "agency rate": agency children and family social workers
--   as a share of all (agency and employed) at 30 September. The DfE counts FTE; the record has no hours,
--   so this counts heads. The DfE group also includes senior managers who are social workers; here it is
--   the four pod roles. By pod: the worker's pod as the record holds it now (or when they left), else 'none'.
-- note: England at 30 September 2025: 13.0% (FTE; LA median 12.8%, 2022: 17.6%).
WITH in_post AS (
  SELECT m.la_code, m.month_start, COALESCE(s.pod_id, 'none') AS pod_id,
         CASE WHEN s.employment = 'agency' THEN 1 ELSE 0 END AS agency
  FROM month m
  JOIN staff s
    ON s.la_code = m.la_code
   AND s.role IN ('social_worker', 'senior_social_worker', 'nqsw', 'team_manager')
   AND s.started_on <= m.month_end
   AND (s.left_on IS NULL OR s.left_on > m.month_end)
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(agency) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM in_post
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
