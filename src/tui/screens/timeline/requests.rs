//! The Timeline's requests: what the chart draws on the license rows on screen, and the
//! grouped view's companies (a page with their coverage, and their count).

use std::collections::HashMap;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::queries::list::ListQuery;
use crate::db::queries::page::{Page, PageRequest};
use crate::report::timeline::{CompanyCoverage, LicenseMarks};
use crate::service::timeline;
use crate::tui::screens::{Job, Lane, signed_in};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Terms, expansions and deployments of the licenses on screen.
    Marks {
        ids: Vec<i64>,
    },
    /// A page of companies holding matching licenses, with their coverage.
    Companies {
        query: ListQuery,
        req: PageRequest,
        limit: usize,
    },
    CountCompanies {
        query: ListQuery,
    },
}

pub type CompanyPage = (Page, HashMap<i64, CompanyCoverage>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Marks(Result<HashMap<i64, LicenseMarks>, String>),
    Companies(Result<Box<CompanyPage>, String>),
    CountCompanies(Result<u64, String>),
}

impl Job for Request {
    type Reply = Reply;

    fn lane(&self) -> Lane {
        match self {
            Request::CountCompanies { .. } => Lane::Background,
            _ => Lane::Interactive,
        }
    }

    fn slot(&self) -> Option<&'static str> {
        Some(match self {
            Request::Marks { .. } => "marks",
            Request::Companies { .. } => "companies",
            Request::CountCompanies { .. } => "company count",
        })
    }

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Reply {
        let text = |e: crate::service::ServiceError| e.to_string();
        match self {
            Request::Marks { ids } => Reply::Marks(
                signed_in(actor).and_then(|a| timeline::marks(conn, a, &ids).map_err(text)),
            ),
            Request::Companies { query, req, limit } => {
                Reply::Companies(signed_in(actor).and_then(|a| {
                    timeline::companies(conn, a, &query, &req, limit)
                        .map(Box::new)
                        .map_err(text)
                }))
            }
            Request::CountCompanies { query } => Reply::CountCompanies(
                signed_in(actor)
                    .and_then(|a| timeline::count_companies(conn, a, &query).map_err(text)),
            ),
        }
    }
}
