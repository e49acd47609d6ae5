-- The Dashboard's revenue per currency and month (GROUP BY currency, month over the last
-- 12 months): a range of purchase dates read from the index alone, with the licence id
-- for the join when licence filters are set. It starts with purchase_date, so it also
-- serves everything `purchases_date` served.
CREATE INDEX purchases_date_money ON purchases (purchase_date, currency, revenue_minor, license_id);
DROP INDEX purchases_date;
