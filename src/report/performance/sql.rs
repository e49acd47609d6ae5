//! Running the performance reports' SQL on both backends. The statements are plain SQL
//! with `?` binds, so the very text the report runs is what [`explain`] asks the database
//! to plan. The two backends differ only in date arithmetic, which [`Dialect`] writes.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::query_builder::BoxedSqlQuery;
use diesel::sql_types::{BigInt, Date, Text};

use crate::db::{BackendKind, Db, DbConnection};

/// How a backend writes what SQL does not standardise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect(pub BackendKind);

impl Dialect {
    #[must_use]
    pub fn of(conn: &DbConnection) -> Dialect {
        Dialect(conn.kind())
    }

    /// The date `days` days after the DATE expression `date`.
    #[must_use]
    pub fn plus_days(self, date: &str, days: u32) -> String {
        match self.0 {
            BackendKind::Sqlite => format!("date({date}, '+{days} days')"),
            BackendKind::Mysql => format!("DATE_ADD({date}, INTERVAL {days} DAY)"),
        }
    }

    /// Whole days from the DATE expression `from` to `to` (negative when `to` is earlier).
    #[must_use]
    pub fn days_between(self, from: &str, to: &str) -> String {
        match self.0 {
            BackendKind::Sqlite => {
                format!("CAST(julianday({to}) - julianday({from}) AS INTEGER)")
            }
            BackendKind::Mysql => format!("DATEDIFF({to}, {from})"),
        }
    }
}

/// A date's calendar month as "YYYY-MM", the same on both backends (SQLite keeps dates
/// as ISO text; MySQL reads a DATE as ISO text in a string function).
#[must_use]
pub fn month_of(date: &str) -> String {
    format!("SUBSTR({date}, 1, 7)")
}

/// A value for a `?` of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bind {
    Date(NaiveDate),
    Int(i64),
    /// One of lms's own codes (a checked ISO 4217 currency code), never free text.
    Code(&'static str),
}

/// A statement and its binds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// What it computes, for the query plans' headings.
    pub name: &'static str,
    pub sql: String,
    pub binds: Vec<Bind>,
}

impl Statement {
    fn boxed(&self, prefix: &str) -> BoxedSqlQuery<'static, Db, diesel::query_builder::SqlQuery> {
        let mut q = diesel::sql_query(format!("{prefix}{}", self.sql)).into_boxed::<Db>();
        for b in &self.binds {
            q = match *b {
                Bind::Date(d) => q.bind::<Date, _>(d),
                Bind::Int(n) => q.bind::<BigInt, _>(n),
                Bind::Code(c) => q.bind::<Text, _>(c),
            };
        }
        q
    }

    /// Runs it.
    ///
    /// # Errors
    /// Database errors.
    pub fn load<T>(&self, conn: &mut DbConnection) -> QueryResult<Vec<T>>
    where
        T: QueryableByName<Db> + 'static,
    {
        self.boxed("").load(conn)
    }

    /// How the database would run it, one line per plan step (SQLite `EXPLAIN QUERY
    /// PLAN`; MySQL/MariaDB `EXPLAIN FORMAT=JSON`).
    ///
    /// # Errors
    /// Database errors.
    pub fn explain(&self, conn: &mut DbConnection) -> QueryResult<Vec<String>> {
        match conn.kind() {
            BackendKind::Sqlite => {
                #[derive(QueryableByName)]
                struct Step {
                    #[diesel(sql_type = BigInt)]
                    id: i64,
                    #[diesel(sql_type = BigInt)]
                    parent: i64,
                    #[diesel(sql_type = Text)]
                    detail: String,
                }
                let steps: Vec<Step> = self.boxed("EXPLAIN QUERY PLAN ").load(conn)?;
                Ok(steps
                    .into_iter()
                    .map(|s| format!("{} {} {}", s.id, s.parent, s.detail))
                    .collect())
            }
            BackendKind::Mysql => {
                #[derive(QueryableByName)]
                struct Plan {
                    #[diesel(sql_type = Text)]
                    #[diesel(column_name = "EXPLAIN")]
                    json: String,
                }
                let plans: Vec<Plan> = self.boxed("EXPLAIN FORMAT=JSON ").load(conn)?;
                Ok(plans
                    .iter()
                    .flat_map(|p| p.json.lines().map(str::to_owned))
                    .collect())
            }
        }
    }
}

/// A SQL list of string literals from lms's own constants (never from input).
#[must_use]
pub fn list(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(", ")
}
