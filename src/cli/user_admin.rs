//! `lms user passwd|disable|enable|unlock|role`: an admin's changes of an account and an
//! operator's change of their own password, through the same service functions and gate
//! as the Operators tab; and the unlock without a login, for the database's holder.

use anyhow::{Result, bail};
use lms::db::DbConnection;
use lms::service::account_actions::{self, AccountAction};
use lms::service::{operator_admin, operators, passwords};

use super::auth::{self, AuthArgs};

/// Signs in as `--user` (an admin), reads the account `name` and does `action` to it;
/// prints what happened, and a reset's one-time password.
pub fn run(
    conn: &mut DbConnection,
    auth: &AuthArgs,
    name: &str,
    action: AccountAction,
) -> Result<()> {
    let actor = auth.login(conn)?;
    let target = operators::find_by_name(conn, &actor, name)?;
    let outcome = account_actions::apply(conn, &actor, &target, action)?;
    println!("{}", outcome.message);
    if let Some(one_time) = outcome.one_time {
        println!(
            "one-time password for {}: {} (shown once)",
            target.username,
            one_time.expose()
        );
    }
    Ok(())
}

/// `lms user unlock NAME` without `--user`: the database's holder clears NAME's lock.
pub fn unlock_without_login(conn: &mut DbConnection, name: &str) -> Result<()> {
    let changed = operator_admin::unlock_without_login(conn, name)?;
    let name = name.trim().to_ascii_lowercase();
    if changed {
        println!("unlocked {name} without a login");
    } else {
        println!("{name} was not locked; nothing changed");
    }
    Ok(())
}

/// `lms user passwd NAME`: with `--user ADMIN` (someone else) a reset to a one-time
/// password; else NAME changes their own password (the current one first).
pub fn passwd(conn: &mut DbConnection, auth: &AuthArgs, name: &str) -> Result<()> {
    let own = auth
        .user
        .as_deref()
        .is_none_or(|u| u.trim().eq_ignore_ascii_case(name.trim()));
    if !own {
        return run(conn, auth, name, AccountAction::ResetPassword);
    }
    let current = auth.password(name)?;
    let new = if auth.password_stdin {
        auth::password_from_stdin()?
    } else {
        let new = auth::prompt("New password: ")?;
        if auth::prompt("Repeat the new password: ")? != new {
            bail!("the passwords do not match; nothing was changed");
        }
        new
    };
    let who = passwords::change_own(conn, name, &current, &new)?;
    println!("changed the password of {}", who.username);
    Ok(())
}
