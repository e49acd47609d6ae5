CREATE INDEX purchases_date ON purchases (purchase_date);
DROP INDEX purchases_date_money;
