//! The app on its real worker threads (both lanes, each with its own connection), driven
//! by keys as in the terminal loop: for what only the lanes do, such as reconnecting.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use lms::config::DatabaseUrl;
use lms::tui::app::{self, App};
use lms::tui::driver;
use lms::tui::event::Msg;
use lms::tui::screens::login::LoginScreen;
use lms::tui::theme::Theme;
use lms::tui::worker::{Delivery, Reply, Worker};

pub struct Live {
    pub app: App,
    worker: Worker,
    replies: Receiver<Delivery>,
    /// Every reply seen, for what a test wants to check afterwards.
    pub seen: Vec<Reply>,
}

impl Live {
    pub fn start(url: &DatabaseUrl, today: NaiveDate) -> Live {
        let app = App::new(
            app::db_label(url),
            Rect::new(0, 0, 80, 24),
            today,
            Theme::plain(),
        );
        let (worker, replies) = Worker::spawn(url.clone());
        Live {
            app,
            worker,
            replies,
            seen: Vec::new(),
        }
    }

    /// Sends what the app queued and feeds back what arrives, for about `d`.
    pub fn run_for(&mut self, d: Duration) {
        let until = Instant::now() + d;
        while Instant::now() < until {
            self.step();
        }
    }

    fn step(&mut self) {
        for out in self.app.drain_outbox() {
            let (seq, to) = (out.seq, out.to);
            if let Err(e) = self.worker.send(out) {
                self.app.update(Msg::Reply(Delivery {
                    seq,
                    to,
                    reply: Reply::Failed(e),
                }));
            }
        }
        if let Ok(d) = self.replies.recv_timeout(Duration::from_millis(5)) {
            self.seen.push(d.reply.clone());
            self.app.update(Msg::Reply(d));
        }
    }

    /// Runs until `done` holds (and nothing is in flight for the screen), or panics after
    /// 20 s naming `what` and showing the screen.
    pub fn until(&mut self, what: &str, done: impl Fn(&App) -> bool) {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            self.step();
            if done(&self.app) && !self.app.busy() {
                return;
            }
            assert!(
                Instant::now() < until,
                "timed out waiting for {what}; status {:?}\n{}",
                self.app.status,
                self.screen()
            );
        }
    }

    /// From the login screen to the licenses list, signed in as `user` with `password`.
    pub fn sign_in(&mut self, user: &str, password: &str) {
        self.until("the login screen", |app| {
            app.screen::<LoginScreen>().is_some()
        });
        self.type_text(user);
        self.press(KeyCode::Tab);
        self.type_text(password);
        self.press(KeyCode::Enter);
        self.until("the licenses list", |app| {
            super::screens::list(app).is_some_and(|l| l.tab.page.is_some())
        });
    }

    pub fn press(&mut self, code: KeyCode) {
        driver::press(&mut self.app, code);
    }

    pub fn ctrl(&mut self, c: char) {
        self.app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn type_text(&mut self, text: &str) {
        driver::type_text(&mut self.app, text);
    }

    pub fn screen(&self) -> String {
        driver::screen_text(&self.app, 80, 24)
    }

    pub fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}
