-- Licences per company and status (issue 14), kept exact by triggers in the transaction
-- of every write, whoever makes it. The licence list's count, unfiltered or under
-- `status:` and `company:` alone, is a sum over these few thousand rows; on MariaDB
-- counting 1M licences took 0.2-0.35 s after every Esc.
CREATE TABLE license_counts (
    company_id BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    licenses BIGINT NOT NULL,
    PRIMARY KEY (company_id, status)
) WITHOUT ROWID;
INSERT INTO license_counts (company_id, status, licenses)
    SELECT company_id, status, COUNT(*) FROM licenses GROUP BY company_id, status;

CREATE TRIGGER license_counts_insert AFTER INSERT ON licenses
BEGIN
    INSERT INTO license_counts (company_id, status, licenses)
        VALUES (NEW.company_id, NEW.status, 1)
        ON CONFLICT (company_id, status) DO UPDATE SET licenses = licenses + 1;
END;

CREATE TRIGGER license_counts_delete AFTER DELETE ON licenses
BEGIN
    UPDATE license_counts SET licenses = licenses - 1
        WHERE company_id = OLD.company_id AND status = OLD.status;
END;

CREATE TRIGGER license_counts_update AFTER UPDATE OF company_id, status ON licenses
WHEN NEW.company_id IS NOT OLD.company_id OR NEW.status IS NOT OLD.status
BEGIN
    UPDATE license_counts SET licenses = licenses - 1
        WHERE company_id = OLD.company_id AND status = OLD.status;
    INSERT INTO license_counts (company_id, status, licenses)
        VALUES (NEW.company_id, NEW.status, 1)
        ON CONFLICT (company_id, status) DO UPDATE SET licenses = licenses + 1;
END;
