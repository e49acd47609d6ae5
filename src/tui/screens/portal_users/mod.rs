//! The Portal users tab: each customer's registered users; `a` disables one.

use super::editing::record_tab::{RecordTab, Records};
use super::editing::screen::EditableList;
use super::list::Spec;
use crate::service::browse::Entity;
use crate::service::details::DetailKind;
use crate::service::records::RecordKind;

pub const SPEC: Spec = Spec::plain(
    Entity::PortalUsers,
    "Portal users",
    "Users",
    Entity::PortalUsers.columns(),
)
.with_empty("No portal users yet — n adds one (to a company)")
.with_detail(DetailKind::PortalUser)
.with_filter(Entity::PortalUsers.qualifiers())
.sorted_by_any_column();

#[derive(Debug)]
pub struct PortalUsers;

impl RecordTab for PortalUsers {
    const KIND: RecordKind = RecordKind::PortalUser;
    const CELLS: &'static [Option<&'static str>] = &[
        Some("company_id"),
        Some("external_user_id"),
        Some("email"),
        Some("name"),
        Some("disabled"),
        None,
    ];
    const RETIRE_HELP: &'static str = "disable the user, or enable them";
}

pub type PortalUsersScreen = EditableList<Records<PortalUsers>>;

#[must_use]
pub fn screen() -> PortalUsersScreen {
    EditableList::new(&SPEC)
}
