DROP TRIGGER companies_name_licenses;
DROP TRIGGER licenses_company_name_update;
DROP TRIGGER licenses_company_name_insert;
DROP INDEX licenses_company_name;
ALTER TABLE licenses DROP COLUMN company_name;
