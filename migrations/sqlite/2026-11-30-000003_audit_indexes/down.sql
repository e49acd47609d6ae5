DROP INDEX audit_log_action_at;
DROP INDEX audit_log_entity_at;
DROP INDEX audit_log_at;
