//! The sign-in screen: username and masked password; one generic message for a wrong
//! user, a wrong password, a locked and a disabled account (the service words it). A
//! password an admin reset leads to the password screen instead of the tabs.

mod view;

use std::fmt;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Ctx, Effect, Job, Screen, ScreenReply, View};
use crate::auth::Actor;
use crate::auth::Secret;
use crate::db::DbConnection;
use crate::service::{ServiceError, sessions};
use crate::tui::keys::{HelpRow, RouterKeys};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginScreen {
    pub form: Form,
}

impl Default for LoginScreen {
    fn default() -> Self {
        LoginScreen {
            form: Form::new(&[("Username", false), ("Password", true)]),
        }
    }
}

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

impl LoginScreen {
    /// After a failed login: keep the name, clear the password, focus it.
    pub fn failed(&mut self, message: String) {
        self.form.error = Some(message);
        self.form.clear(PASSWORD);
        self.form.focus = Some(PASSWORD);
    }
}

impl Screen for LoginScreen {
    fn title(&self) -> &'static str {
        "sign in"
    }

    fn router_keys(&self) -> RouterKeys {
        self.form.router_keys()
    }

    fn help(&self) -> Vec<HelpRow> {
        self.form.help()
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.form
            .key_then(key, |form| submit(form).map(|r| ctx.send(r)))
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        let ScreenReply::Login(result) = reply else {
            return;
        };
        if !self.form.settle(seq) {
            return;
        }
        match result {
            Ok(actor) => ctx.emit(Effect::SignedIn(actor)),
            Err(Refusal::MustChangePassword) => ctx.emit(Effect::MustChangePassword {
                username: self.form.value(USERNAME).trim().to_owned(),
                current: Secret::new(self.form.value(PASSWORD)),
            }),
            Err(Refusal::Other(e)) => self.failed(e),
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        self.form.failed(seq, error);
    }

    fn busy(&self) -> bool {
        self.form.pending.is_some()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, &self.form, view.db_label, view.theme);
    }
}
