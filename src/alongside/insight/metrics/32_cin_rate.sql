-- title: Children in need per 10,000 children
-- group: impact
-- measures: How many children are in need (open to children's social care) at the end of each month, as a
--   rate per 10,000 children in the LA.
-- numerator: Distinct children with a CIN episode (referral to closure) open at the end of the month day:
--   referral_date on or before month end, not closed (closure_date null or after month end), and not a
--   referral with no further action. Children on child protection plans and looked-after children are
--   included: their CIN episode stays open while the plan or care lasts, as the CIN census requires.
-- denominator: The LA's children aged 0-17 (la.child_population, ONS mid-year estimate).
-- period: At the end of each month.
-- unit: per_10000
-- scale: 10000
-- better: neither
-- pods: no
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: outcomes for children). DfE CIN census
--   "children in need at 31 March" per 10,000 children: children with an episode of need open at 31 March
--   (no CINclosureDate, N00102, on or before it), which includes children on child in need plans, on child
--   protection plans and looked after, and those still being assessed. A referral with no further action
--   (N00112) is not an episode of need. The same rule as journey/selectors.py open_cin_episodes.
-- note: England at 31 March 2025: 330.3 per 10,000 (402,400 children; LA median 346). Neither higher nor
--   lower is better on its own: fewer children in need can mean needs met earlier (early help) or a higher
--   threshold at the front door; read it beside re-referrals and the child protection and care rates.
WITH in_need AS (
  SELECT m.la_code, m.month_start, r.child_id
  FROM month m
  LEFT JOIN referral r
    ON r.la_code = m.la_code
   AND r.referral_date <= m.month_end
   AND (r.closure_date IS NULL OR r.closure_date > m.month_end)
   AND (r.nfa IS NULL OR NOT r.nfa)
),
counted AS (
  SELECT la_code, month_start, COUNT(DISTINCT child_id) AS children
  FROM in_need
  GROUP BY la_code, month_start
)
SELECT c.la_code, c.month_start, CAST(NULL AS STRING) AS pod_id,
       CAST(c.children AS BIGINT) AS numerator,
       CAST(l.child_population AS BIGINT) AS denominator
FROM counted c
JOIN la l ON l.la_code = c.la_code
ORDER BY c.la_code, c.month_start
