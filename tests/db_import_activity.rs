//! An activity import keeps the log's read models exact on both backends, whether the
//! read-model triggers run (MySQL) or are suspended for the import and the import counts
//! what it adds (SQLite); and the triggers are there again afterwards, after a dry run
//! and after a refused import too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::builders::{ActivityBuilder, CompanyBuilder, PortalUserBuilder};
use common::read_models::{assert_activity_read_models_exact, read_model_triggers};
use common::{TestDb, each_backend, importing};
use diesel::prelude::*;
use lms::db::schema::{app_log, portal_user_activity};
use lms::import::fields::Target;
use lms::service::import::Report;

fn run(db: &mut TestDb, csv: &str, dry_run: bool) -> Report {
    importing::run(
        db,
        Target::Activity,
        csv,
        &importing::options("log.csv", dry_run),
    )
}

#[test]
fn an_activity_import_keeps_the_read_models_exact_and_the_triggers_in_place() {
    each_backend(|db| {
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme GmbH").insert(c);
        let bolt = CompanyBuilder::new("Bolt Ltd").insert(c);
        let ann = PortalUserBuilder::new(&acme, "E0001").insert(c);
        PortalUserBuilder::new(&acme, "E0002").insert(c);
        PortalUserBuilder::new(&bolt, "emp-1").insert(c);
        // Logged before: the import must add to these counts, not replace them, and keep
        // Ann's later activity as her latest. The file is not in time order either.
        ActivityBuilder::new(&ann)
            .at("2026-03-20 09:00:00")
            .action("login")
            .insert(c);
        let before = read_model_triggers(&mut db.conn);
        assert_eq!(before, 3, "{}", db.name());

        let csv = "company,user,ts,action,status,detail\n\
            Acme GmbH,E0001,2026-03-01 10:00:00,login,ok,\n\
            Acme GmbH,E0001,2026-03-02 10:00:00,login,ok,\n\
            Acme GmbH,E0002,2026-03-03 10:00:00,run_job,error,timeout\n\
            Bolt Ltd,emp-1,2026-03-25 10:00:00,api_call,ok,\n\
            Bolt Ltd,emp-1,2026-03-04 10:00:00,login,ok,\n";
        let dry = run(db, csv, true);
        assert_eq!(dry.totals.new, 5, "{}", db.name());
        assert_eq!(
            read_model_triggers(&mut db.conn),
            before,
            "{}: a dry run leaves the triggers",
            db.name()
        );
        assert_activity_read_models_exact(&mut db.conn);

        // A refused import (an unknown user) writes nothing and leaves the triggers.
        let refused = run(
            db,
            &format!("{csv}Bolt Ltd,nobody,2026-03-05 10:00:00,login,ok,\n"),
            false,
        );
        assert!(!refused.committed);
        assert_eq!(read_model_triggers(&mut db.conn), before, "{}", db.name());

        let r = run(db, csv, false);
        assert!(r.committed, "{}: {:?}", db.name(), r.rows);
        assert_eq!(r.totals.new, 5);
        assert_eq!(
            read_model_triggers(&mut db.conn),
            before,
            "{}: the triggers are back",
            db.name()
        );
        assert_activity_read_models_exact(&mut db.conn);
        let rows: i64 = app_log::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(rows, 6);

        // And they work: a write after the import is counted.
        let c = &mut db.conn;
        ActivityBuilder::new(&ann)
            .at("2026-04-01 08:00:00")
            .action("logout")
            .insert(c);
        assert_activity_read_models_exact(c);
        let last: chrono::NaiveDateTime = portal_user_activity::table
            .find(ann.id)
            .select(portal_user_activity::last_at)
            .first(c)
            .unwrap();
        assert_eq!(last.to_string(), "2026-04-01 08:00:00");
    });
}
