-- The licence list sorted by seats at 1M licences (issue 14). Unlimited (NULL) sorts
-- above every number, so the order is COALESCE(seats, 2147483647), which no index held:
-- each page sorted every licence. A generated column (computed when read, never stored)
-- and its index make it a walk, as MariaDB needs a column for it (it has no index on an
-- expression).
ALTER TABLE licenses
    ADD COLUMN seats_key INTEGER GENERATED ALWAYS AS (COALESCE(seats, 2147483647)) VIRTUAL;
CREATE INDEX licenses_seats_key ON licenses (seats_key);
