//! The first screen: drawn before the database is open, then the error when it cannot be.
//! Its request opens the database: backend, whether any operator exists, and the expiry
//! sweep for today, so the first page shows expired licenses as such.

mod view;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::{Ctx, Effect, Job, Screen, ScreenReply, View};
use crate::auth::Actor;
use crate::db::{BackendKind, DbConnection};
use crate::service::operators;
use crate::tui::keys::{self, Binding, HelpRow, RouterKeys, bind, ch, code};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hello {
    pub kind: BackendKind,
    pub any_operators: bool,
    /// Licenses the expiry sweep marked expired on connecting.
    pub expired: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Hello { today: NaiveDate },
}

impl Job for Request {
    type Reply = Result<Hello, String>;

    fn run(self, conn: &mut DbConnection, _actor: Option<&Actor>) -> Self::Reply {
        let Request::Hello { today } = self;
        // A failed sweep must not keep anyone out; it runs again next start.
        let expired = crate::service::licenses::expire_due(conn, today).unwrap_or_else(|e| {
            tracing::error!("expiry sweep: {e}");
            0
        });
        operators::any_exist(conn)
            .map(|any_operators| Hello {
                kind: conn.kind(),
                any_operators,
                expired,
            })
            .map_err(|e| e.to_string())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StartKey {
    Quit,
}

const KEYS: &[Binding<StartKey>] = &[bind(&[ch('q'), code(KeyCode::Esc)], StartKey::Quit, "quit")];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartScreen {
    Connecting,
    Failed(String),
}

impl Screen for StartScreen {
    fn title(&self) -> &'static str {
        "start"
    }

    fn router_keys(&self) -> RouterKeys {
        RouterKeys::None
    }

    fn hint(&self) -> Option<&'static str> {
        Some("q quit")
    }

    fn help(&self) -> Vec<HelpRow> {
        keys::help(KEYS)
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        match keys::lookup(KEYS, key) {
            Some(StartKey::Quit) => {
                ctx.emit(Effect::Quit);
                true
            }
            None => false,
        }
    }

    fn on_reply(&mut self, ctx: &mut Ctx, _seq: u64, reply: ScreenReply) {
        let ScreenReply::Start(result) = reply else {
            return;
        };
        match result {
            Ok(hello) => ctx.emit(Effect::Connected(hello)),
            Err(e) => ctx.emit(Effect::ConnectFailed(e)),
        }
    }

    fn busy(&self) -> bool {
        matches!(self, StartScreen::Connecting)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        match self {
            StartScreen::Connecting => {
                view::connecting(frame, area, view.db_label, view.ticks, view.theme);
            }
            StartScreen::Failed(e) => view::failed(frame, area, view.db_label, e, view.theme),
        }
    }
}
