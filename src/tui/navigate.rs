//! The main screen's part of `App::update`: tabs, paging, counts, the license detail.
//! Replies for a tab that was left, or superseded by a newer request, are dropped.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Screen};
use super::keymap::{self, Action};
use super::paging::{Fetch, Nav, Pending, TabState};
use super::screens::browse::Browse;
use super::widgets::status_bar::Status;
use super::worker::Request;
use crate::db::queries::licenses::LicenseDetail;
use crate::db::queries::page::Page;
use crate::service::browse::Entity;

impl App {
    /// Shows the main screen on the Licenses tab.
    pub(super) fn enter_main(&mut self) {
        self.screen = Screen::Main(Browse::new(self.today));
        self.open_tab();
    }

    pub(super) fn browse_action(&mut self, action: Action, key: &KeyEvent) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let n = b.tab_count();
        let active = b.active;
        let nav = match action {
            Action::NextTab => return self.switch_tab((active + 1) % n),
            Action::PrevTab => return self.switch_tab((active + n - 1) % n),
            Action::GoTab => {
                if let Some(d) = keymap::digit(key).filter(|d| (1..=n).contains(d)) {
                    self.switch_tab(d - 1);
                }
                return;
            }
            Action::ToggleDetail => {
                b.detail.visible = !b.detail.visible;
                self.reload_page();
                self.fetch_detail();
                return;
            }
            Action::SortNext
            | Action::SortPrev
            | Action::SortReverse
            | Action::Filter
            | Action::ClearFilter
            | Action::Expiring => return self.list_action(action),
            // License workflows (edit_keys.rs).
            Action::NewLicense
            | Action::EditLicense
            | Action::StatusMenu
            | Action::Purchase
            | Action::ScheduleDeployment
            | Action::History
            | Action::DeleteLicense
            | Action::CellLeft
            | Action::CellRight
            | Action::EditCell
            | Action::AdvanceDeployment
            | Action::EditDeployment => return self.start_action(action),
            Action::Reload => {
                if let Some(tab) = b.tab_mut() {
                    tab.total = None;
                }
                self.reload_page();
                self.fetch_count();
                return;
            }
            _ => {
                let Some(tab) = b.tab_mut() else {
                    return;
                };
                match action {
                    Action::Down => tab.down(),
                    Action::Up => tab.up(),
                    Action::PageDown => tab.page_down(),
                    Action::PageUp => tab.page_up(),
                    Action::First => tab.first(),
                    Action::Last => tab.last(),
                    _ => Nav::None,
                }
            }
        };
        match nav {
            Nav::None => {}
            Nav::Moved => self.fetch_detail(),
            Nav::Fetch(fetch) => self.fetch_page(fetch),
        }
    }

    fn switch_tab(&mut self, index: usize) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        if index == b.active || index >= b.tab_count() {
            return;
        }
        // What is in flight for the tab being left is no longer wanted.
        if let Some(tab) = b.tab_mut() {
            tab.pending = None;
        }
        b.detail.seq = None;
        b.active = index;
        self.open_tab();
    }

    /// Fetches the active tab's page (the first one, or the one on screen again to refresh
    /// it) and its count when not known yet.
    pub(super) fn open_tab(&mut self) {
        let Screen::Main(b) = &self.screen else {
            return;
        };
        if b.on_dashboard() {
            return self.open_dashboard();
        }
        let Some(tab) = b.tab() else {
            return;
        };
        let fetch = if tab.page.is_some() {
            tab.again()
        } else {
            TabState::first_fetch()
        };
        let need_count = tab.total.is_none() && tab.count_seq.is_none();
        self.fetch_page(fetch);
        if need_count {
            self.fetch_count();
        }
        self.fetch_detail();
    }

    /// The page on screen again, with the current page size (after a resize or reload).
    pub(super) fn reload_page(&mut self) {
        let Screen::Main(b) = &self.screen else {
            return;
        };
        if let Some(tab) = b.tab() {
            let fetch = if tab.page.is_some() {
                tab.again()
            } else {
                TabState::first_fetch()
            };
            self.fetch_page(fetch);
        }
    }

    pub(super) fn fetch_page(&mut self, fetch: Fetch) {
        let limit = self.page_limit();
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let Some(tab) = b.tabs.get_mut(b.active) else {
            return;
        };
        let seq = self.outbox.send(Request::Page {
            actor,
            entity: tab.entity,
            query: tab.query.clone(),
            req: fetch.req.clone(),
            limit,
        });
        tab.pending = Some(Pending { seq, fetch });
    }

    pub(super) fn fetch_count(&mut self) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let Some(tab) = b.tabs.get_mut(b.active) else {
            return;
        };
        if wants_totals(tab) {
            tab.totals_seq = Some(self.outbox.send(Request::Totals {
                actor: actor.clone(),
                entity: tab.entity,
                query: tab.query.clone(),
            }));
        }
        tab.count_seq = Some(self.outbox.send(Request::Count {
            actor,
            entity: tab.entity,
            query: tab.query.clone(),
        }));
    }

    /// Asks for the selected license's detail unless it is shown or on its way.
    pub(super) fn fetch_detail(&mut self) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        if !b.shows_detail() {
            return;
        }
        let Some(id) = b.tab().and_then(TabState::selected_id) else {
            return;
        };
        let shown = b.detail.detail.as_ref().is_some_and(|d| d.id == id);
        let coming = b.detail.want == Some(id) && b.detail.seq.is_some();
        if shown || coming {
            return;
        }
        b.detail.want = Some(id);
        b.detail.error = None;
        b.detail.seq = Some(self.outbox.send(Request::LicenseDetail { actor, id }));
    }

    pub(super) fn page_reply(&mut self, seq: u64, entity: Entity, result: Result<Page, String>) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let active = b.active;
        let Some((index, tab)) = b
            .tabs
            .iter_mut()
            .enumerate()
            .find(|(_, t)| t.entity == entity)
        else {
            return;
        };
        let again = tab.apply(seq, result);
        if let Some(e) = &tab.error {
            self.status = Some(Status::error(e.clone()));
        }
        if index != active {
            return;
        }
        match again {
            Some(fetch) => self.fetch_page(fetch),
            None => self.fetch_detail(),
        }
    }

    pub(super) fn count_reply(&mut self, seq: u64, entity: Entity, result: Result<u64, String>) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        if let Some(tab) = b.tabs.iter_mut().find(|t| t.entity == entity)
            && let Some(e) = tab.apply_count(seq, result)
        {
            self.status = Some(Status::error(e));
        }
    }

    pub(super) fn detail_reply(
        &mut self,
        seq: u64,
        id: i64,
        result: Result<Box<LicenseDetail>, String>,
    ) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        if b.detail.seq != Some(seq) || b.detail.want != Some(id) {
            return;
        }
        b.detail.seq = None;
        match result {
            Ok(d) => {
                b.detail.detail = Some(d);
                b.detail.error = None;
            }
            Err(e) => b.detail.error = Some(e),
        }
    }
}

impl App {
    pub(super) fn totals_reply(
        &mut self,
        seq: u64,
        entity: Entity,
        result: Result<Vec<crate::db::queries::purchases::CurrencyTotal>, String>,
    ) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let Some(tab) = b
            .tabs
            .iter_mut()
            .find(|t| t.entity == entity && t.totals_seq == Some(seq))
        else {
            return;
        };
        tab.totals_seq = None;
        match result {
            Ok(t) => tab.totals = Some(t),
            Err(e) => self.status = Some(Status::error(e)),
        }
    }
}

/// Purchases always show their totals; licenses only under an "expiring" filter, where
/// the last purchases say what the renewals are worth.
fn wants_totals(tab: &TabState) -> bool {
    match tab.entity {
        Entity::Purchases => true,
        Entity::Licenses => tab
            .query
            .filter
            .terms
            .iter()
            .any(|t| matches!(t, crate::domain::filter::Term::Expiring(_))),
        _ => false,
    }
}
