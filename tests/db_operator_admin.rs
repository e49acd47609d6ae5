//! An admin's administration of operator accounts and the password changes, on both
//! backends: role gating for every role, the last-admin rule, the forced change after a
//! reset, disable/enable/unlock, bad input, and audit rows in the same transaction.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestDb, actor, each_backend, fixtures};
use diesel::prelude::*;
use lms::auth::Actor;
use lms::db::queries::list::ListQuery;
use lms::db::queries::page::PageRequest;
use lms::db::schema::{audit_log, operators as rows};
use lms::domain::Role;
use lms::service::account_actions::{self, AccountAction};
use lms::service::browse::{self, Entity};
use lms::service::operators::{self, OperatorSummary};
use lms::service::{ServiceError, operator_admin, passwords, sessions};

const PW: &str = "long enough pw";

/// The first admin and the operator `vic` (a viewer).
fn admin_and_vic(db: &mut TestDb) -> (Actor, Actor) {
    let admin =
        operators::add(&mut db.conn, None, "admin", "correct horse 1", Role::Admin).unwrap();
    let vic = operators::add(&mut db.conn, Some(&admin), "vic", PW, Role::Viewer).unwrap();
    (admin, vic)
}

fn summary(db: &mut TestDb, admin: &Actor, name: &str) -> OperatorSummary {
    operators::find_by_name(&mut db.conn, admin, name).unwrap()
}

fn audit_count(db: &mut TestDb) -> i64 {
    audit_log::table.count().get_result(&mut db.conn).unwrap()
}

/// `(operator_id, action)` of the operator `id`'s audit rows, oldest first.
fn actions(db: &mut TestDb, id: i64) -> Vec<(Option<i64>, String)> {
    audit_log::table
        .filter(audit_log::entity.eq("operator"))
        .filter(audit_log::entity_id.eq(id))
        .order(audit_log::id.asc())
        .select((audit_log::operator_id, audit_log::action))
        .load(&mut db.conn)
        .unwrap()
}

fn forbidden<T>(r: &Result<T, ServiceError>) -> bool {
    matches!(r, Err(ServiceError::Forbidden { .. }))
}

const ACTIONS: [AccountAction; 5] = [
    AccountAction::Role(Role::Manager),
    AccountAction::Disable,
    AccountAction::Enable,
    AccountAction::Unlock,
    AccountAction::ResetPassword,
];

#[test]
fn every_account_action_is_for_admins_only() {
    each_backend(|db| {
        let (admin, _) = admin_and_vic(db);
        for role in Role::ALL {
            let who = actor(db, role);
            let allowed = role == Role::Admin;
            for action in ACTIONS {
                let target = summary(db, &admin, "vic");
                let before = audit_count(db);
                let r = account_actions::apply(&mut db.conn, &who, &target, action);
                assert_eq!(forbidden(&r), !allowed, "{role} {action:?}: {r:?}");
                if !allowed {
                    assert_eq!(summary(db, &admin, "vic"), target, "{role} {action:?}");
                    assert_eq!(audit_count(db), before);
                }
            }
            let name = format!("new-{role}");
            let r = operators::add(&mut db.conn, Some(&who), &name, PW, Role::Viewer);
            assert_eq!(forbidden(&r), !allowed, "{role} add");
            assert_eq!(forbidden(&operators::list(&mut db.conn, &who)), !allowed);
            assert_eq!(
                forbidden(&operators::find(&mut db.conn, &who, who.operator_id)),
                !allowed
            );
            assert_eq!(
                forbidden(&operators::find_by_name(&mut db.conn, &who, "vic")),
                !allowed
            );
            let page = browse::page(
                &mut db.conn,
                &who,
                Entity::Operators,
                &ListQuery::default(),
                &PageRequest::First,
                40,
            );
            assert_eq!(forbidden(&page), !allowed, "{role} browse");
            let count = browse::count(&mut db.conn, &who, Entity::Operators, &ListQuery::default());
            assert_eq!(forbidden(&count), !allowed, "{role} count");
        }
    });
}

#[test]
fn the_last_active_admin_can_be_neither_demoted_nor_disabled() {
    each_backend(|db| {
        let (admin, _) = admin_and_vic(db);
        let me = summary(db, &admin, "admin");
        let before = audit_count(db);
        for action in [AccountAction::Role(Role::Manager), AccountAction::Disable] {
            let err = account_actions::apply(&mut db.conn, &admin, &me, action).unwrap_err();
            assert_eq!(
                err.to_string(),
                "admin is the last active admin: make another operator an admin first",
                "{}",
                db.name()
            );
        }
        assert_eq!(summary(db, &admin, "admin"), me, "nothing stored");
        assert_eq!(audit_count(db), before);
        // A disabled admin does not count as one.
        let vic_row = summary(db, &admin, "vic");
        account_actions::apply(
            &mut db.conn,
            &admin,
            &vic_row,
            AccountAction::Role(Role::Admin),
        )
        .unwrap();
        let vic_row = summary(db, &admin, "vic");
        account_actions::apply(&mut db.conn, &admin, &vic_row, AccountAction::Disable).unwrap();
        let err = operator_admin::set_role(&mut db.conn, &admin, me.id, me.version, Role::Viewer)
            .unwrap_err();
        assert!(matches!(err, ServiceError::Conflict(_)), "{err}");
        // With a second active admin, the first may step down.
        let vic_row = summary(db, &admin, "vic");
        account_actions::apply(&mut db.conn, &admin, &vic_row, AccountAction::Enable).unwrap();
        assert!(
            operator_admin::set_role(&mut db.conn, &admin, me.id, me.version, Role::Viewer)
                .unwrap()
        );
        assert_eq!(summary(db, &admin, "vic").role, "admin");
    });
}

#[test]
fn a_reset_forces_a_new_password_at_the_next_login() {
    each_backend(|db| {
        let (admin, vic) = admin_and_vic(db);
        let target = summary(db, &admin, "vic");
        let outcome =
            account_actions::apply(&mut db.conn, &admin, &target, AccountAction::ResetPassword)
                .unwrap();
        let one_time = outcome.one_time.unwrap().expose().to_owned();
        assert_eq!(one_time.chars().count(), 20);
        let (hash, must): (String, bool) = rows::table
            .find(vic.operator_id)
            .select((rows::password_hash, rows::must_change_password))
            .first(&mut db.conn)
            .unwrap();
        assert!(must && hash.starts_with("$argon2id$") && !hash.contains(&one_time));
        // The old password is gone; the one-time one leads only to the change.
        assert!(matches!(
            sessions::login(&mut db.conn, "vic", PW),
            Err(ServiceError::BadCredentials)
        ));
        let err = sessions::login(&mut db.conn, "vic", &one_time).unwrap_err();
        assert!(matches!(err, ServiceError::MustChangePassword), "{err}");
        for (bad, why) in [
            ("short", "at least 10 characters"),
            (one_time.as_str(), "must differ"),
        ] {
            let err = passwords::change_own(&mut db.conn, "vic", &one_time, bad).unwrap_err();
            assert!(err.to_string().contains(why), "{err}");
        }
        let err = passwords::change_own(&mut db.conn, "vic", "not the password", "brand new pw 1")
            .unwrap_err();
        assert_eq!(err.to_string(), "wrong username or password");
        let who = passwords::change_own(&mut db.conn, "vic", &one_time, "brand new pw 1").unwrap();
        assert_eq!(who.operator_id, vic.operator_id);
        assert!(!summary(db, &admin, "vic").must_change_password);
        assert!(sessions::login(&mut db.conn, "vic", "brand new pw 1").is_ok());
        let acts = actions(db, vic.operator_id);
        let names: Vec<&str> = acts.iter().map(|(_, a)| a.as_str()).collect();
        assert_eq!(
            names,
            [
                "create",
                "password_reset",
                "login_failed",
                "login_failed",
                "password_change",
                "login"
            ],
            "{}",
            db.name()
        );
        assert_eq!(acts[1].0, Some(admin.operator_id));
        assert_eq!(acts[4].0, Some(vic.operator_id));
    });
}

#[test]
fn disable_enable_and_unlock() {
    each_backend(|db| {
        let (admin, vic) = admin_and_vic(db);
        let generic = ServiceError::BadCredentials.to_string();
        for _ in 0..5 {
            assert!(sessions::login(&mut db.conn, "vic", "wrong password").is_err());
        }
        // Locked: the right password gets the generic refusal.
        let err = sessions::login(&mut db.conn, "vic", PW).unwrap_err();
        assert!(matches!(err, ServiceError::Locked { .. }), "{err}");
        assert_eq!(err.to_string(), generic);
        let target = summary(db, &admin, "vic");
        assert_eq!(target.failed_attempts, 5);
        assert!(target.locked_until.is_some());
        let done =
            account_actions::apply(&mut db.conn, &admin, &target, AccountAction::Unlock).unwrap();
        assert_eq!(done.message, "unlocked vic");
        let target = summary(db, &admin, "vic");
        assert_eq!((target.failed_attempts, target.locked_until), (0, None));
        // Nothing to unlock: nothing written.
        let before = audit_count(db);
        let done =
            account_actions::apply(&mut db.conn, &admin, &target, AccountAction::Unlock).unwrap();
        assert_eq!(done.message, "vic was not locked; nothing changed");
        assert_eq!(audit_count(db), before);
        assert!(sessions::login(&mut db.conn, "vic", PW).is_ok());

        let target = summary(db, &admin, "vic");
        account_actions::apply(&mut db.conn, &admin, &target, AccountAction::Disable).unwrap();
        let err = sessions::login(&mut db.conn, "vic", PW).unwrap_err();
        assert!(matches!(err, ServiceError::Disabled), "{err}");
        assert_eq!(err.to_string(), generic);
        // The version read before the disable is stale now.
        let err = account_actions::apply(&mut db.conn, &admin, &target, AccountAction::Enable)
            .unwrap_err();
        assert!(matches!(err, ServiceError::Stale { .. }), "{err}");
        let target = summary(db, &admin, "vic");
        account_actions::apply(&mut db.conn, &admin, &target, AccountAction::Enable).unwrap();
        assert!(sessions::login(&mut db.conn, "vic", PW).is_ok());
        let acts: Vec<String> = actions(db, vic.operator_id)
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        assert!(
            ["unlock", "disable", "enable"]
                .iter()
                .all(|a| acts.iter().any(|x| x == a)),
            "{acts:?}"
        );
    });
}

#[test]
fn the_holder_of_the_database_unlocks_even_the_last_admin_without_a_login() {
    each_backend(|db| {
        let (admin, _) = admin_and_vic(db);
        for _ in 0..5 {
            assert!(sessions::login(&mut db.conn, "admin", "a guess").is_err());
        }
        let err = sessions::login(&mut db.conn, "admin", "correct horse 1").unwrap_err();
        assert!(matches!(err, ServiceError::Locked { .. }), "{err}");
        assert!(operator_admin::unlock_without_login(&mut db.conn, " Admin ").unwrap());
        // Nothing left to clear: nothing written.
        let before = audit_count(db);
        assert!(!operator_admin::unlock_without_login(&mut db.conn, "admin").unwrap());
        assert_eq!(audit_count(db), before);
        let err = operator_admin::unlock_without_login(&mut db.conn, "nobody").unwrap_err();
        assert_eq!(err.to_string(), "operator \"nobody\" not found");
        assert!(sessions::login(&mut db.conn, "admin", "correct horse 1").is_ok());
        let acts = actions(db, admin.operator_id);
        let unlocks: Vec<_> = acts
            .iter()
            .filter(|(_, a)| a.starts_with("unlock"))
            .collect();
        assert_eq!(
            unlocks,
            [&(None, "unlock_without_login".to_owned())],
            "{}",
            db.name()
        );
    });
}

#[test]
fn a_failed_audit_row_rolls_every_account_change_back() {
    each_backend(|db| {
        let (admin, _) = admin_and_vic(db);
        for _ in 0..2 {
            assert!(sessions::login(&mut db.conn, "vic", "wrong password").is_err());
        }
        let target = summary(db, &admin, "vic");
        fixtures::fail_inserts(&mut db.conn, "audit_log", "NEW.entity = 'operator'");
        // (Enabling an enabled account writes nothing, so it cannot fail.)
        for action in ACTIONS.into_iter().filter(|a| *a != AccountAction::Enable) {
            let err = account_actions::apply(&mut db.conn, &admin, &target, action).unwrap_err();
            assert!(
                matches!(err, ServiceError::Database(_)),
                "{action:?}: {err}"
            );
            assert_eq!(
                summary(db, &admin, "vic"),
                target,
                "{action:?} on {}",
                db.name()
            );
        }
        let err = passwords::change_own(&mut db.conn, "admin", "correct horse 1", "another pw 123")
            .unwrap_err();
        assert!(matches!(err, ServiceError::Database(_)), "{err}");
        let err =
            operators::add(&mut db.conn, Some(&admin), "newbie", PW, Role::Sales).unwrap_err();
        assert!(matches!(err, ServiceError::Database(_)), "{err}");
        assert!(matches!(
            operators::find_by_name(&mut db.conn, &admin, "newbie"),
            Err(ServiceError::NotFound(_))
        ));
    });
}

#[test]
fn bad_account_input_is_refused_and_nothing_is_stored() {
    each_backend(|db| {
        let (admin, _) = admin_and_vic(db);
        let before = audit_count(db);
        for (name, password, why) in [
            ("", PW, "1 to 64 characters"),
            ("   ", PW, "1 to 64 characters"),
            (&"a".repeat(65) as &str, PW, "1 to 64 characters"),
            ("VIC", PW, "operator \"vic\" already exists"),
            ("evil\u{202e}name", PW, "only letters, digits"),
            ("bell\u{7}", PW, "only letters, digits"),
            ("tab\tname", PW, "only letters, digits"),
            ("émile", PW, "only letters, digits"),
            ("x'; DROP TABLE operators; --", PW, "only letters, digits"),
            ("okname", "short", "at least 10 characters"),
        ] {
            let err = operators::add(&mut db.conn, Some(&admin), name, password, Role::Viewer)
                .unwrap_err();
            assert!(err.to_string().contains(why), "{name:?}: {err}");
        }
        assert!("root".parse::<Role>().is_err());
        assert_eq!(operators::list(&mut db.conn, &admin).unwrap().len(), 2);
        assert_eq!(audit_count(db), before);
    });
}
