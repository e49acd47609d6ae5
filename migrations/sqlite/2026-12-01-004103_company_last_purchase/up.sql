-- A company's detail pane (issue 9) in a few index reads (see the MySQL migration).
-- Its licensed seats from `licenses_company_status` alone, which now holds `seats`.
DROP INDEX licenses_company_status;
CREATE INDEX licenses_company_status ON licenses (company_id, status, start_date, end_date, seats);

-- Its last purchase, kept per company and currency with the money totals.
ALTER TABLE company_money ADD COLUMN last_purchase_date DATE NULL;
ALTER TABLE company_money ADD COLUMN last_purchase_id BIGINT NULL;

UPDATE company_money
SET last_purchase_date = y.d, last_purchase_id = y.id
FROM (
    SELECT l.company_id, p.currency, MAX(p.id) AS id, x.d
    FROM purchases p
    JOIN licenses l ON l.id = p.license_id
    JOIN (
        SELECT l2.company_id, p2.currency, MAX(p2.purchase_date) AS d
        FROM purchases p2 JOIN licenses l2 ON l2.id = p2.license_id
        GROUP BY l2.company_id, p2.currency
    ) x ON x.company_id = l.company_id AND x.currency = p.currency AND x.d = p.purchase_date
    GROUP BY l.company_id, p.currency, x.d
) AS y
WHERE y.company_id = company_money.company_id AND y.currency = company_money.currency;
