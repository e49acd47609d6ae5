-- The Audit log tab pages newest first on (at, id), unfiltered or under one qualifier:
-- each index keeps its rows in that order (the rowid ends every index).
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity_at ON audit_log (entity, at);
CREATE INDEX audit_log_action_at ON audit_log (action, at);
