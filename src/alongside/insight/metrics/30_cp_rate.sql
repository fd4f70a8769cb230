-- title: Children on a child protection plan per 10,000 children
-- group: impact
-- measures: How many children are the subject of a child protection plan at the end of each month, as a
--   rate per 10,000 children in the LA. The model aims to keep children safe in their families with
--   less need for protection plans.
-- numerator: Distinct children with a child protection plan open at the end of the month day: started on
--   or before month end and not ended (ended_on null or after month end). A plan that ends on the last day
--   of the month is not counted.
-- denominator: The LA's children aged 0-17 (la.child_population, ONS mid-year estimate).
-- period: At the end of each month.
-- unit: per_10000
-- scale: 10000
-- better: lower
-- pods: no
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: outcomes for children, child protection plans).
--   DfE CIN census "children who were the subject of a child protection plan at 31 March" per 10,000
--   children: a plan with a CPPendDate (N00115) of 31 March has ended and is not counted at 31 March; the
--   same rule as journey/selectors.py open_cp_plans. Children, not plans: a child is counted once.
-- note: England at 31 March 2025: 40.6 per 10,000 (49,420 children; LA median 40.5). A monthly figure here
--   is comparable with the DfE's 31 March figure in the March row; other months show the trend.
WITH on_plan AS (
  SELECT m.la_code, m.month_start, p.child_id
  FROM month m
  LEFT JOIN cp_plan p
    ON p.la_code = m.la_code
   AND p.started_on <= m.month_end
   AND (p.ended_on IS NULL OR p.ended_on > m.month_end)
),
counted AS (
  SELECT la_code, month_start, COUNT(DISTINCT child_id) AS children
  FROM on_plan
  GROUP BY la_code, month_start
)
SELECT c.la_code, c.month_start, CAST(NULL AS STRING) AS pod_id,
       CAST(c.children AS BIGINT) AS numerator,
       CAST(l.child_population AS BIGINT) AS denominator
FROM counted c
JOIN la l ON l.la_code = c.la_code
ORDER BY c.la_code, c.month_start
