ALTER TABLE operators DROP COLUMN updated_at;
ALTER TABLE operators DROP COLUMN version;
ALTER TABLE operators DROP COLUMN must_change_password;
