//! The Activity tab: the portal's activity log, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::Activity,
    "Activity",
    "Log",
    Entity::Activity.columns(),
)
.with_empty("No portal activity yet — it comes from the customer portals' logs")
.with_filter(Entity::Activity.qualifiers())
.sorted_by_any_column();

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
