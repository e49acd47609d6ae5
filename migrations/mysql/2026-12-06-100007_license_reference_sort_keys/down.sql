DROP TRIGGER sales_reps_name_licenses;
DROP TRIGGER partners_name_licenses;
DROP TRIGGER product_codes_code_licenses;
DROP TRIGGER licenses_reference_keys_update;
DROP TRIGGER licenses_reference_keys_insert;
ALTER TABLE licenses
    DROP INDEX licenses_rep_name, DROP INDEX licenses_partner_name,
    DROP INDEX licenses_product_key,
    DROP COLUMN rep_name, DROP COLUMN partner_name, DROP COLUMN product_key;
