ALTER TABLE purchases
    ADD INDEX purchases_date (purchase_date),
    DROP INDEX purchases_date_money;
