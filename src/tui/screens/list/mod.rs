//! The reusable list: keyset paging (the page on screen, the selection, "row X of N"
//! without OFFSET), the `/` filter prompt, sort keys, and the count and totals line.
//! Every list screen embeds one and describes itself with a [`Spec`].

pub mod export;
pub mod keys;
pub mod paging;
pub mod pane;
pub mod pane_view;
pub mod requests;
pub mod screen;
pub mod view;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use self::keys::{FILTER, ListKey, NAV, PROMPT, PopupKey, PromptKey, SORT, TOTALS, TOTALS_POPUP};
use self::paging::{Fetch, Nav, Pending, TabState};
use self::pane::Pane;
pub use self::requests::{Reply, Request};
use super::{Ctx, Message};
use crate::db::queries::list::ListQuery;
use crate::domain::filter::{Filter, Qualifier, Term};
use crate::service::browse::Entity;
use crate::service::details::DetailKind;
use crate::tui::keys::{Binding, HelpRow, lookup};
use crate::tui::widgets::input::TextInput;

/// How a list sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sorting {
    /// In id order; no keys.
    Fixed,
    /// By one order that `r` reverses.
    Reverse,
    /// By any column: `>` `<` choose it, `r` reverses.
    AnyColumn,
}

/// Which money totals the bottom line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Totals {
    Never,
    /// Revenue of the matching purchases.
    Always,
    /// Under an `expiring:` filter: each license's last-purchase revenue.
    WhenExpiring,
}

/// What a list shows and which keys it has.
#[derive(Debug, PartialEq, Eq)]
pub struct Spec {
    pub entity: Entity,
    pub title: &'static str,
    pub short_title: &'static str,
    pub columns: &'static [&'static str],
    /// The `/` filter's qualifiers; `None`: no filter.
    pub qualifiers: Option<&'static [Qualifier]>,
    pub sorting: Sorting,
    /// Whether the sorted column's header shows the direction.
    pub arrow: bool,
    pub totals: Totals,
    /// What an empty list without a filter says: the next step.
    pub empty: &'static str,
    /// The detail pane of the selected row, and its jumps to related lists.
    pub detail: Option<DetailKind>,
}

/// What an empty list says by default.
pub const NO_ROWS: &str = "(no rows)";

impl Spec {
    /// A list in id order with no filter and no totals.
    #[must_use]
    pub const fn plain(
        entity: Entity,
        title: &'static str,
        short_title: &'static str,
        columns: &'static [&'static str],
    ) -> Spec {
        Spec {
            entity,
            title,
            short_title,
            columns,
            qualifiers: None,
            sorting: Sorting::Fixed,
            arrow: false,
            totals: Totals::Never,
            empty: NO_ROWS,
            detail: None,
        }
    }

    /// The same list with the `/` filter taking `qualifiers` besides free words (the
    /// entity's, `Entity::qualifiers()`; `None`: no filter).
    #[must_use]
    pub const fn with_filter(self, qualifiers: Option<&'static [Qualifier]>) -> Spec {
        Spec { qualifiers, ..self }
    }

    /// The same list sorted by any column (`>` `<` choose it, `r` reverses), the sorted
    /// column's header showing the direction.
    #[must_use]
    pub const fn sorted_by_any_column(self) -> Spec {
        Spec {
            sorting: Sorting::AnyColumn,
            arrow: true,
            ..self
        }
    }

    /// The same list, saying `text` when it is empty and unfiltered.
    #[must_use]
    pub const fn with_empty(self, text: &'static str) -> Spec {
        Spec {
            empty: text,
            ..self
        }
    }

    /// The same list with the detail pane of `kind` beside or below the table.
    #[must_use]
    pub const fn with_detail(self, kind: DetailKind) -> Spec {
        Spec {
            detail: Some(kind),
            ..self
        }
    }
}

/// What a key or a reply did to the list, for the screen that embeds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Not the list's key.
    Ignored,
    /// Typed into the prompt.
    Input,
    /// A bound key did its job.
    Action,
    /// The selection moved within the page.
    Moved,
    /// A new page is on screen.
    Arrived,
    /// Filter or sort changed: the list starts again from its first page.
    Restarted,
    /// `Ctrl-R`: the page and count are asked for again; whatever shows a row of it
    /// (a detail pane) must be asked for again too.
    Reloaded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub spec: &'static Spec,
    pub tab: TabState,
    /// The `/` filter prompt, while it is open.
    pub prompt: Option<TextInput>,
    /// Rows per page for the table as laid out now; the owner keeps it current (the
    /// list itself when it has a detail pane, which takes part of the area).
    pub limit: usize,
    /// The detail pane, for lists whose spec has one.
    pub pane: Pane,
    /// The popup with every currency's total (`T`), while open: its first line shown.
    pub totals_popup: Option<usize>,
    /// `E`: the path dialog and the running export.
    pub export: export::Export,
}

impl List {
    #[must_use]
    pub fn new(spec: &'static Spec) -> Self {
        List {
            spec,
            tab: TabState::new(spec.entity),
            prompt: None,
            limit: 1,
            pane: Pane::default(),
            totals_popup: None,
            export: export::Export::default(),
        }
    }

    /// Rows that fit a table drawn in `table` (inside the border, below the header).
    #[must_use]
    pub fn rows_in(table: Rect) -> usize {
        usize::from(table.height.saturating_sub(3).max(1))
    }

    fn tables(&self) -> Vec<&'static [Binding<ListKey>]> {
        let mut tables = Vec::new();
        if self.spec.sorting == Sorting::AnyColumn {
            tables.push(SORT);
        }
        if self.spec.qualifiers.is_some() {
            tables.push(FILTER);
        }
        if let Some(kind) = self.spec.detail {
            tables.push(pane::keys(kind));
        }
        tables.push(NAV);
        if self.spec.totals != Totals::Never {
            tables.push(TOTALS);
        }
        if self.exports() {
            tables.push(export::EXPORT);
        }
        tables
    }

    #[must_use]
    pub fn help(&self) -> Vec<HelpRow> {
        if self.prompt.is_some() {
            return crate::tui::keys::help(PROMPT);
        }
        if self.totals_popup.is_some() {
            return crate::tui::keys::help(TOTALS_POPUP);
        }
        if self.export.dialog.is_some() {
            return crate::tui::keys::help(export::DIALOG);
        }
        self.tables()
            .into_iter()
            .flat_map(crate::tui::keys::help)
            .collect()
    }

    /// Whether something open over the list takes every key: the `/` prompt (a text
    /// input) or the totals popup.
    #[must_use]
    pub fn typing(&self) -> bool {
        self.prompt.is_some() || self.totals_popup.is_some() || self.export.dialog.is_some()
    }

    #[must_use]
    pub fn busy(&self) -> bool {
        self.tab.pending.is_some() || self.tab.count_seq.is_some() || self.pane.seq.is_some()
    }

    pub fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> Event {
        if self.prompt.is_some() {
            return self.prompt_key(ctx, key);
        }
        if self.totals_popup.is_some() {
            return self.popup_key(key);
        }
        if self.export.dialog.is_some() {
            return self.export_key(ctx, key);
        }
        let Some(action) = self.tables().into_iter().find_map(|t| lookup(t, key)) else {
            return Event::Ignored;
        };
        let nav = match action {
            ListKey::Down => self.tab.down(),
            ListKey::Up => self.tab.up(),
            ListKey::PageDown => self.tab.page_down(),
            ListKey::PageUp => self.tab.page_up(),
            ListKey::First => self.tab.first(),
            ListKey::Last => self.tab.last(),
            ListKey::Reload => {
                self.tab.total = None;
                self.pane.stale = true;
                self.reload(ctx);
                self.fetch_count(ctx);
                return Event::Reloaded;
            }
            ListKey::Filter => {
                self.prompt = Some(TextInput::new(false).with_value(&self.tab.filter_text));
                return Event::Action;
            }
            ListKey::ClearFilter => {
                if self.tab.query.filter.is_empty() {
                    return Event::Action;
                }
                self.set_filter(String::new(), Filter::default(), ctx);
                ctx.info("filter cleared");
                return self.restart(ctx);
            }
            ListKey::SortNext | ListKey::SortPrev | ListKey::SortReverse => {
                self.sort(action);
                self.tab.query.today = Some(ctx.today);
                return self.restart(ctx);
            }
            ListKey::Related | ListKey::Users => {
                self.jump(ctx, action);
                return Event::Action;
            }
            ListKey::Export => return self.open_export(ctx),
            ListKey::Totals => {
                if self.wants_totals() {
                    self.totals_popup = Some(0);
                } else {
                    ctx.info("totals are shown under the expiring filter: x");
                }
                return Event::Action;
            }
        };
        match nav {
            Nav::None => Event::Action,
            Nav::Moved => {
                self.fetch_detail(ctx);
                Event::Moved
            }
            Nav::Fetch(fetch) => {
                self.fetch(ctx, fetch);
                Event::Action
            }
        }
    }

    fn sort(&mut self, action: ListKey) {
        // Only lists that sort by any column move between columns.
        let columns = if self.spec.sorting == Sorting::AnyColumn {
            self.spec.columns.len().max(1)
        } else {
            1
        };
        let sort = &mut self.tab.query.sort;
        match action {
            ListKey::SortNext => sort.column = (sort.column + 1) % columns,
            ListKey::SortPrev => sort.column = (sort.column + columns - 1) % columns,
            _ => sort.descending = !sort.descending,
        }
    }

    /// Keys of the totals popup: scrolling, and closing it.
    fn popup_key(&mut self, key: &KeyEvent) -> Event {
        let Some(first) = self.totals_popup else {
            return Event::Ignored;
        };
        let last = self
            .tab
            .totals
            .as_ref()
            .map_or(0, |t| t.len().saturating_sub(1));
        let page = self.limit.max(1);
        self.totals_popup = match lookup(TOTALS_POPUP, key) {
            Some(PopupKey::Close) => None,
            Some(PopupKey::Down) => Some(first.saturating_add(1)),
            Some(PopupKey::Up) => Some(first.saturating_sub(1)),
            Some(PopupKey::PageDown) => Some(first.saturating_add(page)),
            Some(PopupKey::PageUp) => Some(first.saturating_sub(page)),
            Some(PopupKey::First) => Some(0),
            Some(PopupKey::Last) => Some(last),
            // Everything else waits until the popup is closed.
            None => Some(first),
        }
        .map(|f| f.min(last));
        Event::Action
    }

    fn prompt_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> Event {
        let Some(prompt) = &mut self.prompt else {
            return Event::Ignored;
        };
        match lookup(PROMPT, key) {
            Some(PromptKey::Close) => {
                self.prompt = None;
                Event::Action
            }
            Some(PromptKey::Apply) => {
                let text = prompt.value().trim().to_owned();
                match self.apply_filter(ctx, text) {
                    Ok(()) => {
                        self.prompt = None;
                        self.restart(ctx)
                    }
                    // The prompt stays open with the text, so it can be corrected.
                    Err(e) => {
                        ctx.error(e);
                        Event::Action
                    }
                }
            }
            None => {
                prompt.handle_key(key);
                Event::Input
            }
        }
    }

    /// Parses `text` with this list's qualifiers and puts it in force (not fetched yet:
    /// [`List::restart`] does).
    ///
    /// # Errors
    /// The filter's problem, worded for the operator.
    pub fn apply_filter(&mut self, ctx: &Ctx, text: String) -> Result<(), String> {
        let qualifiers = self.spec.qualifiers.unwrap_or_default();
        let filter = Filter::parse(&text, qualifiers).map_err(|e| e.to_string())?;
        self.set_filter(text, filter, ctx);
        Ok(())
    }

    fn set_filter(&mut self, text: String, filter: Filter, ctx: &Ctx) {
        self.tab.filter_text = text;
        self.tab.query.filter = filter;
        self.tab.query.today = Some(ctx.today);
    }

    /// The list from its first page, with a new count.
    pub fn restart(&mut self, ctx: &mut Ctx) -> Event {
        let query = std::mem::take(&mut self.tab.query);
        let text = std::mem::take(&mut self.tab.filter_text);
        self.tab = TabState::new(self.spec.entity);
        self.tab.query = query;
        self.tab.filter_text = text;
        self.pane.forget();
        self.open(ctx);
        Event::Restarted
    }

    /// Fetches the page (the first one, or the one on screen again to refresh it) and the
    /// count when not known yet.
    pub fn open(&mut self, ctx: &mut Ctx) {
        self.export.allowed = ctx.allows(crate::domain::Permission::ExportData);
        let need_count = self.tab.total.is_none() && self.tab.count_seq.is_none();
        self.reload(ctx);
        if need_count {
            self.fetch_count(ctx);
        }
    }

    /// The page on screen again, with the current page size (after a resize or reload).
    pub fn reload(&mut self, ctx: &mut Ctx) {
        let fetch = if self.tab.page.is_some() {
            self.tab.again()
        } else {
            TabState::first_fetch()
        };
        self.fetch(ctx, fetch);
    }

    pub fn fetch(&mut self, ctx: &mut Ctx, fetch: Fetch) {
        if self.spec.detail.is_some() {
            // The pane takes part of the area the owner measured the table in.
            self.limit = self.rows_for(ctx.area);
        }
        let seq = ctx.send(Request::Page {
            entity: self.spec.entity,
            query: self.tab.query.clone(),
            req: fetch.req.clone(),
            limit: self.limit,
        });
        self.tab.pending = Some(Pending { seq, fetch });
    }

    pub fn fetch_count(&mut self, ctx: &mut Ctx) {
        if self.wants_totals() {
            self.tab.totals_seq = Some(ctx.send(Request::Totals {
                entity: self.spec.entity,
                query: self.tab.query.clone(),
            }));
        }
        self.tab.count_seq = Some(ctx.send(Request::Count {
            entity: self.spec.entity,
            query: self.tab.query.clone(),
        }));
    }

    /// Purchases always show their totals; licenses only under an "expiring" filter, where
    /// the last purchases say what the renewals are worth.
    fn wants_totals(&self) -> bool {
        match self.spec.totals {
            Totals::Never => false,
            Totals::Always => true,
            Totals::WhenExpiring => self
                .tab
                .query
                .filter
                .terms
                .iter()
                .any(|t| matches!(t, Term::Expiring(_))),
        }
    }

    /// Another screen becomes active: its page and detail are no longer wanted.
    pub fn leave(&mut self) {
        self.tab.pending = None;
        self.pane.seq = None;
    }

    /// Data changed: the count (and the detail pane) are read again when the list is
    /// next opened.
    pub fn invalidate(&mut self) {
        self.tab.total = None;
        self.tab.count_seq = None;
        self.pane.stale = true;
    }

    /// Takes the filter `text` (parsed: `query`) and sort another tab chose for the same
    /// rows. The list starts again from its first page when next opened; nothing is
    /// fetched now (the tab is not on screen).
    pub fn adopt(&mut self, text: &str, query: &ListQuery) {
        if self.tab.filter_text == text && self.tab.query == *query {
            return;
        }
        self.tab = TabState::new(self.spec.entity);
        self.tab.query = query.clone();
        text.clone_into(&mut self.tab.filter_text);
        self.prompt = None;
        self.totals_popup = None;
        self.pane.forget();
    }

    /// What the router tells a screen that shows this list (and leaves to it).
    pub fn on_message(&mut self, ctx: &mut Ctx, message: &Message) {
        match message {
            Message::DataChanged => self.invalidate(),
            Message::LicenseQuery(_) => {}
            Message::Filter(text) => {
                // The tab was not entered: its page size is measured here.
                self.limit = self.rows_for(ctx.area);
                self.prompt = None;
                self.totals_popup = None;
                match self.apply_filter(ctx, text.clone()) {
                    Ok(()) => {
                        self.restart(ctx);
                    }
                    Err(e) => {
                        ctx.error(format!(
                            "cannot filter the {} by {text}: {e}",
                            self.spec.title.to_lowercase()
                        ));
                        self.open(ctx);
                    }
                }
            }
        }
    }

    /// Rows per page for a list drawn in `area` (the pane, if any, beside or below it).
    #[must_use]
    pub fn rows_for(&self, area: Rect) -> usize {
        Self::rows_in(pane_view::areas(area, self).0)
    }

    pub fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: Reply) -> Event {
        match reply {
            Reply::Page(result) => {
                if self.tab.pending.as_ref().is_none_or(|p| p.seq != seq) {
                    return Event::Ignored;
                }
                let again = self.tab.apply(seq, result);
                if let Some(e) = &self.tab.error {
                    ctx.error(e.clone());
                }
                if let Some(fetch) = again {
                    self.fetch(ctx, fetch);
                    Event::Action
                } else {
                    self.fetch_detail(ctx);
                    Event::Arrived
                }
            }
            Reply::Detail(id, result) => self.pane.apply(seq, id, result),
            Reply::ExportProgress(rows) => self.export_reply(ctx, seq, Some(rows), None),
            Reply::Exported(result) => self.export_reply(ctx, seq, None, Some(result)),
            Reply::Count(result) => {
                if let Some(e) = self.tab.apply_count(seq, result) {
                    ctx.error(e);
                }
                Event::Action
            }
            Reply::Totals(result) => {
                if self.tab.totals_seq == Some(seq) {
                    self.tab.totals_seq = None;
                    match result {
                        Ok(t) => self.tab.totals = Some(t),
                        Err(e) => ctx.error(e),
                    }
                }
                Event::Action
            }
        }
    }

    /// A request of the list could not be delivered: stop waiting for it.
    pub fn on_failed(&mut self, seq: u64) {
        if self.tab.pending.as_ref().is_some_and(|p| p.seq == seq) {
            self.tab.pending = None;
        }
        if self.tab.count_seq == Some(seq) {
            self.tab.count_seq = None;
        }
        self.pane.failed(seq, "the detail could not be read");
    }

    /// After a resize: the page again when its size changed.
    pub fn resize(&mut self, ctx: &mut Ctx, limit: usize) {
        let limit = if self.spec.detail.is_some() {
            self.rows_for(ctx.area)
        } else {
            limit
        };
        if limit != self.limit {
            self.limit = limit;
            self.reload(ctx);
        }
    }
}
