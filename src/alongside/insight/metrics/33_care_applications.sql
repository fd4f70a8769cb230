-- title: Care proceedings started (children)
-- group: impact
-- measures: How many children the LA took to court in care proceedings, counted at the start of each period
--   under interim care orders. The model aims to keep children safely at home, so fewer children should
--   need proceedings.
-- numerator: Children whose episode of care with legal status C1 (interim care order) starts in the month
--   when the child's previous episode was not C1 or did not run up to this one (it ended more than a day
--   before this one started, or there was none). SSDA903 episodes end and start on the same day (REC X1),
--   so a C1 episode that follows a C1 episode (a change of placement) continues the same proceedings and is
--   not counted again; a C1 after an earlier period of care that ended is new proceedings.
-- denominator: none
-- period: During the month (shown by quarter).
-- unit: count
-- scale: 1
-- better: lower
-- show: quarter
-- source: Seed ingredient "Monitoring impact" (PRODUCT.md: outcomes for children, care applications).
--   Cafcass counts care applications (an application can name several siblings) and the children in them;
--   the DfE publishes no care-application figure. The record holds the interim care order (SSDA903 LS C1),
--   not the date the application was issued, so the first interim care order of a period under interim
--   orders stands in for it: the first order is usually made at the first hearing, days after issue. Not
--   seen: proceedings where no interim care order is made (the child stays at home under a supervision
--   order application, or a full order is made at once). Counts children. By pod: the pod of the child's
--   allocation open on the day the order starts (the newer one on a day the worker changed), else 'none'.
-- note: No national figure is given for comparison (Cafcass publishes applications, not children with
--   orders). The numbers are small in one LA, so the figure is shown by quarter (months summed).
WITH sequenced AS (
  SELECT e.la_code, e.care_episode_id, e.child_id, e.started_on, e.legal_status,
         LAG(e.legal_status) OVER (
           PARTITION BY e.la_code, e.child_id
           ORDER BY e.started_on, COALESCE(e.ended_on, CAST('9999-12-31' AS DATE)), e.care_episode_id
         ) AS previous_status,
         LAG(e.ended_on) OVER (
           PARTITION BY e.la_code, e.child_id
           ORDER BY e.started_on, COALESCE(e.ended_on, CAST('9999-12-31' AS DATE)), e.care_episode_id
         ) AS previous_ended_on
  FROM care_episode e
),
started AS (
  SELECT m.la_code, m.month_start, s.care_episode_id, s.child_id, s.started_on
  FROM month m
  JOIN sequenced s
    ON s.la_code = m.la_code
   AND s.started_on >= m.month_start
   AND s.started_on <= m.month_end
  WHERE s.legal_status = 'C1'
    AND NOT (
      COALESCE(s.previous_status, '') = 'C1'
      AND (s.previous_ended_on IS NULL OR s.previous_ended_on >= date_add(s.started_on, -1))
    )
),
placed AS (
  SELECT st.la_code, st.month_start, st.care_episode_id, COALESCE(a.pod_id, 'none') AS pod_id,
         ROW_NUMBER() OVER (
           PARTITION BY st.la_code, st.care_episode_id
           ORDER BY a.started_on DESC, a.allocation_id DESC
         ) AS nth
  FROM started st
  LEFT JOIN allocation a
    ON a.la_code = st.la_code
   AND a.child_id = st.child_id
   AND a.started_on <= st.started_on
   AND (a.ended_on IS NULL OR a.ended_on >= st.started_on)
),
counted AS (
  SELECT la_code, month_start, pod_id, COUNT(*) AS applications
  FROM placed
  WHERE nth = 1
  GROUP BY GROUPING SETS ((la_code, month_start, pod_id), (la_code, month_start))
)
-- Every month has a whole-LA row (0 when no proceedings started); pods appear in the months they have one.
SELECT m.la_code, m.month_start, c.pod_id,
       CAST(COALESCE(c.applications, 0) AS BIGINT) AS numerator,
       CAST(NULL AS BIGINT) AS denominator
FROM month m
LEFT JOIN counted c ON c.la_code = m.la_code AND c.month_start = m.month_start
ORDER BY m.la_code, m.month_start, c.pod_id
