-- title: Case file audits graded good or better
-- group: fidelity
-- measures: Monitoring impact: of the case file audits submitted in the month, the share whose overall
--   grade (after moderation) is good or outstanding.
-- numerator: Audits submitted in the month with a final grade of outstanding or good.
-- denominator: Audits submitted in the month.
-- period: During the month (by the day the auditor submitted it).
-- unit: percent
-- scale: 100
-- better: higher
-- show: quarter
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: fidelity to the model, over time) and
--   operating_model.yaml quality_assurance.grades (Ofsted's four grades; good_or_better marks outstanding
--   and good). No DfE definition. The final grade is the moderator's where the audit was moderated,
--   else the auditor's, as on the quality pages. Audits come in rounds, so most months have few or
--   none: read it by quarter. What the audits found theme by theme (the child's voice, done with not
--   to, ...) is on the quality pages (/quality/themes/) and in audit answers good or better.
--   By pod: the child's pod at the time of the audit ('none' when none was recorded).
WITH audits AS (
  SELECT m.la_code, m.month_start, COALESCE(a.pod_id, 'none') AS pod_id,
         CASE WHEN a.final_grade IN ('outstanding', 'good') THEN 1 ELSE 0 END AS hit
  FROM month m
  JOIN case_audit a
    ON a.la_code = m.la_code
   AND a.submitted_on >= m.month_start
   AND a.submitted_on <= m.month_end
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(hit) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM audits
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
