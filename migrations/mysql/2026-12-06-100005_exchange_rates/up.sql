-- Exchange rates for the optional reporting currency of the performance reports (issue 12
-- item 5). One unit of `currency` is worth `rate_e10` / 10^10 units of
-- `reporting_currency` on and after `rate_date` (until a later rate). The rate is an exact
-- decimal kept as a scaled integer (10 decimal places), as on SQLite, which has no exact
-- DECIMAL type: one schema.rs, the same values on both backends.
CREATE TABLE exchange_rates (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    reporting_currency CHAR(3) NOT NULL,
    currency CHAR(3) NOT NULL,
    rate_date DATE NOT NULL,
    rate_e10 BIGINT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    -- The natural key: an import finds a stored rate by it.
    UNIQUE KEY exchange_rates_key (reporting_currency, currency, rate_date),
    -- The rates of one reporting currency in key order with their values, read whole by
    -- the reports' conversion (see src/report/performance/convert.rs): a range of this
    -- index, no table row.
    KEY exchange_rates_values (reporting_currency, currency, rate_date, rate_e10),
    CONSTRAINT exchange_rates_positive CHECK (rate_e10 > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
