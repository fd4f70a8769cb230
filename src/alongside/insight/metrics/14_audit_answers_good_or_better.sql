-- title: Audit answers graded good or better
-- group: fidelity
-- measures: Monitoring impact: of the graded answers to the questions of case file audits submitted in
--   the month (the child's voice, the family's own plan, the same worker, direct work, ...), the share
--   graded good or outstanding.
-- numerator: Answers graded outstanding or good, of audits submitted in the month.
-- denominator: Graded answers of audits submitted in the month (an answer marked not applicable, or left
--   blank on an optional question, is not graded and is left out).
-- period: During the month (by the day the audit was submitted).
-- unit: percent
-- scale: 100
-- better: higher
-- show: quarter
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: fidelity to the model, over time) and
--   operating_model.yaml quality_assurance.audit_questions. No DfE definition. The same count as the
--   quality pages' theme figures (quality/selectors.py round_findings: the share of graded answers that
--   are good or better), over all themes together; theme by theme it is on the quality pages
--   (/quality/themes/). Audits come in rounds, so most months have few or none: read it by quarter.
--   By pod: the child's pod at the time of the audit ('none' when none was recorded).
WITH answers AS (
  SELECT m.la_code, m.month_start, COALESCE(a.pod_id, 'none') AS pod_id,
         CASE WHEN q.grade IN ('outstanding', 'good') THEN 1 ELSE 0 END AS hit
  FROM month m
  JOIN case_audit a
    ON a.la_code = m.la_code
   AND a.submitted_on >= m.month_start
   AND a.submitted_on <= m.month_end
  JOIN audit_answer q
    ON q.la_code = a.la_code
   AND q.audit_id = a.audit_id
  WHERE q.grade IS NOT NULL
    AND q.grade <> ''
    AND q.grade <> 'not_applicable'
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(hit) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM answers
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
