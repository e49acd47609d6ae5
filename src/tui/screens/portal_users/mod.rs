//! The Portal users tab: each company's registered users, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::PortalUsers,
    "Portal users",
    "Users",
    &["Company", "User ID", "Email", "Name", "Disabled", "Created"],
);

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
