ALTER TABLE purchases DROP INDEX purchases_term_end,
    ADD INDEX purchases_term_end (term_end, kind, sales_rep_id, partner_id, license_id);
ALTER TABLE purchases DROP COLUMN renewed;
