-- The free word on Licenses at 1M licences (issue 14): a trigram index of the licence's
-- text (key, company, product, partner, rep, notes). A word of three or more characters
-- is a substring exactly when all its trigrams are in the text, so the index finds the
-- licences that can contain it (FTS5 folds case at least as widely as LIKE), and the
-- list's LIKE keeps those that do: the same rows as before, without reading every licence
-- (1.0-1.1 s with the count; a sparse word now 15-60 ms). The names are the keys the
-- licence keeps (2026-12-06-100002 and -100007), so a rename reaches the index through the
-- update trigger below.
--
-- External content: the text stays in `licenses`; triggers keep the index in the
-- transaction of every write. SQLite fires the most recently created trigger first, so
-- the insert trigger here indexes a new licence before the older key triggers update it,
-- and their update then goes through the update trigger (delete the old text, add the new).
CREATE VIRTUAL TABLE licenses_words USING fts5(
    license_key, company_name, product_key, partner_name, rep_name, notes,
    content = 'licenses', content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO licenses_words (licenses_words) VALUES ('rebuild');

CREATE TRIGGER licenses_words_insert AFTER INSERT ON licenses
BEGIN
    INSERT INTO licenses_words (rowid, license_key, company_name, product_key, partner_name,
        rep_name, notes)
    VALUES (NEW.id, NEW.license_key, NEW.company_name, NEW.product_key, NEW.partner_name,
        NEW.rep_name, NEW.notes);
END;

CREATE TRIGGER licenses_words_update
AFTER UPDATE OF license_key, company_name, product_key, partner_name, rep_name, notes
ON licenses
BEGIN
    INSERT INTO licenses_words (licenses_words, rowid, license_key, company_name, product_key,
        partner_name, rep_name, notes)
    VALUES ('delete', OLD.id, OLD.license_key, OLD.company_name, OLD.product_key,
        OLD.partner_name, OLD.rep_name, OLD.notes);
    INSERT INTO licenses_words (rowid, license_key, company_name, product_key, partner_name,
        rep_name, notes)
    VALUES (NEW.id, NEW.license_key, NEW.company_name, NEW.product_key, NEW.partner_name,
        NEW.rep_name, NEW.notes);
END;

CREATE TRIGGER licenses_words_delete AFTER DELETE ON licenses
BEGIN
    INSERT INTO licenses_words (licenses_words, rowid, license_key, company_name, product_key,
        partner_name, rep_name, notes)
    VALUES ('delete', OLD.id, OLD.license_key, OLD.company_name, OLD.product_key,
        OLD.partner_name, OLD.rep_name, OLD.notes);
END;
