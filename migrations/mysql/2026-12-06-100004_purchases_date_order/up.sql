-- The Purchases list's order, newest first then by id (issue 14). `purchases_date` went
-- when wider indexes began with the date (2026-12-02-150001), but in those the id is not
-- next after the date, so MariaDB read all 2.1M purchases and sorted them for each page
-- (0.5-0.6 s). In this one it is (InnoDB ends every secondary index with the primary
-- key): a page is a walk of 31 entries.
CREATE INDEX purchases_date ON purchases (purchase_date);
