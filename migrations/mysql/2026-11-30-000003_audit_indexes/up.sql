-- The Audit log tab pages newest first on (at, id), unfiltered or under one qualifier:
-- each index keeps its rows in that order (InnoDB ends every index with the primary key).
ALTER TABLE audit_log
    ADD INDEX audit_log_at (at),
    ADD INDEX audit_log_entity_at (entity, at),
    ADD INDEX audit_log_action_at (action, at);
