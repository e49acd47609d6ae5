-- The end of the term a purchase paid for: the licence's end date as the purchase left
-- it (a new purchase's first term, a renewal's new end date; NULL for an expansion).
-- The license timeline draws each term as its own segment from these. Purchases recorded
-- before this column existed keep NULL: the timeline then marks the renewal on its
-- purchase date. A nullable column is added in place (no table rebuild) on MariaDB 10.3+.
ALTER TABLE purchases ADD COLUMN term_end DATE NULL;
