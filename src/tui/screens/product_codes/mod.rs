//! The Product codes tab: what licenses are sold for, in id order.

use super::list::Spec;
use super::list::screen::ListScreen;
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec::plain(
    Entity::ProductCodes,
    "Product codes",
    "Prod",
    &["ID", "Code", "Name", "Description"],
)
.with_empty("No product codes yet — n adds one")
.with_filter(Entity::ProductCodes.qualifiers())
.sorted_by_any_column();

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
