//! A report in words, the same for `lms import` and the TUI's Import screen. The text
//! quotes the file: callers neutralise it for where it is shown.

use std::path::Path;

use super::{Change, Outcome, Report, Totals};
use crate::import::rejects::error_text;

/// One line per update (then one per changed field) and one per error, in file order.
#[must_use]
pub fn details(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for row in &report.rows {
        match &row.outcome {
            Outcome::Update(changes) => {
                lines.push(format!("line {}: update", row.line));
                lines.extend(changes.iter().map(change));
            }
            Outcome::Error(errors) => lines.extend(
                errors
                    .iter()
                    .map(|e| format!("line {}: error: {}", row.line, error_text(e))),
            ),
            Outcome::New | Outcome::Unchanged => {}
        }
    }
    lines
}

fn change(c: &Change) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(empty)".to_owned());
    format!("    {}: {} -> {}", c.field, show(&c.before), show(&c.after))
}

/// The headers no field read, or `None` when every column was read.
#[must_use]
pub fn skipped(report: &Report) -> Option<String> {
    (!report.skipped_columns.is_empty()).then(|| {
        let names: Vec<String> = report
            .skipped_columns
            .iter()
            .map(|c| format!("{c:?}"))
            .collect();
        format!("columns not read: {}", names.join(", "))
    })
}

#[must_use]
pub fn totals(t: &Totals) -> String {
    let rows = t.rows();
    format!(
        "{rows} {}: {} new, {} updated, {} unchanged, {} with errors",
        if rows == 1 { "row" } else { "rows" },
        t.new,
        t.updated,
        t.unchanged,
        t.errors
    )
}

/// What became of the database; `fix` is how to import the good rows anyway.
#[must_use]
pub fn verdict(report: &Report, dry_run: bool, rejects: Option<&Path>, fix: &str) -> String {
    let t = report.totals;
    if dry_run {
        "dry run: nothing was written".to_owned()
    } else if report.committed && t.errors > 0 {
        let path = rejects.map_or_else(String::new, |p| p.display().to_string());
        if t.errors == 1 {
            format!("imported the good rows; the bad row is in {path}")
        } else {
            format!(
                "imported the good rows; the {} bad rows are in {path}",
                t.errors
            )
        }
    } else if report.committed {
        "imported".to_owned()
    } else {
        format!("nothing was written: fix the rows above, or {fix} to import the good rows")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_is_one_row() {
        let one = Totals {
            new: 1,
            ..Totals::default()
        };
        assert_eq!(
            totals(&one),
            "1 row: 1 new, 0 updated, 0 unchanged, 0 with errors"
        );
        let two = Totals { errors: 1, ..one };
        assert!(totals(&two).starts_with("2 rows: "));
        let report = |errors| Report {
            totals: Totals {
                errors,
                ..Totals::default()
            },
            committed: true,
            ..Report::default()
        };
        let path = Path::new("in.csv.rejects.csv");
        assert_eq!(
            verdict(&report(1), false, Some(path), ""),
            "imported the good rows; the bad row is in in.csv.rejects.csv"
        );
        assert_eq!(
            verdict(&report(3), false, Some(path), ""),
            "imported the good rows; the 3 bad rows are in in.csv.rejects.csv"
        );
    }
}
