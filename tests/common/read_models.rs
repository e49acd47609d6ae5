//! The activity log's read models against the log itself, from scratch.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lms::db::schema::{app_log, app_log_counts, portal_user_activity};
use lms::db::{BackendKind, DbConnection};

/// `app_log_counts` and `portal_user_activity` hold exactly what a `GROUP BY` over
/// `app_log` gives.
pub fn assert_activity_read_models_exact(c: &mut DbConnection) {
    let mut counts: Vec<(i64, String, String, i64)> = app_log_counts::table
        .select((
            app_log_counts::company_id,
            app_log_counts::action,
            app_log_counts::status,
            app_log_counts::entries,
        ))
        .load(c)
        .unwrap();
    counts.sort();
    let mut log: Vec<(i64, String, String, i64)> = app_log::table
        .group_by((app_log::company_id, app_log::action, app_log::status))
        .select((
            app_log::company_id,
            app_log::action,
            app_log::status,
            diesel::dsl::count_star(),
        ))
        .load(c)
        .unwrap();
    log.sort();
    assert!(!log.is_empty());
    assert_eq!(counts, log, "app_log_counts against the log");
    let latest: Vec<(i64, Option<NaiveDateTime>)> = app_log::table
        .group_by(app_log::user_id)
        .select((app_log::user_id, diesel::dsl::max(app_log::ts)))
        .order(app_log::user_id)
        .load(c)
        .unwrap();
    let kept: Vec<(i64, Option<NaiveDateTime>)> = portal_user_activity::table
        .select((
            portal_user_activity::user_id,
            portal_user_activity::last_at.nullable(),
        ))
        .order(portal_user_activity::user_id)
        .load(c)
        .unwrap();
    assert_eq!(kept, latest, "portal_user_activity against the log");
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// How many triggers `app_log` has (the read models' insert, update and delete).
pub fn read_model_triggers(c: &mut DbConnection) -> i64 {
    let sql = match c.kind() {
        BackendKind::Sqlite => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' \
             AND tbl_name = 'app_log'"
        }
        BackendKind::Mysql => {
            "SELECT COUNT(*) AS n FROM information_schema.TRIGGERS \
             WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 'app_log'"
        }
    };
    diesel::sql_query(sql).get_result::<Count>(c).unwrap().n
}
