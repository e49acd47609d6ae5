//! Accounts for every way a sign-in can be refused, for the tests of refusals.

use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::schema::operators;
use lms::domain::Role;
use lms::service::operators as accounts;

/// The password of every account made here (the admin's too).
pub const PASSWORD: &str = "long enough pw";

/// `(name, password)` that take each refusal: an unknown name, a wrong password, a locked
/// account and a disabled one (these two with their right passwords).
pub const EVERY_REFUSAL: [(&str, &str); 4] = [
    ("nobody", PASSWORD),
    ("vic", "not the password"),
    ("locky", PASSWORD),
    ("gone", PASSWORD),
];

/// The admin `admin`, and the accounts of [`EVERY_REFUSAL`]: `vic`, `locky` (locked for a
/// day) and `gone` (disabled).
pub fn accounts_for_every_refusal(conn: &mut DbConnection) {
    let admin = accounts::add(conn, None, "admin", PASSWORD, Role::Admin).unwrap();
    for name in ["vic", "locky", "gone"] {
        accounts::add(conn, Some(&admin), name, PASSWORD, Role::Viewer).unwrap();
    }
    let tomorrow = lms::db::now() + chrono::Duration::days(1);
    diesel::update(operators::table.filter(operators::username.eq("locky")))
        .set(operators::locked_until.eq(Some(tomorrow)))
        .execute(conn)
        .unwrap();
    diesel::update(operators::table.filter(operators::username.eq("gone")))
        .set(operators::disabled.eq(true))
        .execute(conn)
        .unwrap();
}
