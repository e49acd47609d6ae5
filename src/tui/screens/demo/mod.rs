//! After the first admin is created: offer the demo data, show the load's progress and
//! what it inserted.

mod view;

use std::time::Duration;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::{Ctx, Effect, Job, Screen, ScreenReply, View, signed_in};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::service::demo::{self, DemoProgress, DemoReport, DemoSize};
use crate::tui::keys::{self, Binding, HelpRow, RouterKeys, bind, ch, code};
use crate::tui::throttle::Throttle;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub size: DemoSize,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Progress(DemoProgress),
    Done(Result<DemoReport, String>),
}

impl Job for Request {
    type Reply = Reply;

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Reply {
        self.run_reporting(conn, actor, &mut |_| {})
    }

    /// At most ~20 progress replies a second, but always the end of each table.
    fn run_reporting(
        self,
        conn: &mut DbConnection,
        actor: Option<&Actor>,
        progress: &mut dyn FnMut(Reply),
    ) -> Reply {
        let mut throttle = Throttle::new(Duration::from_millis(50));
        let mut report = |p: DemoProgress| {
            if throttle.due(p.done >= p.total) {
                progress(Reply::Progress(p));
            }
        };
        Reply::Done(signed_in(actor).and_then(|actor| {
            demo::load(conn, actor, &self.size, self.today, &mut report).map_err(|e| e.to_string())
        }))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoState {
    Offer,
    Running {
        seq: u64,
        /// The latest progress report.
        progress: Option<DemoProgress>,
        /// Tables finished so far, with their row counts.
        finished: Vec<(&'static str, u64)>,
    },
    Done(DemoReport),
    Failed(String),
}

impl DemoState {
    /// Records a progress report.
    pub fn progress(&mut self, p: DemoProgress) {
        if let DemoState::Running {
            progress, finished, ..
        } = self
        {
            if let Some(prev) = progress.filter(|prev| prev.table != p.table)
                && !finished.iter().any(|(t, _)| *t == prev.table)
            {
                finished.push((prev.table, prev.done));
            }
            *progress = Some(p);
        }
    }

    fn running(&self, seq: u64) -> bool {
        matches!(self, DemoState::Running { seq: s, .. } if *s == seq)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DemoKey {
    Yes,
    No,
    Continue,
}

const OFFER: &[Binding<DemoKey>] = &[
    bind(&[ch('y')], DemoKey::Yes, "load the demo data"),
    bind(
        &[ch('n'), code(KeyCode::Esc)],
        DemoKey::No,
        "start with an empty database",
    ),
];

const DONE: &[Binding<DemoKey>] = &[bind(
    &[code(KeyCode::Enter), code(KeyCode::Esc), ch(' ')],
    DemoKey::Continue,
    "continue",
)];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoScreen {
    pub state: DemoState,
    /// What "load demo data" loads.
    pub size: DemoSize,
}

impl DemoScreen {
    #[must_use]
    pub fn new(size: DemoSize) -> Self {
        DemoScreen {
            state: DemoState::Offer,
            size,
        }
    }

    fn keys(&self) -> &'static [Binding<DemoKey>] {
        match self.state {
            DemoState::Offer => OFFER,
            DemoState::Running { .. } => &[],
            DemoState::Done(_) | DemoState::Failed(_) => DONE,
        }
    }
}

impl Screen for DemoScreen {
    fn title(&self) -> &'static str {
        "demo data"
    }

    fn router_keys(&self) -> RouterKeys {
        RouterKeys::None
    }

    fn help(&self) -> Vec<HelpRow> {
        keys::help(self.keys())
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        match keys::lookup(self.keys(), key) {
            Some(DemoKey::Yes) => {
                let seq = ctx.send(Request {
                    size: self.size,
                    today: ctx.today,
                });
                self.state = DemoState::Running {
                    seq,
                    progress: None,
                    finished: Vec::new(),
                };
            }
            Some(DemoKey::No | DemoKey::Continue) => ctx.emit(Effect::EnterMain),
            None => return false,
        }
        true
    }

    fn on_reply(&mut self, _ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        let ScreenReply::Demo(reply) = reply else {
            return;
        };
        if !self.state.running(seq) {
            return;
        }
        match reply {
            Reply::Progress(p) => self.state.progress(p),
            Reply::Done(Ok(report)) => self.state = DemoState::Done(report),
            Reply::Done(Err(e)) => self.state = DemoState::Failed(e),
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        if self.state.running(seq) {
            self.state = DemoState::Failed(error.to_owned());
        }
    }

    fn busy(&self) -> bool {
        matches!(self.state, DemoState::Running { .. })
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, &self.state, view.theme);
    }
}
