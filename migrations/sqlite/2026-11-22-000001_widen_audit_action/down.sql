-- Kept in step with migrations/mysql: SQLite does not enforce VARCHAR lengths, so widening
-- audit_log.action to 32 characters needs no change here.
SELECT 1;
