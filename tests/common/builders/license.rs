//! Licenses and their deployments.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::models::{Deployment, License, NewDeployment, NewLicense};
use lms::db::schema::{deployments, licenses};
use lms::domain::{DeploymentStatus, LicenseStatus};

use super::{CompanyBuilder, IntoDate, IntoTimestamp, ProductBuilder, RowId, created, unique};

/// A license with key `LIC-<id>` (as the service writes it). Defaults: a new company and a
/// new product code when none is given, 10 seats, active, 2025-01-01 to 2025-12-31, no
/// partner, no sales rep, no notes.
#[derive(Debug, Clone)]
pub struct LicenseBuilder {
    company_id: Option<i64>,
    product_code_id: Option<i64>,
    partner_id: Option<i64>,
    sales_rep_id: Option<i64>,
    seats: Option<i32>,
    status: LicenseStatus,
    start_date: NaiveDate,
    end_date: NaiveDate,
    notes: String,
    created_at: NaiveDateTime,
}

impl Default for LicenseBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LicenseBuilder {
    #[must_use]
    pub fn new() -> Self {
        LicenseBuilder {
            company_id: None,
            product_code_id: None,
            partner_id: None,
            sales_rep_id: None,
            seats: Some(10),
            status: LicenseStatus::Active,
            start_date: "2025-01-01".into_date(),
            end_date: "2025-12-31".into_date(),
            notes: String::new(),
            created_at: created(),
        }
    }

    #[must_use]
    pub fn company(mut self, company: impl RowId) -> Self {
        self.company_id = Some(company.row_id());
        self
    }

    #[must_use]
    pub fn product(mut self, product: impl RowId) -> Self {
        self.product_code_id = Some(product.row_id());
        self
    }

    #[must_use]
    pub fn partner(mut self, partner: impl RowId) -> Self {
        self.partner_id = Some(partner.row_id());
        self
    }

    #[must_use]
    pub fn sales_rep(mut self, rep: impl RowId) -> Self {
        self.sales_rep_id = Some(rep.row_id());
        self
    }

    #[must_use]
    pub fn seats(mut self, seats: i32) -> Self {
        self.seats = Some(seats);
        self
    }

    /// No seat limit (a site license).
    #[must_use]
    pub fn unlimited(mut self) -> Self {
        self.seats = None;
        self
    }

    #[must_use]
    pub fn status(mut self, status: LicenseStatus) -> Self {
        self.status = status;
        self
    }

    #[must_use]
    pub fn starts(mut self, date: impl IntoDate) -> Self {
        self.start_date = date.into_date();
        self
    }

    #[must_use]
    pub fn ends(mut self, date: impl IntoDate) -> Self {
        self.end_date = date.into_date();
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

    pub fn insert(self, conn: &mut DbConnection) -> License {
        let company_id = self.company_id.unwrap_or_else(|| {
            CompanyBuilder::new(&format!("Company {}", unique()))
                .insert(conn)
                .id
        });
        let product_code_id = self.product_code_id.unwrap_or_else(|| {
            ProductBuilder::new(&format!("P{}", unique()))
                .insert(conn)
                .id
        });
        let new = NewLicense {
            // Unique until the real key, derived from the id, replaces it.
            license_key: format!("TMP-{}-{}", std::process::id(), unique()),
            company_id,
            product_code_id,
            partner_id: self.partner_id,
            sales_rep_id: self.sales_rep_id,
            seats: self.seats,
            start_date: self.start_date,
            end_date: self.end_date,
            status: self.status.as_str().to_owned(),
            notes: self.notes,
            created_at: self.created_at,
            updated_at: self.created_at,
        };
        conn.transaction(|conn| {
            diesel::insert_into(licenses::table)
                .values(&new)
                .execute(conn)?;
            let id = conn.last_insert_id()?;
            diesel::update(licenses::table.find(id))
                .set(licenses::license_key.eq(lms::domain::license_key(id)))
                .execute(conn)?;
            licenses::table
                .find(id)
                .select(License::as_select())
                .first(conn)
        })
        .unwrap_or_else(|e| panic!("insert into licenses: {e}"))
    }
}

/// A deployment of a license. Defaults: planned, no engineer, no dates, environment
/// `production`, no notes.
#[derive(Debug, Clone)]
pub struct DeploymentBuilder {
    license_id: i64,
    engineer_id: Option<i64>,
    status: DeploymentStatus,
    scheduled_date: Option<NaiveDate>,
    started_date: Option<NaiveDate>,
    completed_date: Option<NaiveDate>,
    environment: String,
    notes: String,
    created_at: NaiveDateTime,
}

impl DeploymentBuilder {
    #[must_use]
    pub fn new(license: impl RowId) -> Self {
        DeploymentBuilder {
            license_id: license.row_id(),
            engineer_id: None,
            status: DeploymentStatus::Planned,
            scheduled_date: None,
            started_date: None,
            completed_date: None,
            environment: "production".to_owned(),
            notes: String::new(),
            created_at: created(),
        }
    }

    #[must_use]
    pub fn engineer(mut self, engineer: impl RowId) -> Self {
        self.engineer_id = Some(engineer.row_id());
        self
    }

    #[must_use]
    pub fn status(mut self, status: DeploymentStatus) -> Self {
        self.status = status;
        self
    }

    #[must_use]
    pub fn scheduled(mut self, date: impl IntoDate) -> Self {
        self.scheduled_date = Some(date.into_date());
        self
    }

    #[must_use]
    pub fn started(mut self, date: impl IntoDate) -> Self {
        self.started_date = Some(date.into_date());
        self
    }

    #[must_use]
    pub fn completed(mut self, date: impl IntoDate) -> Self {
        self.completed_date = Some(date.into_date());
        self
    }

    #[must_use]
    pub fn environment(mut self, environment: &str) -> Self {
        self.environment = environment.into();
        self
    }

    #[must_use]
    pub fn notes(mut self, notes: &str) -> Self {
        self.notes = notes.into();
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> Deployment {
        let new = NewDeployment {
            license_id: self.license_id,
            engineer_id: self.engineer_id,
            status: self.status.as_str().to_owned(),
            scheduled_date: self.scheduled_date,
            started_date: self.started_date,
            completed_date: self.completed_date,
            environment: self.environment,
            notes: self.notes,
            created_at: self.created_at,
            updated_at: self.created_at,
        };
        insert_and_load!(conn, deployments, new, Deployment)
    }
}
