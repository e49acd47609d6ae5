//! One record of a file read into its fields' values by the mapping and the cell rules.
//! Every cell is read, so a row's report names all its bad cells at once.

use chrono::{NaiveDate, NaiveDateTime};

use super::cells::CellRules;
use super::fields::{Field, Kind};
use super::mapping::Mapping;
use super::reader::Record;
use crate::domain::license::Seats;
use crate::domain::money::{Currency, Money};

/// A cell's value as its field reads it. References stay text until the service finds
/// what they name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    Text(String),
    Date(NaiveDate),
    Time(NaiveDateTime),
    Money(Money),
    Currency(Currency),
    Seats(Seats),
    Count(i64),
    Rate(crate::domain::Rate),
    Flag(bool),
    Ref(String),
}

/// What a row says about one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// No column feeds the field: an update keeps the stored value.
    Absent,
    /// The cell is empty: the field is emptied.
    Empty,
    Given(Val),
}

/// A record read: a slot per field of the target, in [`crate::import::fields::Target::fields`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub slots: Vec<Slot>,
}

/// A cell that cannot be read: where, what it holds, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The column's header (or its field's name when no column feeds it).
    pub column: String,
    pub value: String,
    pub why: String,
}

impl Row {
    /// The slot of the field `name`.
    #[must_use]
    pub fn slot(&self, mapping: &Mapping, name: &str) -> &Slot {
        mapping
            .target
            .fields()
            .iter()
            .position(|f| f.name == name)
            .map_or(&Slot::Absent, |i| &self.slots[i])
    }
}

/// A text cell as stored: surrounding blanks removed, and the apostrophe `lms export`
/// puts before a formula-like text taken off again.
fn text(cell: &str) -> String {
    crate::domain::text::restore_formula(cell.trim()).into_owned()
}

fn flag(cell: &str) -> Result<bool, String> {
    match cell.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        other => Err(format!("{other:?} is not yes or no (true/false, 1/0)")),
    }
}

fn count(cell: &str) -> Result<i64, String> {
    cell.trim()
        .parse::<i64>()
        .map_err(|_| format!("{:?} is not a whole number", cell.trim()))
}

/// Reads `record` by `mapping`: a slot per field, or every cell that cannot be read.
///
/// # Errors
/// The cells that cannot be read, each with its column, value and reason.
pub fn read(mapping: &Mapping, rules: &CellRules, record: &Record) -> Result<Row, Vec<CellError>> {
    let fields = mapping.target.fields();
    let cell_of = |name: &str| {
        mapping
            .column_of(name)
            .map(|i| record.cells.get(i).map_or("", String::as_str))
    };
    let mut errors = Vec::new();
    let mut error = |field: &Field, value: &str, why: String| {
        let column = mapping
            .column_of(field.name)
            .map_or(field.name, |i| mapping.headers[i].as_str());
        errors.push(CellError {
            column: column.to_owned(),
            value: value.to_owned(),
            why,
        });
    };
    // Money is read in the row's currency, so that is read first.
    let currency = match cell_of("currency").map(str::trim) {
        Some(c) if !c.is_empty() => match c.parse::<Currency>() {
            Ok(cur) => Some(cur),
            Err(e) => {
                if let Some(f) = fields.iter().find(|f| f.name == "currency") {
                    error(f, c, e.to_string());
                }
                None
            }
        },
        _ => None,
    };
    let mut slots = Vec::with_capacity(fields.len());
    for field in fields {
        let Some(cell) = cell_of(field.name) else {
            slots.push(Slot::Absent);
            continue;
        };
        if cell.trim().is_empty() {
            slots.push(Slot::Empty);
            continue;
        }
        let value = match field.kind {
            Kind::Text | Kind::Email => Ok(Some(Val::Text(text(cell)))),
            Kind::Ref(_) => Ok(Some(Val::Ref(text(cell)))),
            Kind::Date => rules.date(cell).map(|d| d.map(Val::Date)),
            Kind::Timestamp => rules.timestamp(cell).map(|t| t.map(Val::Time)),
            Kind::Money => rules.money(cell, currency).map(|m| m.map(Val::Money)),
            // The row's `currency` is read above; another currency field reads its own.
            Kind::Currency if field.name == "currency" => Ok(currency.map(Val::Currency)),
            Kind::Currency => cell
                .parse::<Currency>()
                .map(|c| Some(Val::Currency(c)))
                .map_err(|e| e.to_string()),
            Kind::Rate => rules.rate(cell).map(|r| r.map(Val::Rate)),
            Kind::Seats => rules.seats(cell).map(|s| s.map(Val::Seats)),
            Kind::Count => count(cell).map(|n| Some(Val::Count(n))),
            Kind::Flag => flag(cell).map(|b| Some(Val::Flag(b))),
        };
        match value {
            Ok(Some(v)) => slots.push(Slot::Given(v)),
            Ok(None) => slots.push(Slot::Empty),
            Err(why) => {
                // The row currency's own error is already listed.
                if field.name != "currency" {
                    error(field, cell, why);
                }
                slots.push(Slot::Empty);
            }
        }
    }
    if errors.is_empty() {
        Ok(Row {
            line: record.line,
            slots,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[path = "values/tests.rs"]
mod tests;
