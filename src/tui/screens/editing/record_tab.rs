//! The keys of a reference record's tab (customers, partners, reps, engineers, product
//! codes, portal users): `n` new, `e` edit, `h` history, `a` archive (deactivate, disable)
//! or restore, `Delete` (refused, with the reason, while anything refers to it), and the
//! inline cell edit. A tab names its kind and its columns' fields; the rest is here once.

use std::marker::PhantomData;

use ratatui::crossterm::event::KeyCode;

use super::history::HistoryView;
use super::record_form;
use super::screen::Actions;
use super::{Intent, Overlay, Request, refused};
use crate::domain::Permission;
use crate::service::records::RecordKind;
use crate::tui::keys::{Binding, bind, ch, code};
use crate::tui::screens::Ctx;
use crate::tui::screens::list::List;

/// One reference record's tab.
pub trait RecordTab: 'static {
    const KIND: RecordKind;
    /// Per list column, the form field an inline edit of it changes (`None`: not
    /// editable, such as the id or the creation time).
    const CELLS: &'static [Option<&'static str>];
    /// The `a` key's help: "archive or unarchive".
    const RETIRE_HELP: &'static str;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKey {
    New,
    Edit,
    History,
    Retire,
    Delete,
}

/// The [`Actions`] of a record tab `T`.
#[derive(Debug)]
pub struct Records<T>(PhantomData<T>);

impl<T: RecordTab> Actions for Records<T> {
    type Key = RecordKey;

    const KEYS: &'static [Binding<RecordKey>] = &[
        bind(&[ch('n')], RecordKey::New, "new"),
        bind(&[ch('e')], RecordKey::Edit, "edit the selected row"),
        bind(&[ch('h')], RecordKey::History, "change history"),
        bind(&[ch('a')], RecordKey::Retire, T::RETIRE_HELP),
        bind(
            &[code(KeyCode::Delete)],
            RecordKey::Delete,
            "delete (only when nothing refers to it)",
        ),
    ];

    const CELLS: &'static [Option<&'static str>] = T::CELLS;

    fn start(key: RecordKey, ctx: &mut Ctx, list: &List, overlay: &mut Option<Box<Overlay>>) {
        let needs = if key == RecordKey::History {
            Permission::ViewAudit
        } else {
            Permission::EditReferenceData
        };
        if refused(ctx, needs) {
            return;
        }
        if key == RecordKey::New {
            *overlay = Some(Box::new(Overlay::Form(Box::new(record_form::new_record(
                T::KIND,
            )))));
            return;
        }
        let Some(id) = list.tab.selected_id() else {
            ctx.error("nothing selected");
            return;
        };
        let intent = match key {
            RecordKey::History => {
                let seq = ctx.send(Request::RecordHistory {
                    entity: T::KIND.entity(),
                    id,
                });
                let name = selected_name(list);
                *overlay = Some(Box::new(Overlay::History(HistoryView::new(name, seq))));
                return;
            }
            RecordKey::Retire => Intent::RecordRetire,
            RecordKey::Delete => Intent::RecordDelete,
            RecordKey::New | RecordKey::Edit => Intent::RecordEdit,
        };
        super::load(overlay, ctx, Request::Record { kind: T::KIND, id }, intent);
    }

    fn edit_cell(column: usize, ctx: &mut Ctx, list: &List, overlay: &mut Option<Box<Overlay>>) {
        if refused(ctx, Permission::EditReferenceData) {
            return;
        }
        let Some(field) = T::CELLS.get(column).copied().flatten() else {
            return;
        };
        let Some(id) = list.tab.selected_id() else {
            ctx.error("nothing selected");
            return;
        };
        super::load(
            overlay,
            ctx,
            Request::Record { kind: T::KIND, id },
            Intent::RecordCell(column, field),
        );
    }
}

/// The selected row's name for the history's title: its first text cell after an id.
fn selected_name(list: &List) -> String {
    let Some(row) = list.tab.selected_row() else {
        return String::new();
    };
    let first_text = row
        .cells
        .iter()
        .find(|c| matches!(c, crate::db::queries::page::Value::Text(_)));
    first_text.map(crate::tui::format::cell).unwrap_or_default()
}
