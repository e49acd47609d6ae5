//! First run: no operator exists yet, so the first administrator is created here.

mod view;

use std::fmt;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Ctx, Effect, Job, Screen, ScreenReply, View};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::domain::operator;
use crate::service::operators;
use crate::tui::keys::{HelpRow, RouterKeys};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRunScreen {
    pub form: Form,
}

impl Default for FirstRunScreen {
    fn default() -> Self {
        FirstRunScreen {
            form: Form::new(&[
                ("Admin username", false),
                ("Password", true),
                ("Repeat password", true),
            ]),
        }
    }
}

/// The request for the form as filled in, or an error shown next to the form. The
/// rules are the domain's (the service checks them again), so the right field gets
/// the focus.
fn submit(form: &mut Form) -> Option<Request> {
    if let Err(e) = operator::check_username(form.value(USERNAME)) {
        form.error = Some(e.to_string());
        form.focus = Some(USERNAME);
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
        form.error = Some(problem);
        form.clear(PASSWORD);
        form.clear(CONFIRM);
        form.focus = Some(PASSWORD);
        return None;
    }
    form.error = None;
    Some(Request {
        username: form.value(USERNAME).to_owned(),
        password: form.value(PASSWORD).to_owned(),
    })
}

impl Screen for FirstRunScreen {
    fn title(&self) -> &'static str {
        "first run"
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
        let ScreenReply::FirstRun(result) = reply else {
            return;
        };
        if !self.form.settle(seq) {
            return;
        }
        match result {
            Ok(actor) => ctx.emit(Effect::AdminCreated(actor)),
            Err(e) => {
                self.form.error = Some(e);
                self.form.focus = Some(USERNAME);
            }
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
