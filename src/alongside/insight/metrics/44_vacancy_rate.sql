-- title: Social worker vacancy rate in pods
-- group: impact
-- measures: The share of the model's social-work posts in pods that no permanent worker fills at the end of
--   each month, whether or not an agency worker covers them.
-- numerator: Vacant posts: for each pod of the family_safeguarding and children_in_care services and each
--   social-work role of the model's pod (model_pod_role rows for social_worker, senior_social_worker, nqsw,
--   team_manager), the posts (per_pod) less the permanent workers of that role in that pod in post at the
--   end of the month day (left_on null or after month end), never less than 0: a surplus in one role or
--   pod does not fill another's vacancy.
-- denominator: The model's posts in those roles across those pods (per_pod summed).
-- period: At the end of each month.
-- unit: percent
-- scale: 100
-- better: lower
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: the workforce) and "Pods" (the pod's make-up).
--   DfE children's social work workforce census "vacancy rate": vacancies (posts not filled by an employed
--   social worker, including those covered by agency workers) / (vacancies + employed social workers), FTE,
--   at 30 September. Here the posts are the model's pod (operating_model.yaml pods.roles) in the two
--   services built of such pods, counted in heads; other services' posts are not in the model's pod shape.
--   The record keeps only each worker's current pod and the pod table has no dates, so every pod counts in
--   every month. By pod: that pod's posts.
-- note: England at 30 September 2025: 14.2% (FTE; LA median 14.4%, 2022: 20.0%). Posts are the model's
--   pod, not the LA's funded establishment, so the figure shows how far pods are from the model as well
--   as recruitment.
WITH posts AS (
  SELECT m.la_code, m.month_start, m.month_end, p.pod_id, r.role, r.per_pod
  FROM month m
  JOIN pod p
    ON p.la_code = m.la_code
   AND p.service IN ('family_safeguarding', 'children_in_care')
  JOIN model_pod_role r
    ON r.la_code = m.la_code
   AND r.role IN ('social_worker', 'senior_social_worker', 'nqsw', 'team_manager')
),
filled AS (
  SELECT po.la_code, po.month_start, po.pod_id, po.role, po.per_pod, COUNT(s.staff_id) AS permanent
  FROM posts po
  LEFT JOIN staff s
    ON s.la_code = po.la_code
   AND s.pod_id = po.pod_id
   AND s.role = po.role
   AND s.employment = 'permanent'
   AND s.started_on <= po.month_end
   AND (s.left_on IS NULL OR s.left_on > po.month_end)
  GROUP BY po.la_code, po.month_start, po.pod_id, po.role, po.per_pod
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(per_pod - CASE WHEN permanent > per_pod THEN per_pod ELSE permanent END) AS BIGINT) AS numerator,
       CAST(SUM(per_pod) AS BIGINT) AS denominator
FROM filled
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
