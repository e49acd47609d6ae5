-- The Activity tab (issue 9) pages newest first on (ts, id), unfiltered or within a
-- date range: `app_log(ts)` keeps its rows in that order (InnoDB ends every index with
-- the primary key).
-- `company:` pages one company's rows in (ts, id) order: the id goes before `user_id`,
-- which stays in the index so that the active users per company in a window (the
-- utilization report) are still counted from the index alone. It serves the company
-- foreign key as the old index did.
-- `user:` pages one user's rows in time order; that index also serves the user foreign
-- key, so the index InnoDB made for that key alone goes.
ALTER TABLE app_log
    ADD INDEX app_log_ts (ts),
    DROP INDEX app_log_company_ts_user,
    ADD INDEX app_log_company_ts_id_user (company_id, ts, id, user_id),
    ADD INDEX app_log_user_ts (user_id, ts),
    DROP INDEX app_log_user_fk;
-- The Portal users list sorts by any column (100,000 rows).
ALTER TABLE portal_users
    ADD INDEX portal_users_external (external_user_id),
    ADD INDEX portal_users_email (email),
    ADD INDEX portal_users_name (name),
    ADD INDEX portal_users_disabled (disabled),
    ADD INDEX portal_users_created (created_at);
