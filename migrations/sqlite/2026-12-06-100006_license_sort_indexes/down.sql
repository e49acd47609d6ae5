DROP INDEX licenses_end;
DROP INDEX licenses_start;
DROP INDEX licenses_status;
