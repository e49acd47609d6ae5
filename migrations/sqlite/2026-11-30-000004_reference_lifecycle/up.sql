-- Retire, don't break history: a company, partner or product code that licenses refer to
-- is archived instead of deleted (hidden from pickers and default lists, kept in history).
ALTER TABLE companies ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE partners ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE product_codes ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0;
-- Portal users are edited from the TUI now: the optimistic lock every edited row has.
ALTER TABLE portal_users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE portal_users ADD COLUMN updated_at TIMESTAMP NULL;
