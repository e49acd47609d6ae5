-- Bookings per calendar month, rep, partner, kind and currency (issue 12): the sales reps'
-- and partners' reports read their 12-month sparkline and their month, quarter or year
-- from here, a few thousand rows, instead of every purchase of those months (0.2 s at
-- 1M licences on MariaDB). The month is its first day; 0 stands for no rep or partner
-- (a key column cannot be NULL). Purchases are never edited or deleted: a new one adds
-- to its row (`db::owner_bookings`), a bulk load rebuilds them.
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
);
INSERT INTO owner_month_bookings
    SELECT date(purchase_date, 'start of month'), COALESCE(sales_rep_id, 0),
           COALESCE(partner_id, 0), kind, currency, COUNT(*), SUM(revenue_minor),
           SUM(seats_added)
    FROM purchases
    GROUP BY date(purchase_date, 'start of month'), COALESCE(sales_rep_id, 0),
             COALESCE(partner_id, 0), kind, currency;
