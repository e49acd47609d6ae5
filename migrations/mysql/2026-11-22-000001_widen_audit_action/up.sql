-- Audit actions such as `purchase:expansion` need more than 16 characters.
ALTER TABLE audit_log MODIFY action VARCHAR(32) NOT NULL;
