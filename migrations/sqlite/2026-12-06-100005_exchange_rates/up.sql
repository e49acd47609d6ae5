-- Exchange rates for the optional reporting currency of the performance reports (issue 12
-- item 5). One unit of `currency` is worth `rate_e10` / 10^10 units of
-- `reporting_currency` on and after `rate_date` (until a later rate). The rate is an exact
-- decimal kept as a scaled integer (10 decimal places): SQLite has no exact DECIMAL type
-- (a DECIMAL column has NUMERIC affinity and keeps fractions as floats), and BIGINT maps
-- the same on both backends.
CREATE TABLE exchange_rates (
    id INTEGER PRIMARY KEY NOT NULL,
    reporting_currency CHAR(3) NOT NULL,
    currency CHAR(3) NOT NULL,
    rate_date DATE NOT NULL,
    rate_e10 BIGINT NOT NULL CHECK (rate_e10 > 0),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- The natural key: an import finds a stored rate by it.
CREATE UNIQUE INDEX exchange_rates_key ON exchange_rates (reporting_currency, currency, rate_date);
-- The rates of one reporting currency in key order with their values, read whole by the
-- reports' conversion (see src/report/performance/convert.rs): a range of this index, no
-- table row.
CREATE INDEX exchange_rates_values ON exchange_rates (reporting_currency, currency, rate_date, rate_e10);
