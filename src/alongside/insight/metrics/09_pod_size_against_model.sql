-- title: Pod size against the model's pod
-- group: fidelity
-- measures: Pods: how the staff in each social work pod at the end of the month compare with the pod the
--   operating model describes (a team manager, a senior social worker, three social workers, a newly
--   qualified worker and business support), as a percentage of the model's size.
-- numerator: Staff in post at month end in a social work pod, in the roles the model's pod lists.
-- denominator: The model's pod size (the posts in operating_model.yaml pods.roles, business support
--   included) times the social work pods with anyone in post at month end.
-- period: At the end of each month.
-- unit: percent
-- scale: 100
-- better: neither
-- target: 100
-- target_meaning: Every pod the size and shape of the model's: below is short-staffed, above is a pod
--   grown beyond the small team the model describes.
-- source: Seed ingredient "Pods" (PRODUCT.md: small teams of a team manager, senior social workers,
--   social workers, a newly qualified worker and business support) and operating_model.yaml pods.roles.
--   No DfE definition. Social work pods are those of the family_safeguarding, children_in_care and
--   disabled_children services: the model's pod is a social work pod, and the demo builds exactly these
--   services' pods on it (demo/workforce_sim.py POD_SHAPE); leaving care (personal advisers), early
--   help (early help workers) and the front door are shaped differently, so measuring them against a
--   social work pod would say nothing. Staff count by their current pod (the record keeps no history
--   of moves between pods). The record keeps no dates for pods, so a pod counts in a month when
--   someone is in post in it at month end. Staff in roles the model's pod does not list (a personal
--   adviser placed in a pod, say) are not counted.
--   By pod: each pod against one model pod.
WITH model_pod AS (
  SELECT la_code, SUM(per_pod) AS posts
  FROM model_pod_role
  GROUP BY la_code
),
in_post AS (
  SELECT m.la_code, m.month_start, s.pod_id, CASE WHEN r.role IS NULL THEN 0 ELSE 1 END AS in_model_role
  FROM month m
  JOIN staff s
    ON s.la_code = m.la_code
   AND s.started_on <= m.month_end
   AND (s.left_on IS NULL OR s.left_on >= m.month_end)
  JOIN pod p
    ON p.la_code = s.la_code
   AND p.pod_id = s.pod_id
  LEFT JOIN model_pod_role r
    ON r.la_code = s.la_code
   AND r.role = s.role
  WHERE p.service IN ('family_safeguarding', 'children_in_care', 'disabled_children')
),
pods_in_use AS (
  SELECT i.la_code, i.month_start, i.pod_id, SUM(i.in_model_role) AS filled, MAX(mp.posts) AS posts
  FROM in_post i
  JOIN model_pod mp
    ON mp.la_code = i.la_code
  GROUP BY i.la_code, i.month_start, i.pod_id
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(filled) AS BIGINT) AS numerator,
       CAST(SUM(posts) AS BIGINT) AS denominator
FROM pods_in_use
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
