//! Fixed catalogs the demo data is built from: countries with their legal forms and
//! currencies, name parts, products with list prices, activity actions. Plain ASCII, so
//! slugs and e-mail addresses need no transliteration. All domains end in `.example`
//! (RFC 2606): no demo address can reach a real mailbox.

/// A country: its ISO 3166-1 alpha-2 code (stored as is: the forms and the importer
/// accept nothing else), its legal-form suffixes, its currency, how common it is.
pub struct Country {
    pub code: &'static str,
    pub legal_forms: &'static [&'static str],
    pub currency: &'static str,
    pub weight: u32,
}

/// The first five companies get these countries, in order, so that even a tiny demo has
/// five currencies (EUR, USD, GBP, JPY, CHF).
pub const FIRST_COUNTRIES: [usize; 5] = [0, 1, 2, 3, 4];

#[rustfmt::skip]
pub const COUNTRIES: &[Country] = &[
    Country { code: "DE", legal_forms: &["GmbH", "AG", "GmbH & Co. KG"], currency: "EUR", weight: 16 },
    Country { code: "US", legal_forms: &["Inc.", "LLC", "Corp."], currency: "USD", weight: 16 },
    Country { code: "GB", legal_forms: &["Ltd", "plc"], currency: "GBP", weight: 10 },
    Country { code: "JP", legal_forms: &["K.K.", "Co., Ltd."], currency: "JPY", weight: 6 },
    Country { code: "CH", legal_forms: &["AG", "SA", "GmbH"], currency: "CHF", weight: 5 },
    Country { code: "FR", legal_forms: &["SAS", "SA"], currency: "EUR", weight: 7 },
    Country { code: "NL", legal_forms: &["B.V.", "N.V."], currency: "EUR", weight: 5 },
    Country { code: "SE", legal_forms: &["AB"], currency: "SEK", weight: 4 },
    Country { code: "NO", legal_forms: &["AS", "ASA"], currency: "NOK", weight: 3 },
    Country { code: "DK", legal_forms: &["A/S", "ApS"], currency: "DKK", weight: 3 },
    Country { code: "FI", legal_forms: &["Oy", "Oyj"], currency: "EUR", weight: 2 },
    Country { code: "AT", legal_forms: &["GmbH", "AG"], currency: "EUR", weight: 3 },
    Country { code: "IT", legal_forms: &["S.p.A.", "S.r.l."], currency: "EUR", weight: 4 },
    Country { code: "ES", legal_forms: &["S.A.", "S.L."], currency: "EUR", weight: 4 },
    Country { code: "PL", legal_forms: &["Sp. z o.o.", "S.A."], currency: "PLN", weight: 3 },
    Country { code: "CA", legal_forms: &["Inc.", "Ltd."], currency: "CAD", weight: 4 },
    Country { code: "AU", legal_forms: &["Pty Ltd"], currency: "AUD", weight: 3 },
    Country { code: "IE", legal_forms: &["Ltd", "DAC"], currency: "EUR", weight: 2 },
    Country { code: "BE", legal_forms: &["NV", "SRL"], currency: "EUR", weight: 2 },
];

/// A currency the demo sells in, with a fixed demo exchange rate: units of it per 1,000 EUR.
pub struct Rate {
    pub code: &'static str,
    pub per_1000_eur: u64,
}

#[rustfmt::skip]
pub const RATES: &[Rate] = &[
    Rate { code: "EUR", per_1000_eur: 1_000 },
    Rate { code: "USD", per_1000_eur: 1_080 },
    Rate { code: "GBP", per_1000_eur: 860 },
    Rate { code: "JPY", per_1000_eur: 160_000 },
    Rate { code: "CHF", per_1000_eur: 950 },
    Rate { code: "SEK", per_1000_eur: 11_500 },
    Rate { code: "NOK", per_1000_eur: 11_700 },
    Rate { code: "DKK", per_1000_eur: 7_460 },
    Rate { code: "PLN", per_1000_eur: 4_300 },
    Rate { code: "CAD", per_1000_eur: 1_470 },
    Rate { code: "AUD", per_1000_eur: 1_650 },
];

pub const COMPANY_PREFIXES: &[&str] = &[
    "Acme",
    "Nordwind",
    "Bergmann",
    "Alpen",
    "Aurora",
    "Borealis",
    "Cobalt",
    "Delta",
    "Evergreen",
    "Falcon",
    "Granite",
    "Helix",
    "Ironwood",
    "Juniper",
    "Keystone",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orion",
    "Pioneer",
    "Quantum",
    "Redwood",
    "Sierra",
    "Titan",
    "Unity",
    "Vertex",
    "Westwind",
    "Zenith",
    "Atlas",
    "Beacon",
    "Cascade",
    "Dynamo",
    "Ember",
    "Fjord",
    "Glacier",
    "Horizon",
    "Insight",
    "Jupiter",
    "Kestrel",
    "Lighthouse",
    "Magnolia",
    "Northstar",
    "Oakridge",
    "Polaris",
    "Rheinland",
    "Saxonia",
    "Vinland",
    "Wolfram",
    "Yukon",
    "Sakura",
    "Fuji",
    "Hanse",
    "Baltic",
    "Alster",
    "Isar",
    "Elbe",
    "Danube",
    "Thames",
    "Mersey",
    "Kiso",
    "Matterhorn",
    "Jura",
    "Iberia",
    "Tessin",
];

pub const COMPANY_INDUSTRIES: &[&str] = &[
    "Robotics",
    "Logistics",
    "Manufacturing",
    "Pharma",
    "Analytics",
    "Engineering",
    "Automotive",
    "Energy",
    "Foods",
    "Textiles",
    "Chemicals",
    "Aerospace",
    "Medical",
    "Packaging",
    "Shipping",
    "Semiconductors",
    "Instruments",
    "Optics",
    "Materials",
    "Plastics",
    "Metalworks",
    "Electronics",
    "Biotech",
    "Software",
    "Consulting",
    "Retail",
    "Insurance",
    "Healthcare",
    "Construction",
    "Mining",
    "Agritech",
    "Telecom",
    "Media",
    "Finance",
    "Hydraulics",
    "Tooling",
    "Castings",
    "Components",
    "Motors",
    "Sensors",
];

/// The empty qualifier comes first, so small demos get the plainest names.
pub const COMPANY_QUALIFIERS: &[&str] = &[
    "",
    "Group",
    "International",
    "Industries",
    "Holding",
    "Systems",
    "Works",
    "Technologies",
];

pub const COMPANY_NOTES: &[&str] = &[
    "Key account",
    "Reference customer",
    "Invoices in English only",
    "Framework agreement in place",
    "Public sector: tender rules apply",
    "Central purchasing via group headquarters",
];

pub const CONTACT_MAILBOXES: &[&str] = &["licensing", "it", "procurement", "software", "admin"];

pub const PARTNER_WORDS: &[&str] = &[
    "Bluewave",
    "Clearpath",
    "Brightline",
    "Stonebridge",
    "Silverline",
    "Northbridge",
    "Greenfield",
    "Highland",
    "Crossroads",
    "Keyline",
    "Openfield",
    "Skyline",
    "Summit",
    "Harbor",
    "Anchor",
    "Compass",
    "Lantern",
    "Bridgepoint",
    "Trident",
    "Matrix",
    "Vector",
    "Pixel",
    "Circuit",
    "Datapoint",
    "Netwise",
    "Cloudline",
    "Softgate",
    "Techbridge",
    "Corelink",
    "Primus",
    "Optima",
    "Nexus",
    "Synergy",
    "Axis",
    "Catalyst",
    "Fusion",
    "Momentum",
    "Insignia",
    "Paragon",
    "Sentinel",
];

pub const PARTNER_KINDS: &[&str] = &[
    "IT Services",
    "Systems Integration",
    "Consulting",
    "Solutions",
    "Technologies",
    "Digital",
    "Software Partners",
    "Networks",
];

pub const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Lukas",
    "Sofia",
    "Jonas",
    "Emma",
    "Felix",
    "Mia",
    "Noah",
    "Lena",
    "Elias",
    "Hannah",
    "Ben",
    "Olivia",
    "James",
    "Amelia",
    "Oliver",
    "Charlotte",
    "Henry",
    "Isabella",
    "William",
    "Yuki",
    "Haruto",
    "Sakura",
    "Ren",
    "Ingrid",
    "Lars",
    "Astrid",
    "Erik",
    "Chloe",
    "Louis",
    "Camille",
    "Hugo",
    "Giulia",
    "Marco",
    "Lucia",
    "Pablo",
    "Carmen",
    "Piotr",
    "Zofia",
    "Daniel",
    "Sarah",
    "Thomas",
    "Laura",
    "Michael",
    "Julia",
    "David",
    "Nina",
    "Paul",
    "Eva",
    "Tom",
];

pub const LAST_NAMES: &[&str] = &[
    "Schmidt",
    "Mueller",
    "Schneider",
    "Fischer",
    "Weber",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Clarke",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Watanabe",
    "Andersson",
    "Johansson",
    "Nilsen",
    "Hansen",
    "Virtanen",
    "Dubois",
    "Martin",
    "Bernard",
    "Rossi",
    "Bianchi",
    "Garcia",
    "Lopez",
    "Martinez",
    "Kowalski",
    "Nowak",
    "de Vries",
    "Jansen",
    "Peeters",
    "O'Brien",
    "Murphy",
    "Keller",
    "Meier",
    "Huber",
    "Gruber",
    "Lindqvist",
    "Berg",
    "Moreau",
    "Ricci",
    "Costa",
    "Novak",
];

pub const REGIONS: &[&str] = &[
    "DACH",
    "Nordics",
    "UK & Ireland",
    "Benelux",
    "France",
    "Southern Europe",
    "CEE",
    "North America",
    "Japan",
    "APAC",
];

/// The vendor's own domain, for sales reps and engineers.
pub const VENDOR_DOMAIN: &str = "lms-vendor.example";

/// A product code of the catalog: code, name, description, list price per seat and year in
/// euro cents, and how often it is sold.
pub struct Product {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub price_eur_cents: u64,
    pub weight: u32,
}

#[rustfmt::skip]
pub const PRODUCTS: &[Product] = &[
    Product { code: "LMS-ENT", name: "License Manager Enterprise", description: "Unlimited servers, SSO, audit trail and API access; per named user.", price_eur_cents: 48_000, weight: 20 },
    Product { code: "LMS-STD", name: "License Manager Standard", description: "Single server edition with reporting; per named user.", price_eur_cents: 24_000, weight: 25 },
    Product { code: "FAC-PRO", name: "Factory Suite Professional", description: "Shop-floor data collection, scheduling and OEE dashboards.", price_eur_cents: 120_000, weight: 10 },
    Product { code: "FAC-STD", name: "Factory Suite Standard", description: "Shop-floor data collection for one plant.", price_eur_cents: 60_000, weight: 10 },
    Product { code: "ANL-PRO", name: "Analytics Professional", description: "Self-service analytics with scheduled exports.", price_eur_cents: 42_000, weight: 9 },
    Product { code: "LMS-BAS", name: "License Manager Basic", description: "Entry edition for small teams, no API.", price_eur_cents: 9_600, weight: 12 },
    Product { code: "SUP-PRM", name: "Premium Support 24x7", description: "Around-the-clock support with a 1-hour response target.", price_eur_cents: 20_000, weight: 8 },
    Product { code: "ANL-STD", name: "Analytics Standard", description: "Prebuilt dashboards and CSV export.", price_eur_cents: 18_000, weight: 8 },
    Product { code: "SEC-ADV", name: "Security Advanced Add-on", description: "Hardware key support, IP allow-lists and session recording.", price_eur_cents: 15_000, weight: 6 },
    Product { code: "FAC-EDG", name: "Factory Edge Gateway", description: "On-premise gateway for machine connectivity (OPC UA, MQTT).", price_eur_cents: 36_000, weight: 5 },
    Product { code: "API-PLT", name: "API Platform Access", description: "REST and webhook access for integrations.", price_eur_cents: 30_000, weight: 5 },
    Product { code: "MOB-FLD", name: "Mobile Field Service", description: "Offline-capable mobile app for service technicians.", price_eur_cents: 12_000, weight: 6 },
    Product { code: "CLD-HST", name: "Cloud Hosting", description: "Managed hosting in the vendor's EU data centre.", price_eur_cents: 27_000, weight: 6 },
    Product { code: "TRN-ONL", name: "Online Training Seats", description: "Self-paced courses and certification exams.", price_eur_cents: 6_000, weight: 4 },
    Product { code: "IOT-CON", name: "IoT Connector Pack", description: "Connectors for 50 additional device types.", price_eur_cents: 9_000, weight: 4 },
    Product { code: "DRS-STB", name: "Disaster Recovery Standby", description: "Warm standby licence for a secondary site.", price_eur_cents: 14_000, weight: 3 },
];

/// Families for product codes beyond the catalog: code prefix and product line name.
pub const PRODUCT_FAMILIES: &[(&str, &str)] = &[
    ("LMS", "License Manager"),
    ("FAC", "Factory Suite"),
    ("ANL", "Analytics"),
    ("SEC", "Security"),
    ("IOT", "IoT"),
    ("CLD", "Cloud"),
];

/// An activity action: name, weight, extra error chance (percent), details when it
/// succeeded and when it failed.
pub struct Action {
    pub name: &'static str,
    pub weight: u32,
    pub error_percent: u64,
    pub ok: &'static [&'static str],
    pub error: &'static [&'static str],
}

#[rustfmt::skip]
pub const ACTIONS: &[Action] = &[
    Action { name: "login", weight: 30, error_percent: 3, ok: &["method=sso", "method=sso", "method=password"], error: &["invalid credentials", "account locked"] },
    Action { name: "view_dashboard", weight: 22, error_percent: 1, ok: &[""], error: &["timeout after 30 s"] },
    Action { name: "search", weight: 12, error_percent: 1, ok: &[""], error: &["query too broad"] },
    Action { name: "api_call", weight: 12, error_percent: 4, ok: &["GET /v2/assets", "POST /v2/events", "GET /v2/licenses"], error: &["HTTP 429 rate limited", "HTTP 500 upstream error"] },
    Action { name: "run_job", weight: 10, error_percent: 7, ok: &["job=nightly-sync", "job=license-check", "job=inventory-scan"], error: &["job failed: exit code 1", "job timed out after 30 min"] },
    Action { name: "export_report", weight: 8, error_percent: 2, ok: &["format=csv", "format=pdf", "format=xlsx"], error: &["export failed: report too large"] },
    Action { name: "update_settings", weight: 3, error_percent: 2, ok: &[""], error: &["validation failed"] },
    Action { name: "logout", weight: 3, error_percent: 0, ok: &[""], error: &[""] },
];

pub const ENVIRONMENTS: [(&str, u32); 4] = [
    ("production", 70),
    ("staging", 15),
    ("test", 10),
    ("disaster recovery", 5),
];

pub const NOTES_ACTIVE: &[&str] = &[
    "Auto-renewal agreed",
    "Multi-year framework agreement",
    "Includes premium support",
    "Pilot converted to full license",
    "PO on file",
];
pub const NOTES_SUSPENDED: &[&str] = &[
    "Suspended: invoice overdue",
    "Suspended at customer request",
    "Suspended pending compliance audit",
];
pub const NOTES_EXPIRED: &[&str] = &[
    "",
    "Customer did not renew",
    "Renewal quote sent, no response",
    "Replaced by a newer product",
];
pub const NOTES_TERMINATED: &[&str] = &[
    "Terminated: customer switched vendor",
    "Terminated: company acquired",
    "Terminated for breach of license terms",
    "Terminated: project cancelled",
];
pub const NOTES_DRAFT: &[&str] = &[
    "Awaiting signed order form",
    "Quote sent",
    "Pending credit check",
    "",
];

pub const DEPLOY_NOTES_COMPLETED: &[&str] = &[
    "",
    "Go-live confirmed by customer",
    "Installed on customer VM cluster",
    "Remote installation",
    "Handover documentation sent",
];
pub const DEPLOY_NOTES_FAILED: &[&str] = &[
    "Rolled back: database version unsupported",
    "Aborted: firewall rules missing",
    "License activation failed; ticket opened",
];
pub const DEPLOY_NOTES_CANCELLED: &[&str] = &[
    "Cancelled by customer",
    "Postponed indefinitely",
    "Superseded by cloud rollout",
];
pub const DEPLOY_NOTES_PLANNED: &[&str] = &[
    "Kick-off call scheduled",
    "Waiting for customer hardware",
    "",
];
pub const DEPLOY_NOTES_IN_PROGRESS: &[&str] = &[
    "Installation running",
    "Data migration in progress",
    "Awaiting customer acceptance test",
];
