//! The Companies tab: the customers; `n` new, `e` edit, `h` history, `a` archive,
//! `Delete` (refused, with the reason, while licenses or portal users refer to it), and
//! the inline cell edit.

use super::editing::record_tab::{RecordTab, Records};
use super::editing::screen::EditableList;
use super::list::Spec;
use crate::service::browse::Entity;
use crate::service::details::DetailKind;
use crate::service::records::RecordKind;

pub const SPEC: Spec = Spec::plain(
    Entity::Companies,
    "Companies",
    "Co",
    Entity::Companies.columns(),
)
.with_empty("No companies yet — n adds one")
.with_detail(DetailKind::Company)
.with_filter(Entity::Companies.qualifiers())
.sorted_by_any_column();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyKey {
    New,
    Edit,
    History,
    Delete,
}

#[derive(Debug)]
pub struct Companies;

impl RecordTab for Companies {
    const KIND: RecordKind = RecordKind::Company;
    const CELLS: &'static [Option<&'static str>] = &[
        None,
        Some("name"),
        Some("country"),
        Some("contact_email"),
        None,
    ];
    const RETIRE_HELP: &'static str = "archive the company, or unarchive it";
}

pub type CompaniesScreen = EditableList<Records<Companies>>;

#[must_use]
pub fn screen() -> CompaniesScreen {
    EditableList::new(&SPEC)
}
