//! The detail pane of an entity list (companies, partners, reps, engineers, product codes,
//! portal users): the figures of the selected row, fetched when the selection moves or a
//! page arrives, and the jumps to the related list, already filtered (`Enter`, and `u`
//! on a company). Which pane a list has is its [`super::Spec::detail`].

use ratatui::crossterm::event::KeyCode;

use super::keys::ListKey;
use super::{Event, List, Request};
use crate::domain::filter::by_id;
use crate::service::browse::Entity;
use crate::service::details::{Detail, DetailKind};
use crate::tui::keys::{Binding, bind, ch, code};
use crate::tui::screens::{Ctx, Effect};

/// A record a pane shows, known by its row id.
pub trait Identified {
    fn id(&self) -> i64;
}

impl Identified for Detail {
    fn id(&self) -> i64 {
        Detail::id(self)
    }
}

/// A detail pane's state: the row asked for, the request in flight, what is shown.
/// Shared by the entity lists' panes and the Licenses tab's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pane<D = Detail> {
    /// The row asked for last.
    pub want: Option<i64>,
    pub seq: Option<u64>,
    pub shown: Option<Box<D>>,
    pub error: Option<String>,
    /// Data changed or the list was reloaded: what is shown is asked for again (and
    /// stays on screen until the new figures arrive).
    pub stale: bool,
}

impl<D> Default for Pane<D> {
    fn default() -> Self {
        Pane {
            want: None,
            seq: None,
            shown: None,
            error: None,
            stale: false,
        }
    }
}

impl<D: Identified> Pane<D> {
    pub fn forget(&mut self) {
        *self = Pane::default();
    }

    /// The figures of row `selected`, when they are the ones shown.
    #[must_use]
    pub fn of(&self, selected: Option<i64>) -> Option<&D> {
        self.shown
            .as_deref()
            .filter(|d| selected.is_some_and(|id| d.id() == id))
    }

    /// Whether row `id` needs asking for (not shown, not on its way).
    #[must_use]
    pub fn needs(&self, id: i64) -> bool {
        if self.stale {
            return true;
        }
        let shown = self.shown.as_ref().is_some_and(|d| d.id() == id);
        let coming = self.want == Some(id) && self.seq.is_some();
        !(shown || coming)
    }

    /// Request `seq` is on its way for row `id`.
    pub fn asked(&mut self, id: i64, seq: u64) {
        self.want = Some(id);
        self.error = None;
        self.stale = false;
        self.seq = Some(seq);
    }

    /// The reply to request `seq` for row `id`.
    pub fn apply(&mut self, seq: u64, id: i64, result: Result<Box<D>, String>) -> Event {
        if self.seq != Some(seq) || self.want != Some(id) {
            return Event::Ignored;
        }
        self.seq = None;
        match result {
            Ok(d) => {
                self.shown = Some(d);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        Event::Action
    }

    /// Request `seq` failed in the worker.
    pub fn failed(&mut self, seq: u64, error: &str) {
        if self.seq == Some(seq) {
            self.seq = None;
            self.error = Some(error.to_owned());
        }
    }

    /// Whether the error belongs to row `id`'s last request (nothing in flight).
    #[must_use]
    pub fn error_for(&self, id: i64) -> Option<&str> {
        (self.want == Some(id) && self.seq.is_none())
            .then_some(self.error.as_deref())
            .flatten()
    }
}

impl List {
    /// Asks for the selected row's detail unless it is shown or on its way.
    pub(super) fn fetch_detail(&mut self, ctx: &mut Ctx) {
        let Some(kind) = self.spec.detail else {
            return;
        };
        let Some(id) = self.tab.selected_id() else {
            return;
        };
        if !self.pane.needs(id) {
            return;
        }
        let seq = ctx.send(Request::Detail {
            kind,
            id,
            today: ctx.today,
        });
        self.pane.asked(id, seq);
    }

    /// `Enter` (or `u`) on a row with a detail pane: the related list, filtered to it.
    pub(super) fn jump(&self, ctx: &mut Ctx, key: ListKey) {
        let Some(detail) = self.pane.of(self.tab.selected_id()) else {
            ctx.info("the detail is still loading");
            return;
        };
        if let Some((entity, filter)) = jump(detail, key) {
            ctx.emit(Effect::Show { entity, filter });
        }
    }
}

const COMPANY: &[Binding<ListKey>] = &[
    bind(
        &[code(KeyCode::Enter)],
        ListKey::Related,
        "the company's licenses",
    ),
    bind(&[ch('u')], ListKey::Users, "the company's portal users"),
];
const PARTNER: &[Binding<ListKey>] = &[bind(
    &[code(KeyCode::Enter)],
    ListKey::Related,
    "the partner's licenses",
)];
const SALES_REP: &[Binding<ListKey>] = &[bind(
    &[code(KeyCode::Enter)],
    ListKey::Related,
    "the rep's licenses",
)];
const ENGINEER: &[Binding<ListKey>] = &[bind(
    &[code(KeyCode::Enter)],
    ListKey::Related,
    "the engineer's deployments",
)];
const PRODUCT_CODE: &[Binding<ListKey>] = &[bind(
    &[code(KeyCode::Enter)],
    ListKey::Related,
    "the product's licenses",
)];
const PORTAL_USER: &[Binding<ListKey>] = &[bind(
    &[code(KeyCode::Enter)],
    ListKey::Related,
    "the user's activity",
)];

/// The jump keys of a pane of `kind`.
#[must_use]
pub fn keys(kind: DetailKind) -> &'static [Binding<ListKey>] {
    match kind {
        DetailKind::Company => COMPANY,
        DetailKind::Partner => PARTNER,
        DetailKind::SalesRep => SALES_REP,
        DetailKind::Engineer => ENGINEER,
        DetailKind::ProductCode => PRODUCT_CODE,
        DetailKind::PortalUser => PORTAL_USER,
    }
}

/// Where `key` leads from `detail`: the list to show and its filter. The filter names
/// the record by id, so it selects that record whatever its name holds (bytes that are not
/// UTF-8, quotes, a name another record differs from only in case).
#[must_use]
pub fn jump(detail: &Detail, key: ListKey) -> Option<(Entity, String)> {
    Some(match (detail, key) {
        (Detail::Company(d), ListKey::Related) => (Entity::Licenses, by_id("company", d.id)),
        (Detail::Company(d), ListKey::Users) => (Entity::PortalUsers, by_id("company", d.id)),
        (Detail::Partner(d), ListKey::Related) => (Entity::Licenses, by_id("partner", d.id)),
        (Detail::SalesRep(d), ListKey::Related) => (Entity::Licenses, by_id("rep", d.id)),
        (Detail::ProductCode(d), ListKey::Related) => (Entity::Licenses, by_id("product", d.id)),
        (Detail::Engineer(d), ListKey::Related) => (Entity::Deployments, by_id("engineer", d.id)),
        (Detail::PortalUser(d), ListKey::Related) => (Entity::Activity, by_id("user", d.id)),
        _ => return None,
    })
}
