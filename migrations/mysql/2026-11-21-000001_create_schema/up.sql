-- lms schema, MySQL/MariaDB flavour. Keep in step with migrations/sqlite and src/db/schema.rs.
-- InnoDB + utf8mb4 everywhere; DATETIME holds UTC truncated to whole seconds.

CREATE TABLE operators (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username VARCHAR(64) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(16) NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until DATETIME NULL,
    created_at DATETIME NOT NULL,
    last_login_at DATETIME NULL,
    UNIQUE KEY operators_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE companies (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    country VARCHAR(64) NOT NULL DEFAULT '',
    contact_email VARCHAR(254) NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY companies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE partners (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    country VARCHAR(64) NOT NULL DEFAULT '',
    contact_email VARCHAR(254) NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY partners_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sales_reps (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(254) NOT NULL,
    region VARCHAR(64) NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY sales_reps_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE engineers (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(254) NOT NULL,
    region VARCHAR(64) NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY engineers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE product_codes (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY product_codes_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- seats NULL means unlimited (site licence).
CREATE TABLE licenses (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    license_key VARCHAR(32) NOT NULL,
    company_id BIGINT NOT NULL,
    product_code_id BIGINT NOT NULL,
    partner_id BIGINT NULL,
    sales_rep_id BIGINT NULL,
    seats INTEGER NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY licenses_key (license_key),
    KEY licenses_company_status (company_id, status, start_date, end_date),
    KEY licenses_status_end (status, end_date),
    KEY licenses_product (product_code_id),
    KEY licenses_partner (partner_id),
    KEY licenses_sales_rep (sales_rep_id),
    CONSTRAINT licenses_company_fk FOREIGN KEY (company_id) REFERENCES companies (id),
    CONSTRAINT licenses_product_fk FOREIGN KEY (product_code_id) REFERENCES product_codes (id),
    CONSTRAINT licenses_partner_fk FOREIGN KEY (partner_id) REFERENCES partners (id),
    CONSTRAINT licenses_sales_rep_fk FOREIGN KEY (sales_rep_id) REFERENCES sales_reps (id),
    CONSTRAINT licenses_seats_ck CHECK (seats IS NULL OR seats >= 1),
    CONSTRAINT licenses_dates_ck CHECK (end_date >= start_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE purchases (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    license_id BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    purchase_date DATE NOT NULL,
    seats_added INTEGER NOT NULL DEFAULT 0,
    cost_minor BIGINT NOT NULL,
    revenue_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    order_number VARCHAR(64) NOT NULL DEFAULT '',
    sales_rep_id BIGINT NULL,
    partner_id BIGINT NULL,
    created_at DATETIME NOT NULL,
    KEY purchases_license (license_id, purchase_date),
    KEY purchases_date (purchase_date),
    KEY purchases_sales_rep (sales_rep_id),
    KEY purchases_partner (partner_id),
    CONSTRAINT purchases_license_fk FOREIGN KEY (license_id) REFERENCES licenses (id),
    CONSTRAINT purchases_sales_rep_fk FOREIGN KEY (sales_rep_id) REFERENCES sales_reps (id),
    CONSTRAINT purchases_partner_fk FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE deployments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    license_id BIGINT NOT NULL,
    engineer_id BIGINT NULL,
    status VARCHAR(16) NOT NULL,
    scheduled_date DATE NULL,
    started_date DATE NULL,
    completed_date DATE NULL,
    environment VARCHAR(64) NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    KEY deployments_license (license_id),
    KEY deployments_engineer (engineer_id, status),
    CONSTRAINT deployments_license_fk FOREIGN KEY (license_id) REFERENCES licenses (id),
    CONSTRAINT deployments_engineer_fk FOREIGN KEY (engineer_id) REFERENCES engineers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE portal_users (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    company_id BIGINT NOT NULL,
    external_user_id VARCHAR(64) NOT NULL,
    email VARCHAR(254) NOT NULL,
    name VARCHAR(200) NOT NULL DEFAULT '',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at DATETIME NOT NULL,
    UNIQUE KEY portal_users_company_external (company_id, external_user_id),
    KEY portal_users_company_disabled (company_id, disabled),
    CONSTRAINT portal_users_company_fk FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Activity. The (company_id, ts, user_id) index covers "active users per company in a window".
CREATE TABLE app_log (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    company_id BIGINT NOT NULL,
    ts DATETIME NOT NULL,
    action VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    KEY app_log_company_ts_user (company_id, ts, user_id),
    CONSTRAINT app_log_user_fk FOREIGN KEY (user_id) REFERENCES portal_users (id),
    CONSTRAINT app_log_company_fk FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    operator_id BIGINT NULL,
    at DATETIME NOT NULL,
    entity VARCHAR(32) NOT NULL,
    entity_id BIGINT NOT NULL,
    action VARCHAR(16) NOT NULL,
    changes LONGTEXT NOT NULL,
    KEY audit_log_entity (entity, entity_id, at),
    KEY audit_log_operator (operator_id, at),
    CONSTRAINT audit_log_operator_fk FOREIGN KEY (operator_id) REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
