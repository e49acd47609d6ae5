-- Revenue per company, currency and calendar month ("YYYY-MM"), kept current with the
-- purchases like company_money (see the MySQL migration): the Dashboard's monthly charts.
CREATE TABLE company_month_money (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    currency CHAR(3) NOT NULL,
    month_key CHAR(7) NOT NULL,
    purchases BIGINT NOT NULL DEFAULT 0,
    revenue_minor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (company_id, currency, month_key)
);
CREATE INDEX company_month_money_month ON company_month_money (month_key, currency, revenue_minor);

INSERT INTO company_month_money (company_id, currency, month_key, purchases, revenue_minor)
SELECT l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7), COUNT(*), SUM(p.revenue_minor)
FROM purchases p JOIN licenses l ON l.id = p.license_id
GROUP BY l.company_id, p.currency, SUBSTR(p.purchase_date, 1, 7);
