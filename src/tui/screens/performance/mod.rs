//! The Performance tab (issue 12): sales reps, partners, engineers and the renewal
//! pipeline for a period against the previous one. The figures come from
//! `service::performance` on the background lane, never computed here; this is the
//! state, the request and the period control. `table.rs` lays a report out as rows,
//! `update.rs` makes it a screen, `view.rs` draws it.

pub mod keys;
pub mod rows;
pub mod table;
pub mod update;
pub mod view;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::domain::{Currency, Period, PeriodKind};
use crate::report::performance::engineers::EngineerReport;
use crate::report::performance::{Owner, OwnerReport, PeriodQuery, PipelineReport};
use crate::service::performance as perf;
use crate::tui::screens::{Job, Lane, signed_in};
use crate::tui::widgets::input::TextInput;

/// The four views of the tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board {
    Sales,
    Partners,
    Engineers,
    Renewals,
}

impl Board {
    pub const ALL: [Board; 4] = [
        Board::Sales,
        Board::Partners,
        Board::Engineers,
        Board::Renewals,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Board::Sales => "Sales reps",
            Board::Partners => "Partners",
            Board::Engineers => "Engineers",
            Board::Renewals => "Renewals",
        }
    }
}

/// One report of the service, for one board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Sales(OwnerReport),
    Partners(OwnerReport),
    Engineers(EngineerReport),
    Renewals(PipelineReport),
}

impl Report {
    /// The reporting currency the money is also converted into, if any.
    #[must_use]
    pub fn converted(&self) -> Option<Currency> {
        match self {
            Report::Sales(r) | Report::Partners(r) => r.conversion.as_ref(),
            Report::Renewals(r) => r.conversion.as_ref(),
            Report::Engineers(_) => None,
        }
        .map(|c| c.currency)
    }

    #[must_use]
    pub fn board(&self) -> Board {
        match self {
            Report::Sales(_) => Board::Sales,
            Report::Partners(_) => Board::Partners,
            Report::Engineers(_) => Board::Engineers,
            Report::Renewals(_) => Board::Renewals,
        }
    }
}

/// A report and the reporting currencies that have rates (for `c` to cycle through).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub report: Report,
    pub currencies: Vec<Currency>,
}

/// A board's report for a period (background lane; a newer one supersedes it), in the
/// reporting currency too when one is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub board: Board,
    pub query: PeriodQuery,
    pub currency: Option<Currency>,
}

impl Job for Request {
    type Reply = Result<Box<Fetched>, String>;

    fn lane(&self) -> Lane {
        Lane::Background
    }

    fn slot(&self) -> Option<&'static str> {
        Some("performance")
    }

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Self::Reply {
        let actor = signed_in(actor)?;
        let (q, to) = (&self.query, self.currency);
        let report = match self.board {
            Board::Sales => perf::owners_in(conn, actor, Owner::Rep, q, to).map(Report::Sales),
            Board::Partners => {
                perf::owners_in(conn, actor, Owner::Partner, q, to).map(Report::Partners)
            }
            Board::Engineers => perf::engineers(conn, actor, q).map(Report::Engineers),
            Board::Renewals => {
                perf::renewals_in(conn, actor, q.as_of, (None, None), to).map(Report::Renewals)
            }
        };
        let fetched = report.and_then(|report| {
            Ok(Fetched {
                report,
                currencies: perf::reporting_currencies(conn, actor)?,
            })
        });
        fetched.map(Box::new).map_err(|e| e.to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Performance {
    pub board: Board,
    pub period: Period,
    /// Where "ending within N days", backlog and overdue count from: today.
    pub as_of: NaiveDate,
    pub report: Option<Box<Report>>,
    /// The request in flight.
    pub seq: Option<u64>,
    pub error: Option<String>,
    /// Index into the board's columns; `None` is the report's own order (by name).
    pub sort: Option<usize>,
    /// The reporting currency of the columns `sort` indexes (those of the report on
    /// screen), so a reply that turns conversion on or off ranks by its default again.
    pub converted: Option<Currency>,
    pub descending: bool,
    /// Index into [`Performance::lines`].
    pub selected: usize,
    /// `p`: the period prompt is open.
    pub picking: bool,
    pub input: TextInput,
    /// `c`: the reporting currency the money is also converted into, for this session
    /// only (never stored); `None` is off.
    pub currency: Option<Currency>,
    /// The reporting currencies that have rates, as the last reply found them.
    pub currencies: Vec<Currency>,
}

impl Performance {
    /// The sales board for the quarter holding `today`.
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        let period = Period::containing(PeriodKind::Quarter, today).unwrap_or_default();
        Performance {
            board: Board::Sales,
            period,
            as_of: today,
            report: None,
            seq: None,
            error: None,
            sort: table::default_sort(Board::Sales, None),
            converted: None,
            descending: true,
            selected: 0,
            picking: false,
            input: TextInput::new(false),
            currency: None,
            currencies: Vec::new(),
        }
    }

    /// `c`: the next reporting currency with rates, "off" first and after the last.
    /// `false` when there is none to choose (the currency stays off).
    pub fn cycle_currency(&mut self) -> bool {
        if self.currencies.is_empty() && self.currency.is_none() {
            return false;
        }
        let next = match self.currency {
            None => self.currencies.first().copied(),
            Some(c) => self
                .currencies
                .iter()
                .position(|x| *x == c)
                .and_then(|i| self.currencies.get(i + 1).copied()),
        };
        self.currency = next;
        true
    }

    #[must_use]
    pub fn loading(&self) -> bool {
        self.seq.is_some()
    }

    #[must_use]
    pub fn request(&self) -> Request {
        Request {
            board: self.board,
            query: PeriodQuery {
                period: self.period,
                as_of: self.as_of,
                name: None,
            },
            currency: self.currency,
        }
    }

    /// The columns of the table on screen.
    #[must_use]
    pub fn columns(&self) -> Vec<table::Column> {
        table::columns(self.board, self.converted)
    }

    /// The rows on the table: the report's, sorted; empty while it is another board's.
    #[must_use]
    pub fn lines(&self) -> Vec<table::Line> {
        match &self.report {
            Some(r) if r.board() == self.board => {
                table::sorted(&self.columns(), rows::lines(r), self.sort, self.descending)
            }
            _ => Vec::new(),
        }
    }

    /// Moves the selection by `delta` rows (clamped).
    pub fn move_by(&mut self, delta: isize) {
        let last = self.lines().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_last(&mut self) {
        self.selected = self.lines().len().saturating_sub(1);
    }

    /// The next (`by` 1) or previous (`by` 3) board; its report is fetched again.
    pub fn board_step(&mut self, by: usize) {
        let i = Board::ALL
            .iter()
            .position(|b| *b == self.board)
            .unwrap_or(0);
        self.board = Board::ALL[(i + by) % Board::ALL.len()];
        self.sort = table::default_sort(self.board, self.converted);
        self.descending = true;
        self.selected = 0;
        self.report = None;
        self.error = None;
    }

    /// Sorts by the column `by` to the right (wrapping, through "by name"); numbers
    /// largest first.
    pub fn sort_step(&mut self, forward: bool) {
        let cols = self.columns();
        let n = cols.len();
        // Positions 0..n are columns, n is the report's own order.
        let at = self.sort.unwrap_or(n);
        let next = if forward {
            (at + 1) % (n + 1)
        } else {
            (at + n) % (n + 1)
        };
        self.sort = (next < n).then_some(next);
        self.descending = self
            .sort
            .and_then(|c| cols.get(c))
            .is_some_and(|c| c.numeric);
        self.selected = 0;
    }

    pub fn sort_reverse(&mut self) {
        self.descending = !self.descending;
        self.selected = 0;
    }

    /// `[` / `]`: the previous or next period of the same kind.
    ///
    /// # Errors
    /// Past the supported dates; the period stays.
    pub fn step_period(&mut self, forward: bool) -> Result<(), String> {
        let next = if forward {
            self.period.next()
        } else {
            self.period.prev()
        };
        self.period = next.map_err(|e| e.to_string())?;
        Ok(())
    }

    /// `t`: the period of the same kind holding today (a custom range: this month).
    pub fn this_period(&mut self, today: NaiveDate) -> bool {
        let kind = match self.period.kind() {
            PeriodKind::Custom => PeriodKind::Month,
            k => k,
        };
        match Period::containing(kind, today) {
            Ok(p) if p != self.period => {
                self.period = p;
                true
            }
            _ => false,
        }
    }

    pub fn start_picking(&mut self) {
        self.input = TextInput::new(false).with_value(&self.period.to_string());
        self.picking = true;
    }

    pub fn on_input(&mut self, key: &KeyEvent) {
        self.input.handle_key(key);
    }

    /// Enter in the prompt: a kind (`month`, `quarter`, `year`: the one holding the
    /// period's first day) or a period as `lms report --period` takes it. `Ok(true)`
    /// when the period changed.
    ///
    /// # Errors
    /// What is wrong with the text; the prompt stays open with it.
    pub fn submit(&mut self) -> Result<bool, String> {
        let picked = parse_pick(self.input.value(), self.period).map_err(|e| e.to_string())?;
        self.picking = false;
        let changed = picked != self.period;
        self.period = picked;
        Ok(changed)
    }

    pub fn cancel(&mut self) {
        self.picking = false;
    }

    /// A report arrived for request `seq`; stale ones are dropped. The error, if any.
    pub fn apply(&mut self, seq: u64, result: Result<Box<Fetched>, String>) -> Option<String> {
        if self.seq != Some(seq) {
            return None;
        }
        self.seq = None;
        match result {
            Ok(f) => {
                let Fetched { report, currencies } = *f;
                if report.converted() != self.converted {
                    self.converted = report.converted();
                    self.sort = table::default_sort(self.board, self.converted);
                    self.descending = true;
                }
                self.report = Some(Box::new(report));
                self.currencies = currencies;
                self.error = None;
                let n = self.lines().len();
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

/// The prompt's text as a period; `current` gives the day a bare kind starts from.
///
/// # Errors
/// Neither a kind nor a period.
pub fn parse_pick(text: &str, current: Period) -> Result<Period, crate::domain::DomainError> {
    let t = text.trim();
    let kind = match t.to_ascii_lowercase().as_str() {
        "m" | "month" => Some(PeriodKind::Month),
        "q" | "quarter" => Some(PeriodKind::Quarter),
        "y" | "year" => Some(PeriodKind::Year),
        _ => None,
    };
    match kind {
        Some(k) => Period::containing(k, current.from()),
        None => t.parse().map_err(|e: crate::domain::DomainError| {
            crate::domain::DomainError::Invalid(format!("{e}; or month, quarter, year"))
        }),
    }
}
