//! The Timeline tab: the license rows of the Licenses tab (the same filter and sort, kept
//! in step with it) drawn as a Gantt chart of their terms, with the Licenses tab's detail
//! pane and workflows. `g` groups the rows by company: each company's coverage, with
//! its lapses. Zoom and position stay while the operator switches tabs.

pub mod keys;
pub mod requests;
pub mod view;

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use self::keys::{KEYS, TimelineKey};
pub use self::requests::{Reply, Request};
use super::licenses::LicensesScreen;
use super::licenses::keys::LicenseKey;
use super::list;
use super::list::keys::{ListKey, NAV};
use super::list::paging::{Fetch, Nav, Pending, TabState};
use super::{Ctx, Message, Screen, ScreenReply, View};
use crate::db::queries::list::ListQuery;
use crate::domain::filter::by_id;
use crate::domain::time_scale::{Scale, Zoom};
use crate::report::timeline::{ChartRow, CompanyBar, CompanyCoverage, LicenseBar, LicenseMarks};
use crate::service::browse::Entity;
use crate::tui::keys::{HelpRow, RouterKeys, lookup};
use crate::tui::widgets::timeline as chart;

/// Where "today" sits when the chart is centred on it: a third in, so what is about to
/// end has room on the right.
const TODAY_AT: u16 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineScreen {
    /// The license rows, their detail pane and workflows: the Licenses tab's component.
    pub licenses: LicensesScreen,
    pub zoom: Zoom,
    /// The unit number of the leftmost column; `None` until first shown (then around
    /// today).
    pub first: Option<i64>,
    /// Rows are companies (`g`).
    pub grouped: bool,
    pub groups: TabState,
    pub coverage: HashMap<i64, CompanyCoverage>,
    pub marks: HashMap<i64, LicenseMarks>,
    pub marks_seq: Option<u64>,
    today: NaiveDate,
}

impl TimelineScreen {
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        TimelineScreen {
            licenses: LicensesScreen::new(),
            zoom: Zoom::Month,
            first: None,
            grouped: false,
            groups: TabState::new(Entity::Companies),
            coverage: HashMap::new(),
            marks: HashMap::new(),
            marks_seq: None,
            today,
        }
    }

    /// The chart's time axis when drawn in `area` (the screen's area).
    #[must_use]
    pub fn scale(&self, area: Rect) -> Scale {
        let width = chart::time_columns(view::chart_inner(area, self).width);
        match self.first {
            Some(first) => Scale {
                zoom: self.zoom,
                first,
                width,
            },
            None => Scale::around(self.zoom, self.today, width, width / TODAY_AT),
        }
    }

    /// The rows the chart shows now.
    #[must_use]
    pub fn rows(&self) -> Vec<ChartRow> {
        if self.grouped {
            let rows = self.groups.page.as_ref().map_or(&[][..], |p| &p.rows);
            rows.iter()
                .map(|r| ChartRow::Company(CompanyBar::from_row(r, self.coverage.get(&r.id))))
                .collect()
        } else {
            let tab = &self.licenses.list.tab;
            let rows = tab.page.as_ref().map_or(&[][..], |p| &p.rows);
            rows.iter()
                .filter_map(|r| LicenseBar::from_row(r, self.marks.get(&r.id)))
                .map(ChartRow::License)
                .collect()
        }
    }

    /// Rows per page in `area`; the license component pages by it too.
    fn sync_rows(&mut self, area: Rect) -> usize {
        let rows = chart::bar_rows(view::chart_inner(area, self).height);
        self.licenses.rows = Some(rows);
        self.licenses.list.limit = rows;
        rows
    }

    fn set_scale(&mut self, scale: Scale) {
        self.zoom = scale.zoom;
        self.first = Some(scale.first);
    }

    /// Asks for the marks of the license rows on screen.
    fn fetch_marks(&mut self, ctx: &mut Ctx) {
        let ids: Vec<i64> = self
            .licenses
            .list
            .tab
            .page
            .as_ref()
            .map(|p| p.rows.iter().map(|r| r.id).collect())
            .unwrap_or_default();
        self.marks_seq = Some(ctx.send(Request::Marks { ids }));
    }

    fn query(&self) -> ListQuery {
        self.licenses.list.tab.query.clone()
    }

    fn fetch_groups(&mut self, ctx: &mut Ctx, fetch: Fetch) {
        let limit = self.sync_rows(ctx.area);
        let seq = ctx.send(Request::Companies {
            query: self.query(),
            req: fetch.req.clone(),
            limit,
        });
        self.groups.pending = Some(Pending { seq, fetch });
    }

    fn count_groups(&mut self, ctx: &mut Ctx) {
        self.groups.count_seq = Some(ctx.send(Request::CountCompanies {
            query: self.query(),
        }));
    }

    /// The grouped view from its first page, with a new count.
    fn restart_groups(&mut self, ctx: &mut Ctx) {
        self.groups = TabState::new(Entity::Companies);
        self.fetch_groups(ctx, TabState::first_fetch());
        self.count_groups(ctx);
    }

    /// The grouped view's page again (or its first), and its count when not known.
    fn open_groups(&mut self, ctx: &mut Ctx) {
        let fetch = if self.groups.page.is_some() {
            self.groups.again()
        } else {
            TabState::first_fetch()
        };
        self.fetch_groups(ctx, fetch);
        if self.groups.total.is_none() && self.groups.count_seq.is_none() {
            self.count_groups(ctx);
        }
    }

    /// A navigation key of the grouped view.
    fn group_nav(&mut self, ctx: &mut Ctx, key: ListKey) -> bool {
        let nav = match key {
            ListKey::Down => self.groups.down(),
            ListKey::Up => self.groups.up(),
            ListKey::PageDown => self.groups.page_down(),
            ListKey::PageUp => self.groups.page_up(),
            ListKey::First => self.groups.first(),
            ListKey::Last => self.groups.last(),
            ListKey::Reload => {
                self.groups.total = None;
                self.open_groups(ctx);
                return true;
            }
            _ => return false,
        };
        if let Nav::Fetch(fetch) = nav {
            self.fetch_groups(ctx, fetch);
        }
        true
    }

    fn timeline_key(&mut self, ctx: &mut Ctx, key: TimelineKey) {
        let scale = self.scale(ctx.area);
        let width = i64::from(scale.width.max(1));
        match key {
            TimelineKey::ZoomIn | TimelineKey::ZoomOut => {
                let zoom = if key == TimelineKey::ZoomIn {
                    scale.zoom.zoom_in()
                } else {
                    scale.zoom.zoom_out()
                };
                // Today stays where it is when in view; else the middle column's date.
                let anchor = scale.visible_column(self.today).unwrap_or(scale.width / 2);
                self.set_scale(scale.zoomed(zoom, anchor));
                ctx.info(format!("zoom: {zoom}"));
            }
            TimelineKey::Earlier => self.set_scale(scale.shifted(-1)),
            TimelineKey::Later => self.set_scale(scale.shifted(1)),
            TimelineKey::ScreenEarlier => self.set_scale(scale.shifted(-width)),
            TimelineKey::ScreenLater => self.set_scale(scale.shifted(width)),
            TimelineKey::Today => self.set_scale(Scale::around(
                scale.zoom,
                self.today,
                scale.width,
                scale.width / 2,
            )),
            TimelineKey::Group => {
                self.grouped = !self.grouped;
                if self.grouped {
                    self.restart_groups(ctx);
                    ctx.info("grouped by company: ╌ marks a lapse in coverage; g ungroups");
                } else {
                    self.sync_rows(ctx.area);
                    self.licenses.on_enter(ctx);
                    self.fetch_marks(ctx);
                }
            }
            TimelineKey::Open if self.grouped => self.open_company(ctx),
            TimelineKey::Open => self.licenses.start(ctx, LicenseKey::Edit),
            TimelineKey::History => {
                if self.grouped {
                    ctx.error("select a license first: g shows the licenses");
                } else {
                    self.licenses.start(ctx, LicenseKey::History);
                }
            }
        }
    }

    /// `Enter` on a company: its licenses (under the filter in force), ungrouped.
    fn open_company(&mut self, ctx: &mut Ctx) {
        let Some(row) = self.groups.selected_row() else {
            return;
        };
        let id = CompanyBar::from_row(row, None).id;
        let before = self.licenses.list.tab.filter_text.trim().to_owned();
        let company = by_id("company", id);
        let text = if before.is_empty() {
            company
        } else {
            format!("{before} {company}")
        };
        self.grouped = false;
        self.sync_rows(ctx.area);
        self.licenses.show_filtered(ctx, &text);
    }
}

impl Screen for TimelineScreen {
    fn title(&self) -> &'static str {
        "Timeline"
    }

    fn short_title(&self) -> &'static str {
        "Time"
    }

    fn router_keys(&self) -> RouterKeys {
        self.licenses.router_keys()
    }

    fn help(&self) -> Vec<HelpRow> {
        if self.licenses.overlay.is_some() || self.licenses.list.typing() {
            return self.licenses.help();
        }
        let mut rows = crate::tui::keys::help(KEYS);
        if self.grouped {
            rows.extend(crate::tui::keys::help(NAV));
        } else {
            // `h` and Enter are the chart's here; the rest of the license keys stay.
            rows.extend(
                self.licenses
                    .help()
                    .into_iter()
                    .filter(|r| !matches!(r.0.as_str(), "h" | "Enter i" | "←" | "→" | "g Home")),
            );
        }
        rows
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.sync_rows(ctx.area);
        if self.licenses.overlay.is_some() || self.licenses.list.typing() {
            let before = self.query();
            let handled = self.licenses.key(ctx, key);
            if self.grouped && self.query() != before {
                self.restart_groups(ctx);
            }
            return handled;
        }
        if let Some(action) = lookup(KEYS, key) {
            self.timeline_key(ctx, action);
            return true;
        }
        if self.grouped
            && let Some(nav) = lookup(NAV, key)
            && self.group_nav(ctx, nav)
        {
            return true;
        }
        if self.grouped && lookup(keys_of_licenses(), key).is_some() {
            ctx.error("that acts on a license: g shows the licenses");
            return true;
        }
        let before = self.query();
        let handled = self.licenses.key(ctx, key);
        if self.grouped && self.query() != before {
            self.restart_groups(ctx);
        }
        handled
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        self.sync_rows(ctx.area);
        match reply {
            ScreenReply::Timeline(reply) => match reply {
                Reply::Marks(result) => {
                    if self.marks_seq == Some(seq) {
                        self.marks_seq = None;
                        match result {
                            Ok(m) => self.marks = m,
                            Err(e) => ctx.error(e),
                        }
                    }
                }
                Reply::Companies(result) => {
                    let (page, coverage) = match result {
                        Ok(b) => (Ok(b.0), Some(b.1)),
                        Err(e) => (Err(e), None),
                    };
                    let pending = self.groups.pending.as_ref().map(|p| p.seq);
                    if pending == Some(seq) {
                        let again = self.groups.apply(seq, page);
                        if let Some(c) = coverage {
                            self.coverage = c;
                        }
                        if let Some(e) = &self.groups.error {
                            ctx.error(e.clone());
                        }
                        if let Some(fetch) = again {
                            self.fetch_groups(ctx, fetch);
                        }
                    }
                }
                Reply::CountCompanies(result) => {
                    if let Some(e) = self.groups.apply_count(seq, result) {
                        ctx.error(e);
                    }
                }
            },
            ScreenReply::List(list::Reply::Page(result)) => {
                let mine = self
                    .licenses
                    .list
                    .tab
                    .pending
                    .as_ref()
                    .is_some_and(|p| p.seq == seq);
                self.licenses
                    .on_reply(ctx, seq, ScreenReply::List(list::Reply::Page(result)));
                // A new page (or the same one after a save): what is drawn on it too.
                if mine && self.licenses.list.tab.pending.is_none() {
                    self.fetch_marks(ctx);
                }
            }
            other => self.licenses.on_reply(ctx, seq, other),
        }
    }

    fn on_failed(&mut self, ctx: &mut Ctx, seq: u64, error: &str) {
        if self.marks_seq == Some(seq) {
            self.marks_seq = None;
        }
        if self.groups.pending.as_ref().is_some_and(|p| p.seq == seq) {
            self.groups.pending = None;
        }
        if self.groups.count_seq == Some(seq) {
            self.groups.count_seq = None;
        }
        self.licenses.on_failed(ctx, seq, error);
    }

    fn on_enter(&mut self, ctx: &mut Ctx) {
        self.sync_rows(ctx.area);
        if self.first.is_none() {
            let scale = self.scale(ctx.area);
            self.set_scale(scale);
        }
        if self.grouped {
            self.open_groups(ctx);
        } else {
            self.licenses.on_enter(ctx);
        }
    }

    fn on_leave(&mut self) {
        self.licenses.on_leave();
        self.groups.pending = None;
        self.marks_seq = None;
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        let before = self.licenses.list.limit;
        let rows = self.sync_rows(ctx.area);
        if self.grouped {
            self.open_groups(ctx);
        } else if rows != before {
            self.licenses.list.limit = before;
            self.licenses.list.resize(ctx, rows);
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx, message: &Message) {
        match message {
            Message::DataChanged => {
                self.groups.total = None;
                self.groups.count_seq = None;
            }
            Message::LicenseQuery(_) => {
                self.groups = TabState::new(Entity::Companies);
            }
            Message::Filter(_) => {}
        }
        self.licenses.on_message(ctx, message);
    }

    fn unsaved(&self) -> bool {
        self.licenses.unsaved()
    }

    fn busy(&self) -> bool {
        self.licenses.busy()
            || self.marks_seq.is_some()
            || self.groups.pending.is_some()
            || self.groups.count_seq.is_some()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, self, view);
    }
}

/// The license workflow keys, refused with a hint in the grouped view.
fn keys_of_licenses() -> &'static [crate::tui::keys::Binding<LicenseKey>] {
    super::licenses::keys::KEYS
}
