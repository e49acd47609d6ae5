-- The licence list sorted by status, start or end date at 1M licences (issue 14). No index
-- began with these columns alone, so each page sorted every licence (MariaDB: 1.2-1.5 s).
-- An index on the column alone ends with the id, the list's tie-break: a page is a walk.
CREATE INDEX licenses_status ON licenses (status);
CREATE INDEX licenses_start ON licenses (start_date);
CREATE INDEX licenses_end ON licenses (end_date);
