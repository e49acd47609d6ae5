DROP INDEX purchases_license_money;
DROP INDEX licenses_status_company;
