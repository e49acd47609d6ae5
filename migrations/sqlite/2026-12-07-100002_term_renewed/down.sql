DROP INDEX purchases_term_end;
CREATE INDEX purchases_term_end ON purchases (term_end, kind, sales_rep_id, partner_id, license_id);
ALTER TABLE purchases DROP COLUMN renewed;
