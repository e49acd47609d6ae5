//! The Portal users tab: each company's registered users, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::PortalUsers,
    "Portal users",
    "Users",
    &["Company", "User ID", "Email", "Name", "Disabled", "Created"],
)
.with_filter(Entity::PortalUsers.qualifiers())
.sorted_by_any_column();

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
