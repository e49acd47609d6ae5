//! The sort keys a new license carries (its company's name, its product's code, its
//! partner's and rep's names), looked up once per reference for the whole import: the
//! chunked path writes them in the row, so that MySQL's triggers need not look them up
//! row by row (`db::bulk`). The lookups are the export's (`fill_names!`).

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::{NewKeyedLicense, NewLicense};
use crate::db::queries::export::names::fill_names;
use crate::db::schema::{companies, partners, product_codes, sales_reps};

/// The keys read so far, by id.
#[derive(Debug, Default)]
pub(super) struct SortKeys {
    companies: HashMap<i64, String>,
    products: HashMap<i64, String>,
    partners: HashMap<i64, String>,
    reps: HashMap<i64, String>,
}

impl SortKeys {
    /// `rows` with their keys. A reference that is not there fails the chunk, as its
    /// foreign key would.
    pub(super) fn keyed(
        &mut self,
        conn: &mut DbConnection,
        rows: &[NewLicense],
    ) -> QueryResult<Vec<NewKeyedLicense>> {
        fill_names!(
            conn,
            &mut self.companies,
            rows.iter().map(|r| r.company_id),
            companies,
            name
        );
        fill_names!(
            conn,
            &mut self.products,
            rows.iter().map(|r| r.product_code_id),
            product_codes,
            code
        );
        fill_names!(
            conn,
            &mut self.partners,
            rows.iter().filter_map(|r| r.partner_id),
            partners,
            name
        );
        fill_names!(
            conn,
            &mut self.reps,
            rows.iter().filter_map(|r| r.sales_rep_id),
            sales_reps,
            name
        );
        let key = |map: &HashMap<i64, String>, id: i64| {
            map.get(&id).cloned().ok_or(diesel::result::Error::NotFound)
        };
        let optional = |map: &HashMap<i64, String>, id: Option<i64>| {
            id.map_or(Ok(String::new()), |id| key(map, id))
        };
        rows.iter()
            .map(|r| {
                Ok(NewKeyedLicense {
                    company_name: key(&self.companies, r.company_id)?,
                    product_key: key(&self.products, r.product_code_id)?,
                    partner_name: optional(&self.partners, r.partner_id)?,
                    rep_name: optional(&self.reps, r.sales_rep_id)?,
                    license: r.clone(),
                })
            })
            .collect()
    }
}
