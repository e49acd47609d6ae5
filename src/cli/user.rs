//! `lms user add|list|passwd|disable|enable|unlock|role`.

use anyhow::{Result, bail};
use lms::db::DbConnection;
use lms::domain::Role;
use lms::service::operators;

use super::auth::{self, AuthArgs};
use super::user_admin;
use lms::service::account_actions::AccountAction;

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Create an operator. The first one (an admin) needs no login.
    Add {
        /// Username: letters, digits, '.', '_' and '-'.
        name: String,
        /// admin, manager, sales, engineer or viewer.
        #[arg(long)]
        role: Role,
        /// Read the NEW operator's password from standard input (else prompted twice).
        #[arg(long)]
        password_stdin: bool,
        /// Operator to act as (an admin; not needed for the very first account).
        /// Their password comes from LMS_PASSWORD or a prompt.
        #[arg(long = "user", value_name = "NAME")]
        acting_user: Option<String>,
    },
    /// List operators (admins only).
    List(AuthArgs),
    /// Change your own password (the current one is asked; with --password-stdin the
    /// first line is the current password, the second the new one). With --user ADMIN
    /// naming someone else: reset NAME's password to a one-time password, printed once,
    /// which NAME must replace at the next sign-in.
    Passwd {
        name: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Disable an account: it can no longer sign in (admins only).
    Disable {
        name: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Enable a disabled account again (admins only).
    Enable {
        name: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Clear an account's failed logins and lock: as an admin with --user ADMIN, or,
    /// without --user, as whoever holds the database (no login; the way back in when no
    /// admin can sign in).
    Unlock {
        name: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Give an account another role: admin, manager, sales, engineer or viewer (admins only).
    Role {
        name: String,
        role: Role,
        #[command(flatten)]
        auth: AuthArgs,
    },
}

pub fn run(conn: &mut DbConnection, cmd: UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Add {
            name,
            role,
            password_stdin,
            acting_user,
        } => {
            let actor = match acting_user {
                Some(user) => Some(
                    AuthArgs {
                        user: Some(user),
                        password_stdin: false,
                    }
                    .login(conn)?,
                ),
                None if operators::any_exist(conn)? => {
                    bail!("operators exist already: act as an admin with --user NAME")
                }
                None => None,
            };
            let password = if password_stdin {
                auth::password_from_stdin()?
            } else {
                let first = auth::prompt(&format!("New password for {name}: "))?;
                if auth::prompt("Repeat the password: ")? != first {
                    bail!("the passwords do not match; nothing was created");
                }
                first
            };
            let created = operators::add(conn, actor.as_ref(), &name, &password, role)?;
            println!("created operator {} ({})", created.username, created.role);
            Ok(())
        }
        UserCommand::List(auth) => {
            let actor = auth.login(conn)?;
            // Read (and so authorized) before anything is printed.
            let accounts = operators::list(conn, &actor)?;
            println!(
                "{:<24} {:<9} {:<8} LAST LOGIN (UTC)",
                "USERNAME", "ROLE", "STATE"
            );
            for op in accounts {
                let state = if op.disabled {
                    "disabled"
                } else if op.locked_until.is_some_and(|t| t > lms::db::now()) {
                    "locked"
                } else {
                    "active"
                };
                let last = op
                    .last_login_at
                    .map_or_else(|| "never".to_owned(), |t| t.to_string());
                println!("{:<24} {:<9} {:<8} {last}", op.username, op.role, state);
            }
            Ok(())
        }
        UserCommand::Passwd { name, auth } => user_admin::passwd(conn, &auth, &name),
        UserCommand::Disable { name, auth } => {
            user_admin::run(conn, &auth, &name, AccountAction::Disable)
        }
        UserCommand::Enable { name, auth } => {
            user_admin::run(conn, &auth, &name, AccountAction::Enable)
        }
        UserCommand::Unlock { name, auth } if auth.user.is_none() => {
            user_admin::unlock_without_login(conn, &name)
        }
        UserCommand::Unlock { name, auth } => {
            user_admin::run(conn, &auth, &name, AccountAction::Unlock)
        }
        UserCommand::Role { name, role, auth } => {
            user_admin::run(conn, &auth, &name, AccountAction::Role(role))
        }
    }
}
