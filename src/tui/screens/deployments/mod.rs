//! The Deployments tab: newest first, the `/` filter, and `s` (next status, dated) and
//! `e` (edit) on the selected deployment.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::editing::overlay::{self, Table};
use super::editing::{self, Intent, Overlay, Request, Saved};
use super::list::{self, List, Sorting, Spec, Totals};
use super::{Ctx, Effect, Message, Screen, ScreenReply, View};
use crate::domain::Permission;
use crate::service::browse::Entity;
use crate::tui::keys::{self, Binding, HelpRow, RouterKeys, bind, ch, lookup};

pub const SPEC: Spec = Spec {
    entity: Entity::Deployments,
    title: "Deployments",
    short_title: "Deploy",
    columns: &[
        "License",
        "Company",
        "Engineer",
        "Status",
        "Scheduled",
        "Started",
        "Completed",
        "Environment",
    ],
    qualifiers: Entity::Deployments.qualifiers(),
    sorting: Sorting::Reverse,
    arrow: false,
    totals: Totals::Never,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DeploymentKey {
    Advance,
    Edit,
}

const KEYS: &[Binding<DeploymentKey>] = &[
    bind(
        &[ch('s')],
        DeploymentKey::Advance,
        "move the deployment to its next status",
    ),
    bind(&[ch('e')], DeploymentKey::Edit, "edit the deployment"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentsScreen {
    pub list: List,
    /// The status menu or the edit form.
    pub overlay: Option<Box<Overlay>>,
}

impl Default for DeploymentsScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl DeploymentsScreen {
    #[must_use]
    pub fn new() -> Self {
        DeploymentsScreen {
            list: List::new(&SPEC),
            overlay: None,
        }
    }

    fn start(&mut self, ctx: &mut Ctx, action: DeploymentKey) {
        if editing::refused(ctx, Permission::ManageDeployments) {
            return;
        }
        let Some(id) = self.list.tab.selected_id() else {
            ctx.error("nothing selected");
            return;
        };
        let intent = match action {
            DeploymentKey::Advance => Intent::DeploymentStatus,
            DeploymentKey::Edit => Intent::DeploymentEdit,
        };
        editing::load(&mut self.overlay, ctx, Request::Deployment { id }, intent);
    }

    fn after_save(&mut self, ctx: &mut Ctx, saved: &Saved) {
        ctx.info(saved.message.clone());
        ctx.emit(Effect::DataChanged);
        self.list.invalidate();
        self.list.reload(ctx);
        self.list.fetch_count(ctx);
    }
}

impl Screen for DeploymentsScreen {
    fn title(&self) -> &'static str {
        SPEC.title
    }

    fn short_title(&self) -> &'static str {
        SPEC.short_title
    }

    fn router_keys(&self) -> RouterKeys {
        editing::router_keys(self.overlay.as_deref(), &self.list)
    }

    fn help(&self) -> Vec<HelpRow> {
        editing::help(self.overlay.as_deref(), &self.list, keys::help(KEYS))
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.list.limit = List::rows_in(ctx.area);
        if self.overlay.is_some() {
            editing::update::key(&mut self.overlay, ctx, key);
            return true;
        }
        // `s` and `e` are letters: typed into an open prompt, not actions.
        let action = if self.list.typing() {
            None
        } else {
            lookup(KEYS, key)
        };
        match action {
            Some(action) => {
                self.start(ctx, action);
                true
            }
            None => self.list.on_key(ctx, key) != list::Event::Ignored,
        }
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        self.list.limit = List::rows_in(ctx.area);
        match reply {
            ScreenReply::List(reply) => {
                self.list.on_reply(ctx, seq, reply);
            }
            ScreenReply::Editing(reply) => {
                if let Some(saved) = editing::replies::reply(&mut self.overlay, ctx, seq, reply) {
                    self.after_save(ctx, &saved);
                }
            }
            _ => {}
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        self.list.on_failed(seq);
        editing::replies::failed(&mut self.overlay, seq, error);
    }

    fn on_enter(&mut self, ctx: &mut Ctx) {
        self.list.limit = List::rows_in(ctx.area);
        self.list.open(ctx);
    }

    fn on_leave(&mut self) {
        self.list.leave();
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        self.list.resize(ctx, List::rows_in(ctx.area));
    }

    fn on_message(&mut self, _ctx: &mut Ctx, message: &Message) {
        if *message == Message::DataChanged {
            self.list.invalidate();
        }
    }

    fn busy(&self) -> bool {
        self.overlay.as_ref().is_some_and(|o| o.busy()) || self.list.busy()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        list::view::render(frame, area, &self.list, None, view.theme);
        if let Some(o) = &self.overlay {
            let on = Table {
                area,
                cell: None,
                label: "",
            };
            overlay::render(frame, view.body, o, on, view.theme);
        }
    }
}
