DROP INDEX licenses_partner_company_dates;
CREATE INDEX licenses_partner_company ON licenses (partner_id, company_id);
DROP TRIGGER partner_license_months_update;
DROP TRIGGER partner_license_months_delete;
DROP TRIGGER partner_license_months_insert;
DROP TABLE partner_license_months;
