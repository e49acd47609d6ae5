ALTER TABLE purchases DROP COLUMN term_end;
