//! The Operators tab (admins only, `ManageOperators`): every account with its role, state,
//! lock and logins, and the admin's actions on them: new operator, role, disable or
//! enable, unlock, reset password. Each action reads the account first (its version),
//! asks, then writes through the service.

mod dialog;
pub mod keys;
pub mod requests;
mod update;
mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use self::dialog::Dialog;
pub use self::requests::{Reply, Request};
use super::list::Spec;
use super::list::screen::ListScreen;
use super::{Ctx, Message, Screen, ScreenReply, View};
use crate::service::browse::Entity;
use crate::tui::keys::{self as key_tables, HelpRow, RouterKeys};

pub const SPEC: Spec = Spec::plain(
    Entity::Operators,
    "Operators",
    "Ops",
    Entity::Operators.columns(),
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorsScreen {
    /// The list of accounts, which has the keys and replies the tab does not take.
    pub accounts: ListScreen,
    /// A form, menu, question or the one-time password over the list.
    pub dialog: Option<Dialog>,
}

impl Default for OperatorsScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl OperatorsScreen {
    #[must_use]
    pub fn new() -> Self {
        OperatorsScreen {
            accounts: ListScreen::new(&SPEC),
            dialog: None,
        }
    }
}

impl Screen for OperatorsScreen {
    fn title(&self) -> &'static str {
        self.accounts.title()
    }

    fn short_title(&self) -> &'static str {
        self.accounts.short_title()
    }

    fn router_keys(&self) -> RouterKeys {
        if self.dialog.is_some() {
            RouterKeys::None
        } else {
            self.accounts.router_keys()
        }
    }

    fn help(&self) -> Vec<HelpRow> {
        if let Some(d) = &self.dialog {
            return key_tables::help(d.keys());
        }
        let mut rows = key_tables::help(keys::KEYS);
        rows.extend(self.accounts.help());
        rows
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.key(ctx, key)
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        match reply {
            ScreenReply::Operators(reply) => self.reply(ctx, seq, reply),
            other => self.accounts.on_reply(ctx, seq, other),
        }
    }

    fn on_failed(&mut self, ctx: &mut Ctx, seq: u64, error: &str) {
        self.accounts.on_failed(ctx, seq, error);
        if self.dialog.as_ref().is_some_and(|d| d.waits_for(seq)) {
            self.dialog = None;
            ctx.error(error.to_owned());
        }
    }

    fn on_enter(&mut self, ctx: &mut Ctx) {
        self.accounts.on_enter(ctx);
    }

    fn on_leave(&mut self) {
        self.accounts.on_leave();
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        self.accounts.on_resize(ctx);
    }

    fn on_message(&mut self, ctx: &mut Ctx, message: &Message) {
        self.accounts.on_message(ctx, message);
    }

    fn busy(&self) -> bool {
        self.dialog.as_ref().is_some_and(Dialog::busy) || self.accounts.busy()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.accounts.render(frame, area, view);
        if let Some(d) = &self.dialog {
            view::render(frame, view.body, d, view.theme);
        }
    }
}
