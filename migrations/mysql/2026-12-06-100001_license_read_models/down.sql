DROP TABLE license_last_purchase;
DROP TABLE license_currencies;
