//! How CLI commands learn who is acting: `--user NAME` plus a password from
//! `--password-stdin`, `LMS_PASSWORD`, or a no-echo prompt.

use std::io::BufRead;

use anyhow::{Context, Result, bail};
use lms::auth::Actor;
use lms::db::DbConnection;

#[derive(Debug, Clone, clap::Args)]
pub struct AuthArgs {
    /// Operator to act as.
    #[arg(long = "user", value_name = "NAME")]
    pub user: Option<String>,
    /// Read the operator's password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
}

/// Reads one line of standard input as a password (without its line ending).
pub fn password_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let pw = line.trim_end_matches(['\n', '\r']).to_owned();
    if pw.is_empty() {
        bail!("no password on standard input");
    }
    Ok(pw)
}

/// Prompts on the terminal without echo.
pub fn prompt(label: &str) -> Result<String> {
    rpassword::prompt_password(label).context(
        "cannot prompt for a password (no terminal?): use --password-stdin or LMS_PASSWORD",
    )
}

impl AuthArgs {
    /// Logs in as `--user`.
    pub fn login(&self, conn: &mut DbConnection) -> Result<Actor> {
        let Some(user) = &self.user else {
            bail!("this command needs an operator: add --user NAME");
        };
        let password = self.password(user)?;
        Ok(lms::service::sessions::login(conn, user, &password)?)
    }

    /// `user`'s password: the first line of standard input with `--password-stdin`, else
    /// `LMS_PASSWORD`, else a prompt.
    pub fn password(&self, user: &str) -> Result<String> {
        if self.password_stdin {
            password_from_stdin()
        } else if let Ok(pw) = std::env::var("LMS_PASSWORD") {
            Ok(pw)
        } else {
            prompt(&format!("Password for {user}: "))
        }
    }
}
