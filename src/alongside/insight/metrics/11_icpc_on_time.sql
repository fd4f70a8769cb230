-- title: Initial child protection conferences within 15 working days
-- group: fidelity
-- measures: Core tasks done on time: of the initial child protection conferences held in the month, the
--   share held within 15 working days of the strategy discussion that started the section 47 enquiry.
-- numerator: Section 47 enquiries whose initial conference was held in the month on or before its due
--   day (15 working days after the strategy discussion).
-- denominator: Section 47 enquiries whose initial conference was held in the month.
-- period: During the month (by the day of the conference).
-- unit: percent
-- scale: 100
-- better: higher
-- source: Seed ingredient "Core tasks done on time" (PRODUCT.md: statutory timescales are computed and
--   reported). Working Together 2023: the initial conference within 15 working days of the strategy
--   discussion that started the section 47 enquiry; the due day is the CIN census target date (N00109)
--   and the conference date is N00110. The DfE's children in need statistics count working days from
--   the start of the enquiry to the conference: England 81.4% within 15 in 2024-25. A conference
--   without a due day does not count as on time.
--   By pod: the pod of the child's allocation open on the day of the conference (the latest started if
--   more than one; 'none' when no allocation is open).
WITH conferences AS (
  SELECT m.la_code, m.month_start, x.s47_id, x.child_id, x.icpc_date,
         CASE WHEN x.icpc_date <= x.icpc_due_on THEN 1 ELSE 0 END AS hit
  FROM month m
  JOIN section47 x
    ON x.la_code = m.la_code
   AND x.icpc_date >= m.month_start
   AND x.icpc_date <= m.month_end
),
held_by AS (
  SELECT e.la_code, e.s47_id, a.pod_id,
         ROW_NUMBER() OVER (
           PARTITION BY e.la_code, e.s47_id ORDER BY a.started_on DESC, a.allocation_id DESC
         ) AS pick
  FROM conferences e
  JOIN allocation a
    ON a.la_code = e.la_code
   AND a.child_id = e.child_id
   AND a.started_on <= e.icpc_date
   AND (a.ended_on IS NULL OR a.ended_on >= e.icpc_date)
),
scored AS (
  SELECT e.la_code, e.month_start, COALESCE(h.pod_id, 'none') AS pod_id, e.hit
  FROM conferences e
  LEFT JOIN held_by h
    ON h.la_code = e.la_code
   AND h.s47_id = e.s47_id
   AND h.pick = 1
)
SELECT la_code, month_start, pod_id,
       CAST(SUM(hit) AS BIGINT) AS numerator,
       CAST(COUNT(*) AS BIGINT) AS denominator
FROM scored
GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
ORDER BY la_code, month_start, pod_id
