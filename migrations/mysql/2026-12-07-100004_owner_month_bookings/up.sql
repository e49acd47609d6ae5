-- Bookings per calendar month, rep, partner, kind and currency (issue 12): the sales reps'
-- and partners' reports read their 12-month sparkline and their month, quarter or year
-- from here, a few thousand rows, instead of every purchase of those months (0.2 s at
-- 1M licences with a 128 MiB buffer pool). The month is its first day; 0 stands for no
-- rep or partner (a key column cannot be NULL). Purchases are never edited or deleted: a
-- new one adds to its row (`db::owner_bookings`), a bulk load rebuilds them.
CREATE TABLE owner_month_bookings (
    month DATE NOT NULL,
    sales_rep_id BIGINT NOT NULL,
    partner_id BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    currency CHAR(3) NOT NULL,
    purchases BIGINT NOT NULL,
    revenue_minor BIGINT NOT NULL,
    seats_added BIGINT NOT NULL,
    PRIMARY KEY (month, sales_rep_id, partner_id, kind, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO owner_month_bookings
    SELECT m.month, m.rep, m.partner, m.kind, m.currency, COUNT(*), SUM(m.revenue_minor),
           SUM(m.seats_added)
    FROM (SELECT purchase_date - INTERVAL (DAYOFMONTH(purchase_date) - 1) DAY AS month,
                 COALESCE(sales_rep_id, 0) AS rep, COALESCE(partner_id, 0) AS partner,
                 kind, currency, revenue_minor, seats_added
          FROM purchases) m
    GROUP BY m.month, m.rep, m.partner, m.kind, m.currency;
