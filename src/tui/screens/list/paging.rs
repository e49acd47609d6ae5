//! The client side of keyset paging for one tab: the page on screen, the selection, where
//! the page sits in the whole list (so "row X of N" needs no OFFSET), and the page request
//! in flight. Pure state, no IO: navigation returns the request to send.

use crate::db::queries::list::ListQuery;
use crate::db::queries::page::{Page, PageRequest, Row};
use crate::db::queries::purchases::CurrencyTotal;
use crate::service::browse::Entity;

/// Where the page on screen sits, counted from whichever end it was reached from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The first row of the page has this many rows before it.
    Top(u64),
    /// The last row of the page has this many rows after it.
    Bottom(u64),
}

/// Where a requested page will sit, known before its length is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Top(u64),
    Bottom(u64),
    /// This many rows from the page's first row to the end of the list, inclusive.
    TopFromEnd(u64),
    /// This many rows from the start of the list to the page's last row, inclusive.
    BottomFromStart(u64),
}

impl Target {
    #[must_use]
    pub fn resolve(self, len: u64) -> Anchor {
        match self {
            Target::Top(o) => Anchor::Top(o),
            Target::Bottom(a) => Anchor::Bottom(a),
            Target::TopFromEnd(q) => Anchor::Bottom(q.saturating_sub(len)),
            Target::BottomFromStart(b) => Anchor::Top(b.saturating_sub(len)),
        }
    }
}

impl Anchor {
    /// The 0-based position of the page's first row, when it can be known.
    #[must_use]
    pub fn first_offset(self, len: u64, total: Option<u64>) -> Option<u64> {
        match self {
            Anchor::Top(o) => Some(o),
            Anchor::Bottom(a) => total.map(|n| n.saturating_sub(a.saturating_add(len))),
        }
    }

    fn next(self, len: u64) -> Target {
        match self {
            Anchor::Top(o) => Target::Top(o.saturating_add(len)),
            Anchor::Bottom(a) => Target::TopFromEnd(a),
        }
    }

    fn prev(self, len: u64) -> Target {
        match self {
            Anchor::Top(o) => Target::BottomFromStart(o),
            Anchor::Bottom(a) => Target::Bottom(a.saturating_add(len)),
        }
    }

    /// The same page again (perhaps with another limit): its fixed edge stays.
    fn again(self, len: u64, forward: bool) -> Target {
        match (self, forward) {
            (Anchor::Top(o), true) => Target::Top(o),
            (Anchor::Bottom(a), true) => Target::TopFromEnd(a.saturating_add(len)),
            (Anchor::Bottom(a), false) => Target::Bottom(a),
            (Anchor::Top(o), false) => Target::BottomFromStart(o.saturating_add(len)),
        }
    }
}

/// Which row to select when a page arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Select {
    First,
    Last,
    Index(usize),
    /// This row if it is on the page, else the index.
    Id(i64, usize),
}

/// A page request in flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    pub req: PageRequest,
    pub target: Target,
    pub select: Select,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub seq: u64,
    pub fetch: Fetch,
}

/// What a navigation key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nav {
    /// Nothing to do (an edge of the list, or a page already on its way).
    None,
    /// The selection moved within the page.
    Moved,
    Fetch(Fetch),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabState {
    pub entity: Entity,
    /// The page on screen; `None` until the first one arrives.
    pub page: Option<Page>,
    pub req: PageRequest,
    pub anchor: Anchor,
    pub selected: usize,
    /// Rows in the whole list, from the background count.
    pub total: Option<u64>,
    pub pending: Option<Pending>,
    pub count_seq: Option<u64>,
    pub error: Option<String>,
    /// Filter and sort, kept while the operator switches tabs.
    pub query: ListQuery,
    /// The filter as typed (shown in the prompt and the title).
    pub filter_text: String,
    /// Purchases tab: cost and revenue per currency of what the filter matches.
    pub totals: Option<Vec<CurrencyTotal>>,
    pub totals_seq: Option<u64>,
}

impl TabState {
    #[must_use]
    pub fn new(entity: Entity) -> Self {
        TabState {
            entity,
            page: None,
            req: PageRequest::First,
            anchor: Anchor::Top(0),
            selected: 0,
            total: None,
            pending: None,
            count_seq: None,
            error: None,
            query: entity.default_query(),
            filter_text: String::new(),
            totals: None,
            totals_seq: None,
        }
    }

    /// A tab showing `page` as the first page of a list of `total` rows.
    #[must_use]
    pub fn with_page(entity: Entity, page: Page, total: Option<u64>) -> Self {
        TabState {
            page: Some(page),
            total,
            ..TabState::new(entity)
        }
    }

    fn rows(&self) -> &[Row] {
        self.page.as_ref().map_or(&[], |p| p.rows.as_slice())
    }

    fn len(&self) -> u64 {
        u64::try_from(self.rows().len()).unwrap_or(u64::MAX)
    }

    #[must_use]
    pub fn selected_row(&self) -> Option<&Row> {
        self.rows().get(self.selected)
    }

    #[must_use]
    pub fn selected_id(&self) -> Option<i64> {
        self.selected_row().map(|r| r.id)
    }

    /// (row, total) for "row X of N", 1-based; either may be unknown.
    #[must_use]
    pub fn position(&self) -> (Option<u64>, Option<u64>) {
        if self.rows().is_empty() {
            return (None, self.total);
        }
        let first = self.anchor.first_offset(self.len(), self.total);
        let sel = u64::try_from(self.selected).unwrap_or(0);
        let row = first.map(|f| f.saturating_add(sel).saturating_add(1));
        // A count older than the page must not say "row 12 of 10".
        let total = match (row, self.total) {
            (Some(r), Some(n)) => Some(n.max(r)),
            (_, n) => n,
        };
        (row, total)
    }

    fn busy(&self) -> bool {
        self.pending.is_some()
    }

    pub fn down(&mut self) -> Nav {
        let Some(page) = &self.page else {
            return Nav::None;
        };
        if self.selected + 1 < page.rows.len() {
            self.selected += 1;
            return Nav::Moved;
        }
        match page.rows.last() {
            Some(last) if page.has_after && !self.busy() => Nav::Fetch(Fetch {
                req: PageRequest::After(last.cursor()),
                target: self.anchor.next(self.len()),
                select: Select::First,
            }),
            _ => Nav::None,
        }
    }

    pub fn up(&mut self) -> Nav {
        let Some(page) = &self.page else {
            return Nav::None;
        };
        if self.selected > 0 {
            self.selected -= 1;
            return Nav::Moved;
        }
        match page.rows.first() {
            Some(first) if page.has_before && !self.busy() => Nav::Fetch(Fetch {
                req: PageRequest::Before(first.cursor()),
                target: self.anchor.prev(self.len()),
                select: Select::Last,
            }),
            _ => Nav::None,
        }
    }

    pub fn page_down(&mut self) -> Nav {
        let Some(page) = &self.page else {
            return Nav::None;
        };
        match page.rows.last() {
            Some(last) if page.has_after => {
                if self.busy() {
                    return Nav::None;
                }
                Nav::Fetch(Fetch {
                    req: PageRequest::After(last.cursor()),
                    target: self.anchor.next(self.len()),
                    select: Select::Index(self.selected),
                })
            }
            _ => self.select_local(page.rows.len().saturating_sub(1)),
        }
    }

    pub fn page_up(&mut self) -> Nav {
        let Some(page) = &self.page else {
            return Nav::None;
        };
        match page.rows.first() {
            Some(first) if page.has_before => {
                if self.busy() {
                    return Nav::None;
                }
                Nav::Fetch(Fetch {
                    req: PageRequest::Before(first.cursor()),
                    target: self.anchor.prev(self.len()),
                    select: Select::Index(self.selected),
                })
            }
            _ => self.select_local(0),
        }
    }

    pub fn first(&mut self) -> Nav {
        match &self.page {
            Some(page) if !page.has_before && self.pending.is_none() => self.select_local(0),
            _ => Nav::Fetch(Self::first_fetch()),
        }
    }

    pub fn last(&mut self) -> Nav {
        match &self.page {
            Some(page) if !page.has_after && self.pending.is_none() => {
                self.select_local(page.rows.len().saturating_sub(1))
            }
            _ => Nav::Fetch(Self::last_fetch()),
        }
    }

    /// The page on screen again, keeping the selected row (for reload and resize).
    #[must_use]
    pub fn again(&self) -> Fetch {
        Fetch {
            req: self.req.clone(),
            target: self.anchor.again(self.len(), self.req.is_forward()),
            select: match self.selected_id() {
                Some(id) => Select::Id(id, self.selected),
                None => Select::Index(self.selected),
            },
        }
    }

    fn select_local(&mut self, index: usize) -> Nav {
        if self.selected == index {
            Nav::None
        } else {
            self.selected = index;
            Nav::Moved
        }
    }

    /// Applies a page reply. Returns `Some(fetch)` when the page came back empty although the
    /// list may not be (rows deleted meanwhile): then the nearest end is fetched instead.
    pub fn apply(&mut self, seq: u64, result: Result<Page, String>) -> Option<Fetch> {
        if self.pending.as_ref().is_none_or(|p| p.seq != seq) {
            return None;
        }
        let pending = self.pending.take()?;
        let fetch = pending.fetch;
        let page = match result {
            Ok(page) => page,
            Err(e) => {
                self.error = Some(e);
                return None;
            }
        };
        self.error = None;
        if page.rows.is_empty() {
            match fetch.req {
                PageRequest::After(_) => return Some(Self::last_fetch()),
                PageRequest::Before(_) => return Some(Self::first_fetch()),
                PageRequest::First | PageRequest::Last => {}
            }
        }
        let len = page.rows.len();
        self.selected = match fetch.select {
            Select::First => 0,
            Select::Last => len.saturating_sub(1),
            Select::Index(i) => i.min(len.saturating_sub(1)),
            Select::Id(id, i) => page
                .rows
                .iter()
                .position(|r| r.id == id)
                .unwrap_or_else(|| i.min(len.saturating_sub(1))),
        };
        self.anchor = fetch.target.resolve(u64::try_from(len).unwrap_or(u64::MAX));
        self.req = fetch.req;
        self.page = Some(page);
        None
    }

    /// The first page.
    #[must_use]
    pub fn first_fetch() -> Fetch {
        Fetch {
            req: PageRequest::First,
            target: Target::Top(0),
            select: Select::First,
        }
    }

    /// The last page, its last row selected.
    #[must_use]
    pub fn last_fetch() -> Fetch {
        Fetch {
            req: PageRequest::Last,
            target: Target::Bottom(0),
            select: Select::Last,
        }
    }

    /// Applies a count reply; returns its error, if it is current and failed.
    pub fn apply_count(&mut self, seq: u64, result: Result<u64, String>) -> Option<String> {
        if self.count_seq != Some(seq) {
            return None;
        }
        self.count_seq = None;
        match result {
            Ok(n) => {
                self.total = Some(n);
                None
            }
            Err(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of ids 1..=n paged like the server does.
    fn serve(n: i64, req: &PageRequest, limit: usize) -> Page {
        let ids: Vec<i64> = match req {
            PageRequest::First => (1..=n).take(limit + 1).collect(),
            PageRequest::After(k) => (k.id + 1..=n).take(limit + 1).collect(),
            PageRequest::Last => (1..=n).rev().take(limit + 1).collect(),
            PageRequest::Before(k) => (1..k.id).rev().take(limit + 1).collect(),
        };
        let rows = ids
            .into_iter()
            .map(|id| Row::new(id, vec![id.into()]))
            .collect();
        Page::from_scan(rows, req, limit)
    }

    fn run(tab: &mut TabState, nav: Nav, n: i64, seq: &mut u64) {
        if let Nav::Fetch(mut fetch) = nav {
            loop {
                *seq += 1;
                let page = serve(n, &fetch.req, 5);
                tab.pending = Some(Pending { seq: *seq, fetch });
                match tab.apply(*seq, Ok(page)) {
                    Some(again) => fetch = again,
                    None => break,
                }
            }
        }
    }

    #[test]
    fn positions_follow_every_kind_of_move() {
        let n = 23;
        let mut seq = 0;
        let mut tab = TabState::new(Entity::Licenses);
        run(&mut tab, Nav::Fetch(TabState::first_fetch()), n, &mut seq);
        assert_eq!(tab.position(), (Some(1), None));
        tab.total = Some(23);
        for _ in 0..5 {
            let nav = tab.down();
            run(&mut tab, nav, n, &mut seq);
        }
        assert_eq!(tab.selected_id(), Some(6));
        assert_eq!(tab.position(), (Some(6), Some(23)));
        let nav = tab.page_down();
        run(&mut tab, nav, n, &mut seq);
        assert_eq!((tab.selected_id(), tab.position().0), (Some(11), Some(11)));
        let nav = tab.last();
        run(&mut tab, nav, n, &mut seq);
        assert_eq!((tab.selected_id(), tab.position().0), (Some(23), Some(23)));
        // From the end, backwards, with the position counted from the end.
        for _ in 0..5 {
            let nav = tab.up();
            run(&mut tab, nav, n, &mut seq);
        }
        assert_eq!((tab.selected_id(), tab.position().0), (Some(18), Some(18)));
        let nav = tab.page_up();
        run(&mut tab, nav, n, &mut seq);
        let nav = tab.page_up();
        run(&mut tab, nav, n, &mut seq);
        assert_eq!((tab.selected_id(), tab.position().0), (Some(8), Some(8)));
        // A short page at the start: keyset pages do not align with the top.
        let nav = tab.page_up();
        run(&mut tab, nav, n, &mut seq);
        assert_eq!(tab.page.as_ref().map(|p| p.rows.len()), Some(3));
        assert_eq!((tab.selected_id(), tab.position().0), (Some(3), Some(3)));
        // Forward from an end-anchored page.
        let nav = tab.last();
        run(&mut tab, nav, n, &mut seq);
        tab.total = None;
        assert_eq!(tab.position(), (None, None));
        let nav = tab.first();
        run(&mut tab, nav, n, &mut seq);
        assert_eq!(tab.position(), (Some(1), None));
    }

    #[test]
    fn reload_keeps_the_row_and_stale_replies_are_dropped() {
        let mut tab = TabState::new(Entity::Licenses);
        let mut seq = 0;
        run(&mut tab, Nav::Fetch(TabState::first_fetch()), 40, &mut seq);
        let nav = tab.page_down();
        run(&mut tab, nav, 40, &mut seq);
        tab.selected = 3;
        let again = tab.again();
        assert_eq!(again.select, Select::Id(9, 3));
        tab.pending = Some(Pending {
            seq: 100,
            fetch: again.clone(),
        });
        assert_eq!(tab.apply(99, Ok(Page::default())), None);
        assert!(
            tab.pending.is_some(),
            "a stale reply leaves the request pending"
        );
        let _ = tab.apply(100, Ok(serve(40, &again.req, 5)));
        assert_eq!((tab.selected_id(), tab.position().0), (Some(9), Some(9)));
        // While a page is on its way, relative moves wait.
        tab.pending = Some(Pending {
            seq: 101,
            fetch: again,
        });
        assert_eq!(tab.page_down(), Nav::None);
        assert!(matches!(tab.last(), Nav::Fetch(_)));
    }
}
