-- The partners' report (issue 12): the licences sold through each partner that ran
-- during a period, their seats and the companies holding them. Read from `licenses`,
-- that was every licence that ended after the previous period began (400k of 1M).
-- Licences of any status but draft are counted here per partner (0 for none), first
-- month and last month of their term: a period of whole months (a month, quarter or
-- year) sums a few thousand rows. Kept exact by triggers in the transaction of every
-- write.
CREATE TABLE partner_license_months (
    partner_id BIGINT NOT NULL,
    start_month DATE NOT NULL,
    end_month DATE NOT NULL,
    licenses BIGINT NOT NULL,
    seats BIGINT NOT NULL,
    unlimited BIGINT NOT NULL,
    PRIMARY KEY (partner_id, start_month, end_month)
) WITHOUT ROWID;
INSERT INTO partner_license_months
    SELECT COALESCE(partner_id, 0), date(start_date, 'start of month'),
           date(end_date, 'start of month'), COUNT(*), COALESCE(SUM(seats), 0),
           SUM(seats IS NULL)
    FROM licenses WHERE status <> 'draft'
    GROUP BY 1, 2, 3;

CREATE TRIGGER partner_license_months_insert AFTER INSERT ON licenses
WHEN NEW.status <> 'draft'
BEGIN
    INSERT INTO partner_license_months
        (partner_id, start_month, end_month, licenses, seats, unlimited)
    VALUES (COALESCE(NEW.partner_id, 0), date(NEW.start_date, 'start of month'),
            date(NEW.end_date, 'start of month'), 1, COALESCE(NEW.seats, 0),
            NEW.seats IS NULL)
    ON CONFLICT (partner_id, start_month, end_month) DO UPDATE
        SET licenses = licenses + 1, seats = seats + excluded.seats,
            unlimited = unlimited + excluded.unlimited;
END;

CREATE TRIGGER partner_license_months_delete AFTER DELETE ON licenses
WHEN OLD.status <> 'draft'
BEGIN
    UPDATE partner_license_months
    SET licenses = licenses - 1, seats = seats - COALESCE(OLD.seats, 0),
        unlimited = unlimited - (OLD.seats IS NULL)
    WHERE partner_id = COALESCE(OLD.partner_id, 0)
      AND start_month = date(OLD.start_date, 'start of month')
      AND end_month = date(OLD.end_date, 'start of month');
END;

CREATE TRIGGER partner_license_months_update
AFTER UPDATE OF partner_id, start_date, end_date, seats, status ON licenses
WHEN NEW.partner_id IS NOT OLD.partner_id OR NEW.start_date IS NOT OLD.start_date
    OR NEW.end_date IS NOT OLD.end_date OR NEW.seats IS NOT OLD.seats
    OR (NEW.status = 'draft') <> (OLD.status = 'draft')
BEGIN
    UPDATE partner_license_months
    SET licenses = licenses - 1, seats = seats - COALESCE(OLD.seats, 0),
        unlimited = unlimited - (OLD.seats IS NULL)
    WHERE OLD.status <> 'draft' AND partner_id = COALESCE(OLD.partner_id, 0)
      AND start_month = date(OLD.start_date, 'start of month')
      AND end_month = date(OLD.end_date, 'start of month');
    INSERT INTO partner_license_months
        (partner_id, start_month, end_month, licenses, seats, unlimited)
    SELECT COALESCE(NEW.partner_id, 0), date(NEW.start_date, 'start of month'),
           date(NEW.end_date, 'start of month'), 1, COALESCE(NEW.seats, 0),
           NEW.seats IS NULL
    WHERE NEW.status <> 'draft'
    ON CONFLICT (partner_id, start_month, end_month) DO UPDATE
        SET licenses = licenses + 1, seats = seats + excluded.seats,
            unlimited = unlimited + excluded.unlimited;
END;

-- The companies a partner's licences ran at: per (partner, company) one probe for a
-- licence that ended on or after the period's first day. It holds the old
-- `licenses_partner_company (partner_id, company_id)`; newest end first as on MariaDB.
DROP INDEX licenses_partner_company;
CREATE INDEX licenses_partner_company_dates
    ON licenses (partner_id, company_id, end_date DESC, start_date, status);
