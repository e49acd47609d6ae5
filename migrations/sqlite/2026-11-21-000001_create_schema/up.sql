-- lms schema, SQLite flavour. Keep in step with migrations/mysql and src/db/schema.rs.
-- Timestamps are UTC, truncated to whole seconds, so both backends compare alike.

CREATE TABLE operators (
    id INTEGER PRIMARY KEY NOT NULL,
    username VARCHAR(64) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(16) NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT 0,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP NULL
);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY NOT NULL,
    name VARCHAR(200) NOT NULL UNIQUE,
    country VARCHAR(64) NOT NULL DEFAULT '',
    contact_email VARCHAR(254) NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE partners (
    id INTEGER PRIMARY KEY NOT NULL,
    name VARCHAR(200) NOT NULL UNIQUE,
    country VARCHAR(64) NOT NULL DEFAULT '',
    contact_email VARCHAR(254) NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE sales_reps (
    id INTEGER PRIMARY KEY NOT NULL,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(254) NOT NULL UNIQUE,
    region VARCHAR(64) NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE engineers (
    id INTEGER PRIMARY KEY NOT NULL,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(254) NOT NULL UNIQUE,
    region VARCHAR(64) NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE product_codes (
    id INTEGER PRIMARY KEY NOT NULL,
    code VARCHAR(32) NOT NULL UNIQUE,
    name VARCHAR(200) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- seats NULL means unlimited (site licence).
CREATE TABLE licenses (
    id INTEGER PRIMARY KEY NOT NULL,
    license_key VARCHAR(32) NOT NULL UNIQUE,
    company_id BIGINT NOT NULL REFERENCES companies(id),
    product_code_id BIGINT NOT NULL REFERENCES product_codes(id),
    partner_id BIGINT NULL REFERENCES partners(id),
    sales_rep_id BIGINT NULL REFERENCES sales_reps(id),
    seats INTEGER NULL CHECK (seats IS NULL OR seats >= 1),
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX licenses_company_status ON licenses (company_id, status, start_date, end_date);
CREATE INDEX licenses_status_end ON licenses (status, end_date);
CREATE INDEX licenses_product ON licenses (product_code_id);
CREATE INDEX licenses_partner ON licenses (partner_id);
CREATE INDEX licenses_sales_rep ON licenses (sales_rep_id);

CREATE TABLE purchases (
    id INTEGER PRIMARY KEY NOT NULL,
    license_id BIGINT NOT NULL REFERENCES licenses(id),
    kind VARCHAR(16) NOT NULL,
    purchase_date DATE NOT NULL,
    seats_added INTEGER NOT NULL DEFAULT 0,
    cost_minor BIGINT NOT NULL,
    revenue_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    order_number VARCHAR(64) NOT NULL DEFAULT '',
    sales_rep_id BIGINT NULL REFERENCES sales_reps(id),
    partner_id BIGINT NULL REFERENCES partners(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX purchases_license ON purchases (license_id, purchase_date);
CREATE INDEX purchases_date ON purchases (purchase_date);
CREATE INDEX purchases_sales_rep ON purchases (sales_rep_id);
CREATE INDEX purchases_partner ON purchases (partner_id);

CREATE TABLE deployments (
    id INTEGER PRIMARY KEY NOT NULL,
    license_id BIGINT NOT NULL REFERENCES licenses(id),
    engineer_id BIGINT NULL REFERENCES engineers(id),
    status VARCHAR(16) NOT NULL,
    scheduled_date DATE NULL,
    started_date DATE NULL,
    completed_date DATE NULL,
    environment VARCHAR(64) NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX deployments_license ON deployments (license_id);
CREATE INDEX deployments_engineer ON deployments (engineer_id, status);

CREATE TABLE portal_users (
    id INTEGER PRIMARY KEY NOT NULL,
    company_id BIGINT NOT NULL REFERENCES companies(id),
    external_user_id VARCHAR(64) NOT NULL,
    email VARCHAR(254) NOT NULL,
    name VARCHAR(200) NOT NULL DEFAULT '',
    disabled BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (company_id, external_user_id)
);
CREATE INDEX portal_users_company_disabled ON portal_users (company_id, disabled);

-- Activity. The (company_id, ts, user_id) index covers "active users per company in a window".
CREATE TABLE app_log (
    id INTEGER PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES portal_users(id),
    company_id BIGINT NOT NULL REFERENCES companies(id),
    ts TIMESTAMP NOT NULL,
    action VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX app_log_company_ts_user ON app_log (company_id, ts, user_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY NOT NULL,
    operator_id BIGINT NULL REFERENCES operators(id),
    at TIMESTAMP NOT NULL,
    entity VARCHAR(32) NOT NULL,
    entity_id BIGINT NOT NULL,
    action VARCHAR(16) NOT NULL,
    changes TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_operator ON audit_log (operator_id, at);
