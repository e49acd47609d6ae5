-- The entity tabs' detail panes (issue 9, item 5): each figure is one aggregate over one
-- partner's, rep's, engineer's or product's rows, read from an index that holds every
-- column it needs (no table row is read). See src/db/queries/details.rs.
-- Companies served by a partner: COUNT(DISTINCT company_id) WHERE partner_id = ?.
CREATE INDEX licenses_partner_company ON licenses (partner_id, company_id);
-- A product's licenses and seats per status (one pass over its entries, grouped in
-- index order); those in force are the active ones less those that ended before today
-- and those that start after it (two short ranges).
CREATE INDEX licenses_product_end ON licenses (product_code_id, status, end_date, seats);
CREATE INDEX licenses_product_start ON licenses (product_code_id, status, start_date, seats);
-- Revenue per currency of the purchases a partner sold.
CREATE INDEX purchases_partner_money ON purchases (partner_id, currency, revenue_minor);
-- A sales rep's purchases of one year, per currency.
CREATE INDEX purchases_rep_date_money ON purchases (sales_rep_id, purchase_date, currency, revenue_minor);
-- An engineer's deployments completed in a date range.
CREATE INDEX deployments_engineer_completed ON deployments (engineer_id, status, completed_date);
-- A portal user's last activity and activity in a window read `app_log_user_ts
-- (user_id, ts)`, which the entity_list_indexes migration (the `user:` filter) makes.
