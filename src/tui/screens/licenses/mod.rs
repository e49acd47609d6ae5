//! The Licenses tab: the license list, the detail pane of the selected license, and the
//! license workflows over it (forms, pickers, status menu, history, inline cell edit).

pub mod detail;
mod expiring;
pub mod keys;
mod update;
pub mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::editing::{self, Overlay};
use super::list::{self, List, Sorting, Spec, Totals};
use super::{Ctx, Effect, Job, Message, Screen, ScreenReply, View, signed_in};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::licenses::LicenseDetail;
use crate::service::browse::{self, Entity};
use crate::tui::keys::{HelpRow, RouterKeys};

pub const SPEC: Spec = Spec {
    entity: Entity::Licenses,
    title: "Licenses",
    short_title: "Lic",
    columns: Entity::Licenses.columns(),
    qualifiers: Entity::Licenses.qualifiers(),
    sorting: Sorting::AnyColumn,
    arrow: true,
    totals: Totals::WhenExpiring,
    empty: "No licenses yet — n adds one; its pickers add the company and product too",
    detail: None,
};

/// The detail pane's request: everything about one license.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Detail { id: i64 },
}

impl Job for Request {
    type Reply = (i64, Result<Box<LicenseDetail>, String>);

    fn slot(&self) -> Option<&'static str> {
        Some("detail")
    }

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Self::Reply {
        let Request::Detail { id } = self;
        let result = signed_in(actor).and_then(|a| {
            browse::license_detail(conn, a, id)
                .map(Box::new)
                .map_err(|e| e.to_string())
        });
        (id, result)
    }
}

/// The detail pane beside the list, and whether it is shown (`d`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailPane {
    pub visible: bool,
    pub pane: list::pane::Pane<LicenseDetail>,
}

impl list::pane::Identified for LicenseDetail {
    fn id(&self) -> i64 {
        self.id
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicensesScreen {
    pub list: List,
    pub detail: DetailPane,
    /// A form, menu, picker or view over the list.
    pub overlay: Option<Box<Overlay>>,
    /// The cell cursor (a column), once ←/→ moved it.
    pub cell: Option<usize>,
    /// Rows per page when another screen draws the rows (the Timeline's chart); `None`:
    /// as many as this tab's table holds.
    pub rows: Option<usize>,
}

impl Default for LicensesScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl LicensesScreen {
    #[must_use]
    pub fn new() -> Self {
        LicensesScreen {
            list: List::new(&SPEC),
            detail: DetailPane {
                visible: true,
                ..DetailPane::default()
            },
            overlay: None,
            cell: None,
            rows: None,
        }
    }

    /// Rows per page with the layout of `area` now.
    fn sync_limit(&mut self, area: Rect) -> usize {
        if let Some(rows) = self.rows {
            return rows;
        }
        let (table, _) = view::areas(area, self.detail.visible);
        List::rows_in(table)
    }

    /// Asks for the selected license's detail unless it is shown or on its way.
    pub(crate) fn fetch_detail(&mut self, ctx: &mut Ctx) {
        if !self.detail.visible {
            return;
        }
        let Some(id) = self.list.tab.selected_id() else {
            return;
        };
        if self.detail.pane.needs(id) {
            let seq = ctx.send(Request::Detail { id });
            self.detail.pane.asked(id, seq);
        }
    }

    /// What the list did that the detail pane follows. A new filter or sort goes to the
    /// other tab showing license rows.
    pub(crate) fn follow(&mut self, ctx: &mut Ctx, event: list::Event) {
        match event {
            list::Event::Moved | list::Event::Arrived => self.fetch_detail(ctx),
            list::Event::Restarted => {
                self.detail.pane.forget();
                self.fetch_detail(ctx);
                let tab = &self.list.tab;
                ctx.emit(Effect::LicenseQuery(Box::new((
                    tab.filter_text.clone(),
                    tab.query.clone(),
                ))));
            }
            // The figures shown stay until the new ones arrive with the page.
            list::Event::Reloaded => self.detail.pane.stale = true,
            list::Event::Ignored | list::Event::Input | list::Event::Action => {}
        }
    }
}

impl Screen for LicensesScreen {
    fn title(&self) -> &'static str {
        SPEC.title
    }

    fn short_title(&self) -> &'static str {
        SPEC.short_title
    }

    fn router_keys(&self) -> RouterKeys {
        editing::router_keys(self.overlay.as_deref(), &self.list)
    }

    fn help(&self) -> Vec<HelpRow> {
        editing::help(
            self.overlay.as_deref(),
            &self.list,
            crate::tui::keys::help(keys::KEYS),
        )
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.list.limit = self.sync_limit(ctx.area);
        self.key(ctx, key)
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        self.list.limit = self.sync_limit(ctx.area);
        match reply {
            ScreenReply::List(reply) => {
                let event = self.list.on_reply(ctx, seq, reply);
                self.follow(ctx, event);
            }
            ScreenReply::Licenses((id, result)) => {
                self.detail.pane.apply(seq, id, result);
            }
            ScreenReply::Editing(reply) => {
                if let Some(saved) = editing::replies::reply(&mut self.overlay, ctx, seq, reply) {
                    self.after_save(ctx, &saved);
                }
            }
            _ => {}
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        self.list.on_failed(seq);
        self.detail.pane.failed(seq, error);
        editing::replies::failed(&mut self.overlay, seq, error);
    }

    fn on_enter(&mut self, ctx: &mut Ctx) {
        self.list.limit = self.sync_limit(ctx.area);
        self.list.open(ctx);
        self.fetch_detail(ctx);
    }

    fn on_leave(&mut self) {
        self.list.leave();
        self.detail.pane.seq = None;
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        let limit = self.sync_limit(ctx.area);
        self.list.resize(ctx, limit);
    }

    fn on_message(&mut self, ctx: &mut Ctx, message: &Message) {
        match message {
            Message::DataChanged => {
                self.list.invalidate();
                self.detail.pane.stale = true;
            }
            Message::Filter(text) => {
                self.list.limit = self.sync_limit(ctx.area);
                self.show_filtered(ctx, text);
            }
            Message::LicenseQuery(q) => {
                self.list.adopt(&q.0, &q.1);
                self.detail.pane.forget();
            }
        }
    }

    fn unsaved(&self) -> bool {
        self.overlay.as_ref().is_some_and(|o| o.unsaved())
    }

    fn busy(&self) -> bool {
        self.detail.pane.seq.is_some()
            || self.overlay.as_ref().is_some_and(|o| o.busy())
            || self.list.busy()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, self, view);
    }
}
