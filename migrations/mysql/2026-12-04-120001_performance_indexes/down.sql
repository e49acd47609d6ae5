ALTER TABLE deployments DROP INDEX deployments_status_completed;
ALTER TABLE licenses
    DROP INDEX licenses_status_end_owner,
    DROP INDEX licenses_partner_dates;
ALTER TABLE purchases
    DROP INDEX purchases_license_renewal,
    DROP INDEX purchases_term_end,
    DROP INDEX purchases_date_owner;
