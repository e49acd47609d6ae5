-- The performance reports (issue 12): each GROUP BY reads a range of one index that holds
-- every column it needs. See src/report/performance/ and the plans in `lms report sales
-- --explain` (and partners, engineers, renewals).
ALTER TABLE purchases
    -- Bookings and monthly bookings per rep or partner, kind and currency: a date range.
    ADD INDEX purchases_date_owner (purchase_date, kind, currency, revenue_minor, seats_added, sales_rep_id, partner_id),
    -- Renewal rate: the terms ending in the period with their rep and partner, and for
    -- each the renewal of its licence that renewed it (no table row read).
    ADD INDEX purchases_term_end (term_end, kind, sales_rep_id, partner_id, license_id),
    ADD INDEX purchases_license_renewal (license_id, kind, term_end, purchase_date);
ALTER TABLE licenses
    -- A partner's licences running in the period, companies and seats: one pass over an
    -- index in partner order that holds every column (no sort, no table row).
    ADD INDEX licenses_partner_dates (partner_id, end_date, start_date, status, company_id, seats),
    -- Renewals at stake per rep or partner: a status and end-date range holding both
    -- owners (with `licenses_status_end` alone MariaDB scanned the rep index instead).
    ADD INDEX licenses_status_end_owner (status, end_date, sales_rep_id, partner_id);
-- Engineers: deployments ended in the period per final status, and the backlog.
ALTER TABLE deployments
    ADD INDEX deployments_status_completed (status, completed_date, engineer_id, scheduled_date, started_date);
