ALTER TABLE operators
    DROP COLUMN updated_at,
    DROP COLUMN version,
    DROP COLUMN must_change_password;
