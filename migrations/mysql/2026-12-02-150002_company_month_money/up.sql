-- Revenue per company, currency and calendar month ("YYYY-MM"), kept current with the
-- purchases like company_money: the Dashboard's monthly revenue charts read about one row
-- per company, currency and month (12,000 rows for a year of 1,000 companies) instead of
-- grouping a year of purchases (630,000 rows, 1.9 s on a 128 MiB MariaDB buffer pool).
CREATE TABLE company_month_money (
    company_id BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    month_key CHAR(7) NOT NULL,
    purchases BIGINT NOT NULL DEFAULT 0,
    revenue_minor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (company_id, currency, month_key),
    -- All companies: a range of months, read from the index alone.
    KEY company_month_money_month (month_key, currency, revenue_minor),
    CONSTRAINT company_month_money_company_fk FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO company_month_money (company_id, currency, month_key, purchases, revenue_minor)
SELECT l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7), COUNT(*), SUM(p.revenue_minor)
FROM purchases p JOIN licenses l ON l.id = p.license_id
GROUP BY l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7);
