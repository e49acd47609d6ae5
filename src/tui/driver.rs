//! Drives the app synchronously, without a terminal or worker threads: keys go through
//! `App::update` as in the real loop, queued requests run on the caller's connection with
//! `worker::execute_with_progress`, and replies are fed back. For end-to-end tests and
//! benchmarks.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::event::Msg;
use super::screens::Outgoing;
use super::ui;
use super::worker::{self, Delivery, Reply};
use crate::db::DbConnection;

/// Runs every queued request, feeding replies (and demo progress) back, until none is left.
pub fn pump(app: &mut App, conn: &mut DbConnection) {
    pump_lanes(app, conn, true);
}

/// Like [`pump`] but drops the background lane's requests (counts, totals), as a frame
/// drawn before they land would show: what the operator waits for after a key.
pub fn pump_interactive(app: &mut App, conn: &mut DbConnection) {
    pump_lanes(app, conn, false);
}

fn pump_lanes(app: &mut App, conn: &mut DbConnection, background: bool) {
    let dropped = run_until_idle(app, conn, |out| {
        background || out.lane() == worker::Lane::Interactive
    });
    drop(dropped);
}

/// Like [`pump`], but the requests of `slot` (a screen's "detail", say) are held back
/// and returned, not run: the frame as it stands before they land. [`deliver`] runs
/// them later, so a benchmark can time the list's rows and count apart from its pane.
pub fn pump_holding(app: &mut App, conn: &mut DbConnection, slot: &str) -> Vec<Outgoing> {
    run_until_idle(app, conn, |out| out.slot().is_none_or(|(_, s)| s != slot))
}

/// Runs `held` (from [`pump_holding`]), then everything they lead to.
pub fn deliver(app: &mut App, conn: &mut DbConnection, held: Vec<Outgoing>) {
    for out in held {
        run_one(app, conn, out);
    }
    pump(app, conn);
}

/// Runs the queued requests `run` accepts, and those their replies queue, until none is
/// left; returns the ones it did not accept.
fn run_until_idle(
    app: &mut App,
    conn: &mut DbConnection,
    run: impl Fn(&Outgoing) -> bool,
) -> Vec<Outgoing> {
    let mut held = Vec::new();
    loop {
        let (queued, rest): (Vec<_>, Vec<_>) = app.drain_outbox().into_iter().partition(&run);
        held.extend(rest);
        if queued.is_empty() {
            return held;
        }
        for out in queued {
            run_one(app, conn, out);
        }
    }
}

fn run_one(app: &mut App, conn: &mut DbConnection, out: Outgoing) {
    let (seq, to) = (out.seq, out.to);
    let mut progress = Vec::new();
    let delivery = worker::execute_with_progress(conn, out, &mut |p| progress.push(p));
    for p in progress {
        app.update(Msg::Reply(Delivery {
            seq,
            to,
            reply: Reply::Done(p),
        }));
    }
    app.update(Msg::Reply(delivery));
}

/// One key press as the terminal reports it (upper-case letters and Shift-Tab with Shift).
pub fn press(app: &mut App, code: KeyCode) {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        KeyCode::BackTab => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    app.update(Msg::Key(KeyEvent::new(code, modifiers)));
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Renders the app into a `width` x `height` test terminal (drawing there cannot fail).
#[must_use]
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    let Ok(_) = terminal.draw(|f| ui::render(f, app));
    terminal
}

/// The rendered screen as text, one line per row.
#[must_use]
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = render(app, width, height);
    let buf = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
