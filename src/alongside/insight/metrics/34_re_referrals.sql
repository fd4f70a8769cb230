-- title: Re-referrals within 12 months
-- group: impact
-- measures: The share of referrals in the month that came within 12 months of a previous referral for the
--   same child: a sign that earlier help did not last. The model aims for help that lasts.
-- numerator: Referrals in the month for a child who had another referral dated before this one and no
--   more than 12 months before it (on or after referral_date - 12 months, with 29 February - 12 months
--   = 28 February). Referrals with no further action count, as the DfE counts them.
-- denominator: Referrals in the month (referral_date from month_start to month_end).
-- period: During the month.
-- unit: percent
-- scale: 100
-- better: lower
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: outcomes for children, re-referrals). DfE CIN
--   census "referrals within 12 months of a previous referral" as a share of all referrals (CINreferralDate,
--   N00100); the same look-back as journey/selectors.py la_figures. By pod: the pod of the child's allocation
--   open on the referral date (the newer one on a day the worker changed), else 'none' (most new referrals
--   are with the front door, which has no pods).
-- note: England 2024-25: 22.6% of referrals (2023-24: 22.4%).
WITH flagged AS (
  SELECT m.la_code, m.month_start, r.referral_id, r.child_id, r.referral_date,
         CASE WHEN COUNT(p.referral_id) > 0 THEN 1 ELSE 0 END AS re_referral
  FROM month m
  JOIN referral r
    ON r.la_code = m.la_code
   AND r.referral_date >= m.month_start
   AND r.referral_date <= m.month_end
  LEFT JOIN referral p
    ON p.la_code = r.la_code
   AND p.child_id = r.child_id
   AND p.referral_date < r.referral_date
   AND p.referral_date >= CAST(r.referral_date - INTERVAL 12 MONTH AS DATE)
  GROUP BY m.la_code, m.month_start, r.referral_id, r.child_id, r.referral_date
),
placed AS (
  SELECT f.la_code, f.month_start, f.referral_id, f.re_referral, COALESCE(a.pod_id, 'none') AS pod_id,
         ROW_NUMBER() OVER (
           PARTITION BY f.la_code, f.referral_id
           ORDER BY a.started_on DESC, a.allocation_id DESC
         ) AS nth
  FROM flagged f
  LEFT JOIN allocation a
    ON a.la_code = f.la_code
   AND a.child_id = f.child_id
   AND a.started_on <= f.referral_date
   AND (a.ended_on IS NULL OR a.ended_on >= f.referral_date)
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(re_referral) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM placed
WHERE nth = 1
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
