// @generated-style Diesel schema shared by both backends (see diesel.toml).
// Column types are the ones SQLite and MySQL map alike: BIGINT ids, INTEGER counts,
// TEXT/VARCHAR, DATE, TIMESTAMP (DATETIME on MySQL) and BOOL.

diesel::table! {
    operators (id) {
        id -> BigInt,
        username -> Text,
        password_hash -> Text,
        role -> Text,
        disabled -> Bool,
        failed_attempts -> Integer,
        locked_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
        must_change_password -> Bool,
        version -> Integer,
        updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    companies (id) {
        id -> BigInt,
        name -> Text,
        country -> Text,
        contact_email -> Text,
        notes -> Text,
        archived -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partners (id) {
        id -> BigInt,
        name -> Text,
        country -> Text,
        contact_email -> Text,
        archived -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sales_reps (id) {
        id -> BigInt,
        name -> Text,
        email -> Text,
        region -> Text,
        active -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    engineers (id) {
        id -> BigInt,
        name -> Text,
        email -> Text,
        region -> Text,
        active -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    product_codes (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        description -> Text,
        archived -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    licenses (id) {
        id -> BigInt,
        license_key -> Text,
        company_id -> BigInt,
        product_code_id -> BigInt,
        partner_id -> Nullable<BigInt>,
        sales_rep_id -> Nullable<BigInt>,
        seats -> Nullable<Integer>,
        start_date -> Date,
        end_date -> Date,
        status -> Text,
        notes -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// The company's name, kept by triggers: the list's sort key.
        company_name -> Text,
        /// The product's code, the partner's and the rep's names ('' for none), kept by
        /// triggers: sort keys.
        product_key -> Text,
        partner_name -> Text,
        rep_name -> Text,
        /// COALESCE(seats, 2147483647), generated: the seats sort key (unlimited last).
        seats_key -> Nullable<Integer>,
    }
}

diesel::table! {
    purchases (id) {
        id -> BigInt,
        license_id -> BigInt,
        kind -> Text,
        purchase_date -> Date,
        seats_added -> Integer,
        cost_minor -> BigInt,
        revenue_minor -> BigInt,
        currency -> Text,
        order_number -> Text,
        sales_rep_id -> Nullable<BigInt>,
        partner_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        term_end -> Nullable<Date>,
        /// A term renewed within the grace window (kept: `db::renewals`).
        renewed -> Bool,
    }
}

diesel::table! {
    deployments (id) {
        id -> BigInt,
        license_id -> BigInt,
        engineer_id -> Nullable<BigInt>,
        status -> Text,
        scheduled_date -> Nullable<Date>,
        started_date -> Nullable<Date>,
        completed_date -> Nullable<Date>,
        environment -> Text,
        notes -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    portal_users (id) {
        id -> BigInt,
        company_id -> BigInt,
        external_user_id -> Text,
        email -> Text,
        name -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        version -> Integer,
        updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    app_log (id) {
        id -> BigInt,
        user_id -> BigInt,
        company_id -> BigInt,
        ts -> Timestamp,
        action -> Text,
        status -> Text,
        detail -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        operator_id -> Nullable<BigInt>,
        at -> Timestamp,
        entity -> Text,
        entity_id -> BigInt,
        action -> Text,
        changes -> Text,
    }
}

diesel::table! {
    /// Money per company and currency, kept current with the purchases (a read model).
    company_money (company_id, currency) {
        company_id -> BigInt,
        currency -> Text,
        purchases -> BigInt,
        licenses -> BigInt,
        revenue_minor -> BigInt,
        cost_minor -> BigInt,
        last_purchase_date -> Nullable<Date>,
        last_purchase_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// Activity-log rows per company, action and status, kept exact by triggers on
    /// `app_log` (a read model: the Activity tab's counts).
    app_log_counts (company_id, action, status) {
        company_id -> BigInt,
        action -> Text,
        status -> Text,
        entries -> BigInt,
    }
}

diesel::table! {
    /// Each portal user's latest activity, kept exact by triggers on `app_log` (a read
    /// model: `active:N` on the Portal users tab).
    portal_user_activity (user_id) {
        user_id -> BigInt,
        last_at -> Timestamp,
    }
}

diesel::table! {
    /// Portal users and disabled ones per company, kept exact by triggers on
    /// `portal_users` (a read model: the Portal users tab's counts).
    portal_user_counts (company_id) {
        company_id -> BigInt,
        users -> BigInt,
        disabled -> BigInt,
    }
}

diesel::table! {
    /// Bookings per month (its first day), rep and partner (0: none), kind and currency
    /// (a read model, kept with the purchases).
    owner_month_bookings (month, sales_rep_id, partner_id, kind, currency) {
        month -> Date,
        sales_rep_id -> BigInt,
        partner_id -> BigInt,
        kind -> Text,
        currency -> Text,
        purchases -> BigInt,
        revenue_minor -> BigInt,
        seats_added -> BigInt,
    }
}

diesel::table! {
    /// Licences (not draft) per partner (0 for none), first and last month of their
    /// term: the partners' report's licences and seats (a read model kept by triggers).
    partner_license_months (partner_id, start_month, end_month) {
        partner_id -> BigInt,
        start_month -> Date,
        end_month -> Date,
        licenses -> BigInt,
        seats -> BigInt,
        unlimited -> BigInt,
    }
}

diesel::table! {
    /// Licences per company and status (a read model, kept by triggers).
    license_counts (company_id, status) {
        company_id -> BigInt,
        status -> Text,
        licenses -> BigInt,
    }
}

diesel::table! {
    /// Which licences have a purchase in which currency (a read model, kept with the
    /// purchases).
    license_currencies (currency, license_id) {
        currency -> Text,
        license_id -> BigInt,
    }
}

diesel::table! {
    /// Each licence's last recorded purchase and its money (a read model, kept with the
    /// purchases).
    license_last_purchase (license_id) {
        license_id -> BigInt,
        purchase_id -> BigInt,
        currency -> Text,
        revenue_minor -> BigInt,
        cost_minor -> BigInt,
        purchase_date -> Date,
    }
}

diesel::joinable!(company_money -> companies (company_id));
diesel::joinable!(licenses -> companies (company_id));
diesel::joinable!(licenses -> product_codes (product_code_id));
diesel::joinable!(licenses -> partners (partner_id));
diesel::joinable!(licenses -> sales_reps (sales_rep_id));
diesel::joinable!(purchases -> licenses (license_id));
diesel::joinable!(license_last_purchase -> licenses (license_id));
diesel::joinable!(license_currencies -> licenses (license_id));
diesel::joinable!(deployments -> licenses (license_id));
diesel::joinable!(deployments -> engineers (engineer_id));
diesel::joinable!(portal_users -> companies (company_id));
diesel::joinable!(app_log -> portal_users (user_id));
diesel::joinable!(app_log -> companies (company_id));
diesel::joinable!(audit_log -> operators (operator_id));

diesel::table! {
    /// Revenue per company, currency and calendar month ("YYYY-MM"), kept current with
    /// the purchases (a read model: the Dashboard's monthly revenue charts).
    company_month_money (company_id, currency, month_key) {
        company_id -> BigInt,
        currency -> Text,
        month_key -> Text,
        purchases -> BigInt,
        revenue_minor -> BigInt,
    }
}

diesel::table! {
    /// An unfinished bulk load that commits as it goes (the MySQL demo load): what it
    /// dropped, to create again if it dies. Empty unless a load runs or was interrupted.
    load_journal (id) {
        id -> BigInt,
        kind -> Text,
        state -> Text,
        started_at -> Timestamp,
        schema_restore -> Text,
    }
}

diesel::table! {
    /// Exchange rates to a reporting currency (issue 12 item 5): one unit of `currency` is
    /// worth `rate_e10` / 10^10 units of `reporting_currency` from `rate_date` on.
    exchange_rates (id) {
        id -> BigInt,
        reporting_currency -> Text,
        currency -> Text,
        rate_date -> Date,
        rate_e10 -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    operators,
    companies,
    partners,
    sales_reps,
    engineers,
    product_codes,
    licenses,
    purchases,
    deployments,
    portal_users,
    app_log,
    audit_log,
    company_money,
    company_month_money,
    license_counts,
    owner_month_bookings,
    license_currencies,
    license_last_purchase,
    app_log_counts,
    portal_user_activity,
    portal_user_counts,
    exchange_rates,
    partner_license_months,
);
