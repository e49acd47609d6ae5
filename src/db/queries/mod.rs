//! Read queries: keyset pages per list, details, shared SQL helpers.

pub mod activity;
pub mod audit;
pub mod deployments;
pub mod details;
pub mod export;
pub mod kept;
pub mod license_list;
pub mod licenses;
pub mod list;
pub mod operators;
pub mod options;
pub mod page;
pub mod parties;
pub mod purchases;
pub mod row_value;
pub mod words;

diesel::define_sql_function! {
    /// `SUM` of a BIGINT column loaded as `i64` on both backends (Diesel types it `Numeric`).
    #[aggregate]
    #[sql_name = "SUM"]
    fn sum_bigint(x: diesel::sql_types::BigInt) -> diesel::sql_types::Nullable<diesel::sql_types::BigInt>;
}
