-- The licence list sorted by seats at 1M licences (issue 14). Unlimited (NULL) sorts
-- above every number, so the order is COALESCE(seats, 2147483647), which no index held:
-- each page filesorted every licence (1 s with a 128 MiB buffer pool). MariaDB has no
-- index on an expression: a virtual column (computed, not stored) and its index make it
-- a walk.
ALTER TABLE licenses
    ADD COLUMN seats_key INT AS (COALESCE(seats, 2147483647)) VIRTUAL,
    ADD INDEX licenses_seats_key (seats_key);
