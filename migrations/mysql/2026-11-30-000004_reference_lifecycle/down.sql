ALTER TABLE portal_users DROP COLUMN updated_at, DROP COLUMN version;
ALTER TABLE product_codes DROP COLUMN archived;
ALTER TABLE partners DROP COLUMN archived;
ALTER TABLE companies DROP COLUMN archived;
