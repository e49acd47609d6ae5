ALTER TABLE company_money
    DROP COLUMN last_purchase_id,
    DROP COLUMN last_purchase_date;
ALTER TABLE licenses
    DROP INDEX licenses_company_status,
    ADD INDEX licenses_company_status (company_id, status, start_date, end_date);
