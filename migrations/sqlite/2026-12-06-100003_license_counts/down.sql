DROP TRIGGER license_counts_update;
DROP TRIGGER license_counts_delete;
DROP TRIGGER license_counts_insert;
DROP TABLE license_counts;
