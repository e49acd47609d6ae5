-- Revenue, cost, purchases and licences per company and currency: the dashboard's money
-- figures without aggregating every purchase on each refresh. Kept current by the
-- purchase and licence use cases; rebuilt from purchases by bulk loads.
CREATE TABLE company_money (
    company_id BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    purchases BIGINT NOT NULL DEFAULT 0,
    licenses BIGINT NOT NULL DEFAULT 0,
    revenue_minor BIGINT NOT NULL DEFAULT 0,
    cost_minor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (company_id, currency),
    CONSTRAINT company_money_company_fk FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO company_money (company_id, currency, purchases, licenses, revenue_minor, cost_minor)
SELECT l.company_id, p.currency, COUNT(*), COUNT(DISTINCT p.license_id),
       SUM(p.revenue_minor), SUM(p.cost_minor)
FROM purchases p JOIN licenses l ON l.id = p.license_id
GROUP BY l.company_id, p.currency;
