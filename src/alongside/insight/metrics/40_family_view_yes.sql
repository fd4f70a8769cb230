-- title: Families answering yes about our work with them
-- group: impact
-- measures: The share of families' answers to the case audit's "how are we doing?" questions, given in the
--   month, that were "yes" (not "sometimes" or "no").
-- numerator: Answers "yes".
-- denominator: All answers given in the month (yes, sometimes or no; one row per question answered).
-- period: During the month (by the day the family gave their view).
-- unit: percent
-- scale: 100
-- better: higher
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: families' experience) and "Co-production": the
--   family's view is asked as part of each case file audit. No DfE definition. By pod: the audited child's
--   pod at the time of the audit (case_audit.pod_id), else 'none'.
-- note: No national figure. Every question counts equally, so a family who answered four questions weighs
--   four times one who answered one.
WITH answers AS (
  SELECT m.la_code, m.month_start, COALESCE(a.pod_id, 'none') AS pod_id,
         CASE WHEN v.answer = 'yes' THEN 1 ELSE 0 END AS yes
  FROM month m
  JOIN family_view v
    ON v.la_code = m.la_code
   AND v.given_on >= m.month_start
   AND v.given_on <= m.month_end
  LEFT JOIN case_audit a ON a.la_code = v.la_code AND a.audit_id = v.audit_id
  WHERE v.answer IN ('yes', 'sometimes', 'no')
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(yes) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM answers
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
