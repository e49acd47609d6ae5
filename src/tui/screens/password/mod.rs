//! Changing one's own password: the current password, the new one twice. Shown after a
//! sign-in whose password an admin reset (the one-time password already filled in; there
//! is no way past it but a new password or quitting), and over the tabs on the router's
//! key for it (`Esc` goes back).

mod view;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::{Ctx, Effect, Job, Screen, ScreenReply, View};
use crate::auth::{Actor, Secret};
use crate::db::DbConnection;
use crate::domain::operator;
use crate::service::passwords;
use crate::tui::keys::{HelpRow, RouterKeys};
use crate::tui::widgets::form::Form;

pub const CURRENT: usize = 0;
pub const NEW: usize = 1;
pub const REPEAT: usize = 2;

/// Change `username`'s password; the operator is signed in afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub username: String,
    pub current: Secret,
    pub new: Secret,
}

impl Job for Request {
    type Reply = Result<Actor, String>;

    fn run(self, conn: &mut DbConnection, _actor: Option<&Actor>) -> Self::Reply {
        passwords::change_own(
            conn,
            &self.username,
            self.current.expose(),
            self.new.expose(),
        )
        .map_err(|e| e.to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordScreen {
    pub username: String,
    /// After an admin's reset: the change cannot be skipped.
    pub forced: bool,
    pub form: Form,
}

impl PasswordScreen {
    /// After a sign-in with a one-time password, which fills the current field.
    #[must_use]
    pub fn forced(username: String, current: &Secret) -> Self {
        let mut form = Self::form();
        form.set(CURRENT, current.expose());
        form.focus = Some(NEW);
        PasswordScreen {
            username,
            forced: true,
            form,
        }
    }

    /// A signed-in operator's own change.
    #[must_use]
    pub fn own(username: String) -> Self {
        PasswordScreen {
            username,
            forced: false,
            form: Self::form(),
        }
    }

    fn form() -> Form {
        Form::new(&[
            ("Current password", true),
            ("New password", true),
            ("Repeat new password", true),
        ])
    }
}

/// The request for the form as filled in, or the problem shown next to the form.
fn submit(form: &mut Form, username: &str) -> Option<Request> {
    let problem = if form.value(CURRENT).is_empty() {
        Some((CURRENT, "enter your current password".to_owned()))
    } else if let Err(e) = operator::check_password(form.value(NEW)) {
        Some((NEW, e.to_string()))
    } else if form.value(NEW) != form.value(REPEAT) {
        Some((
            NEW,
            "the two new passwords differ; type them again".to_owned(),
        ))
    } else {
        None
    };
    if let Some((field, text)) = problem {
        if field == NEW {
            form.clear(NEW);
            form.clear(REPEAT);
        }
        form.refuse(field, text);
        return None;
    }
    form.error = None;
    Some(Request {
        username: username.to_owned(),
        current: Secret::new(form.value(CURRENT)),
        new: Secret::new(form.value(NEW)),
    })
}

impl Screen for PasswordScreen {
    fn title(&self) -> &'static str {
        "change password"
    }

    fn router_keys(&self) -> RouterKeys {
        self.form.router_keys()
    }

    fn help(&self) -> Vec<HelpRow> {
        self.form.help()
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        // Over the tabs, Esc outside the inputs goes back to them.
        if !self.forced && self.form.focus.is_none() && key.code == KeyCode::Esc {
            ctx.emit(Effect::Back);
            return true;
        }
        let username = &self.username;
        self.form
            .key_then(key, |form| submit(form, username).map(|r| ctx.send(r)))
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        let ScreenReply::Password(result) = reply else {
            return;
        };
        if !self.form.settle(seq) {
            return;
        }
        match result {
            Ok(actor) => ctx.emit(Effect::PasswordChanged(actor)),
            Err(e) => {
                self.form.error = Some(e);
                for field in [CURRENT, NEW, REPEAT] {
                    self.form.clear(field);
                }
                self.form.focus = Some(CURRENT);
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
        view::render(frame, area, self, view.theme);
    }
}
