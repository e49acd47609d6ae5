//! The Companies tab: the customers, in id order; `n` new, `e` edit, `Delete` (refused,
//! with the reason, while licenses or portal users refer to it).

use ratatui::crossterm::event::KeyCode;

use super::Ctx;
use super::editing::company_form;
use super::editing::history::HistoryView;
use super::editing::screen::{Actions, EditableList};
use super::editing::{self, Intent, Overlay, Request};
use super::list::{List, Spec};
use crate::domain::Permission;
use crate::service::browse::Entity;
use crate::tui::keys::{Binding, bind, ch, code};

pub const SPEC: Spec = Spec::plain(
    Entity::Companies,
    "Companies",
    "Co",
    &["ID", "Company", "Country", "Contact", "Created"],
)
.with_empty("No companies yet — n adds one")
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

pub type CompaniesScreen = EditableList<Companies>;

#[must_use]
pub fn screen() -> CompaniesScreen {
    EditableList::new(&SPEC)
}

impl Actions for Companies {
    type Key = CompanyKey;

    const KEYS: &'static [Binding<CompanyKey>] = &[
        bind(&[ch('n')], CompanyKey::New, "new company"),
        bind(&[ch('e')], CompanyKey::Edit, "edit the company"),
        bind(&[ch('h')], CompanyKey::History, "change history"),
        bind(
            &[code(KeyCode::Delete)],
            CompanyKey::Delete,
            "delete (only when nothing refers to it)",
        ),
    ];

    fn start(key: CompanyKey, ctx: &mut Ctx, list: &List, overlay: &mut Option<Box<Overlay>>) {
        let needs = if key == CompanyKey::History {
            Permission::ViewAudit
        } else {
            Permission::EditReferenceData
        };
        if editing::refused(ctx, needs) {
            return;
        }
        if key == CompanyKey::New {
            *overlay = Some(Box::new(Overlay::Form(Box::new(
                company_form::new_company(),
            ))));
            return;
        }
        let Some(id) = list.tab.selected_id() else {
            ctx.error("nothing selected");
            return;
        };
        if key == CompanyKey::History {
            let name = list
                .tab
                .selected_row()
                .and_then(|r| r.cells.get(1))
                .map(crate::tui::format::cell)
                .unwrap_or_default();
            let seq = ctx.send(Request::RecordHistory {
                entity: "company",
                id,
            });
            *overlay = Some(Box::new(Overlay::History(HistoryView::new(name, seq))));
            return;
        }
        let intent = match key {
            CompanyKey::Delete => Intent::CompanyDelete,
            _ => Intent::CompanyEdit,
        };
        editing::load(overlay, ctx, Request::Company { id }, intent);
    }
}
