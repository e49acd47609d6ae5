DROP INDEX licenses_end ON licenses;
DROP INDEX licenses_start ON licenses;
DROP INDEX licenses_status ON licenses;
