SET @lms_sql_mode = @@SESSION.sql_mode;
SET SESSION sql_mode = '';

DROP TRIGGER licenses_company_name_insert;
CREATE TRIGGER licenses_company_name_insert BEFORE INSERT ON licenses FOR EACH ROW
    SET NEW.company_name = (SELECT name FROM companies WHERE id = NEW.company_id);

DROP TRIGGER licenses_reference_keys_insert;
CREATE TRIGGER licenses_reference_keys_insert BEFORE INSERT ON licenses FOR EACH ROW
    SET NEW.product_key = (SELECT code FROM product_codes WHERE id = NEW.product_code_id),
        NEW.partner_name = COALESCE((SELECT name FROM partners WHERE id = NEW.partner_id), ''),
        NEW.rep_name = COALESCE((SELECT name FROM sales_reps WHERE id = NEW.sales_rep_id), '');

SET SESSION sql_mode = @lms_sql_mode;

DROP TRIGGER license_counts_insert;
CREATE TRIGGER license_counts_insert AFTER INSERT ON licenses FOR EACH ROW
    INSERT INTO license_counts (company_id, status, licenses)
        VALUES (NEW.company_id, NEW.status, 1)
        ON DUPLICATE KEY UPDATE licenses = licenses + 1;

DROP TRIGGER app_log_read_models_insert;
CREATE TRIGGER app_log_read_models_insert AFTER INSERT ON app_log FOR EACH ROW
BEGIN
    INSERT INTO app_log_counts (company_id, action, status, entries)
        VALUES (NEW.company_id, NEW.action, NEW.status, 1)
        ON DUPLICATE KEY UPDATE entries = entries + 1;
    INSERT INTO portal_user_activity (user_id, last_at) VALUES (NEW.user_id, NEW.ts)
        ON DUPLICATE KEY UPDATE last_at = GREATEST(last_at, NEW.ts);
END;
