//! The names an exported license refers to (company, product code, partner, rep e-mail),
//! looked up by id as rows first need them and kept for the rest of the export: a few
//! thousand reference records serve a million licenses, and the licenses are read by
//! range without joins (a join per row costs MariaDB more than the row itself).

use std::collections::{BTreeSet, HashMap};

use diesel::prelude::*;

use super::super::license_list::Record;
use super::super::page::SortKey;
use crate::db::DbConnection;
use crate::db::schema::{companies, partners, product_codes, sales_reps};
use crate::db::text::DbText;

/// Names kept at most; past that the cache starts again, so memory stays bounded even
/// with millions of reference records.
const MAX_KEPT: usize = 200_000;

/// Ids per lookup (MariaDB plans longer `IN` lists as a derived table).
const CHUNK: usize = 500;

/// Names of referenced records by id.
#[derive(Debug, Default)]
pub struct Names {
    companies: HashMap<i64, String>,
    products: HashMap<i64, String>,
    partners: HashMap<i64, String>,
    reps: HashMap<i64, String>,
}

/// Loads into `$map` the `$column` of the `$table` rows of `$ids` it lacks.
macro_rules! fill {
    ($conn:expr, $map:expr, $ids:expr, $table:ident, $column:ident) => {{
        let map: &mut HashMap<i64, String> = $map;
        let missing: Vec<i64> = $ids
            .filter(|id| !map.contains_key(id))
            .collect::<BTreeSet<i64>>()
            .into_iter()
            .collect();
        if map.len() + missing.len() > MAX_KEPT {
            map.clear();
        }
        for chunk in missing.chunks(CHUNK) {
            let found: Vec<(i64, DbText)> = $table::table
                .filter($table::id.eq_any(chunk))
                .select(($table::id, $table::$column))
                .load($conn)?;
            map.extend(found.into_iter().map(|(id, name)| (id, name.0)));
        }
    }};
}

impl Names {
    /// Loads the names the licenses `rows` (read by
    /// [`export_scan`](super::super::license_list::export_scan)) refer to and lacks.
    ///
    /// # Errors
    /// Database errors.
    pub fn fill(
        &mut self,
        conn: &mut DbConnection,
        rows: &[(i64, SortKey, Record)],
    ) -> QueryResult<()> {
        fill!(
            conn,
            &mut self.companies,
            rows.iter().map(|r| r.2.1),
            companies,
            name
        );
        fill!(
            conn,
            &mut self.products,
            rows.iter().map(|r| r.2.2),
            product_codes,
            code
        );
        fill!(
            conn,
            &mut self.partners,
            rows.iter().filter_map(|r| r.2.3),
            partners,
            name
        );
        fill!(
            conn,
            &mut self.reps,
            rows.iter().filter_map(|r| r.2.4),
            sales_reps,
            email
        );
        Ok(())
    }

    /// A company's name ("" when unknown).
    #[must_use]
    pub fn company(&self, id: i64) -> &str {
        self.companies.get(&id).map_or("", String::as_str)
    }

    /// A product's code.
    #[must_use]
    pub fn product(&self, id: i64) -> &str {
        self.products.get(&id).map_or("", String::as_str)
    }

    /// A partner's name; "" for none.
    #[must_use]
    pub fn partner(&self, id: Option<i64>) -> &str {
        id.and_then(|i| self.partners.get(&i))
            .map_or("", String::as_str)
    }

    /// A rep's e-mail; "" for none.
    #[must_use]
    pub fn rep(&self, id: Option<i64>) -> &str {
        id.and_then(|i| self.reps.get(&i))
            .map_or("", String::as_str)
    }
}
