ALTER TABLE deployments DROP INDEX deployments_engineer_completed;
ALTER TABLE purchases
    DROP INDEX purchases_rep_date_money,
    DROP INDEX purchases_partner_money;
ALTER TABLE licenses
    DROP INDEX licenses_product_start,
    DROP INDEX licenses_product_end,
    DROP INDEX licenses_partner_company;
