//! The Licenses tab's keys: the detail pane, "expiring soon", and the license workflows,
//! each checked against the operator's role before anything opens. Keys the tab does not
//! bind go to the list; an open overlay or prompt takes them all.

use ratatui::crossterm::event::KeyEvent;

use super::keys::{KEYS, LicenseKey};
use super::{LicensesScreen, SPEC, expiring};
use crate::db::queries::list::Sort;
use crate::domain::Permission;
use crate::tui::format;
use crate::tui::keys::lookup;
use crate::tui::screens::editing::forms;
use crate::tui::screens::editing::history::HistoryView;
use crate::tui::screens::editing::{self, Intent, Overlay, Request, Saved};
use crate::tui::screens::list;
use crate::tui::screens::list::paging::TabState;
use crate::tui::screens::{Ctx, Effect};

/// The cell cursor moves over these columns of the license list (not the generated key).
const FIRST_EDITABLE: usize = 1;
/// The End column, which "expiring soon" sorts by.
const END_COLUMN: usize = 6;

fn permission(key: LicenseKey) -> Option<Permission> {
    Some(match key {
        LicenseKey::New
        | LicenseKey::Edit
        | LicenseKey::StatusMenu
        | LicenseKey::Delete
        | LicenseKey::EditCell => Permission::EditLicenses,
        LicenseKey::Purchase => Permission::RecordPurchases,
        LicenseKey::ScheduleDeployment => Permission::ManageDeployments,
        LicenseKey::History => Permission::ViewAudit,
        _ => return None,
    })
}

impl LicensesScreen {
    pub(crate) fn key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        if self.overlay.is_some() {
            editing::update::key(&mut self.overlay, ctx, key);
            return true;
        }
        if self.list.typing() {
            let event = self.list.on_key(ctx, key);
            self.follow(ctx, event);
            return true;
        }
        let Some(action) = lookup(KEYS, key) else {
            let event = self.list.on_key(ctx, key);
            self.follow(ctx, event);
            return event != list::Event::Ignored;
        };
        match action {
            LicenseKey::ToggleDetail => {
                self.detail.visible = !self.detail.visible;
                self.list.limit = self.sync_limit(ctx.area);
                self.list.reload(ctx);
                self.fetch_detail(ctx);
            }
            LicenseKey::Expiring => self.expiring(ctx),
            other => self.start(ctx, other),
        }
        true
    }

    fn expiring(&mut self, ctx: &mut Ctx) {
        let (text, message) = match expiring::next_expiring(&self.list.tab.query.filter) {
            Some(days) => (
                format!("expiring:{days}"),
                format!("licenses ending within {days} days, soonest first"),
            ),
            None => (String::new(), "expiring filter off".to_owned()),
        };
        if let Err(e) = self.list.apply_filter(ctx, text) {
            ctx.error(e);
        }
        if !self.list.tab.query.filter.is_empty() {
            self.list.tab.query.sort = Sort {
                column: END_COLUMN,
                descending: false,
            };
        }
        ctx.info(message);
        let event = self.list.restart(ctx);
        self.follow(ctx, event);
    }

    /// The licenses of `company` (the Dashboard's `Enter`).
    /// The list under `text` (another tab's jump here), from its first page.
    pub(crate) fn show_filtered(&mut self, ctx: &mut Ctx, text: &str) {
        self.list.prompt = None;
        match self.list.apply_filter(ctx, text.to_owned()) {
            Ok(()) => {
                let event = self.list.restart(ctx);
                self.follow(ctx, event);
            }
            Err(e) => {
                ctx.error(format!("cannot filter the licenses by {text}: {e}"));
                self.list.open(ctx);
                self.fetch_detail(ctx);
            }
        }
    }

    /// A workflow key: checks the role, then opens what the action needs.
    pub(crate) fn start(&mut self, ctx: &mut Ctx, action: LicenseKey) {
        if let Some(p) = permission(action)
            && editing::refused(ctx, p)
        {
            return;
        }
        let columns = SPEC.columns.len();
        match action {
            LicenseKey::CellRight => {
                self.cell = Some(self.cell.map_or(FIRST_EDITABLE, |c| {
                    if c + 1 >= columns {
                        FIRST_EDITABLE
                    } else {
                        c + 1
                    }
                }));
                return;
            }
            LicenseKey::CellLeft => {
                self.cell = Some(self.cell.map_or(columns - 1, |c| {
                    if c <= FIRST_EDITABLE {
                        columns - 1
                    } else {
                        c - 1
                    }
                }));
                return;
            }
            LicenseKey::New => {
                let form = forms::new_license(ctx.today);
                self.overlay = Some(Box::new(Overlay::Form(Box::new(form))));
                return;
            }
            _ => {}
        }
        let Some(row) = self.list.tab.selected_row() else {
            ctx.error("nothing selected");
            return;
        };
        let (id, key) = (
            row.id,
            row.cells.first().map(format::cell).unwrap_or_default(),
        );
        let intent = match action {
            LicenseKey::Edit => Intent::Edit,
            LicenseKey::StatusMenu => Intent::Status,
            LicenseKey::Purchase => Intent::Purchase,
            LicenseKey::ScheduleDeployment => Intent::Schedule,
            LicenseKey::Delete => Intent::Delete,
            LicenseKey::EditCell => {
                let Some(c) = self.cell else {
                    self.cell = Some(FIRST_EDITABLE);
                    ctx.info("← → choose the cell, then Enter or i edits it");
                    return;
                };
                Intent::Cell(c)
            }
            LicenseKey::History => {
                let seq = ctx.send(Request::History { license_id: id });
                let view = HistoryView::new(key, seq);
                self.overlay = Some(Box::new(Overlay::History(view)));
                return;
            }
            _ => return,
        };
        editing::load(&mut self.overlay, ctx, Request::License { id }, intent);
    }

    /// Says what happened and refreshes the list, its count and the detail pane.
    pub(super) fn after_save(&mut self, ctx: &mut Ctx, saved: &Saved) {
        ctx.info(saved.message.clone());
        ctx.emit(Effect::DataChanged);
        self.list.invalidate();
        self.detail.pane.stale = true;
        // A new license is the last row of the unfiltered list in id order: go there.
        // Under a filter or another order it may sit anywhere, or be filtered out.
        let query = &self.list.tab.query;
        if saved.created && query.filter.is_empty() && query.sort == Sort::default() {
            self.list.fetch(ctx, TabState::last_fetch());
        } else {
            self.list.reload(ctx);
        }
        self.list.fetch_count(ctx);
    }
}
