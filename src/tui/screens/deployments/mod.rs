//! The Deployments tab: newest first, the `/` filter, and `s` (next status, dated) and
//! `e` (edit) on the selected deployment.

use super::Ctx;
use super::editing::screen::{Actions, EditableList};
use super::editing::{self, Intent, Overlay, Request};
use super::list::{List, Sorting, Spec, Totals};
use crate::domain::Permission;
use crate::service::browse::Entity;
use crate::tui::keys::{Binding, bind, ch};

pub const SPEC: Spec = Spec {
    entity: Entity::Deployments,
    title: "Deployments",
    short_title: "Deploy",
    columns: Entity::Deployments.columns(),
    qualifiers: Entity::Deployments.qualifiers(),
    sorting: Sorting::Reverse,
    arrow: false,
    totals: Totals::Never,
    empty: "No deployments yet — S on a license (tab 1) schedules one",
    detail: None,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeploymentKey {
    Advance,
    Edit,
}

#[derive(Debug)]
pub struct Deployments;

pub type DeploymentsScreen = EditableList<Deployments>;

#[must_use]
pub fn screen() -> DeploymentsScreen {
    EditableList::new(&SPEC)
}

impl Actions for Deployments {
    type Key = DeploymentKey;

    const KEYS: &'static [Binding<DeploymentKey>] = &[
        bind(
            &[ch('s')],
            DeploymentKey::Advance,
            "move the deployment to its next status",
        ),
        bind(&[ch('e')], DeploymentKey::Edit, "edit the deployment"),
    ];

    fn start(key: DeploymentKey, ctx: &mut Ctx, list: &List, overlay: &mut Option<Box<Overlay>>) {
        if editing::refused(ctx, Permission::ManageDeployments) {
            return;
        }
        let Some(id) = list.tab.selected_id() else {
            ctx.error("nothing selected");
            return;
        };
        let intent = match key {
            DeploymentKey::Advance => Intent::DeploymentStatus,
            DeploymentKey::Edit => Intent::DeploymentEdit,
        };
        editing::load(overlay, ctx, Request::Deployment { id }, intent);
    }
}
