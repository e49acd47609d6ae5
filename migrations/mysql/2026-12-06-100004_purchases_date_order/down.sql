DROP INDEX purchases_date ON purchases;
