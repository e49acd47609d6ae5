//! The terminal UI: Elm style. `event` turns terminal input into messages, `App::update`
//! changes the state and queues requests, `worker` runs them on database threads and sends
//! replies back as messages, `ui::render` draws the state. The UI thread never waits on the
//! database or on argon2.

pub mod app;
pub mod driver;
pub mod event;
pub mod format;
pub mod keys;
pub mod layout;
pub mod screens;
pub mod theme;
pub mod throttle;
pub mod ui;
pub mod widgets;
pub mod worker;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::config::DatabaseUrl;
use app::App;
use event::Msg;
use theme::Theme;
use worker::{Delivery, Reply, Worker};

pub use format::one_line;

/// How often the loading indicator moves; signals are seen at least this often too.
const TICK: Duration = Duration::from_millis(120);
/// At most this many queued messages are applied before a frame is drawn.
const BATCH: usize = 256;

/// Runs the TUI until the operator quits (q, Ctrl-C) or SIGTERM/SIGHUP/SIGINT arrives.
/// The terminal is restored on every way out, panics included (`ratatui::init`'s hook).
///
/// # Errors
/// When stdin/stdout is not a terminal, or the terminal cannot be set up, read or drawn to.
/// `started` is when the process began, for the start-up time written to the log.
pub fn run(url: DatabaseUrl, started: Instant) -> io::Result<()> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(io::Error::other(
            "the interactive screen needs a terminal; for scripts use a subcommand (lms --help)",
        ));
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let result = run_loop(&mut terminal, url, &stop, started);
    tracing::debug!("terminal restored");
    let restored = ratatui::try_restore();
    result.and(restored)
}

fn run_loop(
    terminal: &mut DefaultTerminal,
    url: DatabaseUrl,
    stop: &Arc<AtomicBool>,
    started: Instant,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(
        app::db_label(&url),
        Rect::new(0, 0, size.width, size.height),
        chrono::Local::now().date_naive(),
        Theme::from_env(),
    );
    // The first frame, before the database is touched.
    terminal.draw(|f| ui::render(f, &app))?;
    tracing::info!(
        "first frame drawn {:.1} ms after start",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let (tx, rx) = mpsc::channel();
    event::spawn_input(tx.clone(), Arc::clone(stop))?;
    let (worker, replies) = Worker::spawn(url);
    // Worker replies join the input on one channel, so a reply is drawn the moment it lands.
    thread::Builder::new()
        .name("lms-replies".to_owned())
        .spawn(move || {
            for delivery in replies {
                if tx.send(Msg::Reply(delivery)).is_err() {
                    return;
                }
            }
        })?;
    let mut last_tick = Instant::now();
    loop {
        for out in app.drain_outbox() {
            let (seq, to) = (out.seq, out.to);
            if let Err(e) = worker.send(out) {
                app.update(Msg::Reply(Delivery {
                    seq,
                    to,
                    reply: Reply::Failed(e),
                }));
            }
        }
        if app.quit || stop.load(Ordering::SeqCst) {
            if let Some(actor) = &app.actor {
                tracing::info!(operator = %actor.username, "signed out");
            }
            tracing::info!("leaving the TUI");
            return Ok(());
        }
        let mut dirty = false;
        match rx.recv_timeout(TICK) {
            Ok(msg) => {
                dirty = true;
                app.update(msg);
                // Take what else is queued (key repeat, a burst of replies) before drawing.
                for msg in rx.try_iter().take(BATCH) {
                    app.update(msg);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            if app.busy() {
                app.update(Msg::Tick);
                dirty = true;
            }
        }
        if dirty {
            terminal.draw(|f| ui::render(f, &app))?;
        }
    }
}
