DROP INDEX licenses_seats_key;
ALTER TABLE licenses DROP COLUMN seats_key;
