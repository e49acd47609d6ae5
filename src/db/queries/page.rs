//! Keyset paging shared by every list: rows are fetched a page at a time by id, never with
//! OFFSET and never the whole table, so page 1 and page 25,000 cost the same.

/// Which page to fetch, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRequest {
    First,
    Last,
    /// The page that follows the row with this id.
    After(i64),
    /// The page that precedes the row with this id.
    Before(i64),
}

impl PageRequest {
    #[must_use]
    pub fn is_forward(self) -> bool {
        matches!(self, PageRequest::First | PageRequest::After(_))
    }
}

/// One displayed row: its id and its cells, already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: i64,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub rows: Vec<Row>,
    /// More rows exist before the first row of this page.
    pub has_before: bool,
    /// More rows exist after the last row of this page.
    pub has_after: bool,
}

impl Page {
    /// Builds a page from rows fetched in scan order with one row of look-ahead.
    #[must_use]
    pub fn from_scan(mut rows: Vec<Row>, req: PageRequest, limit: usize) -> Self {
        let more = rows.len() > limit;
        rows.truncate(limit);
        if req.is_forward() {
            Page {
                rows,
                has_before: matches!(req, PageRequest::After(_)),
                has_after: more,
            }
        } else {
            rows.reverse();
            Page {
                rows,
                has_before: more,
                has_after: matches!(req, PageRequest::Before(_)),
            }
        }
    }
}

/// Applies the keyset filter, order and limit (+1 look-ahead) for `$req` to a boxed query
/// whose display order is `$id` ascending, or descending when `$desc`.
#[macro_export]
macro_rules! keyset_page {
    ($query:expr, $id:expr, $req:expr, $limit:expr, $desc:expr) => {{
        use $crate::db::queries::page::PageRequest as Req;
        let q = $query;
        let q = match ($req, $desc) {
            (Req::After(k), false) | (Req::Before(k), true) => q.filter($id.gt(k)),
            (Req::After(k), true) | (Req::Before(k), false) => q.filter($id.lt(k)),
            (Req::First | Req::Last, _) => q,
        };
        let ascending_scan = $req.is_forward() != $desc;
        let q = if ascending_scan {
            q.order($id.asc())
        } else {
            q.order($id.desc())
        };
        q.limit(i64::try_from($limit).unwrap_or(i64::MAX).saturating_add(1))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(ids: &[i64]) -> Vec<Row> {
        ids.iter().map(|&id| Row { id, cells: vec![] }).collect()
    }

    #[test]
    fn forward_and_backward_pages() {
        let p = Page::from_scan(rows(&[1, 2, 3]), PageRequest::First, 2);
        assert_eq!(p.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![1, 2]);
        assert!(!p.has_before && p.has_after);
        let p = Page::from_scan(rows(&[9, 8]), PageRequest::Last, 2);
        assert_eq!(p.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![8, 9]);
        assert!(!p.has_before && !p.has_after);
        let p = Page::from_scan(rows(&[4, 3, 2]), PageRequest::Before(5), 2);
        assert_eq!(p.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![3, 4]);
        assert!(p.has_before && p.has_after);
    }
}
