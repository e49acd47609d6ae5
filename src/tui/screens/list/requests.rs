//! The list's requests: a page, the count and the money totals of what the filter matches,
//! and the detail pane's figures. Counts and totals run on the background lane, so a long
//! `COUNT(*)` never delays a page; the pane runs on the interactive one, newest wins.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::list::ListQuery;
use crate::db::queries::page::{Page, PageRequest};
use crate::db::queries::purchases::CurrencyTotal;
use crate::export::{Format, Options};
use crate::service::browse::{self, Entity};
use crate::service::details::{self, Detail, DetailKind};
use crate::service::export::{self, Subject};
use crate::tui::screens::Lane;
use crate::tui::screens::{Job, signed_in};
use crate::tui::throttle::Throttle;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Page {
        entity: Entity,
        query: ListQuery,
        req: PageRequest,
        limit: usize,
    },
    Count {
        entity: Entity,
        query: ListQuery,
    },
    /// Money per currency of what the filter matches: the purchases themselves on the
    /// Purchases tab; each license's last purchase on the Licenses tab.
    Totals {
        entity: Entity,
        query: ListQuery,
    },
    /// Every row `query` matches, in its order, to the file `path` (`E`).
    Export {
        entity: Entity,
        query: ListQuery,
        path: PathBuf,
        format: Format,
    },
    /// The detail pane of row `id`, dated from the app's `today`.
    Detail {
        kind: DetailKind,
        id: i64,
        today: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Page(Result<Page, String>),
    Count(Result<u64, String>),
    Totals(Result<Vec<CurrencyTotal>, String>),
    /// The row asked for and its figures.
    Detail(i64, Result<Box<Detail>, String>),
    /// Rows written so far by a running export.
    ExportProgress(u64),
    /// The export is complete: the rows written to the path; or why nothing was.
    Exported(Result<(u64, PathBuf), String>),
}

impl Job for Request {
    type Reply = Reply;

    fn lane(&self) -> Lane {
        match self {
            Request::Page { .. } | Request::Detail { .. } => Lane::Interactive,
            // A long read: pages keep coming on the interactive lane meanwhile.
            Request::Count { .. } | Request::Totals { .. } | Request::Export { .. } => {
                Lane::Background
            }
        }
    }

    fn slot(&self) -> Option<&'static str> {
        Some(match self {
            Request::Page { .. } => "page",
            Request::Count { .. } => "count",
            Request::Totals { .. } => "totals",
            Request::Detail { .. } => "detail",
            Request::Export { .. } => "export",
        })
    }

    fn run_reporting(
        self,
        conn: &mut DbConnection,
        actor: Option<&Actor>,
        progress: &mut dyn FnMut(Reply),
    ) -> Reply {
        let Request::Export {
            entity,
            query,
            path,
            format,
        } = self
        else {
            return self.run(conn, actor);
        };
        // At most ~10 progress replies a second.
        let mut throttle = Throttle::new(Duration::from_millis(100));
        let mut report = |rows| {
            if throttle.due(false) {
                progress(Reply::ExportProgress(rows));
            }
        };
        let subject = Subject::List { entity, query };
        let options = Options {
            format,
            excel: false,
        };
        Reply::Exported(signed_in(actor).and_then(|a| {
            export::to_file(conn, a, &subject, options, &path, &mut report)
                .map(|rows| (rows, path))
                .map_err(|e| e.to_string())
        }))
    }

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Reply {
        let text = |e: crate::service::ServiceError| e.to_string();
        match self {
            Request::Page {
                entity,
                query,
                req,
                limit,
            } => Reply::Page(
                signed_in(actor)
                    .and_then(|a| browse::page(conn, a, entity, &query, &req, limit).map_err(text)),
            ),
            Request::Count { entity, query } => Reply::Count(signed_in(actor).and_then(|a| {
                browse::count(conn, a, entity, &query)
                    .map(|n| u64::try_from(n).unwrap_or(0))
                    .map_err(text)
            })),
            Request::Totals { entity, query } => Reply::Totals(
                signed_in(actor)
                    .and_then(|a| browse::totals(conn, a, entity, &query).map_err(text)),
            ),
            export @ Request::Export { .. } => export.run_reporting(conn, actor, &mut |_| {}),
            Request::Detail { kind, id, today } => Reply::Detail(
                id,
                signed_in(actor).and_then(|a| {
                    details::detail(conn, a, kind, id, today)
                        .map(Box::new)
                        .map_err(text)
                }),
            ),
        }
    }
}
