ALTER TABLE portal_users
    DROP INDEX portal_users_created,
    DROP INDEX portal_users_disabled,
    DROP INDEX portal_users_name,
    DROP INDEX portal_users_email,
    DROP INDEX portal_users_external;
ALTER TABLE app_log
    ADD INDEX app_log_user_fk (user_id),
    DROP INDEX app_log_user_ts,
    ADD INDEX app_log_company_ts_user (company_id, ts, user_id),
    DROP INDEX app_log_company_ts_id_user,
    DROP INDEX app_log_ts;
