//! The Purchases tab: newest first (`r` reverses), the `/` filter, and the revenue per
//! currency of what matches on the bottom line.

use super::list::screen::ListScreen;
use super::list::{Sorting, Spec, Totals};
use crate::service::browse::Entity;

pub const SPEC: Spec = Spec {
    entity: Entity::Purchases,
    title: "Purchases",
    short_title: "Purch",
    columns: Entity::Purchases.columns(),
    qualifiers: Entity::Purchases.qualifiers(),
    sorting: Sorting::Reverse,
    arrow: true,
    totals: Totals::Always,
    empty: "No purchases yet — p on a license (tab 1) records one",
    detail: None,
};

#[must_use]
pub fn screen() -> ListScreen {
    ListScreen::new(&SPEC)
}
