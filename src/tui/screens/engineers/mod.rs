//! The Engineers tab: who deploys, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::Engineers,
    "Engineers",
    "Eng",
    &["ID", "Name", "Email", "Region", "Active"],
)
.with_filter(Entity::Engineers.qualifiers())
.sorted_by_any_column();

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
