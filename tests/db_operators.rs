//! Operators and login on both backends.
mod common;

use common::each_backend;
use lms::auth;
use lms::domain::Role;
use lms::service::{ServiceError, operators};

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

        let who = auth::login(conn, "ADMIN", "correct horse 1").unwrap();
        assert_eq!((who.username.as_str(), who.role), ("admin", Role::Admin));
        // Same message for unknown user and wrong password.
        let unknown = auth::login(conn, "nobody", "whatever pw")
            .unwrap_err()
            .to_string();
        let wrong = auth::login(conn, "vic", "wrong password")
            .unwrap_err()
            .to_string();
        assert_eq!(unknown, wrong);
        for _ in 0..3 {
            assert!(matches!(
                auth::login(conn, "vic", "bad"),
                Err(ServiceError::BadCredentials)
            ));
        }
        assert!(matches!(
            auth::login(conn, "vic", "bad"),
            Err(ServiceError::Locked { .. })
        ));
        // Locked even with the right password.
        assert!(matches!(
            auth::login(conn, "vic", "long enough pw"),
            Err(ServiceError::Locked { .. })
        ));
    });
}
