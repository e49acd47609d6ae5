//! The Dashboard tab: key figures, a per-company table and charts of the utilization
//! report. The report is fetched on the background lane; this is its state and request.
//! `update.rs` makes it a screen, `view.rs` and `charts.rs` draw it.

pub mod charts;
pub mod keys;
pub mod update;
pub mod view;

use std::cmp::Ordering;

use chrono::{Days, NaiveDate};
use ratatui::crossterm::event::KeyEvent;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::report::utilization::{
    CompanyRow, Filters, UtilizationQuery, UtilizationReport, params,
};
use crate::tui::screens::Lane;
use crate::tui::screens::{Job, signed_in};
use crate::tui::widgets::input::TextInput;

/// The utilization report for the Dashboard's query (background lane).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub query: UtilizationQuery,
}

impl Job for Request {
    type Reply = Result<Box<UtilizationReport>, String>;

    fn lane(&self) -> Lane {
        Lane::Background
    }

    fn slot(&self) -> Option<&'static str> {
        Some("utilization")
    }

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Self::Reply {
        signed_in(actor).and_then(|a| {
            crate::service::reports::utilization(conn, a, self.query)
                .map(Box::new)
                .map_err(|e| e.to_string())
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Table,
    Charts,
}

/// The table's columns, in order; each can be the sort key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Company,
    Licensed,
    Registered,
    Active,
    Utilization,
    Flags,
    Revenue,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Company,
        Column::Licensed,
        Column::Registered,
        Column::Active,
        Column::Utilization,
        Column::Flags,
        Column::Revenue,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Column::Company => "Company",
            Column::Licensed => "Licensed",
            // Short, so the revenue column still fits at 80 columns.
            Column::Registered => "Reg.",
            Column::Active => "Active",
            Column::Utilization => "Util",
            Column::Flags => "Flags",
            Column::Revenue => "Revenue",
        }
    }

    fn compare(self, a: &CompanyRow, b: &CompanyRow) -> Ordering {
        // Unlimited sorts above any number of seats; no utilization below any.
        let seats = |r: &CompanyRow| (r.unlimited, r.licensed_seats);
        let flags = |r: &CompanyRow| {
            let f = r.flags;
            [f.over_active, f.over_registered, f.under_used, f.idle]
        };
        let money = |r: &CompanyRow| {
            r.revenue
                .iter()
                .map(|m| (m.currency, m.minor))
                .collect::<Vec<_>>()
        };
        match self {
            Column::Company => a.name.cmp(&b.name),
            Column::Licensed => seats(a).cmp(&seats(b)),
            Column::Registered => a.registered.cmp(&b.registered),
            Column::Active => a.active.cmp(&b.active),
            Column::Utilization => a.utilization_permille().cmp(&b.utilization_permille()),
            Column::Flags => flags(a).cmp(&flags(b)),
            Column::Revenue => money(a).cmp(&money(b)),
        }
    }
}

/// Which text the input edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    /// `/`: narrows the table to companies whose name or flags contain the text.
    Search,
    /// `f`: the report's filters as `key=value` words; applying them fetches again.
    Filters,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub query: UtilizationQuery,
    pub report: Option<Box<UtilizationReport>>,
    /// The request in flight.
    pub seq: Option<u64>,
    pub error: Option<String>,
    pub view: View,
    pub sort: Column,
    pub descending: bool,
    pub search: String,
    pub filters_text: String,
    pub editing: Option<Editing>,
    pub input: TextInput,
    /// Index into [`Dashboard::rows`].
    pub selected: usize,
}

impl Dashboard {
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        Dashboard {
            query: UtilizationQuery::new(today),
            report: None,
            seq: None,
            error: None,
            view: View::Table,
            sort: Column::Company,
            descending: false,
            search: String::new(),
            filters_text: String::new(),
            editing: None,
            input: TextInput::new(false),
            selected: 0,
        }
    }

    #[must_use]
    pub fn loading(&self) -> bool {
        self.seq.is_some()
    }

    /// The companies the table shows: searched, then sorted (ties by name).
    #[must_use]
    pub fn rows(&self) -> Vec<&CompanyRow> {
        let Some(report) = &self.report else {
            return Vec::new();
        };
        let needle = self.search.trim().to_lowercase();
        let mut rows: Vec<&CompanyRow> = report
            .companies
            .iter()
            .filter(|c| {
                needle.is_empty()
                    || c.name.to_lowercase().contains(&needle)
                    || c.flags.words().contains(&needle)
            })
            .collect();
        rows.sort_by(|a, b| {
            let o = self.sort.compare(a, b);
            let o = if self.descending { o.reverse() } else { o };
            o.then_with(|| a.name.cmp(&b.name))
        });
        rows
    }

    /// Moves the selection by `delta` rows (clamped).
    pub fn move_by(&mut self, delta: isize) {
        let n = self.rows().len();
        let last = n.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_last(&mut self) {
        self.selected = self.rows().len().saturating_sub(1);
    }

    /// Next sort column; numbers start from the largest.
    pub fn sort_next(&mut self) {
        self.sort_step(1);
    }

    pub fn sort_prev(&mut self) {
        self.sort_step(Column::ALL.len() - 1);
    }

    /// Moves the sort `by` columns to the right (wrapping); numbers sort largest first.
    fn sort_step(&mut self, by: usize) {
        let i = Column::ALL
            .iter()
            .position(|c| *c == self.sort)
            .unwrap_or(0);
        self.sort = Column::ALL[(i + by) % Column::ALL.len()];
        self.descending = self.sort != Column::Company;
        self.selected = 0;
    }

    pub fn sort_reverse(&mut self) {
        self.descending = !self.descending;
        self.selected = 0;
    }

    /// A longer (`up`) or shorter window from 7, 14, 30, 90 days.
    pub fn step_window(&mut self, up: bool) -> bool {
        let next = params::step_window(self.query.window_days, up);
        let changed = next != self.query.window_days;
        self.query.window_days = next;
        changed
    }

    /// Moves the reference date by `days` (negative: earlier).
    pub fn shift_date(&mut self, days: i64) -> bool {
        let d = Days::new(days.unsigned_abs());
        let next = if days < 0 {
            self.query.as_of.checked_sub_days(d)
        } else {
            self.query.as_of.checked_add_days(d)
        };
        match next {
            Some(n) => {
                self.query.as_of = n;
                true
            }
            None => false,
        }
    }

    pub fn start_editing(&mut self, what: Editing) {
        let text = match what {
            Editing::Search => self.search.clone(),
            Editing::Filters => self.filters_text.clone(),
        };
        self.input = TextInput::new(false).with_value(&text);
        self.editing = Some(what);
    }

    /// Keys typed into the input.
    pub fn on_input(&mut self, key: &KeyEvent) {
        self.input.handle_key(key);
        if self.editing == Some(Editing::Search) {
            // The table narrows as one types.
            self.search = self.input.value().to_owned();
            self.selected = 0;
        }
    }

    /// Enter: keeps the search, or parses and applies the filters. `Ok(true)` when the
    /// report must be fetched again.
    ///
    /// # Errors
    /// The filter text's problem; the input stays open to correct it.
    pub fn submit(&mut self) -> Result<bool, String> {
        match self.editing.take() {
            Some(Editing::Filters) => {
                let text = self.input.value().to_owned();
                match Filters::parse(&text) {
                    Ok(f) => {
                        let changed = f != self.query.filters;
                        self.query.filters = f;
                        text.trim().clone_into(&mut self.filters_text);
                        self.selected = 0;
                        Ok(changed)
                    }
                    Err(e) => {
                        self.editing = Some(Editing::Filters);
                        Err(e.to_string())
                    }
                }
            }
            Some(Editing::Search) | None => Ok(false),
        }
    }

    /// Esc: leaves the input; a search typed so far is dropped.
    pub fn cancel(&mut self) {
        if self.editing.take() == Some(Editing::Search) {
            self.search.clear();
        }
    }

    /// A report arrived for request `seq`; stale ones are dropped.
    pub fn apply(
        &mut self,
        seq: u64,
        result: Result<Box<UtilizationReport>, String>,
    ) -> Option<String> {
        if self.seq != Some(seq) {
            return None;
        }
        self.seq = None;
        match result {
            Ok(r) => {
                self.report = Some(r);
                self.error = None;
                let n = self.rows().len();
                self.selected = self.selected.min(n.saturating_sub(1));
                None
            }
            Err(e) => {
                self.error = Some(e.clone());
                Some(e)
            }
        }
    }
}
