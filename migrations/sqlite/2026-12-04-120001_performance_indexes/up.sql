-- The performance reports (issue 12): each GROUP BY reads a range of one index that holds
-- every column it needs. See src/report/performance/ and the plans in `lms report sales
-- --explain` (and partners, engineers, renewals).
-- Bookings and monthly bookings per rep or partner, kind and currency: a purchase-date range.
CREATE INDEX purchases_date_owner ON purchases (purchase_date, kind, currency, revenue_minor, seats_added, sales_rep_id, partner_id);
-- Renewal rate: the terms ending in the period (a term-end range) with their rep and partner,
-- and for each the renewal of its licence that renewed it (no table row read).
CREATE INDEX purchases_term_end ON purchases (term_end, kind, sales_rep_id, partner_id, license_id);
CREATE INDEX purchases_license_renewal ON purchases (license_id, kind, term_end, purchase_date);
-- A partner's licences running in the period, companies and seats: one pass over an index
-- in partner order that holds every column (no sort, no table row).
CREATE INDEX licenses_partner_dates ON licenses (partner_id, end_date, start_date, status, company_id, seats);
-- Renewals at stake per rep or partner: a status and end-date range holding both owners.
CREATE INDEX licenses_status_end_owner ON licenses (status, end_date, sales_rep_id, partner_id);
-- Engineers: deployments ended in the period per final status (a completed-date range per
-- status), and the backlog (the planned and in-progress entries).
CREATE INDEX deployments_status_completed ON deployments (status, completed_date, engineer_id, scheduled_date, started_date);
