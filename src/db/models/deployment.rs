use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::versioned::{new_row, versioned};
use crate::db::schema::deployments;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = deployments)]
pub struct Deployment {
    pub id: i64,
    pub license_id: i64,
    pub engineer_id: Option<i64>,
    pub status: String,
    pub scheduled_date: Option<NaiveDate>,
    pub started_date: Option<NaiveDate>,
    pub completed_date: Option<NaiveDate>,
    pub environment: String,
    pub notes: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = deployments)]
pub struct NewDeployment {
    pub license_id: i64,
    pub engineer_id: Option<i64>,
    pub status: String,
    pub scheduled_date: Option<NaiveDate>,
    pub started_date: Option<NaiveDate>,
    pub completed_date: Option<NaiveDate>,
    pub environment: String,
    pub notes: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a version-checked update of a deployment may set; `None` leaves a column alone
/// (a deployment never moves to another license).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = deployments)]
pub struct DeploymentChanges {
    pub engineer_id: Option<Option<i64>>,
    pub status: Option<String>,
    pub scheduled_date: Option<Option<NaiveDate>>,
    pub started_date: Option<Option<NaiveDate>>,
    pub completed_date: Option<Option<NaiveDate>>,
    pub environment: Option<String>,
    pub notes: Option<String>,
}

versioned!(Deployment, DeploymentChanges, deployments, "deployment");
new_row!(NewDeployment, deployments, "deployment");
