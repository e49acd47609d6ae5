//! The names an exported license refers to (company, product code, partner, rep e-mail),
//! looked up by id as rows first need them and kept for the rest of the export: a few
//! thousand reference records serve a million licenses, and the licenses are read by
//! range without joins (a join per row costs MariaDB more than the row itself).

use std::collections::HashMap;

use diesel::prelude::*;

use super::super::license_list::Record;
use super::super::page::SortKey;
use crate::db::DbConnection;
use crate::db::schema::{companies, partners, product_codes, sales_reps};

/// Names kept at most; past that the cache starts again, so memory stays bounded even
/// with millions of reference records.
pub(crate) const MAX_KEPT: usize = 200_000;

/// Ids per lookup (MariaDB plans longer `IN` lists as a derived table).
pub(crate) const CHUNK: usize = 500;

/// Names of referenced records by id.
#[derive(Debug, Default)]
pub struct Names {
    companies: HashMap<i64, String>,
    products: HashMap<i64, String>,
    partners: HashMap<i64, String>,
    reps: HashMap<i64, String>,
}

/// Loads into `$map` (a `HashMap<i64, String>`) the `$column` of the `$table` rows of
/// `$ids` it lacks, bytes that are not UTF-8 replaced. The map starts again first when
/// it would pass [`MAX_KEPT`]; every id asked for is then loaded again.
macro_rules! fill_names {
    ($conn:expr, $map:expr, $ids:expr, $table:ident, $column:ident) => {{
        let map: &mut std::collections::HashMap<i64, String> = $map;
        let ids: std::collections::BTreeSet<i64> = $ids.collect();
        if map.len() + ids.len() > $crate::db::queries::export::names::MAX_KEPT {
            map.clear();
        }
        let missing: Vec<i64> = ids.into_iter().filter(|id| !map.contains_key(id)).collect();
        for chunk in missing.chunks($crate::db::queries::export::names::CHUNK) {
            let found: Vec<(i64, $crate::db::text::DbText)> = $table::table
                .filter($table::id.eq_any(chunk))
                .select(($table::id, $table::$column))
                .load($conn)?;
            map.extend(found.into_iter().map(|(id, name)| (id, name.0)));
        }
    }};
}
pub(crate) use fill_names;

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
        fill_names!(
            conn,
            &mut self.companies,
            rows.iter().map(|r| r.2.1),
            companies,
            name
        );
        fill_names!(
            conn,
            &mut self.products,
            rows.iter().map(|r| r.2.2),
            product_codes,
            code
        );
        fill_names!(
            conn,
            &mut self.partners,
            rows.iter().filter_map(|r| r.2.3),
            partners,
            name
        );
        fill_names!(
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::HashMap;

    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    use super::MAX_KEPT;
    use crate::config::DatabaseUrl;
    use crate::db::DbConnection;
    use crate::db::schema::companies;

    fn fill(conn: &mut DbConnection, map: &mut HashMap<i64, String>, ids: &[i64]) {
        fn run(
            conn: &mut DbConnection,
            map: &mut HashMap<i64, String>,
            ids: &[i64],
        ) -> QueryResult<()> {
            fill_names!(conn, map, ids.iter().copied(), companies, name);
            Ok(())
        }
        run(conn, map, ids).unwrap();
    }

    /// A full cache starts again and names every id asked for, the ones it held too.
    #[test]
    fn a_full_cache_starts_again_with_every_id_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = DbConnection::open(&DatabaseUrl::Sqlite(dir.path().join("t.db"))).unwrap();
        conn.migrate().unwrap();
        conn.batch_execute(
            "INSERT INTO companies (id, name, country, contact_email, notes, archived, \
             version, created_at, updated_at) VALUES \
             (1, 'Acme', 'DE', '', '', 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00'), \
             (2, 'Borealis', 'FI', '', '', 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
        )
        .unwrap();
        let mut map = HashMap::new();
        fill(&mut conn, &mut map, &[1]);
        assert_eq!(map[&1], "Acme");
        // Fill it to the brim with other names: asking for 1 and 2 passes the bound.
        map.extend((100..).take(MAX_KEPT - 1).map(|id| (id, String::new())));
        fill(&mut conn, &mut map, &[1, 2]);
        assert_eq!(map.len(), 2, "started again");
        assert_eq!((map[&1].as_str(), map[&2].as_str()), ("Acme", "Borealis"));
    }
}
