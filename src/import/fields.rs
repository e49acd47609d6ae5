//! What each importable entity's file holds: its fields, their natural key, and the header
//! names other tools write for them. `lms export` writes these names, so an exported file
//! imports back field for field.

/// An entity `lms import` and `lms export` read and write as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Companies,
    Partners,
    SalesReps,
    Engineers,
    ProductCodes,
    Licenses,
    Purchases,
    PortalUsers,
    Activity,
    /// Exchange rates to a reporting currency: imported, not a list of its own.
    ExchangeRates,
}

/// What a field's cells hold, which decides how they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// An e-mail address (checked like the forms check it).
    Email,
    Date,
    Timestamp,
    /// An amount in the row's `currency` (or with its code or symbol in the cell).
    Money,
    /// An ISO 4217 code.
    Currency,
    /// A number of seats, or `unlimited`.
    Seats,
    /// A whole number.
    Count,
    /// An exchange rate: a plain decimal (see [`crate::domain::Rate`]).
    Rate,
    /// `true`/`false`, `yes`/`no`, `1`/`0`.
    Flag,
    /// Another record, by its name, e-mail or code.
    Ref(Ref),
}

/// The records a field can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Company,
    Partner,
    SalesRep,
    ProductCode,
    License,
    PortalUser,
}

/// One field of an entity's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The header `lms export` writes.
    pub name: &'static str,
    pub kind: Kind,
    /// Part of the natural key a row is matched on.
    pub key: bool,
    /// A new record cannot be made without it.
    pub required: bool,
    /// Other headers for it: seed 002's column names, Snipe-IT's export, common words.
    pub aliases: &'static [&'static str],
    /// `lms export` writes it. The license file's purchase columns are read only: they
    /// record the purchase behind a license that another tool exported with it.
    pub exported: bool,
}

const fn field(name: &'static str, kind: Kind, aliases: &'static [&'static str]) -> Field {
    Field {
        name,
        kind,
        key: false,
        required: false,
        aliases,
        exported: true,
    }
}

/// A column of another entity that a file of this one may carry (see [`Field::exported`]).
const fn carried(name: &'static str, kind: Kind, aliases: &'static [&'static str]) -> Field {
    Field {
        exported: false,
        ..field(name, kind, aliases)
    }
}

const fn required(name: &'static str, kind: Kind, aliases: &'static [&'static str]) -> Field {
    Field {
        required: true,
        ..field(name, kind, aliases)
    }
}

const fn key(name: &'static str, kind: Kind, aliases: &'static [&'static str]) -> Field {
    Field {
        key: true,
        required: true,
        ..field(name, kind, aliases)
    }
}

const COMPANIES: &[Field] = &[
    key(
        "name",
        Kind::Text,
        &["company", "company name", "customer", "customer name"],
    ),
    required("country", Kind::Text, &["country code"]),
    field("contact_email", Kind::Email, &["email", "contact"]),
    field("notes", Kind::Text, &["comments"]),
    field("archived", Kind::Flag, &[]),
];

const PARTNERS: &[Field] = &[
    key(
        "name",
        Kind::Text,
        &["partner", "partner name", "reseller", "supplier"],
    ),
    field("country", Kind::Text, &["country code"]),
    field("contact_email", Kind::Email, &["email", "contact"]),
    field("archived", Kind::Flag, &[]),
];

const SALES_REPS: &[Field] = &[
    key("email", Kind::Email, &["rep email", "sales rep email"]),
    required("name", Kind::Text, &["rep", "sales rep", "rep name"]),
    field("region", Kind::Text, &[]),
    field("active", Kind::Flag, &[]),
];

const ENGINEERS: &[Field] = &[
    key("email", Kind::Email, &["engineer email"]),
    required("name", Kind::Text, &["engineer", "engineer name"]),
    field("region", Kind::Text, &[]),
    field("active", Kind::Flag, &[]),
];

const PRODUCT_CODES: &[Field] = &[
    key("code", Kind::Text, &["product code"]),
    required("name", Kind::Text, &["product", "product name"]),
    field("description", Kind::Text, &[]),
    field("archived", Kind::Flag, &[]),
];

const LICENSES: &[Field] = &[
    key(
        "license_key",
        Kind::Text,
        &["license id", "license", "key", "product key", "serial"],
    ),
    required(
        "company",
        Kind::Ref(Ref::Company),
        &["company name", "customer", "company id"],
    ),
    required(
        "product_code",
        Kind::Ref(Ref::ProductCode),
        &["product", "product name", "name"],
    ),
    field(
        "partner",
        Kind::Ref(Ref::Partner),
        &["partner name", "reseller", "supplier"],
    ),
    field(
        "sales_rep",
        Kind::Ref(Ref::SalesRep),
        &["rep", "sales rep email", "rep email"],
    ),
    required(
        "seats",
        Kind::Seats,
        &[
            "license count",
            "licenses",
            "quantity",
            "qty",
            "total seats",
        ],
    ),
    required("start_date", Kind::Date, &["start", "purchase date"]),
    required(
        "end_date",
        Kind::Date,
        &["end", "expiration date", "expiry date", "expires", "expiry"],
    ),
    field("status", Kind::Text, &["license status", "state"]),
    field("notes", Kind::Text, &["comments"]),
    // The purchase that sold the license, as Snipe-IT and spreadsheets keep it on the row.
    carried(
        "order_number",
        Kind::Text,
        &["order", "order no", "po number"],
    ),
    carried("cost", Kind::Money, &["purchase cost"]),
    carried("revenue", Kind::Money, &["amount", "price", "sale price"]),
    carried("currency", Kind::Currency, &["currency code"]),
];

const PURCHASES: &[Field] = &[
    key(
        "license_key",
        Kind::Ref(Ref::License),
        &["license id", "license", "product key", "serial"],
    ),
    key(
        "order_number",
        Kind::Text,
        &["order", "order no", "po", "po number"],
    ),
    key("kind", Kind::Text, &["type", "purchase type"]),
    key("purchase_date", Kind::Date, &["date", "purchased"]),
    field("seats_added", Kind::Count, &["seats", "quantity", "qty"]),
    field("cost", Kind::Money, &["purchase cost"]),
    required("revenue", Kind::Money, &["amount", "price", "sale price"]),
    required("currency", Kind::Currency, &["currency code"]),
    field(
        "sales_rep",
        Kind::Ref(Ref::SalesRep),
        &["rep", "sales rep email", "rep email"],
    ),
    field(
        "partner",
        Kind::Ref(Ref::Partner),
        &["partner name", "reseller", "supplier"],
    ),
    field("term_end", Kind::Date, &["new end date", "term end date"]),
];

const PORTAL_USERS: &[Field] = &[
    key(
        "company",
        Kind::Ref(Ref::Company),
        &["company name", "customer"],
    ),
    key(
        "external_user_id",
        Kind::Text,
        &["user id", "user", "external id", "username", "login"],
    ),
    required("email", Kind::Email, &["user email"]),
    field("name", Kind::Text, &["full name", "display name"]),
    field("disabled", Kind::Flag, &[]),
];

const ACTIVITY: &[Field] = &[
    key(
        "company",
        Kind::Ref(Ref::Company),
        &["company name", "customer"],
    ),
    key(
        "user",
        Kind::Ref(Ref::PortalUser),
        &["user id", "external user id"],
    ),
    key("ts", Kind::Timestamp, &["timestamp", "time", "at", "date"]),
    key("action", Kind::Text, &["event"]),
    field("status", Kind::Text, &["result"]),
    field("detail", Kind::Text, &["details", "message"]),
];

/// One unit of `currency` is worth `rate` units of `reporting_currency` from `rate_date`
/// on. `base` and `to` name the reporting currency; `from` the currency converted.
const EXCHANGE_RATES: &[Field] = &[
    key(
        "rate_date",
        Kind::Date,
        &["date", "day", "as of", "valid from", "effective date"],
    ),
    key(
        "currency",
        Kind::Currency,
        &["currency code", "from", "from currency", "code", "quote"],
    ),
    key(
        "reporting_currency",
        Kind::Currency,
        &["base", "base currency", "to", "to currency", "reporting"],
    ),
    required("rate", Kind::Rate, &["exchange rate", "fx rate", "value"]),
];

impl Target {
    /// The entities with a list of their own, which `lms export` writes and `lms import`
    /// reads back.
    pub const ALL: [Target; 9] = [
        Target::Companies,
        Target::Partners,
        Target::SalesReps,
        Target::Engineers,
        Target::ProductCodes,
        Target::Licenses,
        Target::Purchases,
        Target::PortalUsers,
        Target::Activity,
    ];

    /// The entities `lms import` and the Import screen read: every listed one, and the
    /// exchange rates (which have no list); the one place to say otherwise.
    pub fn importable() -> impl Iterator<Item = Target> {
        Target::ALL
            .into_iter()
            .chain(std::iter::once(Target::ExchangeRates))
    }

    /// The name on the command line (`lms import sales-reps FILE`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Target::Companies => "companies",
            Target::Partners => "partners",
            Target::SalesReps => "sales-reps",
            Target::Engineers => "engineers",
            Target::ProductCodes => "product-codes",
            Target::Licenses => "licenses",
            Target::Purchases => "purchases",
            Target::PortalUsers => "portal-users",
            Target::Activity => "activity",
            Target::ExchangeRates => "exchange-rates",
        }
    }

    /// The entity named `name` (as [`Target::name`] spells it).
    #[must_use]
    pub fn parse(name: &str) -> Option<Target> {
        Target::importable().find(|t| t.name() == name)
    }

    /// The columns `lms export` writes, in order.
    pub fn exported(self) -> impl Iterator<Item = &'static Field> {
        self.fields().iter().filter(|f| f.exported)
    }

    /// The fields of its file, in the order `lms export` writes them.
    #[must_use]
    pub const fn fields(self) -> &'static [Field] {
        match self {
            Target::Companies => COMPANIES,
            Target::Partners => PARTNERS,
            Target::SalesReps => SALES_REPS,
            Target::Engineers => ENGINEERS,
            Target::ProductCodes => PRODUCT_CODES,
            Target::Licenses => LICENSES,
            Target::Purchases => PURCHASES,
            Target::PortalUsers => PORTAL_USERS,
            Target::Activity => ACTIVITY,
            Target::ExchangeRates => EXCHANGE_RATES,
        }
    }
}

/// A header as it is compared: lower case, without blanks, `_`, `-` or `.`, so that
/// `License Key`, `license_key` and `LICENSE-KEY` are one name.
#[must_use]
pub fn fold(header: &str) -> String {
    header
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '_' | '-' | '.')))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field of `target` that `header` names, by its name or one of its aliases.
#[must_use]
pub fn lookup(target: Target, header: &str) -> Option<&'static Field> {
    let folded = fold(header);
    let fields = target.fields();
    fields.iter().find(|f| fold(f.name) == folded).or_else(|| {
        fields
            .iter()
            .find(|f| f.aliases.iter().any(|a| fold(a) == folded))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for t in Target::importable() {
            assert_eq!(Target::parse(t.name()), Some(t));
        }
        assert_eq!(Target::parse("Licenses"), None);
        assert_eq!(Target::parse("users"), None);
    }

    #[test]
    fn headers_match_by_name_or_alias_whatever_the_case_and_spacing() {
        let name = |t, h| lookup(t, h).map(|f| f.name);
        assert_eq!(name(Target::Licenses, "License Key"), Some("license_key"));
        assert_eq!(name(Target::Licenses, "LICENSE-KEY"), Some("license_key"));
        assert_eq!(name(Target::Licenses, "Product Key"), Some("license_key"));
        assert_eq!(name(Target::Licenses, "Serial"), Some("license_key"));
        assert_eq!(name(Target::Licenses, "Expiration Date"), Some("end_date"));
        assert_eq!(name(Target::Licenses, "Supplier"), Some("partner"));
        assert_eq!(name(Target::Licenses, "license_count"), Some("seats"));
        assert_eq!(
            name(Target::Purchases, "Order Number"),
            Some("order_number")
        );
        assert_eq!(name(Target::Purchases, "Purchase Cost"), Some("cost"));
        assert_eq!(name(Target::Activity, "timestamp"), Some("ts"));
        assert_eq!(name(Target::Activity, "user_id"), Some("user"));
        assert_eq!(name(Target::Licenses, "Colour"), None);
        assert_eq!(name(Target::ExchangeRates, "Date"), Some("rate_date"));
        assert_eq!(
            name(Target::ExchangeRates, "Base"),
            Some("reporting_currency")
        );
        assert_eq!(name(Target::ExchangeRates, "Currency"), Some("currency"));
        assert_eq!(name(Target::ExchangeRates, "Rate"), Some("rate"));
    }

    #[test]
    fn no_header_names_two_fields_of_one_entity() {
        for t in Target::importable() {
            let mut seen = std::collections::HashSet::new();
            for f in t.fields() {
                for h in std::iter::once(&f.name).chain(f.aliases) {
                    assert!(seen.insert(fold(h)), "{}: {h:?} twice", t.name());
                }
            }
            assert!(t.fields().iter().any(|f| f.key), "{} has a key", t.name());
        }
    }
}
