//! The router: the active screen, and the keys every screen shares (help, quit, tabs).
//! A key goes to the active screen first; what it leaves, the router may take. A reply
//! goes to the screen that asked for it. Screens ask the router for what crosses screens
//! (sign-in, going to the tabs, showing a list filtered to a row of another) as
//! [`Effect`]s. No IO here.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::event::Msg;
use super::keys::{self, Global, HelpKey, RouterKeys, lookup};
use super::layout;
use super::one_line;
use super::screens::demo::DemoScreen;
use super::screens::first_run::FirstRunScreen;
use super::screens::import;
use super::screens::login::LoginScreen;
use super::screens::password::PasswordScreen;
use super::screens::start::{self, StartScreen};
use super::screens::{self, Ctx, Effect, Message, Screen, ScreenId};
use super::theme::Theme;
use super::widgets::status_bar::Status;
use super::worker::{Delivery, Lane, LinkState, Outbox, Outgoing, Reply};
use crate::auth::Actor;
use crate::config::{DatabaseUrl, redact};
use crate::db::BackendKind;
use crate::domain::Permission;
use crate::import::fields::Target;
use crate::service::ServiceError;
use crate::service::browse::Entity;
use crate::service::demo::DemoSize;

/// The main screen: one screen per tab.
#[derive(Debug)]
pub struct Tabs {
    pub screens: Vec<Box<dyn Screen>>,
    pub active: usize,
}

#[derive(Debug)]
pub enum Phase {
    /// Start, first run, sign in, demo data: one screen at a time.
    Session(Box<dyn Screen>),
    Main(Tabs),
}

#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)] // help, offline, quit asked, quit: independent switches
pub struct App {
    /// `SQLite /path`, or the `MySQL` URL with its password hidden.
    pub db_label: String,
    pub kind: Option<BackendKind>,
    /// The database could not be opened.
    pub offline: bool,
    pub phase: Phase,
    /// The tabs, kept as they were while a session screen (change password) is over them.
    pub parked: Option<Tabs>,
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
    /// Ctrl-C was pressed over a changed form: a second one quits, any other key goes back.
    pub quit_asked: bool,
    /// What "load demo data" loads.
    pub demo_size: DemoSize,
    pub outbox: Outbox,
    /// Data changed while the tabs were parked: they read it again when back.
    pub parked_stale: bool,
    /// The lanes whose connection died and that are connecting again.
    pub reconnecting: Vec<Lane>,
}

/// From this try on, a failing reconnect says why in the status bar.
const SAY_WHY_AFTER: u32 = 3;

/// How the database is named on screen.
#[must_use]
pub fn db_label(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(path) => format!("SQLite {}", path.display()),
        DatabaseUrl::Mysql(url) => format!("MySQL {}", redact(url)),
    }
}

/// Keys that edit text in an input (they keep the status line).
fn types_text(key: &KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        && matches!(
            key.code,
            KeyCode::Char(_)
                | KeyCode::Backspace
                | KeyCode::Delete
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
        )
}

impl App {
    /// The state of the first frame; queues the request that opens the database.
    #[must_use]
    pub fn new(db_label: String, area: Rect, today: NaiveDate, theme: Theme) -> Self {
        let mut app = App {
            db_label,
            kind: None,
            offline: false,
            phase: Phase::Session(Box::new(StartScreen::Connecting)),
            parked: None,
            actor: None,
            help: false,
            help_scroll: 0,
            status: None,
            area,
            today,
            theme,
            ticks: 0,
            quit: false,
            quit_asked: false,
            demo_size: DemoSize::default(),
            outbox: Outbox::default(),
            parked_stale: false,
            reconnecting: Vec::new(),
        };
        let hello = start::Request::Hello { today };
        app.outbox.send(ScreenId::Session, None, hello.into());
        app
    }

    /// The requests queued since the last call, in order.
    pub fn drain_outbox(&mut self) -> Vec<Outgoing> {
        self.outbox.drain()
    }

    /// The screen that has the keys.
    #[must_use]
    pub fn active(&self) -> Option<&dyn Screen> {
        match &self.phase {
            Phase::Session(s) => Some(s.as_ref()),
            Phase::Main(t) => t.screens.get(t.active).map(AsRef::as_ref),
        }
    }

    /// The active screen as `T`, when it is one (for tests and benchmarks).
    #[must_use]
    pub fn screen<T: Screen>(&self) -> Option<&T> {
        let any: &dyn std::any::Any = self.active()?;
        any.downcast_ref::<T>()
    }

    /// The tab showing a `T` (for tests and benchmarks).
    #[must_use]
    pub fn tab<T: Screen>(&self) -> Option<&T> {
        let Phase::Main(t) = &self.phase else {
            return None;
        };
        t.screens.iter().find_map(|s| {
            let any: &dyn std::any::Any = s.as_ref();
            any.downcast_ref::<T>()
        })
    }

    fn active_id(&self) -> ScreenId {
        match &self.phase {
            Phase::Session(_) => ScreenId::Session,
            Phase::Main(t) => ScreenId::Tab(t.active),
        }
    }

    #[must_use]
    pub fn screen_name(&self) -> &'static str {
        self.active().map_or("", |s| s.title())
    }

    /// Whether a request the screen waits for is in flight.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.active().is_some_and(Screen::busy)
    }

    /// Which of the router's keys the active screen leaves to it.
    #[must_use]
    pub fn router_keys(&self) -> RouterKeys {
        self.active().map_or(RouterKeys::None, Screen::router_keys)
    }

    /// Where the active screen is drawn.
    #[must_use]
    pub fn screen_area(&self) -> Rect {
        layout::screen_area(self.area, matches!(self.phase, Phase::Main(_)))
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Tick => {
                if self.busy() {
                    self.ticks = self.ticks.wrapping_add(1);
                }
            }
            Msg::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                if !layout::too_small(self.area) {
                    self.dispatch(self.active_id(), Screen::on_resize);
                }
            }
            Msg::Key(key) => self.key(&key),
            Msg::Reply(delivery) => self.reply(delivery),
        }
    }

    /// Runs `f` on screen `to` with a context for it, then carries out its effects.
    fn dispatch<R>(
        &mut self,
        to: ScreenId,
        f: impl FnOnce(&mut dyn Screen, &mut Ctx) -> R,
    ) -> Option<R> {
        let area = self.screen_area();
        let mut effects = Vec::new();
        let screen: &mut dyn Screen = match (&mut self.phase, to) {
            (Phase::Session(s), ScreenId::Session) => s.as_mut(),
            (Phase::Main(t), ScreenId::Tab(i)) => t.screens.get_mut(i)?.as_mut(),
            _ => return None,
        };
        let mut ctx = Ctx {
            to,
            today: self.today,
            area,
            actor: self.actor.as_ref(),
            outbox: &mut self.outbox,
            status: &mut self.status,
            effects: &mut effects,
        };
        let result = f(screen, &mut ctx);
        for effect in effects {
            self.effect(to, effect);
        }
        Some(result)
    }

    fn key(&mut self, key: &KeyEvent) {
        let force_quit = lookup(keys::ALWAYS, key) == Some(Global::ForceQuit);
        if std::mem::take(&mut self.quit_asked) {
            if force_quit {
                self.quit = true;
            } else {
                self.status = None;
            }
            return;
        }
        if force_quit && self.active().is_some_and(Screen::takes_ctrl_c) {
            let id = self.active_id();
            self.dispatch(id, |s, ctx| s.on_key(ctx, key));
            return;
        }
        if force_quit && self.active().is_some_and(Screen::unsaved) {
            self.quit_asked = true;
            self.status = Some(Status::error(
                "the form has unsaved changes: Ctrl-C again quits and loses them, any other key goes back",
            ));
            return;
        }
        // Behind "terminal too small" nothing is seen, so nothing but quitting acts.
        if layout::too_small(self.area) {
            self.quit |= force_quit;
            return;
        }
        if self.help {
            match lookup(keys::HELP, key) {
                Some(HelpKey::Close) => self.help = false,
                Some(HelpKey::Down) => self.help_scroll = self.help_scroll.saturating_add(1),
                Some(HelpKey::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
                None => {
                    if lookup(keys::ALWAYS, key) == Some(Global::ForceQuit) {
                        self.quit = true;
                    }
                }
            }
            return;
        }
        if let Some(global) = lookup(keys::ALWAYS, key) {
            return self.global(global, key);
        }
        let level = self.router_keys();
        // A message stays while the operator types; any other key dismisses it.
        if !(level == RouterKeys::None && types_text(key)) {
            self.status = None;
        }
        let id = self.active_id();
        if self.dispatch(id, |s, ctx| s.on_key(ctx, key)) == Some(true) {
            return;
        }
        if let Some(global) = keys::router_tables(level)
            .into_iter()
            .find_map(|t| lookup(t, key))
        {
            self.global(global, key);
        }
    }

    fn global(&mut self, global: Global, key: &KeyEvent) {
        match global {
            Global::Quit | Global::ForceQuit => self.quit = true,
            Global::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Global::NextTab | Global::PrevTab | Global::GoTab => {
                let Phase::Main(t) = &self.phase else {
                    return;
                };
                let (n, active) = (t.screens.len(), t.active);
                let to = match global {
                    Global::NextTab => Some((active + 1) % n),
                    Global::PrevTab => Some((active + n - 1) % n),
                    _ => keys::digit(key)
                        .filter(|d| (1..=n).contains(d))
                        .map(|d| d - 1),
                };
                if let Some(index) = to {
                    self.switch_tab(index);
                }
            }
            Global::Password => self.change_password(),
            Global::Import => self.import(),
        }
    }

    /// The password screen over the tabs, which wait as they are.
    fn change_password(&mut self) {
        let Some(actor) = &self.actor else {
            return;
        };
        let screen = Box::new(PasswordScreen::own(actor.username.clone()));
        self.over_tabs(screen);
    }

    /// The Import screen over the tabs, into the list on screen when it can be imported.
    fn import(&mut self) {
        if !self
            .actor
            .as_ref()
            .is_some_and(|a| a.role.allows(Permission::ImportData))
        {
            let refusal = ServiceError::Forbidden {
                permission: Permission::ImportData,
            };
            self.status = Some(Status::error(refusal.to_string()));
            return;
        }
        let title = self.screen_name();
        let target = Entity::ALL
            .into_iter()
            .find(|e| tab_title(*e) == Some(title))
            .and_then(import::target_for)
            .unwrap_or(Target::Licenses);
        self.over_tabs(Box::new(import::ImportScreen::new(target)));
    }

    /// `screen` over the tabs, which wait as they are.
    fn over_tabs(&mut self, screen: Box<dyn Screen>) {
        if !matches!(self.phase, Phase::Main(_)) {
            return;
        }
        if let Phase::Main(mut tabs) = std::mem::replace(&mut self.phase, Phase::Session(screen)) {
            if let Some(s) = tabs.screens.get_mut(tabs.active) {
                s.on_leave();
            }
            self.parked = Some(tabs);
        }
    }

    /// Back to the tabs the password screen was opened over, else to new ones.
    fn back_to_tabs(&mut self) {
        match self.parked.take() {
            Some(tabs) => {
                let active = tabs.active;
                self.phase = Phase::Main(tabs);
                if std::mem::take(&mut self.parked_stale) {
                    self.tell_others(ScreenId::Session, &Message::DataChanged);
                }
                self.dispatch(ScreenId::Tab(active), Screen::on_enter);
            }
            None => self.enter_main(),
        }
    }

    fn switch_tab(&mut self, index: usize) {
        let Phase::Main(t) = &mut self.phase else {
            return;
        };
        if index == t.active || index >= t.screens.len() {
            return;
        }
        // What is in flight for the tab being left is no longer wanted.
        if let Some(s) = t.screens.get_mut(t.active) {
            s.on_leave();
        }
        t.active = index;
        self.dispatch(ScreenId::Tab(index), Screen::on_enter);
    }

    fn reply(&mut self, delivery: Delivery) {
        let Delivery { seq, to, reply } = delivery;
        match reply {
            Reply::ConnectFailed(e) => self.effect(to, Effect::ConnectFailed(e)),
            Reply::Failed(e) => {
                self.dispatch(to, |s, ctx| s.on_failed(ctx, seq, &e));
                self.status = Some(Status::error(e));
            }
            Reply::Done(reply) => {
                self.dispatch(to, |s, ctx| s.on_reply(ctx, seq, reply));
            }
            Reply::Link(state) => self.link(state),
        }
    }

    /// A lane lost its connection or got it back. The bar says "reconnecting…" while any
    /// lane is down; the failed action's own message stays until the link is back, when
    /// the tab on screen reads its data again.
    fn link(&mut self, state: LinkState) {
        match state {
            LinkState::Reconnecting {
                lane,
                attempt,
                error,
            } => {
                if !self.reconnecting.contains(&lane) {
                    self.reconnecting.push(lane);
                }
                // After the first tries, why it does not come back (a refused port, a
                // password changed on the server ...).
                if let Some(error) = error.filter(|_| attempt >= SAY_WHY_AFTER) {
                    self.status = Some(Status::error(format!(
                        "reconnecting (try {attempt}): {error}"
                    )));
                }
            }
            LinkState::Restored { lane, host } => {
                let was_down = !self.reconnecting.is_empty();
                self.reconnecting.retain(|l| *l != lane);
                if was_down && self.reconnecting.is_empty() {
                    let to = if host.is_empty() {
                        String::new()
                    } else {
                        format!(" to {}", one_line(&host))
                    };
                    self.status =
                        Some(Status::info(format!("reconnected{to}: repeat what failed")));
                    // The tab on screen reads what it shows again (reads only: an action
                    // that failed is the operator's to repeat).
                    if matches!(self.phase, Phase::Main(_)) {
                        self.dispatch(self.active_id(), Screen::on_enter);
                    }
                }
            }
        }
    }

    fn effect(&mut self, from: ScreenId, effect: Effect) {
        match effect {
            Effect::Quit => self.quit = true,
            Effect::Connected(hello) => {
                self.kind = Some(hello.kind);
                if hello.expired > 0 {
                    self.status = Some(Status::info(format!(
                        "{} licenses past their end date are now expired",
                        crate::tui::format::grouped(hello.expired)
                    )));
                }
                if self.screen::<StartScreen>().is_some() {
                    self.phase = Phase::Session(if hello.any_operators {
                        Box::new(LoginScreen::default())
                    } else {
                        Box::new(FirstRunScreen::default())
                    });
                }
            }
            Effect::ConnectFailed(e) => {
                self.offline = self.kind.is_none();
                self.phase = Phase::Session(Box::new(StartScreen::Failed(e)));
            }
            Effect::SignedIn(actor) => {
                self.status = Some(Status::info(format!(
                    "signed in as {} ({})",
                    actor.username, actor.role
                )));
                self.actor = Some(actor);
                self.enter_main();
            }
            Effect::AdminCreated(actor) => {
                self.status = Some(Status::info(format!(
                    "created the administrator {}",
                    actor.username
                )));
                self.actor = Some(actor);
                self.phase = Phase::Session(Box::new(DemoScreen::new(self.demo_size)));
            }
            Effect::EnterMain => self.enter_main(),
            Effect::MustChangePassword { username, current } => {
                self.phase = Phase::Session(Box::new(PasswordScreen::forced(username, &current)));
            }
            Effect::PasswordChanged(actor) => {
                self.status = Some(Status::info(format!(
                    "password changed; signed in as {} ({})",
                    actor.username, actor.role
                )));
                self.actor = Some(actor);
                self.back_to_tabs();
            }
            Effect::Back => self.back_to_tabs(),
            Effect::Show { entity, filter } => self.show(entity, filter),
            Effect::DataChanged if self.parked.is_some() => self.parked_stale = true,
            Effect::DataChanged => self.tell_others(from, &Message::DataChanged),
            Effect::LicenseQuery(q) => self.tell_others(from, &Message::LicenseQuery(q)),
        }
    }

    /// `message` to every tab but `from`.
    fn tell_others(&mut self, from: ScreenId, message: &Message) {
        let Phase::Main(t) = &self.phase else {
            return;
        };
        let others: Vec<ScreenId> = (0..t.screens.len())
            .map(ScreenId::Tab)
            .filter(|id| *id != from)
            .collect();
        for id in others {
            self.dispatch(id, |s, ctx| s.on_message(ctx, message));
        }
    }

    /// Shows the main screen on its first tab.
    fn enter_main(&mut self) {
        self.phase = Phase::Main(Tabs {
            screens: screens::main_tabs(self.today, self.actor.as_ref().map(|a| a.role)),
            active: 0,
        });
        self.dispatch(ScreenId::Tab(0), Screen::on_enter);
    }

    /// The tab of `entity`'s list, showing what `filter` matches.
    fn show(&mut self, entity: Entity, filter: String) {
        let Phase::Main(t) = &mut self.phase else {
            return;
        };
        let Some(index) =
            tab_title(entity).and_then(|title| t.screens.iter().position(|s| s.title() == title))
        else {
            self.status = Some(Status::error(format!("no tab shows {entity:?}")));
            return;
        };
        if let Some(s) = t.screens.get_mut(t.active) {
            s.on_leave();
        }
        // Straight to the filtered list's first page: entering first would fetch the old one.
        t.active = index;
        let message = Message::Filter(filter);
        self.dispatch(ScreenId::Tab(index), |s, ctx| s.on_message(ctx, &message));
    }
}

/// The title of the tab that lists `entity` (how the router finds it).
fn tab_title(entity: Entity) -> Option<&'static str> {
    use screens::{
        activity, companies, deployments, engineers, licenses, partners, portal_users,
        product_codes, purchases, sales_reps,
    };
    Some(match entity {
        Entity::Licenses => licenses::SPEC.title,
        Entity::Companies => companies::SPEC.title,
        Entity::Partners => partners::SPEC.title,
        Entity::SalesReps => sales_reps::SPEC.title,
        Entity::ProductCodes => product_codes::SPEC.title,
        Entity::Purchases => purchases::SPEC.title,
        Entity::Deployments => deployments::SPEC.title,
        Entity::Engineers => engineers::SPEC.title,
        Entity::PortalUsers => portal_users::SPEC.title,
        Entity::Activity => activity::SPEC.title,
        Entity::Audit | Entity::Operators => return None,
    })
}
