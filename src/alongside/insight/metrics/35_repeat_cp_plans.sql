-- title: Repeat child protection plans
-- group: impact
-- measures: The share of child protection plans started in the month that are a second or later plan for
--   the child: a sign that the help given under an earlier plan did not last.
-- numerator: Plans started in the month with previous_plans (N00106) of 1 or more. A plan whose number of
--   previous plans is not recorded is counted as a first plan.
-- denominator: Child protection plans started in the month (started_on from month_start to month_end).
-- period: During the month.
-- unit: percent
-- scale: 100
-- better: lower
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: outcomes for children, child protection plans).
--   DfE CIN census "children who became the subject of a child protection plan for a second or subsequent
--   time" as a share of plans started, from NumberOfPreviousCPP (N00106); the DfE counts any earlier plan,
--   however long ago. By pod: the pod of the child's allocation open on the day the plan started (the newer
--   one on a day the worker changed), else 'none'.
-- note: England 2024-25: 24.5% of plans started were second or subsequent plans (2023-24: 24.7%).
WITH started AS (
  SELECT m.la_code, m.month_start, p.cp_plan_id, p.child_id, p.started_on,
         CASE WHEN p.previous_plans >= 1 THEN 1 ELSE 0 END AS repeat_plan
  FROM month m
  JOIN cp_plan p
    ON p.la_code = m.la_code
   AND p.started_on >= m.month_start
   AND p.started_on <= m.month_end
),
placed AS (
  SELECT s.la_code, s.month_start, s.cp_plan_id, s.repeat_plan, COALESCE(a.pod_id, 'none') AS pod_id,
         ROW_NUMBER() OVER (
           PARTITION BY s.la_code, s.cp_plan_id
           ORDER BY a.started_on DESC, a.allocation_id DESC
         ) AS nth
  FROM started s
  LEFT JOIN allocation a
    ON a.la_code = s.la_code
   AND a.child_id = s.child_id
   AND a.started_on <= s.started_on
   AND (a.ended_on IS NULL OR a.ended_on >= s.started_on)
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(repeat_plan) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM placed
WHERE nth = 1
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
