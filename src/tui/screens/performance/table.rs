//! A board's report as table rows: the cells shown, a sort key per column, what `Enter`
//! opens, and every figure against the previous period for the detail pane. The figures
//! are the report's; this only lays them out (`rows.rs` per board).

use std::borrow::Cow;

use crate::domain::Currency;
use crate::service::browse::Entity;

use super::Board;

/// A cell's sort key: numbers by value, text by its lowercase form, no figure lowest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Missing,
    Num(i64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: Cow<'static, str>,
    /// Sorts largest first when chosen.
    pub numeric: bool,
    /// An amount in the row's currency: rows rank per currency, never across.
    pub money: bool,
}

const fn text(title: &'static str) -> Column {
    Column {
        title: Cow::Borrowed(title),
        numeric: false,
        money: false,
    }
}

const fn num(title: &'static str) -> Column {
    Column {
        title: Cow::Borrowed(title),
        numeric: true,
        money: false,
    }
}

const fn money(title: &'static str) -> Column {
    Column {
        title: Cow::Borrowed(title),
        numeric: true,
        money: true,
    }
}

const SALES: &[Column] = &[
    text("Rep"),
    text("Cur"),
    money("Bookings"),
    money("Prev"),
    num("Chg"),
    money("12 months"),
    money("New"),
    money("Renewal"),
    money("Expansion"),
    num("Purch"),
    money("Avg"),
    num("Sold"),
    num("Renew%"),
    num("Exp seats"),
    money("Stake 90d"),
];

const PARTNERS: &[Column] = &[
    text("Partner"),
    text("Cur"),
    money("Bookings"),
    money("Prev"),
    num("Chg"),
    num("Share"),
    money("12 months"),
    num("Licences"),
    num("Seats"),
    num("Companies"),
    num("Renew%"),
    num("Purch"),
    money("Stake 90d"),
];

const ENGINEERS: &[Column] = &[
    text("Engineer"),
    text("Region"),
    num("Done"),
    num("Chg"),
    num("Failed"),
    num("Cancel"),
    num("Success"),
    num("Prev"),
    num("12 months"),
    num("Med"),
    num("P90"),
    num("Backlog"),
    num("Overdue"),
    num("Med start"),
    num("P90 start"),
];

const RENEWALS: &[Column] = &[
    text("By"),
    text("Name"),
    text("Cur"),
    money("30d"),
    money("60d"),
    money("90d"),
    num("30d lic"),
    num("60d lic"),
    num("90d lic"),
];

/// With a reporting currency: the owner's figure converted into it (bookings "In EUR",
/// at stake "90d EUR"), one amount for all of the owner's rows, so it ranks across
/// currencies.
fn converted(board: Board, to: Currency) -> Column {
    let title = if board == Board::Renewals {
        format!("90d {to}")
    } else {
        format!("In {to}")
    };
    Column {
        title: Cow::Owned(title),
        ..num("")
    }
}

/// Where the converted column goes: right after the currency, so it is seen at 80
/// columns. `None` for a board without money.
fn converted_at(board: Board) -> Option<usize> {
    match board {
        Board::Sales | Board::Partners => Some(2),
        Board::Renewals => Some(3),
        Board::Engineers => None,
    }
}

/// The board's columns, in order; `to` the report's reporting currency, if any.
#[must_use]
pub fn columns(board: Board, to: Option<Currency>) -> Vec<Column> {
    let mut cols = match board {
        Board::Sales => SALES,
        Board::Partners => PARTNERS,
        Board::Engineers => ENGINEERS,
        Board::Renewals => RENEWALS,
    }
    .to_vec();
    if let (Some(at), Some(to)) = (converted_at(board), to) {
        cols.insert(at, converted(board, to));
    }
    cols
}

/// The ranking a board opens with: bookings, completed deployments, revenue at stake;
/// with a reporting currency, the converted figure, which ranks across currencies.
#[must_use]
pub fn default_sort(board: Board, to: Option<Currency>) -> Option<usize> {
    converted_at(board)
        .filter(|_| to.is_some())
        .or(Some(match board {
            Board::Sales | Board::Partners | Board::Engineers => 2,
            Board::Renewals => 5,
        }))
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub cells: Vec<String>,
    pub keys: Vec<Key>,
    /// Rows sort within their group (engineers above their regions' roll-up, reps
    /// above partners).
    pub group: u8,
    /// The row's currency, which money columns rank within.
    pub currency: String,
    /// What `Enter` opens: a list and its `/` filter.
    pub open: Option<(Entity, String)>,
    /// The detail pane's title: whose figures.
    pub title: String,
    /// Every figure against the previous period, as (label, text).
    pub detail: Vec<(String, String)>,
}

impl Line {
    /// A text cell, sorted case-blind.
    pub fn text(&mut self, shown: impl Into<String>) {
        let shown = shown.into();
        self.keys.push(Key::Text(shown.to_lowercase()));
        self.cells.push(shown);
    }

    /// A figure shown as `shown`, sorted by `key`.
    pub fn num(&mut self, shown: impl Into<String>, key: Option<i64>) {
        self.cells.push(shown.into());
        self.keys.push(key.map_or(Key::Missing, Key::Num));
    }

    pub fn detail(&mut self, label: impl Into<String>, text: impl Into<String>) {
        self.detail.push((label.into(), text.into()));
    }
}

/// `lines` (of a board with `columns`) by column `sort`: within their groups, money within its currency;
/// ties keep the report's order.
#[must_use]
pub fn sorted(
    columns: &[Column],
    mut lines: Vec<Line>,
    sort: Option<usize>,
    descending: bool,
) -> Vec<Line> {
    let money = sort.is_some_and(|c| columns.get(c).is_some_and(|c| c.money));
    lines.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then_with(|| {
                if money {
                    a.currency.cmp(&b.currency)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| {
                let Some(c) = sort else {
                    return std::cmp::Ordering::Equal;
                };
                let o = a.keys.get(c).cmp(&b.keys.get(c));
                if descending { o.reverse() } else { o }
            })
    });
    lines
}
