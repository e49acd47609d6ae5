//! The rows the demo inserts, one struct per table. Unlike the `New*` models these carry
//! explicit ids (the database is empty, so ids 1..n are the ids it would have given) and
//! borrow their fixed texts, so millions of rows cost few allocations.
//!
//! `treat_none_as_default_value = false` makes `None` a NULL instead of `DEFAULT`: that
//! keeps every row's column list identical, which lets SQLite run one multi-row INSERT per
//! chunk instead of one statement per row.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use diesel::expression::AsExpression;
use diesel::prelude::*;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Timestamp;

use crate::db::schema::{
    app_log, companies, deployments, engineers, licenses, partners, portal_users, product_codes,
    purchases, sales_reps,
};

/// A timestamp bound exactly as Diesel binds a `NaiveDateTime` (SQLite stores the text
/// `YYYY-MM-DD HH:MM:SS[.f]`), but formatted without chrono's format-string parser, which
/// cost 7% of a SQLite load with millions of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, AsExpression)]
#[diesel(sql_type = Timestamp)]
pub struct Ts(pub NaiveDateTime);

impl Ts {
    /// The text SQLite gets: Diesel's `%F %T%.f`, written by hand for whole seconds.
    #[must_use]
    pub fn text(self) -> String {
        use chrono::Datelike;
        let t = self.0;
        if t.nanosecond() != 0 {
            return t.format("%F %T%.f").to_string();
        }
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

#[cfg(feature = "sqlite")]
impl ToSql<Timestamp, diesel::sqlite::Sqlite> for Ts {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, diesel::sqlite::Sqlite>) -> serialize::Result {
        out.set_value(self.text());
        Ok(serialize::IsNull::No)
    }
}

#[cfg(feature = "mysql")]
impl ToSql<Timestamp, diesel::mysql::Mysql> for Ts {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, diesel::mysql::Mysql>) -> serialize::Result {
        <NaiveDateTime as ToSql<Timestamp, diesel::mysql::Mysql>>::to_sql(&self.0, out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = companies, treat_none_as_default_value = false)]
pub struct CompanyRow {
    pub id: i64,
    pub name: String,
    pub country: &'static str,
    pub contact_email: String,
    pub notes: &'static str,
    pub created_at: Ts,
    pub updated_at: Ts,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = partners, treat_none_as_default_value = false)]
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub country: &'static str,
    pub contact_email: String,
    pub created_at: Ts,
    pub updated_at: Ts,
}

/// A sales rep or an engineer: the two tables share one shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub region: &'static str,
    pub active: bool,
    pub created_at: Ts,
    pub updated_at: Ts,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = sales_reps, treat_none_as_default_value = false)]
pub struct SalesRepRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub region: &'static str,
    pub active: bool,
    pub created_at: Ts,
    pub updated_at: Ts,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = engineers, treat_none_as_default_value = false)]
pub struct EngineerRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub region: &'static str,
    pub active: bool,
    pub created_at: Ts,
    pub updated_at: Ts,
}

impl From<PersonRow> for SalesRepRow {
    fn from(p: PersonRow) -> Self {
        Self {
            id: p.id,
            name: p.name,
            email: p.email,
            region: p.region,
            active: p.active,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

impl From<PersonRow> for EngineerRow {
    fn from(p: PersonRow) -> Self {
        Self {
            id: p.id,
            name: p.name,
            email: p.email,
            region: p.region,
            active: p.active,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = product_codes, treat_none_as_default_value = false)]
pub struct ProductCodeRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub created_at: Ts,
    pub updated_at: Ts,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = licenses, treat_none_as_default_value = false)]
pub struct LicenseRow {
    pub id: i64,
    pub license_key: String,
    pub company_id: i64,
    pub product_code_id: i64,
    pub partner_id: Option<i64>,
    pub sales_rep_id: Option<i64>,
    pub seats: Option<i32>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: &'static str,
    pub notes: &'static str,
    pub created_at: Ts,
    pub updated_at: Ts,
    /// The company's name, the product's code and the partner's and rep's names ('' for
    /// none), the list's sort keys: written here, the licence's triggers find them right
    /// and skip their updates.
    pub company_name: String,
    pub product_key: String,
    pub partner_name: String,
    pub rep_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = purchases, treat_none_as_default_value = false)]
pub struct PurchaseRow {
    pub id: i64,
    pub license_id: i64,
    pub kind: &'static str,
    pub purchase_date: NaiveDate,
    pub seats_added: i32,
    pub cost_minor: i64,
    pub revenue_minor: i64,
    pub currency: &'static str,
    pub order_number: String,
    pub sales_rep_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub created_at: Ts,
    pub term_end: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = deployments, treat_none_as_default_value = false)]
pub struct DeploymentRow {
    pub id: i64,
    pub license_id: i64,
    pub engineer_id: Option<i64>,
    pub status: &'static str,
    pub scheduled_date: Option<NaiveDate>,
    pub started_date: Option<NaiveDate>,
    pub completed_date: Option<NaiveDate>,
    pub environment: &'static str,
    pub notes: &'static str,
    pub created_at: Ts,
    pub updated_at: Ts,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = portal_users, treat_none_as_default_value = false)]
pub struct PortalUserRow {
    pub id: i64,
    pub company_id: i64,
    pub external_user_id: String,
    pub email: String,
    pub name: String,
    pub disabled: bool,
    pub created_at: Ts,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = app_log, treat_none_as_default_value = false)]
pub struct AppLogRow {
    pub id: i64,
    pub user_id: i64,
    pub company_id: i64,
    pub ts: Ts,
    pub action: &'static str,
    pub status: &'static str,
    pub detail: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_written_as_diesel_writes_them() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default();
        for t in [
            day.and_hms_opt(0, 0, 0),
            day.and_hms_opt(5, 6, 7),
            day.and_hms_opt(23, 59, 59),
            day.and_hms_milli_opt(1, 2, 3, 450),
        ]
        .into_iter()
        .flatten()
        {
            assert_eq!(Ts(t).text(), t.format("%F %T%.f").to_string());
        }
        assert_eq!(
            Ts(day.and_hms_opt(5, 6, 7).unwrap_or_default()).text(),
            "2026-03-04 05:06:07"
        );
    }
}
