//! The Companies tab: the customers, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::Companies,
    "Companies",
    "Co",
    &["ID", "Company", "Country", "Contact", "Created"],
);

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
