ALTER TABLE licenses DROP INDEX licenses_seats_key, DROP COLUMN seats_key;
