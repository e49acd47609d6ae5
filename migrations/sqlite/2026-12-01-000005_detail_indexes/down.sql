DROP INDEX deployments_engineer_completed;
DROP INDEX purchases_rep_date_money;
DROP INDEX purchases_partner_money;
DROP INDEX licenses_product_start;
DROP INDEX licenses_product_end;
DROP INDEX licenses_partner_company;
