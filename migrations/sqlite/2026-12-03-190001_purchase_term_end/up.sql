-- The end of the term a purchase paid for (see the MySQL migration).
ALTER TABLE purchases ADD COLUMN term_end DATE;
