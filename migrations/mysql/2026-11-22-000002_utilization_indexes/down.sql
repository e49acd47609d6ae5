DROP INDEX purchases_license_money ON purchases;
DROP INDEX licenses_status_company ON licenses;
