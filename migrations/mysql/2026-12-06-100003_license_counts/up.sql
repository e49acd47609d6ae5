-- Licences per company and status (issue 14), kept exact by triggers in the transaction
-- of every write, whoever makes it. The licence list's count, unfiltered or under
-- `status:` and `company:` alone, is a sum over these few thousand rows: counting 1M
-- licences took 0.2-0.35 s after every Esc with a 128 MiB buffer pool.
CREATE TABLE license_counts (
    company_id BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    licenses BIGINT NOT NULL,
    PRIMARY KEY (company_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO license_counts (company_id, status, licenses)
    SELECT company_id, status, COUNT(*) FROM licenses GROUP BY company_id, status;

CREATE TRIGGER license_counts_insert AFTER INSERT ON licenses FOR EACH ROW
    INSERT INTO license_counts (company_id, status, licenses)
        VALUES (NEW.company_id, NEW.status, 1)
        ON DUPLICATE KEY UPDATE licenses = licenses + 1;

CREATE TRIGGER license_counts_delete AFTER DELETE ON licenses FOR EACH ROW
    UPDATE license_counts SET licenses = licenses - 1
        WHERE company_id = OLD.company_id AND status = OLD.status;

CREATE TRIGGER license_counts_update AFTER UPDATE ON licenses FOR EACH ROW
BEGIN
    IF NEW.company_id <> OLD.company_id OR BINARY NEW.status <> BINARY OLD.status THEN
        UPDATE license_counts SET licenses = licenses - 1
            WHERE company_id = OLD.company_id AND status = OLD.status;
        INSERT INTO license_counts (company_id, status, licenses)
            VALUES (NEW.company_id, NEW.status, 1)
            ON DUPLICATE KEY UPDATE licenses = licenses + 1;
    END IF;
END;
