//! The Partners tab: resellers; the record keys of every reference tab (`n` new, `e` edit, `h` history, `a` archive, `Delete`, inline cell edit).

use super::editing::record_tab::{RecordTab, Records};
use super::editing::screen::EditableList;
use super::list::Spec;
use crate::service::browse::Entity;
use crate::service::details::DetailKind;
use crate::service::records::RecordKind;

pub const SPEC: Spec = Spec::plain(
    Entity::Partners,
    "Partners",
    "Ptnr",
    Entity::Partners.columns(),
)
.with_empty("No partners yet — n adds one (a license needs no partner)")
.with_detail(DetailKind::Partner)
.with_filter(Entity::Partners.qualifiers())
.sorted_by_any_column();

#[derive(Debug)]
pub struct Partners;

impl RecordTab for Partners {
    const KIND: RecordKind = RecordKind::Partner;
    const CELLS: &'static [Option<&'static str>] = &[
        None,
        Some("name"),
        Some("country"),
        Some("contact_email"),
        None,
    ];
    const RETIRE_HELP: &'static str = "archive the partner, or unarchive it";
}

pub type PartnersScreen = EditableList<Records<Partners>>;

#[must_use]
pub fn screen() -> PartnersScreen {
    EditableList::new(&SPEC)
}
