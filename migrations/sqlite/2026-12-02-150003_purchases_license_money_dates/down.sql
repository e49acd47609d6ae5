DROP INDEX purchases_license;
CREATE INDEX purchases_license ON purchases (license_id, purchase_date);
