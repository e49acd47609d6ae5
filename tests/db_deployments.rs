//! Deployments on both backends: scheduling, edits, the state machine with its dates,
//! refusals, the optimistic lock and role gating.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::type_complexity
)]

mod common;

use chrono::{Duration, NaiveDate};
use common::builders::{EngineerBuilder, LicenseBuilder};
use common::fixtures::date;
use common::{TestDb, actor, each_backend};
use diesel::prelude::*;
use lms::auth::Actor;
use lms::db::schema::{audit_log, deployments as deployment_rows};
use lms::domain::{DeploymentStatus as D, LicenseStatus as S, Role};
use lms::service::ServiceError;
use lms::service::deployments::{self, DeploymentInput};

fn today() -> NaiveDate {
    lms::db::now().date()
}

/// A license of `status` (of a company and product of its own) ending in 100 days;
/// returns its id.
fn license(db: &mut TestDb, status: S) -> i64 {
    LicenseBuilder::new()
        .seats(5)
        .status(status)
        .starts("2026-01-01")
        .ends(today() + Duration::days(100))
        .insert(&mut db.conn)
        .id
}

fn plan(license_id: i64, engineer_id: Option<i64>) -> DeploymentInput {
    DeploymentInput {
        license_id,
        engineer_id,
        scheduled_date: Some(date("2026-12-01")),
        environment: "production".into(),
        notes: "Rollout für Zürich 🚀\nنشر".into(),
    }
}

fn audit_actions(db: &mut TestDb, id: i64) -> Vec<(String, serde_json::Value)> {
    let rows: Vec<(String, String)> = audit_log::table
        .filter(audit_log::entity.eq("deployment"))
        .filter(audit_log::entity_id.eq(id))
        .order(audit_log::id.asc())
        .select((audit_log::action, audit_log::changes))
        .load(&mut db.conn)
        .unwrap();
    rows.into_iter()
        .map(|(a, c)| (a, serde_json::from_str(&c).unwrap()))
        .collect()
}

#[test]
fn schedule_start_and_complete_with_dates() {
    each_backend(|db| {
        let eng = actor(db, Role::Engineer);
        let erin = EngineerBuilder::new("Erin Eng").insert(&mut db.conn).id;
        let lic = license(db, S::Active);
        let id = deployments::schedule(&mut db.conn, &eng, &plan(lic, Some(erin))).unwrap();
        let rec = deployments::get(&mut db.conn, &eng, id).unwrap();
        assert_eq!((rec.status, rec.version), (D::Planned, 1));
        assert_eq!(rec.input, plan(lic, Some(erin)), "{}", db.name());
        assert_eq!(rec.engineer.as_deref(), Some("Erin Eng"));
        assert_eq!(rec.license_key, lms::domain::license_key(lic));
        let err = deployments::advance(&mut db.conn, &eng, id, 1, D::Completed, date("2026-12-02"))
            .unwrap_err();
        assert!(
            err.to_string().contains("start the deployment first"),
            "{err}"
        );
        let v = deployments::advance(&mut db.conn, &eng, id, 1, D::InProgress, date("2026-12-02"))
            .unwrap();
        let err = deployments::advance(&mut db.conn, &eng, id, v, D::Failed, date("2026-12-01"))
            .unwrap_err();
        assert!(
            err.to_string().contains("before the deployment started"),
            "{err}"
        );
        let v = deployments::advance(&mut db.conn, &eng, id, v, D::Completed, date("2026-12-03"))
            .unwrap();
        let rec = deployments::get(&mut db.conn, &eng, id).unwrap();
        assert_eq!(
            (
                rec.status,
                rec.started_date,
                rec.completed_date,
                rec.version
            ),
            (
                D::Completed,
                Some(date("2026-12-02")),
                Some(date("2026-12-03")),
                v
            )
        );
        let err =
            deployments::advance(&mut db.conn, &eng, id, v, D::Cancelled, today()).unwrap_err();
        assert!(
            err.to_string().contains("a completed deployment is final"),
            "{err}"
        );
        let rows = audit_actions(db, id);
        let actions: Vec<_> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(actions, ["create", "status", "status"]);
        assert_eq!(rows[0].1["engineer_id"][1], format!("Erin Eng #{erin}"));
        assert_eq!(
            rows[2].1["status"],
            serde_json::json!(["in_progress", "completed"])
        );
        assert_eq!(
            rows[2].1["completed_date"],
            serde_json::json!([null, "2026-12-03"])
        );
        // Cancelling a planned one closes it on that day.
        let id = deployments::schedule(&mut db.conn, &eng, &plan(lic, None)).unwrap();
        deployments::advance(&mut db.conn, &eng, id, 1, D::Cancelled, date("2026-12-05")).unwrap();
        let rec = deployments::get(&mut db.conn, &eng, id).unwrap();
        assert_eq!(
            (rec.status, rec.completed_date),
            (D::Cancelled, Some(date("2026-12-05")))
        );
    });
}

#[test]
fn scheduling_is_refused_on_dead_licenses_and_bad_fields() {
    each_backend(|db| {
        let m = actor(db, Role::Manager);
        let gone = EngineerBuilder::new("Gone Eng")
            .active(false)
            .insert(&mut db.conn)
            .id;
        for status in [S::Terminated, S::Expired] {
            let lic = license(db, status);
            let err = deployments::schedule(&mut db.conn, &m, &plan(lic, None)).unwrap_err();
            assert!(err.to_string().contains(&format!("is {status}")), "{err}");
        }
        // Active but past its end date counts as expired too.
        let c = &mut db.conn;
        let late = LicenseBuilder::new()
            .seats(1)
            .starts("2020-01-01")
            .ends("2021-01-01")
            .insert(c)
            .id;
        let err = deployments::schedule(c, &m, &plan(late, None)).unwrap_err();
        assert!(err.to_string().contains("renew it first"), "{err}");
        let lic = license(db, S::Draft);
        let err = deployments::schedule(&mut db.conn, &m, &plan(lic, Some(gone))).unwrap_err();
        assert!(
            err.to_string().contains("no longer an active engineer"),
            "{err}"
        );
        let err = deployments::schedule(&mut db.conn, &m, &plan(lic, Some(777))).unwrap_err();
        assert!(
            matches!(&err, ServiceError::Fields(f) if f.get("engineer_id").is_some()),
            "{err}"
        );
        let err = deployments::schedule(&mut db.conn, &m, &plan(4_040, None)).unwrap_err();
        assert!(
            matches!(&err, ServiceError::Fields(f) if f.get("license_id").is_some()),
            "{err}"
        );
        let bad = DeploymentInput {
            environment: "x".repeat(65),
            notes: "bell\u{7}".into(),
            ..plan(lic, None)
        };
        let err = deployments::schedule(&mut db.conn, &m, &bad).unwrap_err();
        let ServiceError::Fields(f) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            f.iter().map(|(f, _)| f).collect::<Vec<_>>(),
            ["environment", "notes"]
        );
        let n: i64 = deployment_rows::table
            .count()
            .get_result(&mut db.conn)
            .unwrap();
        assert_eq!(n, 0);
        // A deployment on a license that then expired cannot start.
        let lic = license(db, S::Active);
        let id = deployments::schedule(&mut db.conn, &m, &plan(lic, None)).unwrap();
        let lics = lms::service::licenses::get(&mut db.conn, &m, lic).unwrap();
        lms::service::licenses::set_status(&mut db.conn, &m, lic, lics.version, S::Terminated)
            .unwrap();
        // Terminating cancelled it; no new work is scheduled on the license either.
        let rec = deployments::get(&mut db.conn, &m, id).unwrap();
        assert_eq!(rec.status, D::Cancelled, "{}", db.name());
        assert!(
            deployments::advance(&mut db.conn, &m, id, rec.version, D::InProgress, today())
                .is_err()
        );
        let err = deployments::schedule(&mut db.conn, &m, &plan(lic, None)).unwrap_err();
        assert!(err.to_string().contains("is terminated"), "{err}");
    });
}

#[test]
fn edits_are_audited_by_field_and_stay_on_their_license() {
    each_backend(|db| {
        let eng = actor(db, Role::Engineer);
        let erin = EngineerBuilder::new("Erin Eng").insert(&mut db.conn).id;
        let lic = license(db, S::Active);
        let id = deployments::schedule(&mut db.conn, &eng, &plan(lic, None)).unwrap();
        let edited = DeploymentInput {
            engineer_id: Some(erin),
            scheduled_date: None,
            ..plan(lic, None)
        };
        assert_eq!(
            deployments::update(&mut db.conn, &eng, id, 1, &edited).unwrap(),
            2
        );
        assert_eq!(
            deployments::update(&mut db.conn, &eng, id, 2, &edited).unwrap(),
            2
        );
        let rows = audit_actions(db, id);
        assert_eq!(rows.len(), 2);
        let mut keys: Vec<_> = rows[1].1.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["engineer_id", "scheduled_date"]);
        let other = license(db, S::Active);
        let err = deployments::update(
            &mut db.conn,
            &eng,
            id,
            2,
            &DeploymentInput {
                license_id: other,
                ..edited.clone()
            },
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("cannot move to another license"),
            "{err}"
        );
        // Someone else's save from another connection makes this one stale.
        let bob = actor(db, Role::Manager);
        let mut conn2 = db.connect_again();
        deployments::advance(&mut conn2, &bob, id, 2, D::InProgress, today()).unwrap();
        let err = deployments::update(
            &mut db.conn,
            &eng,
            id,
            2,
            &DeploymentInput {
                notes: "mine".into(),
                ..edited
            },
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("changed by {}", bob.username)),
            "{err}"
        );
    });
}

#[test]
fn every_role_is_gated_for_deployments() {
    each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let lic = license(db, S::Active);
        for role in Role::ALL {
            let who: Actor = actor(db, role);
            let may = matches!(role, Role::Admin | Role::Manager | Role::Engineer);
            let id = deployments::schedule(&mut db.conn, &admin, &plan(lic, None)).unwrap();
            let gated = |r: Result<(), ServiceError>| match r {
                Ok(()) => false,
                Err(ServiceError::Forbidden { .. }) => true,
                Err(e) => panic!("{role}: {e}"),
            };
            let results = [
                gated(deployments::schedule(&mut db.conn, &who, &plan(lic, None)).map(|_| ())),
                gated(
                    deployments::update(
                        &mut db.conn,
                        &who,
                        id,
                        1,
                        &DeploymentInput {
                            notes: "x".into(),
                            ..plan(lic, None)
                        },
                    )
                    .map(|_| ()),
                ),
                gated(
                    deployments::advance(
                        &mut db.conn,
                        &who,
                        id,
                        if may { 2 } else { 1 },
                        D::InProgress,
                        today(),
                    )
                    .map(|_| ()),
                ),
            ];
            assert_eq!(results, [!may; 3], "{role}");
            assert!(deployments::get(&mut db.conn, &who, id).is_ok());
        }
    });
}

#[test]
fn terminating_a_license_cancels_its_open_deployments() {
    use lms::service::licenses;
    each_backend(|db| {
        let manager = actor(db, Role::Manager);
        let sales = actor(db, Role::Sales);
        let lic = license(db, S::Active);
        let planned = deployments::schedule(&mut db.conn, &manager, &plan(lic, None)).unwrap();
        let running = deployments::schedule(&mut db.conn, &manager, &plan(lic, None)).unwrap();
        let done = deployments::schedule(&mut db.conn, &manager, &plan(lic, None)).unwrap();
        deployments::advance(&mut db.conn, &manager, running, 1, D::InProgress, today()).unwrap();
        deployments::advance(&mut db.conn, &manager, done, 1, D::InProgress, today()).unwrap();
        deployments::advance(&mut db.conn, &manager, done, 2, D::Completed, today()).unwrap();
        // Sales may terminate (not manage deployments); the cancellations are part of it.
        let record = licenses::get(&mut db.conn, &sales, lic).unwrap();
        licenses::set_status(&mut db.conn, &sales, lic, record.version, S::Terminated).unwrap();
        let status = |db: &mut TestDb, id| -> (D, i32) {
            let r = deployments::get(&mut db.conn, &manager, id).unwrap();
            (r.status, r.version)
        };
        assert_eq!(status(db, planned), (D::Cancelled, 2), "{}", db.name());
        assert_eq!(status(db, running), (D::Cancelled, 3), "{}", db.name());
        assert_eq!(status(db, done), (D::Completed, 3), "{}", db.name());
        let (action, changes) = audit_actions(db, planned).pop().unwrap();
        assert_eq!(action, "status");
        assert_eq!(
            changes["status"],
            serde_json::json!(["planned", "cancelled"])
        );
        assert_eq!(changes["reason"][1], "license terminated");
    });
}
