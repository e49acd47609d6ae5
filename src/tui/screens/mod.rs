//! Screens as components. A screen owns its state, its key tables, its update, the
//! requests it sends (its own enum, carried by one arm of [`ScreenRequest`]) and the
//! handling of their replies; `render` is a pure function of its state. The router
//! (`tui::app`) holds the active screen and the keys every screen shares.
//!
//! Adding a screen: its folder, a `pub mod` line below, a line in [`main_tabs`] when it is
//! a tab, and a line in the `registry!` when it sends requests of its own.

pub mod account_form;
pub mod activity;
pub mod audit;
pub mod companies;
pub mod dashboard;
pub mod demo;
pub mod deployments;
pub mod editing;
pub mod engineers;
pub mod first_run;
pub mod help;
pub mod import;
pub mod licenses;
pub mod list;
pub mod login;
pub mod operators;
pub mod partners;
pub mod password;
pub mod performance;
pub mod portal_users;
pub mod product_codes;
pub mod purchases;
pub mod sales_reps;
pub mod start;
pub mod timeline;

use std::any::Any;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::keys::{HelpRow, RouterKeys};
use super::theme::Theme;
use super::widgets::status_bar::Status;
use crate::auth::{Actor, Secret};
use crate::db::DbConnection;
use crate::domain::{Permission, Role};

// The protocol between screens and the worker: requests out, replies back.

/// Requests waiting to go to the worker, numbered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outbox {
    next_seq: u64,
    queued: Vec<Outgoing>,
}

impl Outbox {
    /// Queues `request` of screen `to`, run as `actor`; returns its sequence number.
    pub fn send(&mut self, to: ScreenId, actor: Option<Actor>, request: ScreenRequest) -> u64 {
        self.next_seq += 1;
        self.queued.push(Outgoing {
            seq: self.next_seq,
            to,
            actor,
            request,
        });
        self.next_seq
    }

    /// The requests queued since the last call, in order.
    pub fn drain(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.queued)
    }
}

/// Where a request runs: the interactive lane (pages, writes) or the background one
/// (counts and other slow aggregates), each a database thread of the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Interactive,
    Background,
}

/// A screen's request, tagged with its sequence number, its screen and its operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub seq: u64,
    pub to: ScreenId,
    pub actor: Option<Actor>,
    pub request: ScreenRequest,
}

impl Outgoing {
    #[must_use]
    pub fn lane(&self) -> Lane {
        self.request.lane()
    }

    /// Requests of one slot supersede each other: only the newest queued one is run.
    #[must_use]
    pub fn slot(&self) -> Option<(ScreenId, &'static str)> {
        self.request.slot().map(|s| (self.to, s))
    }
}

/// What comes back. Errors are already worded for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The lane could not open or migrate the database.
    ConnectFailed(String),
    /// The request could not be delivered or run.
    Failed(String),
    Done(ScreenReply),
    /// A lane's connection died, or is back: for the status bar, not for a screen.
    Link(LinkState),
}

/// A lane's database connection, as the status bar hears of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    /// The connection went; the lane is connecting again. `attempt` counts the tries so
    /// far (0 before the first), `error` is why the last one failed.
    Reconnecting {
        lane: Lane,
        attempt: u32,
        error: Option<String>,
    },
    /// Connected again, to `host` (`host:port`; empty for a file).
    Restored { lane: Lane, host: String },
}

/// A reply on its way to the screen that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub seq: u64,
    pub to: ScreenId,
    pub reply: Reply,
}

/// The tabs of the main screen for an operator of `role`, in order (`1`-`9`, `0` go
/// to them). Tabs the role may not open are not there at all.
#[must_use]
pub fn main_tabs(today: NaiveDate, role: Option<Role>) -> Vec<Box<dyn Screen>> {
    let allows = |p: Permission| role.is_some_and(|r| r.allows(p));
    let mut tabs: Vec<Box<dyn Screen>> = vec![
        Box::new(licenses::LicensesScreen::new()),
        Box::new(companies::screen()),
        Box::new(partners::screen()),
        Box::new(sales_reps::screen()),
        Box::new(product_codes::screen()),
        Box::new(purchases::screen()),
        Box::new(deployments::screen()),
        Box::new(engineers::screen()),
        Box::new(portal_users::screen()),
        Box::new(activity::screen()),
        Box::new(timeline::TimelineScreen::new(today)),
        Box::new(dashboard::Dashboard::new(today)),
    ];
    if allows(Permission::ViewReports) {
        tabs.push(Box::new(performance::Performance::new(today)));
    }
    tabs.push(Box::new(audit::AuditScreen::new()));
    if allows(Permission::ManageOperators) {
        tabs.push(Box::new(operators::OperatorsScreen::new()));
    }
    tabs
}

/// Who a request came from, so that its reply goes back there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    /// The screen before the tabs: start, first run, sign in, demo data.
    Session,
    /// A tab of the main screen, by index.
    Tab(usize),
}

/// What a screen asks of the router.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// The database answered: which backend, whether any operator exists.
    Connected(start::Hello),
    /// The database could not be opened.
    ConnectFailed(String),
    SignedIn(Actor),
    /// The first administrator was created: offer the demo data.
    AdminCreated(Actor),
    /// Leave the session screens for the tabs.
    EnterMain,
    /// The tab of `entity`'s list, showing what `filter` (the `/` filter's text) matches.
    Show {
        entity: crate::service::browse::Entity,
        filter: String,
    },
    /// A write happened: every list's count is out of date.
    DataChanged,
    /// The license rows' filter (as typed) and sort changed: the Licenses and Timeline
    /// tabs show the same rows.
    LicenseQuery(Box<(String, crate::db::queries::list::ListQuery)>),
    /// The password was right but an admin reset it: the password screen, before the tabs.
    MustChangePassword {
        username: String,
        current: Secret,
    },
    /// The operator chose a new password and is signed in.
    PasswordChanged(Actor),
    /// Leave a screen opened over the tabs (change password) for them.
    Back,
}

/// What the router tells a screen that is not about a key or a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Show what this `/` filter matches (the tab became the active one).
    Filter(String),
    /// Data changed elsewhere: counts and totals must be read again.
    DataChanged,
    /// Another tab showing license rows changed their filter or sort (see
    /// [`Effect::LicenseQuery`]).
    LicenseQuery(Box<(String, crate::db::queries::list::ListQuery)>),
}

/// What a screen may use while it handles a key, a reply or a message.
pub struct Ctx<'a> {
    pub to: ScreenId,
    pub today: NaiveDate,
    /// Where the screen is drawn (below the tab bar, above the status bar).
    pub area: Rect,
    pub actor: Option<&'a Actor>,
    pub outbox: &'a mut Outbox,
    pub status: &'a mut Option<Status>,
    pub effects: &'a mut Vec<Effect>,
}

impl Ctx<'_> {
    /// Queues a request of this screen; its sequence number.
    pub fn send(&mut self, request: impl Into<ScreenRequest>) -> u64 {
        self.outbox
            .send(self.to, self.actor.cloned(), request.into())
    }

    pub fn info(&mut self, text: impl Into<String>) {
        *self.status = Some(Status::info(text));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        *self.status = Some(Status::error(text));
    }

    pub fn emit(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Whether the operator's role allows `p` (to refuse early; the service decides).
    #[must_use]
    pub fn allows(&self, p: Permission) -> bool {
        self.actor.is_some_and(|a| a.role.allows(p))
    }
}

/// What `render` may read besides the screen's own state.
pub struct View<'a> {
    pub theme: Theme,
    pub today: NaiveDate,
    /// Advances while busy; animates loading indicators.
    pub ticks: u64,
    pub db_label: &'a str,
    /// The whole screen above the status bar, tab bar included: where dialogs center.
    pub body: Rect,
}

pub trait Screen: Any + std::fmt::Debug {
    /// The tab title, or the screen's name in the help.
    fn title(&self) -> &'static str;

    /// The tab title for narrow terminals.
    fn short_title(&self) -> &'static str {
        self.title()
    }

    /// Which of the router's keys this screen leaves to it now.
    fn router_keys(&self) -> RouterKeys;

    /// The key hint at the right of the status bar, when not the router's default.
    fn hint(&self) -> Option<&'static str> {
        None
    }

    /// The keys of the screen as it is now, for the `?` help (from its key tables).
    fn help(&self) -> Vec<HelpRow>;

    /// A key; `false` when the screen has no use for it (the router may).
    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool;

    /// The reply to request `seq` of this screen.
    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply);

    /// Request `seq` of this screen could not be delivered or run.
    fn on_failed(&mut self, _ctx: &mut Ctx, _seq: u64, _error: &str) {}

    /// The screen became the active one: fetch what it lacks.
    fn on_enter(&mut self, _ctx: &mut Ctx) {}

    /// Another screen becomes active: what is in flight is no longer wanted.
    fn on_leave(&mut self) {}

    /// The terminal changed size (the screen is active).
    fn on_resize(&mut self, _ctx: &mut Ctx) {}

    fn on_message(&mut self, _ctx: &mut Ctx, _message: &Message) {}

    /// Whether a request the screen waits for is in flight.
    fn busy(&self) -> bool;

    /// Whether Ctrl-C is the screen's now (it cancels a running job) rather than quit.
    fn takes_ctrl_c(&self) -> bool {
        false
    }

    /// Whether quitting now would lose what the operator typed (a changed form).
    fn unsaved(&self) -> bool {
        false
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View);
}

/// A request of one screen's, run on the worker's connection.
pub trait Job {
    type Reply;

    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// Requests of one slot of one screen supersede each other: only the newest queued
    /// one runs.
    fn slot(&self) -> Option<&'static str> {
        None
    }

    /// Runs the request as `actor`.
    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Self::Reply;

    /// Runs the request; a long one reports its progress as replies.
    fn run_reporting(
        self,
        conn: &mut DbConnection,
        actor: Option<&Actor>,
        progress: &mut dyn FnMut(Self::Reply),
    ) -> Self::Reply
    where
        Self: Sized,
    {
        let _ = progress;
        self.run(conn, actor)
    }

    /// Runs the request again after its first run's commit went unanswered (the
    /// connection died on the way): it may have landed. A write that a version does not
    /// guard (a create) first looks whether it did; the rest run as usual, since their
    /// version check tells.
    fn run_repeat(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Self::Reply
    where
        Self: Sized,
    {
        self.run(conn, actor)
    }
}

/// "not signed in", for jobs that need an operator.
///
/// # Errors
/// When `actor` is `None`.
pub fn signed_in(actor: Option<&Actor>) -> Result<&Actor, String> {
    actor.ok_or_else(|| "not signed in".to_owned())
}

/// One arm per screen module that sends requests: the request and reply enums, and their
/// dispatch to the module's [`Job`].
macro_rules! registry {
    ($($module:ident => $variant:ident),* $(,)?) => {
        /// Every screen's request, one arm each.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ScreenRequest {
            $($variant($module::Request),)*
        }

        /// Every screen's reply, one arm each.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ScreenReply {
            $($variant(<$module::Request as Job>::Reply),)*
        }

        $(impl From<$module::Request> for ScreenRequest {
            fn from(r: $module::Request) -> Self {
                ScreenRequest::$variant(r)
            }
        })*

        impl ScreenRequest {
            #[must_use]
            pub fn lane(&self) -> Lane {
                match self {
                    $(ScreenRequest::$variant(r) => r.lane(),)*
                }
            }

            #[must_use]
            pub fn slot(&self) -> Option<&'static str> {
                match self {
                    $(ScreenRequest::$variant(r) => r.slot(),)*
                }
            }

            pub fn run_repeat(self, conn: &mut DbConnection, actor: Option<&Actor>) -> ScreenReply {
                match self {
                    $(ScreenRequest::$variant(r) => ScreenReply::$variant(r.run_repeat(conn, actor)),)*
                }
            }

            pub fn run(
                self,
                conn: &mut DbConnection,
                actor: Option<&Actor>,
                progress: &mut dyn FnMut(ScreenReply),
            ) -> ScreenReply {
                match self {
                    $(ScreenRequest::$variant(r) => ScreenReply::$variant(r.run_reporting(
                        conn,
                        actor,
                        &mut |reply| progress(ScreenReply::$variant(reply)),
                    )),)*
                }
            }
        }
    };
}

registry! {
    start => Start,
    login => Login,
    first_run => FirstRun,
    demo => Demo,
    list => List,
    editing => Editing,
    licenses => Licenses,
    dashboard => Dashboard,
    performance => Performance,
    operators => Operators,
    password => Password,
    audit => Audit,
    timeline => Timeline,
    import => Import,
}

#[cfg(test)]
mod tests {
    use super::list::{Sorting, Spec};
    use crate::service::browse::Entity;

    /// The headers and the sort keys of each list come from the service's one table, so
    /// `lms export --sort` and the tabs name the same columns.
    #[test]
    fn every_list_spec_agrees_with_its_entity() {
        let specs: [&Spec; 12] = [
            &super::licenses::SPEC,
            &super::companies::SPEC,
            &super::partners::SPEC,
            &super::sales_reps::SPEC,
            &super::product_codes::SPEC,
            &super::purchases::SPEC,
            &super::deployments::SPEC,
            &super::engineers::SPEC,
            &super::portal_users::SPEC,
            &super::activity::SPEC,
            &super::audit::SPEC,
            &super::operators::SPEC,
        ];
        for spec in specs {
            let e: Entity = spec.entity;
            assert_eq!(spec.columns, e.columns(), "{e:?}");
            assert_eq!(
                spec.sorting == Sorting::AnyColumn,
                e.sorts_by_any_column(),
                "{e:?}"
            );
            assert_eq!(spec.qualifiers, e.qualifiers(), "{e:?}");
        }
    }
}
