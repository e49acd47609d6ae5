//! The records `lms export` writes, loaded for the ids of one page of a list at a time
//! (the keyset walk over the list is the caller's), in the order of those ids. Each row's
//! cells follow its entity's export columns: for the importable entities the fields of
//! `import::fields::Target::exported()`, references by natural key (company name, partner
//! name, rep e-mail, product code, license key, portal user id), so a file imports back.
//!
//! Callers keep `ids` to a few hundred: MariaDB turns longer `IN` lists into a derived
//! table and may then scan.

pub mod activity;
pub mod licenses;
pub mod names;
pub mod parties;

use super::page::{Value, in_order};

/// Rows loaded by id put in the order of `ids`, each made into its cells.
fn cells_in_order<T>(
    ids: &[i64],
    rows: Vec<T>,
    id: impl Fn(&T) -> i64,
    cells: impl Fn(T) -> Vec<Value>,
) -> Vec<Vec<Value>> {
    in_order(ids, rows, id).into_iter().map(cells).collect()
}
