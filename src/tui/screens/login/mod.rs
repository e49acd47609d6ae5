//! The sign-in screen: username and masked password; one generic message for a wrong
//! user, a wrong password, a locked and a disabled account (the service words it). A
//! password an admin reset leads to the password screen instead of the tabs.

mod view;

use std::fmt;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::account_form::{AccountForm, Flow};
use super::{Ctx, Effect, Job, ScreenReply};
use crate::auth::Actor;
use crate::auth::Secret;
use crate::db::DbConnection;
use crate::service::{ServiceError, sessions};
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;

pub const USERNAME: usize = 0;
pub const PASSWORD: usize = 1;

#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    pub username: String,
    pub password: String,
}

/// Never prints the password.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Login({:?})", self.username)
    }
}

/// Why a sign-in did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The right password, but it must be changed first.
    MustChangePassword,
    /// Worded for the operator.
    Other(String),
}

impl Job for Request {
    type Reply = Result<Actor, Refusal>;

    fn run(self, conn: &mut DbConnection, _actor: Option<&Actor>) -> Self::Reply {
        sessions::login(conn, &self.username, &self.password).map_err(|e| match e {
            ServiceError::MustChangePassword => Refusal::MustChangePassword,
            other => Refusal::Other(other.to_string()),
        })
    }
}

/// Signing in.
#[derive(Debug)]
pub struct SignIn;

pub type LoginScreen = AccountForm<SignIn>;

impl Flow for SignIn {
    type Request = Request;
    type Outcome = Result<Actor, Refusal>;

    const TITLE: &'static str = "sign in";
    const FIELDS: &'static [(&'static str, bool)] = &[("Username", false), ("Password", true)];

    /// The request for the form as filled in, or an error shown next to the form.
    fn submit(form: &mut Form) -> Option<Request> {
        if form.value(USERNAME).trim().is_empty() {
            form.refuse(USERNAME, "enter your username");
            return None;
        }
        if form.value(PASSWORD).is_empty() {
            form.refuse(PASSWORD, "enter your password");
            return None;
        }
        form.error = None;
        Some(Request {
            username: form.value(USERNAME).to_owned(),
            password: form.value(PASSWORD).to_owned(),
        })
    }

    fn reply(reply: ScreenReply) -> Option<Self::Outcome> {
        match reply {
            ScreenReply::Login(result) => Some(result),
            _ => None,
        }
    }

    /// Signed in; a reset password to change first; or the name kept, the password
    /// cleared and focused.
    fn done(form: &mut Form, ctx: &mut Ctx, result: Self::Outcome) {
        match result {
            Ok(actor) => ctx.emit(Effect::SignedIn(actor)),
            Err(Refusal::MustChangePassword) => ctx.emit(Effect::MustChangePassword {
                username: form.value(USERNAME).trim().to_owned(),
                current: Secret::new(form.value(PASSWORD)),
            }),
            Err(Refusal::Other(message)) => {
                form.clear(PASSWORD);
                form.refuse(PASSWORD, message);
            }
        }
    }

    fn render(frame: &mut Frame, area: Rect, form: &Form, db_label: &str, theme: Theme) {
        view::render(frame, area, form, db_label, theme);
    }
}
