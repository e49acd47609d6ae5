//! The sign-in screen: username and masked password; one generic message for a wrong user
//! or password (the service words it), and the lockout message when locked.

mod view;

use std::fmt;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::account_form::{AccountForm, Flow};
use super::{Ctx, Effect, Job, ScreenReply};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::service::sessions;
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

impl Job for Request {
    type Reply = Result<Actor, String>;

    fn run(self, conn: &mut DbConnection, _actor: Option<&Actor>) -> Self::Reply {
        sessions::login(conn, &self.username, &self.password).map_err(|e| e.to_string())
    }
}

/// Signing in.
#[derive(Debug)]
pub struct SignIn;

pub type LoginScreen = AccountForm<SignIn>;

impl Flow for SignIn {
    type Request = Request;

    const TITLE: &'static str = "sign in";
    const FIELDS: &'static [(&'static str, bool)] = &[("Username", false), ("Password", true)];

    /// The request for the form as filled in, or an error shown next to the form.
    fn submit(form: &mut Form) -> Option<Request> {
        if form.value(USERNAME).trim().is_empty() {
            form.error = Some("enter your username".to_owned());
            form.focus = Some(USERNAME);
            return None;
        }
        if form.value(PASSWORD).is_empty() {
            form.error = Some("enter your password".to_owned());
            form.focus = Some(PASSWORD);
            return None;
        }
        form.error = None;
        Some(Request {
            username: form.value(USERNAME).to_owned(),
            password: form.value(PASSWORD).to_owned(),
        })
    }

    fn reply(reply: ScreenReply) -> Option<Result<Actor, String>> {
        match reply {
            ScreenReply::Login(result) => Some(result),
            _ => None,
        }
    }

    /// Signed in; or the name kept, the password cleared and focused.
    fn done(form: &mut Form, ctx: &mut Ctx, result: Result<Actor, String>) {
        match result {
            Ok(actor) => ctx.emit(Effect::SignedIn(actor)),
            Err(message) => {
                form.error = Some(message);
                form.clear(PASSWORD);
                form.focus = Some(PASSWORD);
            }
        }
    }

    fn render(frame: &mut Frame, area: Rect, form: &Form, db_label: &str, theme: Theme) {
        view::render(frame, area, form, db_label, theme);
    }
}
