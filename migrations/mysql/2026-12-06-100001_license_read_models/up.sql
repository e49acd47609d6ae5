-- Read models of the licence list at 1M licences (issue 14), kept by the purchase use
-- case (`db::money_summary::add_purchase`) in the purchase's transaction and rebuilt
-- from the purchases by bulk loads. Purchases are never edited or deleted, and a licence
-- with purchases is never deleted, so nothing else changes them.
--
-- `license_currencies`: which licences have a purchase in which currency. `currency:JPY`
-- probed the purchases once per licence (1M probes to count, 16.7 s with a 128 MiB
-- buffer pool); it is now one range of this key, in licence id order.
CREATE TABLE license_currencies (
    currency CHAR(3) NOT NULL,
    license_id BIGINT NOT NULL,
    PRIMARY KEY (currency, license_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO license_currencies (currency, license_id)
    SELECT DISTINCT currency, license_id FROM purchases;

-- `license_last_purchase`: each licence's last recorded purchase (highest id) and its
-- money. The expiring list's totals (what renewing is worth) found it with a dependent
-- MAX(id) per licence and a purchase lookup no index covered (4.8 s on MariaDB).
CREATE TABLE license_last_purchase (
    license_id BIGINT NOT NULL PRIMARY KEY,
    purchase_id BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    revenue_minor BIGINT NOT NULL,
    cost_minor BIGINT NOT NULL,
    CONSTRAINT license_last_purchase_license_fk FOREIGN KEY (license_id)
        REFERENCES licenses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO license_last_purchase
    (license_id, purchase_id, currency, revenue_minor, cost_minor)
    SELECT p.license_id, p.id, p.currency, p.revenue_minor, p.cost_minor
    FROM purchases p
    JOIN (SELECT MAX(id) AS id FROM purchases GROUP BY license_id) m ON m.id = p.id;
