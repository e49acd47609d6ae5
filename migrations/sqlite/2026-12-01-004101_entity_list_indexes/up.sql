-- The Activity tab (issue 9) pages newest first on (ts, id), unfiltered or within a
-- date range: `app_log(ts)` keeps its rows in that order (the rowid ends every index).
CREATE INDEX app_log_ts ON app_log (ts);
-- `company:` pages one company's rows in (ts, id) order: the id goes before `user_id`,
-- which stays in the index so that the active users per company in a window (the
-- utilization report) are still counted from the index alone.
DROP INDEX app_log_company_ts_user;
CREATE INDEX app_log_company_ts_id_user ON app_log (company_id, ts, id, user_id);
-- `user:` pages one user's rows in time order.
CREATE INDEX app_log_user_ts ON app_log (user_id, ts);
-- The Portal users list sorts by any column (100,000 rows).
CREATE INDEX portal_users_external ON portal_users (external_user_id);
CREATE INDEX portal_users_email ON portal_users (email);
CREATE INDEX portal_users_name ON portal_users (name);
CREATE INDEX portal_users_disabled ON portal_users (disabled);
CREATE INDEX portal_users_created ON portal_users (created_at);
