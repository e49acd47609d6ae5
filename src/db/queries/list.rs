//! What a list shows, shared by every list query (licenses, purchases, deployments): the
//! filter, the order and the day `expiring:` counts from.

use chrono::NaiveDate;

use crate::domain::filter::Filter;

/// A list's order: a column of its cells (by index), then the id (same direction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

/// What a list shows: the filter, the order, and the day `expiring:` counts from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub filter: Filter,
    pub sort: Sort,
    pub today: Option<NaiveDate>,
}

impl ListQuery {
    /// The unfiltered list in its natural order: money and work newest first.
    #[must_use]
    pub fn newest_first() -> Self {
        ListQuery {
            sort: Sort {
                column: 0,
                descending: true,
            },
            ..ListQuery::default()
        }
    }
}
