//! The Partners tab: resellers, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::Partners,
    "Partners",
    "Ptnr",
    &["ID", "Partner", "Country", "Contact", "Created"],
)
.with_filter(Entity::Partners.qualifiers())
.sorted_by_any_column();

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
