-- Covering indexes for the utilization report (issue #4).
-- Licensed seats per company on a date: status = 'active' and the dates filter inside the
-- index, seats and the licence filters come from it too, so no row is read.
CREATE INDEX licenses_status_company ON licenses (status, company_id, start_date, end_date, seats, partner_id);
-- Revenue and cost per company and currency: the join from licences reads purchases'
-- money from the index instead of one table row per purchase.
CREATE INDEX purchases_license_money ON purchases (license_id, currency, revenue_minor, cost_minor);
