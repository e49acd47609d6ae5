//! Counts and totals answered by the money kept per company and currency
//! (`company_money`, exact in the transaction of every purchase and company change; see
//! `db::money_summary`): a few rows per company instead of every matching purchase or
//! licence.

use super::list::ListQuery;
use crate::domain::filter::{Qualifier, Term};

/// No free word, and only `currency:` and `company:` terms: what `company_money`'s key
/// can filter on.
pub(crate) fn only_company_and_currency(query: &ListQuery) -> bool {
    query.filter.words.is_empty()
        && query.filter.terms.iter().all(|t| {
            matches!(
                t,
                Term::Currency(_)
                    | Term::Name(Qualifier::Company, _)
                    | Term::Id(Qualifier::Company, _)
            )
        })
}

/// How many `currency:` terms `query` has.
pub(crate) fn currency_terms(query: &ListQuery) -> usize {
    query
        .filter
        .terms
        .iter()
        .filter(|t| matches!(t, Term::Currency(_)))
        .count()
}

/// `$q` (boxed, over `company_money`) under the terms [`only_company_and_currency`]
/// allows; rows without purchases are left out. A purchase's company is its licence's.
#[macro_export]
macro_rules! kept_filtered {
    ($q:expr, $query:expr) => {{
        use $crate::db::queries::page::contains;
        use $crate::db::schema::{companies, company_money};
        use $crate::domain::filter::Term;
        let query: &$crate::db::queries::list::ListQuery = $query;
        let mut q = $q.filter(company_money::purchases.gt(0));
        for term in &query.filter.terms {
            q = match term {
                Term::Currency(c) => q.filter(company_money::currency.eq(c.code().to_owned())),
                Term::Name(_, n) => q.filter(
                    company_money::company_id.eq_any(
                        companies::table
                            .filter(companies::name.like(contains(n)).escape('\\'))
                            .select(companies::id),
                    ),
                ),
                Term::Id(_, id) => q.filter(company_money::company_id.eq(*id)),
                _ => q,
            };
        }
        q
    }};
}
