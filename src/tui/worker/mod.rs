//! The database side of the TUI. Two lanes, each a thread owning its own connection:
//! *interactive* (login, pages, detail, writes) and *background* (counts and other slow
//! aggregates), so a long `COUNT(*)` never delays a page. The UI sends [`Outgoing`]
//! requests, each a screen's own (one arm of `ScreenRequest`), and gets a [`Delivery`]
//! back, addressed to the screen that asked; its `seq` lets the screen drop stale replies.
//!
//! When a lane's connection dies it answers the request that met it with a clear error
//! and connects again ([`link`]).
//!
//! [`execute`] is a plain function so tests can run requests synchronously.

pub mod link;

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Instant;

pub use super::screens::{Delivery, Lane, LinkState, Outbox, Outgoing, Reply};
use super::screens::{ScreenId, ScreenReply, ScreenRequest};
use crate::config::DatabaseUrl;
use crate::db::DbConnection;
use link::{Link, lost_reply};

/// How long the repeat of a save whose commit went unanswered is looked out for (as long as
/// `service::write::recent_creates` looks back).
const REPEAT_WINDOW: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Runs one request on `conn` (no progress reports).
#[must_use]
pub fn execute(conn: &mut DbConnection, out: Outgoing) -> Delivery {
    execute_with_progress(conn, out, &mut |_| {})
}

/// Runs one request on `conn`; a long one reports its progress to `progress`, as replies.
pub fn execute_with_progress(
    conn: &mut DbConnection,
    out: Outgoing,
    progress: &mut dyn FnMut(ScreenReply),
) -> Delivery {
    let reply = out.request.run(conn, out.actor.as_ref(), progress);
    Delivery {
        seq: out.seq,
        to: out.to,
        reply: Reply::Done(reply),
    }
}

/// Runs `out` again after its first run's commit went unanswered ([`Job::run_repeat`]).
///
/// [`Job::run_repeat`]: super::screens::Job::run_repeat
#[must_use]
pub fn execute_repeat(conn: &mut DbConnection, out: Outgoing) -> Delivery {
    let reply = out.request.run_repeat(conn, out.actor.as_ref());
    Delivery {
        seq: out.seq,
        to: out.to,
        reply: Reply::Done(reply),
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
    pub fn spawn(url: DatabaseUrl) -> (Worker, Receiver<Delivery>) {
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
        let lane = out.lane();
        let sent = match lane {
            Lane::Interactive => self.interactive.send(out),
            Lane::Background => self.background.send(out),
        };
        sent.map_err(|_| format!("the {lane:?} database thread has stopped").to_lowercase())
    }
}

fn interactive_lane(
    url: &DatabaseUrl,
    requests: &Receiver<Outgoing>,
    background: Receiver<Outgoing>,
    replies: &Sender<Delivery>,
) {
    let losses = Arc::new(AtomicU64::new(0));
    let mut link = match Link::open(url, true, Arc::clone(&losses)) {
        Ok(l) => l,
        Err(e) => {
            tracing::error!("{e}");
            let _ = replies.send(Delivery {
                seq: 0,
                to: ScreenId::Session,
                reply: Reply::ConnectFailed(e),
            });
            return;
        }
    };
    let bg_url = url.clone();
    let bg_replies = replies.clone();
    let spawned = thread::Builder::new()
        .name("lms-db-background".to_owned())
        .spawn(move || {
            let lane = Lane::Background;
            if let Some(mut l) = Link::open_waiting(&bg_url, losses, lane, &background, &bg_replies)
            {
                serve(&mut l, lane, &background, &bg_replies);
            }
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start the background database thread: {e}");
    }
    serve(&mut link, Lane::Interactive, requests, replies);
}

/// The lane loop: takes everything queued, skips requests a newer one of the same slot
/// supersedes, runs the rest in order. A request that meets a dead connection is answered
/// with a clear error, and the lane connects again before it goes on.
fn serve(link: &mut Link, lane: Lane, requests: &Receiver<Outgoing>, replies: &Sender<Delivery>) {
    let mut queue: VecDeque<Outgoing> = VecDeque::new();
    // The request whose commit went unanswered, until the operator sends it again (within
    // the time a repeat may still find what it made).
    let mut uncertain: Option<(ScreenId, ScreenRequest, Instant)> = None;
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
        if let Some(slot) = out.slot()
            && queue.iter().any(|o| o.slot() == Some(slot))
        {
            tracing::debug!("skipping superseded {:?}", out.request);
            continue;
        }
        if link.dead_before_use() {
            queue.push_front(out);
            if !link.reconnect(lane, false, &mut queue, requests, replies) {
                return;
            }
            continue;
        }
        let (seq, to) = (out.seq, out.to);
        let started = Instant::now();
        tracing::debug!("run #{seq} {:?}", out.request);
        let mut report = |reply: ScreenReply| {
            let _ = replies.send(Delivery {
                seq,
                to,
                reply: Reply::Done(reply),
            });
        };
        let sent = (to, out.request.clone());
        let repeat = uncertain
            .take_if(|(t, r, at)| *t == sent.0 && *r == sent.1 && at.elapsed() < REPEAT_WINDOW)
            .is_some();
        let mut delivery = if repeat {
            execute_repeat(link.conn(), out)
        } else {
            execute_with_progress(link.conn(), out, &mut report)
        };
        tracing::debug!("done #{seq} in {:?}", started.elapsed());
        let lost = link.lost();
        if let Some(lost) = &lost {
            delivery.reply = lost_reply(lost);
            if lost.at_commit {
                uncertain = Some((sent.0, sent.1, Instant::now()));
            }
        }
        if replies.send(delivery).is_err() {
            return;
        }
        if lost.is_some() && !link.reconnect(lane, true, &mut queue, requests, replies) {
            return;
        }
    }
}
