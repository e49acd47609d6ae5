//! The Audit log tab: every change, newest first (`r` reverses), the `/` filter
//! (`operator:`, `entity:`, `action:`, `date:`), and the field diff of the selected change
//! in a pane right of the list (wide terminals) or below it. Needs `ViewAudit`: the
//! service refuses the others, and the list says so.

pub mod pane;
pub mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use self::pane::Pane;
use super::list::{self, List, Sorting, Spec, Totals};
use super::{Ctx, Job, Message, Screen, ScreenReply, View, signed_in};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::service::browse::Entity;
use crate::service::history::{self, HistoryEntry};
use crate::tui::keys::{HelpRow, RouterKeys};

pub const SPEC: Spec = Spec {
    entity: Entity::Audit,
    title: "Audit log",
    short_title: "Audit",
    columns: Entity::Audit.columns(),
    qualifiers: Entity::Audit.qualifiers(),
    sorting: Sorting::Reverse,
    arrow: true,
    totals: Totals::Never,
    empty: "No changes recorded yet",
    detail: None,
};

/// The pane's request: one audit row, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Entry { id: i64 },
}

impl Job for Request {
    type Reply = (i64, Result<HistoryEntry, String>);

    fn slot(&self) -> Option<&'static str> {
        Some("entry")
    }

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Self::Reply {
        let Request::Entry { id } = self;
        let result =
            signed_in(actor).and_then(|a| history::entry(conn, a, id).map_err(|e| e.to_string()));
        (id, result)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditScreen {
    pub list: List,
    pub pane: Pane,
}

impl Default for AuditScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl AuditScreen {
    #[must_use]
    pub fn new() -> Self {
        AuditScreen {
            list: List::new(&SPEC),
            pane: Pane::default(),
        }
    }

    /// Keeps the page size right for the table as laid out in `area`.
    fn sync_limit(&mut self, area: Rect) {
        self.list.limit = List::rows_in(view::areas(area).0);
    }

    /// Asks for the selected change unless it is shown or on its way.
    fn fetch_entry(&mut self, ctx: &mut Ctx) {
        let Some(id) = self.list.tab.selected_id() else {
            return;
        };
        if self.pane.want != Some(id) {
            self.pane.want = Some(id);
            self.pane.entry = None;
            self.pane.error = None;
            self.pane.seq = Some(ctx.send(Request::Entry { id }));
        }
    }

    fn follow(&mut self, ctx: &mut Ctx, event: list::Event) {
        match event {
            list::Event::Moved | list::Event::Arrived | list::Event::Restarted => {
                self.fetch_entry(ctx);
            }
            // An audit row never changes: the pane keeps it.
            list::Event::Ignored
            | list::Event::Input
            | list::Event::Action
            | list::Event::Reloaded => {}
        }
    }
}

impl Screen for AuditScreen {
    fn title(&self) -> &'static str {
        SPEC.title
    }

    fn short_title(&self) -> &'static str {
        SPEC.short_title
    }

    fn router_keys(&self) -> RouterKeys {
        list::screen::router_keys(&self.list)
    }

    fn help(&self) -> Vec<HelpRow> {
        self.list.help()
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.sync_limit(ctx.area);
        let event = self.list.on_key(ctx, key);
        self.follow(ctx, event);
        event != list::Event::Ignored
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        self.sync_limit(ctx.area);
        match reply {
            ScreenReply::List(reply) => {
                let event = self.list.on_reply(ctx, seq, reply);
                self.follow(ctx, event);
            }
            ScreenReply::Audit((id, result)) => self.pane.arrived(seq, id, result),
            _ => {}
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        self.list.on_failed(seq);
        self.pane.failed(seq, error);
    }

    fn on_enter(&mut self, ctx: &mut Ctx) {
        self.sync_limit(ctx.area);
        self.list.open(ctx);
        // Whatever was in flight was dropped on leaving: ask again.
        self.pane.want = self.pane.entry.as_ref().map(|e| e.0);
        self.fetch_entry(ctx);
    }

    fn on_leave(&mut self) {
        self.list.leave();
        self.pane.seq = None;
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        self.list
            .resize(ctx, List::rows_in(view::areas(ctx.area).0));
    }

    fn on_message(&mut self, _ctx: &mut Ctx, message: &Message) {
        if *message == Message::DataChanged {
            self.list.invalidate();
        }
    }

    fn busy(&self) -> bool {
        self.list.busy() || self.pane.seq.is_some()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, self, view.theme);
    }
}
