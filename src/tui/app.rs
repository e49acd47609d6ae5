//! The application state and `update`: a message (key, resize, worker reply, tick) changes
//! the state and queues requests for the worker. No IO here; `ui::render` draws the state.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::event::Msg;
use super::keymap::{self, Action, Scope};
use super::screens::browse::Browse;
use super::screens::demo::DemoState;
use super::screens::{first_run, login};
use super::theme::Theme;
use super::ui;
use super::widgets::form::{Form, FormEvent};
use super::widgets::status_bar::Status;
use super::worker::{Outgoing, Reply, Request};
use crate::auth::Actor;
use crate::config::{DatabaseUrl, redact};
use crate::db::BackendKind;
use crate::service::demo::DemoSize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The first frame, before the database is open.
    Connecting,
    ConnectFailed(String),
    FirstRun(Form),
    Login(Form),
    Demo(DemoState),
    Main(Browse),
}

/// Requests waiting to go to the worker, numbered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outbox {
    next_seq: u64,
    queued: Vec<Outgoing>,
}

impl Outbox {
    /// Queues `request`; returns its sequence number.
    pub fn send(&mut self, request: Request) -> u64 {
        self.next_seq += 1;
        self.queued.push(Outgoing {
            seq: self.next_seq,
            request,
        });
        self.next_seq
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    /// `SQLite /path`, or the `MySQL` URL with its password hidden.
    pub db_label: String,
    pub kind: Option<BackendKind>,
    pub screen: Screen,
    pub actor: Option<Actor>,
    pub help: bool,
    /// First help line shown, when the help is taller than the screen.
    pub help_scroll: u16,
    pub status: Option<Status>,
    /// The whole terminal.
    pub area: Rect,
    pub today: NaiveDate,
    pub theme: Theme,
    /// Advances while busy; animates the loading indicator.
    pub ticks: u64,
    pub quit: bool,
    /// What "load demo data" loads.
    pub demo_size: DemoSize,
    pub outbox: Outbox,
}

/// How the database is named on screen.
#[must_use]
pub fn db_label(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(path) => format!("SQLite {}", path.display()),
        DatabaseUrl::Mysql(url) => format!("MySQL {}", redact(url)),
    }
}

impl App {
    /// The state of the first frame; queues the hello that opens the database.
    #[must_use]
    pub fn new(db_label: String, area: Rect, today: NaiveDate, theme: Theme) -> Self {
        let mut app = App {
            db_label,
            kind: None,
            screen: Screen::Connecting,
            actor: None,
            help: false,
            help_scroll: 0,
            status: None,
            area,
            today,
            theme,
            ticks: 0,
            quit: false,
            demo_size: DemoSize::default(),
            outbox: Outbox::default(),
        };
        app.outbox.send(Request::Hello { today });
        app
    }

    /// The requests queued since the last call, in order.
    pub fn drain_outbox(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.outbox.queued)
    }

    /// The key scopes of the screen (under the help overlay), most specific first.
    #[must_use]
    pub fn scopes(&self) -> &'static [Scope] {
        match &self.screen {
            Screen::Connecting | Screen::ConnectFailed(_) => &[Scope::Start, Scope::Global],
            Screen::FirstRun(form) | Screen::Login(form) => form.scopes(),
            Screen::Demo(DemoState::Offer) => &[Scope::DemoOffer, Scope::Global],
            Screen::Demo(DemoState::Running { .. }) => &[Scope::Global],
            Screen::Demo(_) => &[Scope::DemoDone, Scope::Global],
            // License workflows: an open form, menu or view takes the keys.
            Screen::Main(b) if b.overlay.is_some() => {
                b.overlay.as_ref().map_or(&[Scope::Global], |o| o.scopes())
            }
            Screen::Main(b) if b.prompt.is_some() => &[Scope::Prompt, Scope::Global],
            Screen::Main(b) if b.on_dashboard() => b.dashboard.scopes(),
            Screen::Main(b) if b.entity() == crate::service::browse::Entity::Licenses => &[
                Scope::Licenses,
                Scope::Filterable,
                Scope::Browse,
                Scope::Global,
            ],
            Screen::Main(b) if b.entity() == crate::service::browse::Entity::Deployments => &[
                Scope::Deployments,
                Scope::Filterable,
                Scope::Browse,
                Scope::Global,
            ],
            Screen::Main(b) if b.entity().qualifiers().is_some() => {
                &[Scope::Filterable, Scope::Browse, Scope::Global]
            }
            Screen::Main(_) => &[Scope::Browse, Scope::Global],
        }
    }

    #[must_use]
    pub fn screen_name(&self) -> &'static str {
        match &self.screen {
            Screen::Connecting | Screen::ConnectFailed(_) => "start",
            Screen::FirstRun(_) => "first run",
            Screen::Login(_) => "sign in",
            Screen::Demo(_) => "demo data",
            Screen::Main(b) if b.on_dashboard() => "Dashboard",
            Screen::Main(b) => b.entity().title(),
        }
    }

    /// Whether a request the screen waits for is in flight.
    #[must_use]
    pub fn busy(&self) -> bool {
        match &self.screen {
            Screen::Connecting => true,
            Screen::ConnectFailed(_) | Screen::Demo(_) => {
                matches!(self.screen, Screen::Demo(DemoState::Running { .. }))
            }
            Screen::FirstRun(f) | Screen::Login(f) => f.pending.is_some(),
            Screen::Main(b) if b.on_dashboard() => b.dashboard.loading(),
            Screen::Main(b) => {
                b.detail.seq.is_some()
                    || b.overlay.as_ref().is_some_and(|o| o.busy())
                    || b.tab()
                        .is_some_and(|t| t.pending.is_some() || t.count_seq.is_some())
            }
        }
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Tick => {
                if self.busy() {
                    self.ticks = self.ticks.wrapping_add(1);
                }
            }
            Msg::Resize(w, h) => self.resize(Rect::new(0, 0, w, h)),
            Msg::Key(key) => self.key(&key),
            Msg::Reply { seq, reply } => self.reply(seq, reply),
        }
    }

    /// Rows per page for the table on screen now.
    #[must_use]
    pub fn page_limit(&self) -> usize {
        match &self.screen {
            Screen::Main(b) => ui::page_limit(self.area, b.shows_detail()),
            _ => ui::page_limit(self.area, false),
        }
    }

    fn resize(&mut self, area: Rect) {
        let before = self.page_limit();
        self.area = area;
        if self.page_limit() != before && !ui::too_small(area) {
            self.reload_page();
        }
    }

    fn key(&mut self, key: &KeyEvent) {
        if self.help {
            match keymap::action_for(&[Scope::Help, Scope::Global], key) {
                Some(Action::CloseHelp) => self.help = false,
                Some(Action::Down) => self.help_scroll = self.help_scroll.saturating_add(1),
                Some(Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
                Some(Action::ForceQuit) => self.quit = true,
                _ => {}
            }
            return;
        }
        let action = keymap::action_for(self.scopes(), key);
        match action {
            Some(Action::ForceQuit | Action::Quit) => {
                self.quit = true;
                return;
            }
            Some(Action::Help) => {
                self.help = true;
                self.help_scroll = 0;
                return;
            }
            _ => {}
        }
        if action.is_some() {
            self.status = None;
        }
        match &mut self.screen {
            Screen::Connecting | Screen::ConnectFailed(_) => {}
            Screen::FirstRun(form) => match action {
                Some(a) => {
                    if form.on_action(a) == FormEvent::Submit
                        && let Some(req) = first_run::submit(form)
                    {
                        form.pending = Some(self.outbox.send(req));
                    }
                }
                None => form.on_key(key),
            },
            Screen::Login(form) => match action {
                Some(a) => {
                    if form.on_action(a) == FormEvent::Submit
                        && let Some(req) = login::submit(form)
                    {
                        form.pending = Some(self.outbox.send(req));
                    }
                }
                None => form.on_key(key),
            },
            Screen::Demo(state) => match (state, action) {
                (DemoState::Offer, Some(Action::Yes)) => self.start_demo(),
                (DemoState::Offer, Some(Action::No))
                | (DemoState::Done(_) | DemoState::Failed(_), Some(Action::Continue)) => {
                    self.enter_main();
                }
                _ => {}
            },
            Screen::Main(b) if b.overlay.is_some() => self.overlay_key(action, key),
            Screen::Main(b) if b.prompt.is_some() => self.prompt_key(action, key),
            Screen::Main(b) if b.on_dashboard() => self.dashboard_key(action, key),
            Screen::Main(_) => {
                if let Some(a) = action {
                    self.browse_action(a, key);
                }
            }
        }
    }

    fn start_demo(&mut self) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let seq = self.outbox.send(Request::LoadDemo {
            actor,
            size: self.demo_size,
            today: self.today,
        });
        self.screen = Screen::Demo(DemoState::Running {
            seq,
            progress: None,
            finished: Vec::new(),
        });
    }

    fn reply(&mut self, seq: u64, reply: Reply) {
        match reply {
            Reply::ConnectFailed(e) | Reply::Hello(Err(e)) => {
                self.screen = Screen::ConnectFailed(e);
            }
            Reply::Failed(e) => self.failed(seq, e),
            Reply::Hello(Ok(hello)) => {
                self.kind = Some(hello.kind);
                if hello.expired > 0 {
                    self.status = Some(Status::info(format!(
                        "{} licenses past their end date are now expired",
                        hello.expired
                    )));
                }
                if matches!(self.screen, Screen::Connecting) {
                    self.screen = if hello.any_operators {
                        Screen::Login(login::form())
                    } else {
                        Screen::FirstRun(first_run::form())
                    };
                }
            }
            Reply::LoggedIn(result) => {
                if let Screen::Login(form) = &mut self.screen
                    && form.pending == Some(seq)
                {
                    form.pending = None;
                    match result {
                        Ok(actor) => self.signed_in(actor),
                        Err(e) => login::failed(form, e),
                    }
                }
            }
            Reply::AdminCreated(result) => {
                if let Screen::FirstRun(form) = &mut self.screen
                    && form.pending == Some(seq)
                {
                    form.pending = None;
                    match result {
                        Ok(actor) => {
                            self.status = Some(Status::info(format!(
                                "created the administrator {}",
                                actor.username
                            )));
                            self.actor = Some(actor);
                            self.screen = Screen::Demo(DemoState::Offer);
                        }
                        Err(e) => first_run::failed(form, e),
                    }
                }
            }
            Reply::DemoProgress(p) => {
                if let Screen::Demo(state @ DemoState::Running { .. }) = &mut self.screen
                    && matches!(state, DemoState::Running { seq: s, .. } if *s == seq)
                {
                    state.progress(p);
                }
            }
            Reply::DemoDone(result) => {
                if let Screen::Demo(state) = &mut self.screen
                    && matches!(state, DemoState::Running { seq: s, .. } if *s == seq)
                {
                    *state = match result {
                        Ok(report) => DemoState::Done(report),
                        Err(e) => DemoState::Failed(e),
                    };
                }
            }
            Reply::Page { entity, result } => self.page_reply(seq, entity, result),
            Reply::Count { entity, result } => self.count_reply(seq, entity, result),
            Reply::Totals { entity, result } => self.totals_reply(seq, entity, result),
            Reply::LicenseDetail { id, result } => self.detail_reply(seq, id, result),
            Reply::Edit(reply) => self.edit_reply(seq, reply),
            Reply::Utilization(result) => self.dashboard_reply(seq, result),
        }
    }

    fn signed_in(&mut self, actor: Actor) {
        self.status = Some(Status::info(format!(
            "signed in as {} ({})",
            actor.username, actor.role
        )));
        self.actor = Some(actor);
        self.enter_main();
    }

    /// A request that could not be delivered: whoever waits for it stops waiting.
    fn failed(&mut self, seq: u64, error: String) {
        match &mut self.screen {
            Screen::FirstRun(f) | Screen::Login(f) if f.pending == Some(seq) => {
                f.pending = None;
                f.error = Some(error.clone());
            }
            Screen::Demo(state @ DemoState::Running { .. }) => {
                if matches!(state, DemoState::Running { seq: s, .. } if *s == seq) {
                    *state = DemoState::Failed(error.clone());
                }
            }
            Screen::Main(b) => {
                for tab in &mut b.tabs {
                    if tab.pending.as_ref().is_some_and(|p| p.seq == seq) {
                        tab.pending = None;
                    }
                    if tab.count_seq == Some(seq) {
                        tab.count_seq = None;
                    }
                }
                if b.dashboard.seq == Some(seq) {
                    b.dashboard.seq = None;
                }
                if b.detail.seq == Some(seq) {
                    b.detail.seq = None;
                    b.detail.error = Some(error.clone());
                }
                super::edit_replies::failed(b, seq, &error);
            }
            _ => {}
        }
        self.status = Some(Status::error(error));
    }
}
