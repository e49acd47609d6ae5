//! The Product codes tab: what licenses are sold for; a license needs one.

use super::editing::record_tab::{RecordTab, Records};
use super::editing::screen::EditableList;
use super::list::Spec;
use crate::service::browse::Entity;
use crate::service::details::DetailKind;
use crate::service::records::RecordKind;

pub const SPEC: Spec = Spec::plain(
    Entity::ProductCodes,
    "Product codes",
    "Prod",
    Entity::ProductCodes.columns(),
)
.with_empty("No product codes yet — n adds one (a license needs one)")
.with_detail(DetailKind::ProductCode)
.with_empty("No product codes yet — n adds one")
.with_filter(Entity::ProductCodes.qualifiers())
.sorted_by_any_column();

#[derive(Debug)]
pub struct ProductCodes;

impl RecordTab for ProductCodes {
    const KIND: RecordKind = RecordKind::ProductCode;
    const CELLS: &'static [Option<&'static str>] =
        &[None, Some("code"), Some("name"), Some("description")];
    const RETIRE_HELP: &'static str = "archive the product code, or unarchive it";
}

pub type ProductCodesScreen = EditableList<Records<ProductCodes>>;

#[must_use]
pub fn screen() -> ProductCodesScreen {
    EditableList::new(&SPEC)
}
