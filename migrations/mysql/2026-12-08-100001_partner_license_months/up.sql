-- The partners' report (issue 12): the licences sold through each partner that ran
-- during a period, their seats and the companies holding them. Read from `licenses`,
-- that was every licence that ended after the previous period began (400k of 1M, 0.6 s
-- with a 128 MiB buffer pool). Licences of any status but draft are counted here per
-- partner (0 for none), first month and last month of their term: a period of whole
-- months (a month, quarter or year) sums a few thousand rows. Kept exact by triggers in
-- the transaction of every write; the CSV importer adds its own rows (see
-- `writer_keeps_read_models`).
CREATE TABLE partner_license_months (
    partner_id BIGINT NOT NULL,
    start_month DATE NOT NULL,
    end_month DATE NOT NULL,
    licenses BIGINT NOT NULL,
    seats BIGINT NOT NULL,
    unlimited BIGINT NOT NULL,
    PRIMARY KEY (partner_id, start_month, end_month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO partner_license_months
    SELECT COALESCE(partner_id, 0), start_date - INTERVAL (DAYOFMONTH(start_date) - 1) DAY,
           end_date - INTERVAL (DAYOFMONTH(end_date) - 1) DAY, COUNT(*),
           COALESCE(SUM(seats), 0), SUM(seats IS NULL)
    FROM licenses WHERE status <> 'draft'
    GROUP BY 1, 2, 3;

CREATE TRIGGER partner_license_months_insert AFTER INSERT ON licenses FOR EACH ROW
    IF @lms_writer_keeps_read_models IS NULL AND NEW.status <> 'draft' THEN
        INSERT INTO partner_license_months
            (partner_id, start_month, end_month, licenses, seats, unlimited)
        VALUES (COALESCE(NEW.partner_id, 0),
                NEW.start_date - INTERVAL (DAYOFMONTH(NEW.start_date) - 1) DAY,
                NEW.end_date - INTERVAL (DAYOFMONTH(NEW.end_date) - 1) DAY,
                1, COALESCE(NEW.seats, 0), NEW.seats IS NULL)
        ON DUPLICATE KEY UPDATE licenses = licenses + 1, seats = seats + VALUES(seats),
            unlimited = unlimited + VALUES(unlimited);
    END IF;

CREATE TRIGGER partner_license_months_delete AFTER DELETE ON licenses FOR EACH ROW
    IF OLD.status <> 'draft' THEN
        UPDATE partner_license_months
        SET licenses = licenses - 1, seats = seats - COALESCE(OLD.seats, 0),
            unlimited = unlimited - (OLD.seats IS NULL)
        WHERE partner_id = COALESCE(OLD.partner_id, 0)
          AND start_month = OLD.start_date - INTERVAL (DAYOFMONTH(OLD.start_date) - 1) DAY
          AND end_month = OLD.end_date - INTERVAL (DAYOFMONTH(OLD.end_date) - 1) DAY;
    END IF;

CREATE TRIGGER partner_license_months_update AFTER UPDATE ON licenses FOR EACH ROW
BEGIN
    IF NOT (NEW.partner_id <=> OLD.partner_id) OR NEW.start_date <> OLD.start_date
        OR NEW.end_date <> OLD.end_date OR NOT (NEW.seats <=> OLD.seats)
        OR (NEW.status = 'draft') <> (OLD.status = 'draft') THEN
        IF OLD.status <> 'draft' THEN
            UPDATE partner_license_months
            SET licenses = licenses - 1, seats = seats - COALESCE(OLD.seats, 0),
                unlimited = unlimited - (OLD.seats IS NULL)
            WHERE partner_id = COALESCE(OLD.partner_id, 0)
              AND start_month = OLD.start_date - INTERVAL (DAYOFMONTH(OLD.start_date) - 1) DAY
              AND end_month = OLD.end_date - INTERVAL (DAYOFMONTH(OLD.end_date) - 1) DAY;
        END IF;
        IF NEW.status <> 'draft' THEN
            INSERT INTO partner_license_months
                (partner_id, start_month, end_month, licenses, seats, unlimited)
            VALUES (COALESCE(NEW.partner_id, 0),
                    NEW.start_date - INTERVAL (DAYOFMONTH(NEW.start_date) - 1) DAY,
                    NEW.end_date - INTERVAL (DAYOFMONTH(NEW.end_date) - 1) DAY,
                    1, COALESCE(NEW.seats, 0), NEW.seats IS NULL)
            ON DUPLICATE KEY UPDATE licenses = licenses + 1, seats = seats + VALUES(seats),
                unlimited = unlimited + VALUES(unlimited);
        END IF;
    END IF;
END;

-- The companies a partner's licences ran at: per (partner, company) one probe for a
-- licence that ended on or after the period's first day, newest end first, so the
-- probe's first entry is almost always the answer (MariaDB reads a dependent EXISTS by
-- `ref` from the smallest key: ascending, it read each pair's expired licences first).
-- It holds the old `licenses_partner_company (partner_id, company_id)`.
ALTER TABLE licenses
    DROP INDEX licenses_partner_company,
    ADD INDEX licenses_partner_company_dates (partner_id, company_id, end_date DESC, start_date, status);
