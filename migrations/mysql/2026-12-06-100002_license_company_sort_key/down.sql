DROP TRIGGER companies_name_licenses;
DROP TRIGGER licenses_company_name_update;
DROP TRIGGER licenses_company_name_insert;
ALTER TABLE licenses DROP INDEX licenses_company_name, DROP COLUMN company_name;
