//! Input: crossterm events read on a thread of their own and sent to the loop as messages.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;

use ratatui::crossterm::event::KeyEvent;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::worker::Delivery;

/// Everything `App::update` reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Resize(u16, u16),
    /// A worker's reply, for the screen that asked.
    Reply(Delivery),
    /// Time passed (animates the loading indicator).
    Tick,
}

fn convert(event: &Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(*key)),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        _ => None,
    }
}

/// Reads terminal input on its own thread and forwards it as messages, so the loop can
/// wait on one channel for keys and database replies alike and draw as soon as either
/// arrives. A read error stops the app through `stop`.
///
/// # Errors
/// When the thread cannot be started.
pub fn spawn_input(tx: Sender<Msg>, stop: Arc<AtomicBool>) -> io::Result<()> {
    thread::Builder::new()
        .name("lms-input".to_owned())
        .spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if let Some(msg) = convert(&ev)
                            && tx.send(msg).is_err()
                        {
                            return;
                        }
                    }
                    Err(e) => {
                        tracing::error!("cannot read the terminal: {e}");
                        stop.store(true, Ordering::SeqCst);
                        return;
                    }
                }
            }
        })
        .map(|_| ())
}
