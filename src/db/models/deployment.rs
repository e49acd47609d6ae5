use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

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
