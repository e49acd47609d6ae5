//! The Engineers tab: who deploys; `a` deactivates an engineer who left (history keeps them).

use super::editing::record_tab::{RecordTab, Records};
use super::editing::screen::EditableList;
use super::list::Spec;
use crate::service::browse::Entity;
use crate::service::details::DetailKind;
use crate::service::records::RecordKind;

pub const SPEC: Spec = Spec::plain(
    Entity::Engineers,
    "Engineers",
    "Eng",
    Entity::Engineers.columns(),
)
.with_empty("No engineers yet — n adds one")
.with_detail(DetailKind::Engineer)
.with_filter(Entity::Engineers.qualifiers())
.sorted_by_any_column();

#[derive(Debug)]
pub struct Engineers;

impl RecordTab for Engineers {
    const KIND: RecordKind = RecordKind::Engineer;
    const CELLS: &'static [Option<&'static str>] = &[
        None,
        Some("name"),
        Some("email"),
        Some("region"),
        Some("active"),
    ];
    const RETIRE_HELP: &'static str = "deactivate the engineer, or activate them";
}

pub type EngineersScreen = EditableList<Records<Engineers>>;

#[must_use]
pub fn screen() -> EngineersScreen {
    EditableList::new(&SPEC)
}
