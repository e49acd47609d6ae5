ALTER TABLE license_last_purchase DROP COLUMN purchase_date;
