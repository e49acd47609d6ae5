//! Operators and login on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDateTime;
use common::{each_backend, fixtures, refusals};
use diesel::prelude::*;
use lms::auth::throttle::{FIRST_LOCK, LONGEST_LOCK, MAX_FAILED_ATTEMPTS};
use lms::db::DbConnection;
use lms::db::schema::{audit_log, operators as operator_rows};
use lms::domain::Role;
use lms::service::{ServiceError, operators, sessions};

#[test]
fn first_admin_then_login_and_lockout() {
    each_backend(|db| {
        let conn = &mut db.conn;
        assert!(!operators::any_exist(conn).unwrap());
        // The first account must be an admin.
        assert!(operators::add(conn, None, "ops", "long enough pw", Role::Viewer).is_err());
        let admin = operators::add(conn, None, "Admin", "correct horse 1", Role::Admin).unwrap();
        assert_eq!(admin.username, "admin");
        assert!(operators::any_exist(conn).unwrap());
        // Without logging in, no second account.
        let err = operators::add(conn, None, "sneaky", "long enough pw", Role::Admin).unwrap_err();
        assert!(matches!(err, ServiceError::Forbidden { .. }), "{err}");
        // Duplicate names are a clear conflict.
        let err = operators::add(conn, Some(&admin), "admin", "long enough pw", Role::Viewer)
            .unwrap_err();
        assert_eq!(err.to_string(), "operator \"admin\" already exists");
        let viewer =
            operators::add(conn, Some(&admin), "vic", "long enough pw", Role::Viewer).unwrap();
        assert!(matches!(
            operators::list(conn, &viewer),
            Err(ServiceError::Forbidden { .. })
        ));
        assert_eq!(operators::list(conn, &admin).unwrap().len(), 2);

        let who = sessions::login(conn, "ADMIN", "correct horse 1").unwrap();
        assert_eq!((who.username.as_str(), who.role), ("admin", Role::Admin));
        // Same message for unknown user and wrong password.
        let unknown = sessions::login(conn, "nobody", "whatever pw")
            .unwrap_err()
            .to_string();
        let wrong = sessions::login(conn, "vic", "wrong password")
            .unwrap_err()
            .to_string();
        assert_eq!(unknown, wrong);
        for _ in 0..3 {
            assert!(matches!(
                sessions::login(conn, "vic", "bad"),
                Err(ServiceError::BadCredentials)
            ));
        }
        assert!(matches!(
            sessions::login(conn, "vic", "bad"),
            Err(ServiceError::Locked { .. })
        ));
        // Locked even with the right password.
        assert!(matches!(
            sessions::login(conn, "vic", "long enough pw"),
            Err(ServiceError::Locked { .. })
        ));
    });
}

const PASSWORD: &str = "long enough pw";

/// An admin (the first account) and the operator `vic` whose logins the tests follow.
fn vic(conn: &mut DbConnection) -> i64 {
    let admin = operators::add(conn, None, "admin", "correct horse 1", Role::Admin).unwrap();
    operators::add(conn, Some(&admin), "vic", PASSWORD, Role::Viewer)
        .unwrap()
        .operator_id
}

/// `(failed_attempts, locked_until, last_login_at)` of an operator.
fn state(conn: &mut DbConnection, id: i64) -> (i32, Option<NaiveDateTime>, Option<NaiveDateTime>) {
    operator_rows::table
        .find(id)
        .select((
            operator_rows::failed_attempts,
            operator_rows::locked_until,
            operator_rows::last_login_at,
        ))
        .first(conn)
        .unwrap()
}

/// `(operator_id, action, changes)` of the operator's audit rows after its creation.
fn login_audit(conn: &mut DbConnection, id: i64) -> Vec<(Option<i64>, String, serde_json::Value)> {
    audit_log::table
        .filter(audit_log::entity.eq("operator"))
        .filter(audit_log::entity_id.eq(id))
        .filter(audit_log::action.ne("create"))
        .order(audit_log::id.asc())
        .select((
            audit_log::operator_id,
            audit_log::action,
            audit_log::changes,
        ))
        .load::<(Option<i64>, String, String)>(conn)
        .unwrap()
        .into_iter()
        .map(|(by, action, changes)| (by, action, serde_json::from_str(&changes).unwrap()))
        .collect()
}

#[test]
fn a_failed_login_writes_an_audit_row() {
    each_backend(|db| {
        let name = db.name();
        let conn = &mut db.conn;
        let id = vic(conn);
        let err = sessions::login(conn, "vic", "wrong password").unwrap_err();
        assert!(matches!(err, ServiceError::BadCredentials), "{err}");
        assert_eq!(state(conn, id).0, 1);
        assert_eq!(
            login_audit(conn, id),
            [(
                None,
                "login_failed".to_owned(),
                serde_json::json!({"failed_attempts": ["0", "1"]})
            )],
            "{name}"
        );
        // An unknown name has no account to count against: a row on id 0 says so,
        // without what was typed (it may be a password).
        let err = sessions::login(conn, "nobody", "wrong password").unwrap_err();
        assert!(matches!(err, ServiceError::BadCredentials), "{err}");
        assert_eq!(
            login_audit(conn, 0),
            [(
                None,
                "login_failed".to_owned(),
                serde_json::json!({"reason": [null, "no such operator"]})
            )],
            "{name}"
        );
    });
}

#[test]
fn the_fifth_failure_locks_the_account_and_writes_a_lock_row() {
    each_backend(|db| {
        let name = db.name();
        let conn = &mut db.conn;
        let id = vic(conn);
        for _ in 1..MAX_FAILED_ATTEMPTS {
            let err = sessions::login(conn, "vic", "wrong password").unwrap_err();
            assert!(matches!(err, ServiceError::BadCredentials), "{err}");
        }
        let start = lms::db::now();
        let err = sessions::login(conn, "vic", "wrong password").unwrap_err();
        let ServiceError::Locked { until } = err else {
            panic!("expected locked, got {err:?}")
        };
        assert!(
            until >= start + FIRST_LOCK && until <= lms::db::now() + FIRST_LOCK,
            "{until}"
        );
        assert_eq!(state(conn, id), (MAX_FAILED_ATTEMPTS, Some(until), None));
        let rows = login_audit(conn, id);
        let actions: Vec<&str> = rows.iter().map(|(_, a, _)| a.as_str()).collect();
        assert_eq!(
            actions,
            [
                "login_failed",
                "login_failed",
                "login_failed",
                "login_failed",
                "locked"
            ],
            "{name}"
        );
        assert_eq!(
            rows[4],
            (
                None,
                "locked".to_owned(),
                serde_json::json!({
                    "failed_attempts": ["4", "5"],
                    "locked_until": [null, until.to_string()],
                })
            )
        );
        // While locked, even the right password is refused; the attempt is recorded but
        // not counted.
        let err = sessions::login(conn, "vic", PASSWORD).unwrap_err();
        assert!(matches!(err, ServiceError::Locked { .. }), "{err}");
        assert_eq!(
            login_audit(conn, id)[5..],
            [(
                None,
                "login_refused".to_owned(),
                serde_json::json!({"reason": [null, format!("locked until {until}")]})
            )],
            "{name}"
        );
        assert_eq!(state(conn, id), (MAX_FAILED_ATTEMPTS, Some(until), None));
    });
}

/// Lets `id`'s lock run out, as if its time had passed.
fn lapse(conn: &mut DbConnection, id: i64) {
    let past = lms::db::now() - chrono::Duration::seconds(1);
    diesel::update(operator_rows::table.find(id))
        .set(operator_rows::locked_until.eq(Some(past)))
        .execute(conn)
        .unwrap();
}

#[test]
fn the_lock_grows_with_each_failure_to_five_minutes_and_then_lets_the_password_in() {
    each_backend(|db| {
        let name = db.name();
        let conn = &mut db.conn;
        let id = vic(conn);
        let mut locks = Vec::new();
        for attempt in 1..=12 {
            let start = lms::db::now();
            let err = sessions::login(conn, "vic", "wrong password").unwrap_err();
            let (attempts, until, _) = state(conn, id);
            assert_eq!(attempts, attempt, "{name}");
            if let ServiceError::Locked { until: said } = err {
                assert_eq!(Some(said), until);
                locks.push((said - start).num_seconds());
                // Guesses while locked are not counted, whatever they are.
                assert!(sessions::login(conn, "vic", "another guess").is_err());
                assert_eq!(state(conn, id).0, attempt, "{name}");
                lapse(conn, id);
            }
        }
        assert_eq!(locks, [15, 30, 60, 120, 240, 300, 300, 300], "{name}");
        assert!(locks.iter().all(|s| *s <= LONGEST_LOCK.num_seconds()));
        // Once the lock has run out, the right password gets in and clears the count.
        assert!(sessions::login(conn, "vic", PASSWORD).is_ok());
        assert_eq!(state(conn, id).0, 0, "{name}");
    });
}

#[test]
fn every_refusal_costs_one_audit_row_and_says_the_same() {
    each_backend(|db| {
        let name = db.name();
        let conn = &mut db.conn;
        refusals::accounts_for_every_refusal(conn);
        let count =
            |conn: &mut DbConnection| -> i64 { audit_log::table.count().get_result(conn).unwrap() };
        let mut said = Vec::new();
        for (who, password) in refusals::EVERY_REFUSAL {
            let before = count(conn);
            said.push(
                sessions::login(conn, who, password)
                    .unwrap_err()
                    .to_string(),
            );
            assert_eq!(count(conn), before + 1, "{name}: {who}");
        }
        assert!(
            said.iter().all(|s| s == "wrong username or password"),
            "{said:?}"
        );
    });
}

#[test]
fn a_login_resets_the_failures_and_records_itself_in_one_transaction() {
    each_backend(|db| {
        let id = vic(&mut db.conn);
        for _ in 0..2 {
            assert!(sessions::login(&mut db.conn, "vic", "wrong password").is_err());
        }
        let who = sessions::login(&mut db.conn, "vic", PASSWORD).unwrap();
        assert_eq!((who.operator_id, who.role), (id, Role::Viewer));
        let (attempts, locked, last) = state(&mut db.conn, id);
        assert_eq!((attempts, locked), (0, None));
        let last = last.expect("last login recorded");
        let rows = login_audit(&mut db.conn, id);
        assert_eq!(
            rows.last(),
            Some(&(
                Some(id),
                "login".to_owned(),
                serde_json::json!({
                    "last_login_at": [null, last.to_string()],
                    "failed_attempts": ["2", "0"],
                })
            )),
            "{}",
            db.name()
        );

        // One failure on record, then the audit row cannot be written: neither the
        // failure's count nor the login's reset and time may stay without it.
        assert!(sessions::login(&mut db.conn, "vic", "wrong password").is_err());
        // From here on the database refuses the operator's audit rows.
        fixtures::fail_inserts(&mut db.conn, "audit_log", "NEW.entity = 'operator'");
        let err = sessions::login(&mut db.conn, "vic", PASSWORD).unwrap_err();
        assert!(matches!(err, ServiceError::Database(_)), "{err}");
        assert_eq!(
            state(&mut db.conn, id),
            (1, None, Some(last)),
            "{}",
            db.name()
        );
        let err = sessions::login(&mut db.conn, "vic", "wrong password").unwrap_err();
        assert!(matches!(err, ServiceError::Database(_)), "{err}");
        assert_eq!(state(&mut db.conn, id).0, 1, "{}", db.name());
    });
}
