//! The Sales reps tab: who sells; `a` deactivates a rep who left (history keeps them).

use super::editing::record_tab::{RecordTab, Records};
use super::editing::screen::EditableList;
use super::list::Spec;
use crate::service::browse::Entity;
use crate::service::details::DetailKind;
use crate::service::records::RecordKind;

pub const SPEC: Spec = Spec::plain(
    Entity::SalesReps,
    "Sales reps",
    "Reps",
    Entity::SalesReps.columns(),
)
.with_empty("No sales reps yet — n adds one")
.with_detail(DetailKind::SalesRep)
.with_filter(Entity::SalesReps.qualifiers())
.sorted_by_any_column();

#[derive(Debug)]
pub struct SalesReps;

impl RecordTab for SalesReps {
    const KIND: RecordKind = RecordKind::SalesRep;
    const CELLS: &'static [Option<&'static str>] = &[
        None,
        Some("name"),
        Some("email"),
        Some("region"),
        Some("active"),
    ];
    const RETIRE_HELP: &'static str = "deactivate the rep, or activate them";
}

pub type SalesRepsScreen = EditableList<Records<SalesReps>>;

#[must_use]
pub fn screen() -> SalesRepsScreen {
    EditableList::new(&SPEC)
}
