//! First run: no operator exists yet, so the first administrator is created here.

mod view;

use std::fmt;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::account_form::{AccountForm, Flow};
use super::{Ctx, Effect, Job, ScreenReply};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::domain::operator;
use crate::service::operators;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;

pub const USERNAME: usize = 0;
pub const PASSWORD: usize = 1;
pub const CONFIRM: usize = 2;

/// The first operator, an admin, created without signing in.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    pub username: String,
    pub password: String,
}

/// Never prints the password.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CreateAdmin({:?})", self.username)
    }
}

impl Job for Request {
    type Reply = Result<Actor, String>;

    fn run(self, conn: &mut DbConnection, _actor: Option<&Actor>) -> Self::Reply {
        operators::add(
            conn,
            None,
            &self.username,
            &self.password,
            crate::domain::Role::Admin,
        )
        .map_err(|e| e.to_string())
    }
}

/// Creating the first administrator.
#[derive(Debug)]
pub struct CreateAdmin;

pub type FirstRunScreen = AccountForm<CreateAdmin>;

impl Flow for CreateAdmin {
    type Request = Request;
    type Outcome = Result<Actor, String>;

    const TITLE: &'static str = "first run";
    const FIELDS: &'static [(&'static str, bool)] = &[
        ("Admin username", false),
        ("Password", true),
        ("Repeat password", true),
    ];

    /// The request for the form as filled in, or an error shown next to the form. The
    /// rules are the domain's (the service checks them again), so the right field gets
    /// the focus.
    fn submit(form: &mut Form) -> Option<Request> {
        if let Err(e) = operator::check_username(form.value(USERNAME)) {
            form.refuse(USERNAME, e.to_string());
            return None;
        }
        let problem = operator::check_password(form.value(PASSWORD))
            .err()
            .map(|e| e.to_string())
            .or_else(|| {
                (form.value(PASSWORD) != form.value(CONFIRM))
                    .then(|| "the two passwords differ; type them again".to_owned())
            });
        if let Some(problem) = problem {
            form.clear(PASSWORD);
            form.clear(CONFIRM);
            form.refuse(PASSWORD, problem);
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
            ScreenReply::FirstRun(result) => Some(result),
            _ => None,
        }
    }

    fn done(form: &mut Form, ctx: &mut Ctx, result: Self::Outcome) {
        match result {
            Ok(actor) => ctx.emit(Effect::AdminCreated(actor)),
            Err(e) => {
                form.refuse(USERNAME, e);
            }
        }
    }

    fn render(frame: &mut Frame, area: Rect, form: &Form, db_label: &str, theme: Theme) {
        view::render(frame, area, form, db_label, theme);
    }
}
