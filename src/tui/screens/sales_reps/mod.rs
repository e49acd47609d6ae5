//! The Sales reps tab, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::SalesReps,
    "Sales reps",
    "Reps",
    &["ID", "Name", "Email", "Region", "Active"],
)
.with_filter(Entity::SalesReps.qualifiers())
.sorted_by_any_column();

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
