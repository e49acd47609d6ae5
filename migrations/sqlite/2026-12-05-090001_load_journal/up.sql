-- A bulk load that commits as it goes notes here what it changed and how to undo it; the
-- row goes when the load has finished (see the MySQL migration). SQLite's demo load is one
-- transaction and never writes it; the table exists so both schemas are alike.
CREATE TABLE load_journal (
    id INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    schema_restore TEXT NOT NULL
);
