ALTER TABLE company_money DROP COLUMN last_purchase_id;
ALTER TABLE company_money DROP COLUMN last_purchase_date;
DROP INDEX licenses_company_status;
CREATE INDEX licenses_company_status ON licenses (company_id, status, start_date, end_date);
