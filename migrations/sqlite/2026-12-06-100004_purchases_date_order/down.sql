DROP INDEX purchases_date;
