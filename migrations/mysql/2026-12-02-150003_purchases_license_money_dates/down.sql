ALTER TABLE purchases
    DROP INDEX purchases_license,
    ADD INDEX purchases_license (license_id, purchase_date);
