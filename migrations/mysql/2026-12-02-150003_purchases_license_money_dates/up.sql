-- The Dashboard's monthly revenue under a partner, status or date filter joins the chosen
-- licences to their purchases of the last 12 months. With `purchases_license` holding
-- only (license_id, purchase_date), each joined purchase was a random read of its row:
-- 55 s for `status=active` at 1M licences on a 128 MiB buffer pool. Holding the currency
-- and revenue too, the join reads the index alone (as `money` does through
-- `purchases_license_money`).
ALTER TABLE purchases
    DROP INDEX purchases_license,
    ADD INDEX purchases_license (license_id, purchase_date, currency, revenue_minor);
