-- The performance reports' aggregates, written by hand from the README's definitions
-- against the base tables (no kept table, no lms index chosen on purpose), in MariaDB's
-- dialect; benches/reports.sh writes its two date functions as SQLite's for sqlite3
-- (DATE_ADD(x, INTERVAL 30 DAY), DATEDIFF(a, b)) and fills in the dates: {FROM}..{TO} the period (half
-- open), {PFROM} the previous period's first day, {SFROM} the first of the 12 months,
-- {ASOF} and {ASOF30}/{ASOF60}/{ASOF90} the renewal horizons.

-- report: sales
SELECT sales_rep_id, currency, kind, purchase_date >= '{FROM}' AS cur,
       COUNT(*), SUM(revenue_minor), SUM(seats_added)
FROM purchases WHERE purchase_date >= '{PFROM}' AND purchase_date < '{TO}'
GROUP BY sales_rep_id, currency, kind, cur;
SELECT sales_rep_id, currency, SUBSTR(purchase_date, 1, 7) AS month, SUM(revenue_minor)
FROM purchases WHERE purchase_date >= '{SFROM}' AND purchase_date < '{TO}'
GROUP BY sales_rep_id, currency, month;
SELECT t.sales_rep_id, t.term_end >= '{FROM}' AS cur, COUNT(*) AS ended,
       SUM(EXISTS (SELECT 1 FROM purchases r WHERE r.license_id = t.license_id
           AND r.kind = 'renewal' AND r.term_end > t.term_end
           AND r.purchase_date <= DATE_ADD(t.term_end, INTERVAL 30 DAY))) AS renewed
FROM purchases t
WHERE t.kind IN ('new', 'renewal') AND t.term_end >= '{PFROM}' AND t.term_end < '{TO}'
GROUP BY t.sales_rep_id, cur;
SELECT l.sales_rep_id, p.currency, COUNT(*), SUM(p.revenue_minor)
FROM licenses l LEFT JOIN purchases p
  ON p.id = (SELECT MAX(p2.id) FROM purchases p2 WHERE p2.license_id = l.id)
WHERE l.status IN ('active', 'suspended') AND l.end_date BETWEEN '{ASOF}' AND '{ASOF90}'
GROUP BY l.sales_rep_id, p.currency;

-- report: partners
SELECT partner_id, currency, kind, purchase_date >= '{FROM}' AS cur,
       COUNT(*), SUM(revenue_minor)
FROM purchases WHERE purchase_date >= '{PFROM}' AND purchase_date < '{TO}'
GROUP BY partner_id, currency, kind, cur;
SELECT partner_id, currency, SUBSTR(purchase_date, 1, 7) AS month, SUM(revenue_minor)
FROM purchases WHERE purchase_date >= '{SFROM}' AND purchase_date < '{TO}'
GROUP BY partner_id, currency, month;
SELECT t.partner_id, t.term_end >= '{FROM}' AS cur, COUNT(*) AS ended,
       SUM(EXISTS (SELECT 1 FROM purchases r WHERE r.license_id = t.license_id
           AND r.kind = 'renewal' AND r.term_end > t.term_end
           AND r.purchase_date <= DATE_ADD(t.term_end, INTERVAL 30 DAY))) AS renewed
FROM purchases t
WHERE t.kind IN ('new', 'renewal') AND t.term_end >= '{PFROM}' AND t.term_end < '{TO}'
GROUP BY t.partner_id, cur;
SELECT l.partner_id, p.currency, COUNT(*), SUM(p.revenue_minor)
FROM licenses l LEFT JOIN purchases p
  ON p.id = (SELECT MAX(p2.id) FROM purchases p2 WHERE p2.license_id = l.id)
WHERE l.status IN ('active', 'suspended') AND l.end_date BETWEEN '{ASOF}' AND '{ASOF90}'
GROUP BY l.partner_id, p.currency;
SELECT partner_id, COUNT(*), SUM(seats), SUM(seats IS NULL), COUNT(DISTINCT company_id)
FROM licenses WHERE status <> 'draft' AND end_date >= '{FROM}' AND start_date < '{TO}'
GROUP BY partner_id;
SELECT partner_id, COUNT(*), SUM(seats), SUM(seats IS NULL), COUNT(DISTINCT company_id)
FROM licenses WHERE status <> 'draft' AND end_date >= '{PFROM}' AND start_date < '{FROM}'
GROUP BY partner_id;

-- report: engineers
SELECT engineer_id, status, completed_date >= '{FROM}' AS cur, COUNT(*)
FROM deployments
WHERE status IN ('completed', 'failed', 'cancelled')
  AND completed_date >= '{PFROM}' AND completed_date < '{TO}'
GROUP BY engineer_id, status, cur;
SELECT engineer_id, cur, MIN(CASE WHEN pos * 2 >= n THEN days END) AS median,
       MIN(CASE WHEN pos * 10 >= n * 9 THEN days END) AS p90
FROM (SELECT engineer_id, completed_date >= '{FROM}' AS cur,
             DATEDIFF(completed_date, scheduled_date) AS days,
             ROW_NUMBER() OVER (PARTITION BY engineer_id, completed_date >= '{FROM}'
                                ORDER BY DATEDIFF(completed_date, scheduled_date)) AS pos,
             COUNT(*) OVER (PARTITION BY engineer_id, completed_date >= '{FROM}') AS n
      FROM deployments
      WHERE status = 'completed' AND scheduled_date IS NOT NULL
        AND completed_date >= '{PFROM}' AND completed_date < '{TO}') x
GROUP BY engineer_id, cur;
SELECT engineer_id, cur, MIN(CASE WHEN pos * 2 >= n THEN days END) AS median,
       MIN(CASE WHEN pos * 10 >= n * 9 THEN days END) AS p90
FROM (SELECT engineer_id, completed_date >= '{FROM}' AS cur,
             DATEDIFF(completed_date, started_date) AS days,
             ROW_NUMBER() OVER (PARTITION BY engineer_id, completed_date >= '{FROM}'
                                ORDER BY DATEDIFF(completed_date, started_date)) AS pos,
             COUNT(*) OVER (PARTITION BY engineer_id, completed_date >= '{FROM}') AS n
      FROM deployments
      WHERE status = 'completed' AND started_date IS NOT NULL
        AND completed_date >= '{PFROM}' AND completed_date < '{TO}') x
GROUP BY engineer_id, cur;
SELECT region, cur, MIN(CASE WHEN pos * 2 >= n THEN days END) AS median,
       MIN(CASE WHEN pos * 10 >= n * 9 THEN days END) AS p90
FROM (SELECT e.region, d.completed_date >= '{FROM}' AS cur,
             DATEDIFF(d.completed_date, d.scheduled_date) AS days,
             ROW_NUMBER() OVER (PARTITION BY e.region, d.completed_date >= '{FROM}'
                                ORDER BY DATEDIFF(d.completed_date, d.scheduled_date)) AS pos,
             COUNT(*) OVER (PARTITION BY e.region, d.completed_date >= '{FROM}') AS n
      FROM deployments d JOIN engineers e ON e.id = d.engineer_id
      WHERE d.status = 'completed' AND d.scheduled_date IS NOT NULL
        AND d.completed_date >= '{PFROM}' AND d.completed_date < '{TO}') x
GROUP BY region, cur;
SELECT region, cur, MIN(CASE WHEN pos * 2 >= n THEN days END) AS median,
       MIN(CASE WHEN pos * 10 >= n * 9 THEN days END) AS p90
FROM (SELECT e.region, d.completed_date >= '{FROM}' AS cur,
             DATEDIFF(d.completed_date, d.started_date) AS days,
             ROW_NUMBER() OVER (PARTITION BY e.region, d.completed_date >= '{FROM}'
                                ORDER BY DATEDIFF(d.completed_date, d.started_date)) AS pos,
             COUNT(*) OVER (PARTITION BY e.region, d.completed_date >= '{FROM}') AS n
      FROM deployments d JOIN engineers e ON e.id = d.engineer_id
      WHERE d.status = 'completed' AND d.started_date IS NOT NULL
        AND d.completed_date >= '{PFROM}' AND d.completed_date < '{TO}') x
GROUP BY region, cur;
SELECT engineer_id, COUNT(*) AS backlog,
       SUM(status = 'planned' AND scheduled_date < '{ASOF}') AS overdue
FROM deployments WHERE status IN ('planned', 'in progress')
GROUP BY engineer_id;
SELECT engineer_id, status, SUBSTR(completed_date, 1, 7) AS month, COUNT(*)
FROM deployments
WHERE status IN ('completed', 'failed')
  AND completed_date >= '{SFROM}' AND completed_date < '{TO}'
GROUP BY engineer_id, status, month;

-- report: renewals
SELECT l.sales_rep_id, p.currency,
       SUM(l.end_date <= '{ASOF30}'), SUM(l.end_date <= '{ASOF60}'), COUNT(*),
       SUM(CASE WHEN l.end_date <= '{ASOF30}' THEN p.revenue_minor END),
       SUM(CASE WHEN l.end_date <= '{ASOF60}' THEN p.revenue_minor END),
       SUM(p.revenue_minor)
FROM licenses l LEFT JOIN purchases p
  ON p.id = (SELECT MAX(p2.id) FROM purchases p2 WHERE p2.license_id = l.id)
WHERE l.status IN ('active', 'suspended') AND l.end_date BETWEEN '{ASOF}' AND '{ASOF90}'
GROUP BY l.sales_rep_id, p.currency;
SELECT l.partner_id, p.currency,
       SUM(l.end_date <= '{ASOF30}'), SUM(l.end_date <= '{ASOF60}'), COUNT(*),
       SUM(CASE WHEN l.end_date <= '{ASOF30}' THEN p.revenue_minor END),
       SUM(CASE WHEN l.end_date <= '{ASOF60}' THEN p.revenue_minor END),
       SUM(p.revenue_minor)
FROM licenses l LEFT JOIN purchases p
  ON p.id = (SELECT MAX(p2.id) FROM purchases p2 WHERE p2.license_id = l.id)
WHERE l.status IN ('active', 'suspended') AND l.end_date BETWEEN '{ASOF}' AND '{ASOF90}'
GROUP BY l.partner_id, p.currency;
