//! A lane's connection, and getting a new one when it goes (the server restarted, a proxy
//! or a cluster node died). The request that met the dead connection is answered with a
//! clear error, never run again by itself: the operator repeats it, and a save repeated
//! after a commit whose outcome is unknown finds out whether it landed (an edit by its
//! version in `service::write`; a create through `Job::run_repeat`, which the lane uses
//! for the very request whose commit went unanswered). Meanwhile the lane tries to connect again with exponential backoff
//! and jitter, trying the next host of a multi-host URL first, and refuses what arrives
//! in between at once, so no screen waits on a dead link. The status bar hears of each
//! step as a `LinkState`.
//!
//! The lanes share a count of the losses seen: a lane that finds it moved pings its own
//! connection before its next request (it most likely died too), as it does after a
//! minute unused, and connects again quietly when that works at the first try, so that
//! no request of its own fails.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;

use crate::config::{DatabaseUrl, mysql_host, mysql_hosts};
use crate::db::DbConnection;
use crate::db::health::{LinkWatch, Lost};
use crate::db::retry::Backoff;
use crate::tui::screens::{Delivery, Lane, LinkState, Outgoing, Reply, ScreenId};

/// The first wait between two tries to connect; it doubles up to [`MAX_WAIT`].
pub const FIRST_WAIT: Duration = Duration::from_millis(100);
pub const MAX_WAIT: Duration = Duration::from_secs(5);

/// After this long unused a connection is pinged before a request: a server's or a
/// firewall's idle timeout may have closed it, and the operator's request need not be
/// the one to find out.
pub const IDLE_PING: Duration = Duration::from_secs(60);

/// What a request that met a dead connection is answered (the bar says "reconnecting…").
pub const LOST: &str = "database connection lost: try again once it is back";
/// ... when the connection went during its `COMMIT`: the change may have been saved. The
/// same save repeated finds out: an edit by its version, a new license or deployment by
/// the one this operator just made (`Job::run_repeat`), a record by its unique name.
pub const LOST_AT_COMMIT: &str =
    "connection lost while saving; saving again checks whether it landed";
/// What a request that arrives while the lane is reconnecting is answered.
pub const UNREACHABLE: &str = "the database is unreachable: try again once it is back";

/// A lane's connection with the watch that notices when it dies.
pub struct Link {
    url: DatabaseUrl,
    conn: DbConnection,
    watch: LinkWatch,
    /// Which host of the URL answered.
    host: usize,
    /// Losses seen by every lane, and how many of them this one has taken into account.
    losses: Arc<AtomicU64>,
    seen: u64,
    last_used: Instant,
}

impl Link {
    /// Opens the database (and migrates it when `migrate`). `losses` is shared by the
    /// lanes of one worker.
    ///
    /// # Errors
    /// The backend's message when it cannot be opened or migrated.
    pub fn open(url: &DatabaseUrl, migrate: bool, losses: Arc<AtomicU64>) -> Result<Link, String> {
        let (mut conn, host) = DbConnection::open_from(url, 0).map_err(|e| e.to_string())?;
        if migrate {
            let ran = conn.migrate().map_err(|e| e.to_string())?;
            tracing::info!("database ready; {ran} migrations applied");
            crate::db::load_journal::refuse_interrupted(&mut conn).map_err(|e| e.to_string())?;
        }
        Ok(Link::new(url, conn, host, losses))
    }

    /// [`Link::open`] without migrating, for a lane started after the database was found
    /// (the background one): when it cannot connect, it keeps trying as after a loss,
    /// refusing requests meanwhile, rather than give up for the session. `None` when the
    /// UI has gone away.
    #[must_use]
    pub fn open_waiting(
        url: &DatabaseUrl,
        losses: Arc<AtomicU64>,
        lane: Lane,
        requests: &Receiver<Outgoing>,
        replies: &Sender<Delivery>,
    ) -> Option<Link> {
        let (conn, host) = match DbConnection::open_from(url, 0) {
            Ok(opened) => opened,
            Err(e) => {
                tracing::warn!("{lane:?} lane: cannot connect: {e}");
                connect_again(url, 0, lane, true, &mut VecDeque::new(), requests, replies)?
            }
        };
        Some(Link::new(url, conn, host, losses))
    }

    fn new(url: &DatabaseUrl, mut conn: DbConnection, host: usize, losses: Arc<AtomicU64>) -> Link {
        let seen = losses.load(Ordering::SeqCst);
        let watch = LinkWatch::install(&mut conn);
        Link {
            url: url.clone(),
            conn,
            watch,
            host,
            losses,
            seen,
            last_used: Instant::now(),
        }
    }

    pub fn conn(&mut self) -> &mut DbConnection {
        self.last_used = Instant::now();
        &mut self.conn
    }

    /// Whether the connection died since the last call, and how. Tells the other lanes.
    #[must_use]
    pub fn lost(&mut self) -> Option<Lost> {
        let lost = self.watch.take()?;
        self.seen = self.losses.fetch_add(1, Ordering::SeqCst) + 1;
        Some(lost)
    }

    /// Whether the connection is found dead before it is used: pinged when another lane
    /// lost its connection since this one last looked (it most likely died too), or when
    /// it was idle for [`IDLE_PING`].
    pub fn dead_before_use(&mut self) -> bool {
        let losses = self.losses.load(Ordering::SeqCst);
        if losses == self.seen && self.last_used.elapsed() < IDLE_PING {
            return false;
        }
        self.seen = losses;
        self.last_used = Instant::now();
        // The watch sees the ping fail; an error it does not call a loss leaves the link.
        let _ = self.conn.batch_execute("SELECT 1");
        self.watch.take().is_some()
    }

    /// The `host:port` connected to (empty for SQLite).
    #[must_use]
    pub fn host(&self) -> String {
        host_label(&self.url, self.host)
    }

    /// Connects again, the next host first (see [`connect_again`]). Returns false when
    /// the UI has gone away.
    pub fn reconnect(
        &mut self,
        lane: Lane,
        announce: bool,
        queue: &mut VecDeque<Outgoing>,
        requests: &Receiver<Outgoing>,
        replies: &Sender<Delivery>,
    ) -> bool {
        let first = self.host + 1;
        match connect_again(&self.url, first, lane, announce, queue, requests, replies) {
            Some((conn, host)) => {
                *self = Link::new(&self.url, conn, host, Arc::clone(&self.losses));
                true
            }
            None => false,
        }
    }
}

/// Connects, host `first` first, waiting longer after each failed try (100 ms doubling to
/// 5 s, with jitter), until it works. When `announce`, or once the first try failed, the
/// status bar is told (and told again when it is back), and `queue` (taken before the
/// link died) and every request that arrives meanwhile are refused at once. `None` when
/// the UI has gone away.
fn connect_again(
    url: &DatabaseUrl,
    first: usize,
    lane: Lane,
    announce: bool,
    queue: &mut VecDeque<Outgoing>,
    requests: &Receiver<Outgoing>,
    replies: &Sender<Delivery>,
) -> Option<(DbConnection, usize)> {
    let state = |attempt, error| LinkState::Reconnecting {
        lane,
        attempt,
        error,
    };
    let mut announced = false;
    let announce_once = |announced: &mut bool, queue: &mut VecDeque<Outgoing>| {
        if std::mem::replace(announced, true) {
            return true;
        }
        tell(replies, state(0, None))
            && queue
                .drain(..)
                .all(|out| refuse(replies, &out, UNREACHABLE))
    };
    if announce && !announce_once(&mut announced, queue) {
        return None;
    }
    let mut backoff = Backoff::new(FIRST_WAIT, MAX_WAIT);
    let mut attempt = 0;
    loop {
        attempt += 1;
        match DbConnection::open_from(url, first) {
            Ok((conn, host)) => {
                tracing::info!("{lane:?} lane connected after {attempt} tries");
                let host_name = host_label(url, host);
                let told = !announced
                    || tell(
                        replies,
                        LinkState::Restored {
                            lane,
                            host: host_name,
                        },
                    );
                return told.then_some((conn, host));
            }
            Err(e) => {
                let wait = backoff.next_delay();
                tracing::warn!("{lane:?} lane: connect {attempt} failed: {e}; next in {wait:?}");
                if !announce_once(&mut announced, queue)
                    || !tell(replies, state(attempt, Some(why(url, &e))))
                    || !refuse_for(wait, requests, replies)
                {
                    return None;
                }
            }
        }
    }
}

/// `e` naming the host, unless it names each host already (several in the URL).
fn why(url: &DatabaseUrl, e: &crate::db::ConnectError) -> String {
    match url {
        DatabaseUrl::Mysql(url) if mysql_hosts(url).len() == 1 => {
            format!("{}: {e}", mysql_host(url))
        }
        _ => e.to_string(),
    }
}

/// The `host:port` of host `i` of `url` (empty for SQLite).
fn host_label(url: &DatabaseUrl, i: usize) -> String {
    match url {
        DatabaseUrl::Sqlite(_) => String::new(),
        DatabaseUrl::Mysql(url) => mysql_hosts(url)
            .get(i)
            .map_or_else(String::new, |h| mysql_host(h).to_owned()),
    }
}

/// The reply for the request that met the dead connection.
#[must_use]
pub fn lost_reply(lost: &Lost) -> Reply {
    tracing::warn!("database connection lost: {}", lost.message);
    Reply::Failed(if lost.at_commit { LOST_AT_COMMIT } else { LOST }.to_owned())
}

fn tell(replies: &Sender<Delivery>, state: LinkState) -> bool {
    let delivery = Delivery {
        seq: 0,
        to: ScreenId::Session,
        reply: Reply::Link(state),
    };
    replies.send(delivery).is_ok()
}

fn refuse(replies: &Sender<Delivery>, out: &Outgoing, why: &str) -> bool {
    let delivery = Delivery {
        seq: out.seq,
        to: out.to,
        reply: Reply::Failed(why.to_owned()),
    };
    replies.send(delivery).is_ok()
}

/// Refuses every request that arrives during `wait`; false when the UI has gone.
fn refuse_for(wait: Duration, requests: &Receiver<Outgoing>, replies: &Sender<Delivery>) -> bool {
    let until = Instant::now() + wait;
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        match requests.recv_timeout(left) {
            Ok(out) => {
                if !refuse(replies, &out, UNREACHABLE) {
                    return false;
                }
            }
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
    true
}
