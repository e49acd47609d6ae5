//! Companies, partners, product codes, sales reps and engineers.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::models::{
    Company, Engineer, NewCompany, NewEngineer, NewPartner, NewProductCode, NewSalesRep, Partner,
    ProductCode, SalesRep,
};
use lms::db::schema::{companies, engineers, partners, product_codes, sales_reps};

use super::{IntoTimestamp, created, slug};

/// A customer. Defaults: country `DE`, contact `ops@<name>.example`, no notes.
#[derive(Debug, Clone)]
pub struct CompanyBuilder {
    name: String,
    country: String,
    contact_email: Option<String>,
    notes: String,
    created_at: NaiveDateTime,
}

impl CompanyBuilder {
    #[must_use]
    pub fn new(name: &str) -> Self {
        CompanyBuilder {
            name: name.to_owned(),
            country: "DE".to_owned(),
            contact_email: None,
            notes: String::new(),
            created_at: created(),
        }
    }

    #[must_use]
    pub fn country(mut self, country: &str) -> Self {
        self.country = country.into();
        self
    }

    #[must_use]
    pub fn contact_email(mut self, email: &str) -> Self {
        self.contact_email = Some(email.to_owned());
        self
    }

    #[must_use]
    pub fn notes(mut self, notes: &str) -> Self {
        self.notes = notes.into();
        self
    }

    #[must_use]
    pub fn created_at(mut self, at: impl IntoTimestamp) -> Self {
        self.created_at = at.into_timestamp();
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> Company {
        let new = NewCompany {
            id: None,
            contact_email: self
                .contact_email
                .unwrap_or_else(|| format!("ops@{}.example", slug(&self.name, ""))),
            name: self.name,
            country: self.country,
            notes: self.notes,
            created_at: self.created_at,
            updated_at: self.created_at,
        };
        insert_and_load!(conn, companies, new, Company)
    }
}

/// A reseller. Defaults: country `FR`, no contact.
#[derive(Debug, Clone)]
pub struct PartnerBuilder {
    name: String,
    country: String,
    contact_email: String,
    created_at: NaiveDateTime,
}

impl PartnerBuilder {
    #[must_use]
    pub fn new(name: &str) -> Self {
        PartnerBuilder {
            name: name.to_owned(),
            country: "FR".to_owned(),
            contact_email: String::new(),
            created_at: created(),
        }
    }

    #[must_use]
    pub fn country(mut self, country: &str) -> Self {
        self.country = country.into();
        self
    }

    #[must_use]
    pub fn contact_email(mut self, email: &str) -> Self {
        self.contact_email = email.into();
        self
    }

    #[must_use]
    pub fn created_at(mut self, at: impl IntoTimestamp) -> Self {
        self.created_at = at.into_timestamp();
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> Partner {
        let new = NewPartner {
            id: None,
            name: self.name,
            country: self.country,
            contact_email: self.contact_email,
            created_at: self.created_at,
            updated_at: self.created_at,
        };
        insert_and_load!(conn, partners, new, Partner)
    }
}

/// A product code. Defaults: name `<code> edition`, no description.
#[derive(Debug, Clone)]
pub struct ProductBuilder {
    code: String,
    name: Option<String>,
    description: String,
    created_at: NaiveDateTime,
}

impl ProductBuilder {
    #[must_use]
    pub fn new(code: &str) -> Self {
        ProductBuilder {
            code: code.to_owned(),
            name: None,
            description: String::new(),
            created_at: created(),
        }
    }

    #[must_use]
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    #[must_use]
    pub fn description(mut self, description: &str) -> Self {
        self.description = description.into();
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> ProductCode {
        let new = NewProductCode {
            id: None,
            name: self
                .name
                .unwrap_or_else(|| format!("{} edition", self.code)),
            code: self.code,
            description: self.description,
            created_at: self.created_at,
            updated_at: self.created_at,
        };
        insert_and_load!(conn, product_codes, new, ProductCode)
    }
}

macro_rules! person_builder {
    ($(#[$doc:meta])* $builder:ident, $new:ident, $model:ident, $table:ident, $domain:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $builder {
            name: String,
            email: Option<String>,
            region: String,
            active: bool,
            created_at: NaiveDateTime,
        }

        impl $builder {
            #[must_use]
            pub fn new(name: &str) -> Self {
                $builder {
                    name: name.to_owned(),
                    email: None,
                    region: "EMEA".to_owned(),
                    active: true,
                    created_at: created(),
                }
            }

            #[must_use]
            pub fn email(mut self, email: &str) -> Self {
                self.email = Some(email.to_owned());
                self
            }

            #[must_use]
            pub fn region(mut self, region: &str) -> Self {
                self.region = region.to_owned();
                self
            }

            #[must_use]
            pub fn active(mut self, active: bool) -> Self {
                self.active = active;
                self
            }

            pub fn insert(self, conn: &mut DbConnection) -> $model {
                let new = $new {
                    id: None,
                    email: self
                        .email
                        .unwrap_or_else(|| format!("{}@{}", slug(&self.name, "."), $domain)),
                    name: self.name,
                    region: self.region,
                    active: self.active,
                    created_at: self.created_at,
                    updated_at: self.created_at,
                };
                insert_and_load!(conn, $table, new, $model)
            }
        }
    };
}

person_builder!(
    /// A sales rep. Defaults: `<first.last>@rep.example`, region `EMEA`, active.
    SalesRepBuilder,
    NewSalesRep,
    SalesRep,
    sales_reps,
    "rep.example"
);
person_builder!(
    /// An engineer. Defaults: `<first.last>@eng.example`, region `EMEA`, active.
    EngineerBuilder,
    NewEngineer,
    Engineer,
    engineers,
    "eng.example"
);
