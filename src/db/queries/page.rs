//! Keyset paging shared by every list: rows are fetched a page at a time by (sort value,
//! id), never with OFFSET and never the whole table, so page 1 and page 25,000 cost the same.

use chrono::{NaiveDate, NaiveDateTime};

/// The value of a row in the list's sort column, which the next page continues from.
/// `None` when the list is in id order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    None,
    Int(i32),
    Text(String),
    Date(NaiveDate),
    Time(NaiveDateTime),
    Bool(bool),
    /// A name, then a time (the activity log by company: each company's rows by time).
    TextTime(String, NaiveDateTime),
}

/// Where a page continues from: a row's sort value and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub key: SortKey,
    pub id: i64,
}

impl Cursor {
    /// A cursor of a list in id order.
    #[must_use]
    pub fn id(id: i64) -> Self {
        Cursor {
            key: SortKey::None,
            id,
        }
    }
}

/// Which page to fetch, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRequest {
    First,
    Last,
    /// The page that follows this row.
    After(Cursor),
    /// The page that precedes this row.
    Before(Cursor),
}

impl PageRequest {
    #[must_use]
    pub fn is_forward(&self) -> bool {
        matches!(self, PageRequest::First | PageRequest::After(_))
    }
}

/// One cell of a list row as stored; how it looks is the UI's business (`tui::format`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// A number that names something (an id): shown as stored, never grouped.
    Int(i64),
    /// A number of things (seats added, failed attempts): grouped in thousands on screen.
    Count(i64),
    /// A calendar date; `None` when not set.
    Date(Option<NaiveDate>),
    /// A stored UTC time; `None` when not set.
    Time(Option<NaiveDateTime>),
    /// An amount in minor units and its currency code, as stored.
    Money(i64, String),
    /// Licensed seats as stored: `None` is unlimited.
    Seats(Option<i32>),
    YesNo(bool),
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}

/// Text read lossily (see [`crate::db::text::DbText`]).
impl From<crate::db::text::DbText> for Value {
    fn from(s: crate::db::text::DbText) -> Self {
        Value::Text(s.0)
    }
}

/// An absent name (read lossily) shows as an empty cell.
impl From<Option<crate::db::text::DbText>> for Value {
    fn from(s: Option<crate::db::text::DbText>) -> Self {
        Value::Text(s.map(|t| t.0).unwrap_or_default())
    }
}

/// An absent name shows as an empty cell.
impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Self {
        Value::Text(s.unwrap_or_default())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Self {
        Value::Int(n.into())
    }
}

impl From<NaiveDate> for Value {
    fn from(d: NaiveDate) -> Self {
        Value::Date(Some(d))
    }
}

impl From<Option<NaiveDate>> for Value {
    fn from(d: Option<NaiveDate>) -> Self {
        Value::Date(d)
    }
}

impl From<NaiveDateTime> for Value {
    fn from(t: NaiveDateTime) -> Self {
        Value::Time(Some(t))
    }
}

impl From<Option<NaiveDateTime>> for Value {
    fn from(t: Option<NaiveDateTime>) -> Self {
        Value::Time(t)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::YesNo(b)
    }
}

/// One row of a list: its id and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: i64,
    pub cells: Vec<Value>,
    /// The row's value in the sort column, when the list is sorted by one.
    pub key: SortKey,
}

impl Row {
    /// A row of a list in id order.
    #[must_use]
    pub fn new(id: i64, cells: Vec<Value>) -> Self {
        Row {
            id,
            cells,
            key: SortKey::None,
        }
    }

    #[must_use]
    pub fn cursor(&self) -> Cursor {
        Cursor {
            key: self.key.clone(),
            id: self.id,
        }
    }
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
    pub fn from_scan(mut rows: Vec<Row>, req: &PageRequest, limit: usize) -> Self {
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

/// The LIKE pattern of a filter word or qualifier value: `%text%`, or the whole value
/// when it starts with `=` (`company:="Acme"`, see [`crate::domain::filter::exactly`]);
/// wildcards in `text` are taken literally (escape `\`).
#[must_use]
pub fn contains(text: &str) -> String {
    let (exact, text) = match text.strip_prefix('=') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut p = String::with_capacity(text.len() + 2);
    if !exact {
        p.push('%');
    }
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    if !exact {
        p.push('%');
    }
    p
}

/// Rows loaded by `id IN (ids)` put back in the order of `ids` (the keyset scan's order).
///
/// Lists that join other tables page in two steps: the keyset scan over the list's own
/// table alone, then the joined columns of just those rows. In one joined statement
/// MariaDB 10.11 starts from the smallest joined table and sorts the whole join (2 s for
/// a page of 1M licenses); by ids it is a primary-key lookup.
#[must_use]
pub fn in_order<T>(ids: &[i64], rows: Vec<T>, id: impl Fn(&T) -> i64) -> Vec<T> {
    let mut by_id: std::collections::HashMap<i64, T> =
        rows.into_iter().map(|row| (id(&row), row)).collect();
    ids.iter().filter_map(|i| by_id.remove(i)).collect()
}

/// Applies the keyset filter, order and limit (+1 look-ahead) for `$req` to a boxed query
/// whose display order is `$id` ascending, or descending when `$desc`.
#[macro_export]
macro_rules! keyset_page {
    ($query:expr, $id:expr, $req:expr, $limit:expr, $desc:expr) => {{
        use $crate::db::queries::page::PageRequest as Req;
        let q = $query;
        let q = match (&$req, $desc) {
            (Req::After(k), false) | (Req::Before(k), true) => q.filter($id.gt(k.id)),
            (Req::After(k), true) | (Req::Before(k), false) => q.filter($id.lt(k.id)),
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

/// The type the sort value of a [`SortKey`] variant is loaded as. Text is read lossily
/// ([`crate::db::text::DbText`]): a name holding bytes that are not UTF-8 still sorts
/// and pages instead of failing the list.
#[macro_export]
macro_rules! sort_value {
    (Text) => {
        $crate::db::text::DbText
    };
    (Int) => {
        i32
    };
    (Date) => {
        chrono::NaiveDate
    };
    (Time) => {
        chrono::NaiveDateTime
    };
    (Bool) => {
        bool
    };
}

/// Keyset condition, order and limit (+1 look-ahead) on the sort expression `$e` then the
/// id `$id`, loading `(id, value)` pairs; `$variant` is the [`SortKey`] variant of the
/// value. A cursor of another variant (the sort changed) starts from the list's end.
///
/// The condition is written as a range on `$e` first, `e >= k AND (e > k OR id > i)`
/// (upwards), so that both backends start an index scan on `$e` at the cursor instead of
/// filtering from the list's end.
#[macro_export]
macro_rules! keyset_sorted {
    ($conn:expr, $q:expr, $e:expr, $id:expr, $variant:ident, $req:expr, $limit:expr, $desc:expr) => {{
        use $crate::db::queries::page::{PageRequest, SortKey};
        let q = $q;
        let req: &PageRequest = $req;
        let cursor = match req {
            PageRequest::After(c) | PageRequest::Before(c) => match &c.key {
                SortKey::$variant(k) => Some((k.clone(), c.id)),
                _ => None,
            },
            PageRequest::First | PageRequest::Last => None,
        };
        let upward = matches!(req, PageRequest::After(_)) != $desc;
        let q = match cursor {
            Some((k, id)) if upward => q.filter($e.ge(k.clone()).and($e.gt(k).or($id.gt(id)))),
            Some((k, id)) => q.filter($e.le(k.clone()).and($e.lt(k).or($id.lt(id)))),
            None => q,
        };
        let ascending = req.is_forward() != $desc;
        let q = if ascending {
            q.order(($e.asc(), $id.asc()))
        } else {
            q.order(($e.desc(), $id.desc()))
        };
        q.limit(i64::try_from($limit).unwrap_or(i64::MAX).saturating_add(1))
            .load::<(i64, $crate::sort_value!($variant))>($conn)?
            .into_iter()
            .map(|(id, k)| (id, SortKey::$variant(k.into())))
            .collect::<Vec<(i64, SortKey)>>()
    }};
}

/// One page of a list that joins other tables, in the two steps [`in_order`] explains:
/// `$ids` (the boxed, maybe filtered, `SELECT id` of the list's own table) is paged, then
/// `$joined` (not boxed, not ordered) is loaded as `Vec<$row>` for those ids only.
/// `$row` is a tuple whose first field is the id.
#[macro_export]
macro_rules! joined_page {
    ($conn:expr, $ids:expr, $id:expr, $joined:expr, $row:ty, $req:expr, $limit:expr, $desc:expr) => {{
        let ids: Vec<i64> = $crate::keyset_page!($ids, $id, $req, $limit, $desc).load($conn)?;
        let rows: Vec<$row> = $joined.filter($id.eq_any(&ids)).load($conn)?;
        $crate::db::queries::page::in_order(&ids, rows, |r: &$row| r.0)
    }};
}

/// `$q` filtered by `$column <cmp> $date`, for the date qualifiers of the lists' filters.
#[macro_export]
macro_rules! date_filter {
    ($q:expr, $column:expr, $cmp:expr, $date:expr) => {{
        use $crate::domain::filter::Cmp;
        let (q, d) = ($q, $date);
        match $cmp {
            Cmp::Lt => q.filter($column.lt(d)),
            Cmp::Le => q.filter($column.le(d)),
            Cmp::Eq => q.filter($column.eq(d)),
            Cmp::Ge => q.filter($column.ge(d)),
            Cmp::Gt => q.filter($column.gt(d)),
        }
    }};
}

/// `SELECT id FROM licenses WHERE company_id IN (companies whose name is LIKE $pattern)`:
/// the company qualifier and free words of the lists keyed by a licence.
#[macro_export]
macro_rules! license_ids_of_companies {
    ($pattern:expr) => {{
        use $crate::db::schema::{companies, licenses};
        licenses::table
            .filter(
                licenses::company_id.eq_any(
                    companies::table
                        .filter(companies::name.like($pattern).escape('\\'))
                        .select(companies::id),
                ),
            )
            .select(licenses::id)
    }};
}

/// `$q` filtered by the free words of `$query`: each word matches `$text` (a column of
/// the list's own table), the license key, or the company name, the last two through
/// `$license_id`. The lists keyed by a license (purchases, deployments) share this.
#[macro_export]
macro_rules! words_filter {
    ($q:expr, $query:expr, $text:expr, $license_id:expr) => {{
        use $crate::db::schema::licenses;
        let mut q = $q;
        for word in &$query.filter.words {
            let p = $crate::db::queries::page::contains(word);
            q = q.filter(
                $text
                    .like(p.clone())
                    .escape('\\')
                    .or($license_id.eq_any(
                        licenses::table
                            .filter(licenses::license_key.like(p.clone()).escape('\\'))
                            .select(licenses::id),
                    ))
                    .or($license_id.eq_any($crate::license_ids_of_companies!(p))),
            );
        }
        q
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(ids: &[i64]) -> Vec<Row> {
        ids.iter().map(|&id| Row::new(id, vec![])).collect()
    }

    #[test]
    fn forward_and_backward_pages() {
        let p = Page::from_scan(rows(&[1, 2, 3]), &PageRequest::First, 2);
        assert_eq!(p.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![1, 2]);
        assert!(!p.has_before && p.has_after);
        let p = Page::from_scan(rows(&[9, 8]), &PageRequest::Last, 2);
        assert_eq!(p.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![8, 9]);
        assert!(!p.has_before && !p.has_after);
        let p = Page::from_scan(rows(&[4, 3, 2]), &PageRequest::Before(Cursor::id(5)), 2);
        assert_eq!(p.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![3, 4]);
        assert!(p.has_before && p.has_after);
    }

    #[test]
    fn like_patterns_contain_or_match_exactly() {
        assert_eq!(contains("acme"), "%acme%");
        assert_eq!(contains("100%_x\\"), "%100\\%\\_x\\\\%");
        assert_eq!(contains("=Acme GmbH"), "Acme GmbH");
        assert_eq!(contains("=50%"), "50\\%");
    }
}
