-- An operator whose password an admin reset must choose a new one at the next login.
-- `version` and `updated_at` give operator rows the optimistic lock every edited row has
-- (role, disable, unlock, password); login bookkeeping does not bump the version.
ALTER TABLE operators
    ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN version INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN updated_at DATETIME NULL;
