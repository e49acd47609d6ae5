DROP INDEX deployments_status_completed;
DROP INDEX licenses_status_end_owner;
DROP INDEX licenses_partner_dates;
DROP INDEX purchases_license_renewal;
DROP INDEX purchases_term_end;
DROP INDEX purchases_date_owner;
