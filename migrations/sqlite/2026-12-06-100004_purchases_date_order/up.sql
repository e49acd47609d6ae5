-- The Purchases list's order, newest first then by id (issue 14). `purchases_date` went
-- when wider indexes began with the date (2026-12-02-150001); in those the rowid is not
-- next after the date, so each page sorted the ties of a date in a temporary B-tree. In
-- this one it is (an index ends with the rowid): a page is a walk of 31 entries. MariaDB
-- needed it more: without it, it sorted all 2.1M purchases for each page.
CREATE INDEX purchases_date ON purchases (purchase_date);
