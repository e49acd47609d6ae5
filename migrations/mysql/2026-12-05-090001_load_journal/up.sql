-- A bulk load that commits as it goes (the MariaDB demo loader) notes here, before it
-- drops any index or writes any row, what it changed and how to undo it; the row goes
-- when the load has finished. A row left behind is an interrupted load: lms refuses to
-- work on the database until `lms migrate` (or `lms demo`) has repaired it.
CREATE TABLE load_journal (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- What loads: `demo`.
    kind VARCHAR(16) NOT NULL,
    -- `loading` until every row and the audit row are committed, then `loaded`.
    state VARCHAR(16) NOT NULL,
    started_at DATETIME NOT NULL,
    -- The dropped indexes and triggers (JSON), to create again.
    schema_restore LONGTEXT NOT NULL
) ENGINE = InnoDB;
