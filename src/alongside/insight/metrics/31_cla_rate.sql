-- title: Children looked after per 10,000 children
-- group: impact
-- measures: How many children are looked after at the end of each month, as a rate per 10,000 children in
--   the LA. The model aims for children to grow up safely in their own families wherever they can.
-- numerator: Distinct children with an episode of care open at the end of the month day: started on or
--   before month end and not ended (ended_on null or after month end). Episodes under V3 or V4 (an agreed
--   series of short breaks) are left out, as the DfE leaves them out.
-- denominator: The LA's children aged 0-17 (la.child_population, ONS mid-year estimate).
-- period: At the end of each month.
-- unit: per_10000
-- scale: 10000
-- better: lower
-- pods: no
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: outcomes for children, children in care).
--   DfE SSDA903 "children looked after at 31 March" per 10,000 children, excluding children looked after
--   under a series of short-term placements (legal status V3/V4). An episode whose DEC is 31 March has
--   ceased and is not counted; when a new episode starts that day (REC X1) the child is counted by the new
--   one. The same open-on-a-day rule as journey/selectors.py open_care_episodes.
-- note: England at 31 March 2025: 67 per 10,000 (81,770 children; LA median 67, range 27 to 184).
WITH in_care AS (
  SELECT m.la_code, m.month_start, e.child_id
  FROM month m
  LEFT JOIN care_episode e
    ON e.la_code = m.la_code
   AND e.started_on <= m.month_end
   AND (e.ended_on IS NULL OR e.ended_on > m.month_end)
   AND COALESCE(e.legal_status, '') NOT IN ('V3', 'V4')
),
counted AS (
  SELECT la_code, month_start, COUNT(DISTINCT child_id) AS children
  FROM in_care
  GROUP BY la_code, month_start
)
SELECT c.la_code, c.month_start, CAST(NULL AS STRING) AS pod_id,
       CAST(c.children AS BIGINT) AS numerator,
       CAST(l.child_population AS BIGINT) AS denominator
FROM counted c
JOIN la l ON l.la_code = c.la_code
ORDER BY c.la_code, c.month_start
