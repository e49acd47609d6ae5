DROP INDEX portal_users_created;
DROP INDEX portal_users_disabled;
DROP INDEX portal_users_name;
DROP INDEX portal_users_email;
DROP INDEX portal_users_external;
DROP INDEX app_log_user_ts;
DROP INDEX app_log_company_ts_id_user;
CREATE INDEX app_log_company_ts_user ON app_log (company_id, ts, user_id);
DROP INDEX app_log_ts;
