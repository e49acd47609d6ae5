-- The Dashboard's monthly revenue under licence filters reads the joined purchases from
-- this index alone (see the MySQL migration).
DROP INDEX purchases_license;
CREATE INDEX purchases_license ON purchases (license_id, purchase_date, currency, revenue_minor);
