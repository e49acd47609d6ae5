//! The database side of the TUI. Two lanes, each a thread owning its own connection:
//! *interactive* (login, pages, detail, writes) and *background* (counts and other slow
//! aggregates), so a long `COUNT(*)` never delays a page. The UI sends [`Outgoing`]
//! requests and gets `(seq, Reply)` back; the `seq` lets it drop stale replies.
//!
//! [`execute`] is a plain function so tests can run requests synchronously.

use std::collections::VecDeque;
use std::fmt;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::auth::Actor;
use crate::config::DatabaseUrl;
use crate::db::queries::license_list::ListQuery;
use crate::db::queries::licenses::LicenseDetail;
use crate::db::queries::page::{Page, PageRequest};
use crate::db::queries::purchases::CurrencyTotal;
use crate::db::{BackendKind, DbConnection};
use crate::report::utilization::{UtilizationQuery, UtilizationReport};
use crate::service::browse::{self, Entity};
use crate::service::demo::{self, DemoProgress, DemoReport, DemoSize};
use crate::service::{operators, sessions};
use crate::tui::edits::{self, EditReply, EditRequest};

/// What the UI asks of the database.
#[derive(Clone, PartialEq, Eq)]
pub enum Request {
    /// After connecting: which backend, and whether any operator exists yet. Runs the
    /// expiry sweep for `today` first, so the first page shows expired licenses as such.
    Hello {
        today: NaiveDate,
    },
    Login {
        username: String,
        password: String,
    },
    /// The first operator (an admin), created without logging in.
    CreateAdmin {
        username: String,
        password: String,
    },
    LoadDemo {
        actor: Actor,
        size: DemoSize,
        today: NaiveDate,
    },
    Page {
        actor: Actor,
        entity: Entity,
        query: ListQuery,
        req: PageRequest,
        limit: usize,
    },
    Count {
        actor: Actor,
        entity: Entity,
        query: ListQuery,
    },
    /// Money per currency of what a list's filter matches: the purchases themselves on
    /// the Purchases tab; each license's last purchase on the Licenses tab.
    Totals {
        actor: Actor,
        entity: Entity,
        query: ListQuery,
    },
    LicenseDetail {
        actor: Actor,
        id: i64,
    },
    /// Forms and actions (see `edits`).
    Edit {
        actor: Actor,
        edit: EditRequest,
    },
    /// The Dashboard's utilization report (background lane).
    Utilization {
        actor: Actor,
        query: UtilizationQuery,
    },
}

/// Never prints passwords.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Request::Hello { .. } => f.write_str("Hello"),
            Request::Login { username, .. } => write!(f, "Login({username:?})"),
            Request::CreateAdmin { username, .. } => write!(f, "CreateAdmin({username:?})"),
            Request::LoadDemo { size, .. } => write!(f, "LoadDemo({} licenses)", size.licenses),
            Request::Page {
                entity, req, limit, ..
            } => write!(f, "Page({entity:?}, {req:?}, {limit})"),
            Request::Count { entity, .. } => write!(f, "Count({entity:?})"),
            Request::Totals { entity, .. } => write!(f, "Totals({entity:?})"),
            Request::LicenseDetail { id, .. } => write!(f, "LicenseDetail({id})"),
            Request::Edit { edit, .. } => write!(f, "Edit({edit:?})"),
            Request::Utilization { query, .. } => write!(f, "Utilization({query:?})"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Interactive,
    Background,
}

/// Requests of one slot supersede each other: only the newest queued one is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Page(Entity),
    Count(Entity),
    Totals,
    Detail,
    /// A picker's search.
    Options,
    Utilization,
}

impl Request {
    #[must_use]
    pub fn lane(&self) -> Lane {
        match self {
            Request::Count { .. } | Request::Totals { .. } | Request::Utilization { .. } => {
                Lane::Background
            }
            _ => Lane::Interactive,
        }
    }

    fn slot(&self) -> Option<Slot> {
        match self {
            Request::Page { entity, .. } => Some(Slot::Page(*entity)),
            Request::Count { entity, .. } => Some(Slot::Count(*entity)),
            Request::Totals { .. } => Some(Slot::Totals),
            Request::LicenseDetail { .. } => Some(Slot::Detail),
            Request::Edit { edit, .. } if edit.is_search() => Some(Slot::Options),
            Request::Utilization { .. } => Some(Slot::Utilization),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hello {
    pub kind: BackendKind,
    pub any_operators: bool,
    /// Licenses the expiry sweep marked expired on connecting.
    pub expired: u64,
}

/// What comes back. Errors are already worded for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The lane could not open or migrate the database.
    ConnectFailed(String),
    /// The request could not be delivered or run.
    Failed(String),
    Hello(Result<Hello, String>),
    LoggedIn(Result<Actor, String>),
    AdminCreated(Result<Actor, String>),
    DemoProgress(DemoProgress),
    DemoDone(Result<DemoReport, String>),
    Page {
        entity: Entity,
        result: Result<Page, String>,
    },
    Totals {
        entity: Entity,
        result: Result<Vec<CurrencyTotal>, String>,
    },
    Count {
        entity: Entity,
        result: Result<u64, String>,
    },
    LicenseDetail {
        id: i64,
        result: Result<Box<LicenseDetail>, String>,
    },
    Edit(EditReply),
    Utilization(Result<Box<UtilizationReport>, String>),
}

/// A request tagged with its sequence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub seq: u64,
    pub request: Request,
}

/// Runs one request on `conn` (no progress reports).
#[must_use]
pub fn execute(conn: &mut DbConnection, request: Request) -> Reply {
    execute_with_progress(conn, request, &mut |_| {})
}

/// Runs one request on `conn`; a demo load reports its progress to `progress`.
pub fn execute_with_progress(
    conn: &mut DbConnection,
    request: Request,
    progress: &mut dyn FnMut(DemoProgress),
) -> Reply {
    let text = |e: crate::service::ServiceError| e.to_string();
    match request {
        Request::Hello { today } => {
            // A failed sweep must not keep anyone out; it runs again next start.
            let expired = crate::service::licenses::expire_due(conn, today).unwrap_or_else(|e| {
                tracing::error!("expiry sweep: {e}");
                0
            });
            Reply::Hello(
                operators::any_exist(conn)
                    .map(|any_operators| Hello {
                        kind: conn.kind(),
                        any_operators,
                        expired,
                    })
                    .map_err(text),
            )
        }
        Request::Login { username, password } => {
            Reply::LoggedIn(sessions::login(conn, &username, &password).map_err(text))
        }
        Request::CreateAdmin { username, password } => Reply::AdminCreated(
            operators::add(conn, None, &username, &password, crate::domain::Role::Admin)
                .map_err(text),
        ),
        Request::LoadDemo { actor, size, today } => {
            Reply::DemoDone(demo::load(conn, &actor, &size, today, progress).map_err(text))
        }
        Request::Page {
            actor,
            entity,
            query,
            req,
            limit,
        } => Reply::Page {
            entity,
            result: browse::page(conn, &actor, entity, &query, &req, limit).map_err(text),
        },
        Request::Count {
            actor,
            entity,
            query,
        } => Reply::Count {
            entity,
            result: browse::count(conn, &actor, entity, &query)
                .map(|n| u64::try_from(n).unwrap_or(0))
                .map_err(text),
        },
        Request::Totals {
            actor,
            entity,
            query,
        } => Reply::Totals {
            entity,
            result: browse::totals(conn, &actor, entity, &query).map_err(text),
        },
        Request::LicenseDetail { actor, id } => Reply::LicenseDetail {
            id,
            result: browse::license_detail(conn, &actor, id)
                .map(Box::new)
                .map_err(text),
        },
        Request::Edit { actor, edit } => Reply::Edit(edits::execute(conn, &actor, edit)),
        Request::Utilization { actor, query } => Reply::Utilization(
            crate::service::reports::utilization(conn, &actor, query)
                .map(Box::new)
                .map_err(text),
        ),
    }
}

/// The UI's handle on the two lanes. Dropping it ends the lanes after their current request.
pub struct Worker {
    interactive: Sender<Outgoing>,
    background: Sender<Outgoing>,
}

impl Worker {
    /// Starts the lanes. The interactive lane opens the database and migrates it first, then
    /// starts the background lane, so neither touches a half-migrated schema.
    #[must_use]
    pub fn spawn(url: DatabaseUrl) -> (Worker, Receiver<(u64, Reply)>) {
        let (reply_tx, reply_rx) = mpsc::channel();
        let (interactive, interactive_rx) = mpsc::channel();
        let (background, background_rx) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("lms-db-interactive".to_owned())
            .spawn(move || interactive_lane(&url, &interactive_rx, background_rx, &reply_tx));
        if let Err(e) = spawned {
            tracing::error!("cannot start the database thread: {e}");
        }
        (
            Worker {
                interactive,
                background,
            },
            reply_rx,
        )
    }

    /// Queues a request on its lane.
    ///
    /// # Errors
    /// When the lane has stopped (it could not open the database, or it died).
    pub fn send(&self, out: Outgoing) -> Result<(), String> {
        let lane = out.request.lane();
        let sent = match lane {
            Lane::Interactive => self.interactive.send(out),
            Lane::Background => self.background.send(out),
        };
        sent.map_err(|_| format!("the {lane:?} database thread has stopped").to_lowercase())
    }
}

fn open(url: &DatabaseUrl, migrate: bool) -> Result<DbConnection, String> {
    let mut conn = DbConnection::open(url).map_err(|e| e.to_string())?;
    if migrate {
        let ran = conn.migrate().map_err(|e| e.to_string())?;
        tracing::info!("database ready; {ran} migrations applied");
    }
    Ok(conn)
}

fn interactive_lane(
    url: &DatabaseUrl,
    requests: &Receiver<Outgoing>,
    background: Receiver<Outgoing>,
    replies: &Sender<(u64, Reply)>,
) {
    let mut conn = match open(url, true) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("{e}");
            let _ = replies.send((0, Reply::ConnectFailed(e)));
            return;
        }
    };
    let bg_url = url.clone();
    let bg_replies = replies.clone();
    let spawned = thread::Builder::new()
        .name("lms-db-background".to_owned())
        .spawn(move || match open(&bg_url, false) {
            Ok(mut c) => serve(&mut c, &background, &bg_replies),
            Err(e) => refuse_all(&background, &bg_replies, &e),
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start the background database thread: {e}");
    }
    serve(&mut conn, requests, replies);
}

fn refuse_all(requests: &Receiver<Outgoing>, replies: &Sender<(u64, Reply)>, why: &str) {
    while let Ok(out) = requests.recv() {
        let msg = format!("background connection: {why}");
        if replies.send((out.seq, Reply::Failed(msg))).is_err() {
            return;
        }
    }
}

/// The lane loop: takes everything queued, skips requests a newer one of the same slot
/// supersedes, runs the rest in order.
fn serve(conn: &mut DbConnection, requests: &Receiver<Outgoing>, replies: &Sender<(u64, Reply)>) {
    let mut queue: VecDeque<Outgoing> = VecDeque::new();
    loop {
        if queue.is_empty() {
            match requests.recv() {
                Ok(out) => queue.push_back(out),
                Err(_) => return,
            }
        }
        while let Ok(out) = requests.try_recv() {
            queue.push_back(out);
        }
        let Some(out) = queue.pop_front() else {
            continue;
        };
        if let Some(slot) = out.request.slot()
            && queue.iter().any(|o| o.request.slot() == Some(slot))
        {
            tracing::debug!("skipping superseded {:?}", out.request);
            continue;
        }
        let seq = out.seq;
        let started = Instant::now();
        tracing::debug!("run #{seq} {:?}", out.request);
        let mut last_report: Option<Instant> = None;
        let mut report = |p: DemoProgress| {
            // At most ~20 progress replies a second, but always the end of each table.
            let due = last_report.is_none_or(|t| t.elapsed() >= Duration::from_millis(50));
            if due || p.done >= p.total {
                last_report = Some(Instant::now());
                let _ = replies.send((seq, Reply::DemoProgress(p)));
            }
        };
        let reply = execute_with_progress(conn, out.request, &mut report);
        tracing::debug!("done #{seq} in {:?}", started.elapsed());
        if replies.send((seq, reply)).is_err() {
            return;
        }
    }
}
