//! The Dashboard's part of `App::update`: its keys, its fetch on the background lane and
//! the reply. Tab switching goes back to the browse navigation.

use ratatui::crossterm::event::KeyEvent;

use crate::report::utilization::UtilizationReport;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::widgets::status_bar::Status;
use crate::tui::worker::Request;

impl App {
    fn dashboard(&mut self) -> Option<&mut super::Dashboard> {
        match &mut self.screen {
            Screen::Main(b) => Some(&mut b.dashboard),
            _ => None,
        }
    }

    /// Asks for the report with the dashboard's current query. A newer request supersedes
    /// one still queued (the worker keeps only the newest of a slot).
    pub(crate) fn fetch_dashboard(&mut self) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let query = b.dashboard.query.clone();
        b.dashboard.seq = Some(self.outbox.send(Request::Utilization { actor, query }));
    }

    /// On entering the tab: the first fetch.
    pub(crate) fn open_dashboard(&mut self) {
        if let Some(d) = self.dashboard()
            && d.report.is_none()
            && d.seq.is_none()
        {
            self.fetch_dashboard();
        }
    }

    pub(crate) fn dashboard_key(&mut self, action: Option<Action>, key: &KeyEvent) {
        let page = isize::try_from(self.area.height.saturating_sub(12).max(1)).unwrap_or(1);
        let today = self.today;
        let Some(d) = self.dashboard() else {
            return;
        };
        if d.editing.is_some() {
            match action {
                Some(Action::Submit) => match d.submit() {
                    Ok(true) => self.fetch_dashboard(),
                    Ok(false) => {}
                    Err(e) => self.status = Some(Status::error(e)),
                },
                Some(Action::Unfocus) => d.cancel(),
                _ => d.on_key(key),
            }
            return;
        }
        let refetch = match action {
            Some(Action::NextTab | Action::PrevTab | Action::GoTab) => {
                if let Some(a) = action {
                    self.browse_action(a, key);
                }
                return;
            }
            Some(Action::Down) => {
                d.move_by(1);
                false
            }
            Some(Action::Up) => {
                d.move_by(-1);
                false
            }
            Some(Action::PageDown) => {
                d.move_by(page);
                false
            }
            Some(Action::PageUp) => {
                d.move_by(-page);
                false
            }
            Some(Action::First) => {
                d.selected = 0;
                false
            }
            Some(Action::Last) => {
                d.select_last();
                false
            }
            Some(Action::WindowUp) => d.step_window(true),
            Some(Action::WindowDown) => d.step_window(false),
            Some(Action::DayBack) => d.shift_date(-1),
            Some(Action::DayForward) => d.shift_date(1),
            Some(Action::Today) => {
                let changed = d.query.as_of != today;
                d.query.as_of = today;
                changed
            }
            Some(Action::SortNext) => {
                d.sort_next();
                false
            }
            Some(Action::SortPrev) => {
                d.sort_prev();
                false
            }
            Some(Action::SortReverse) => {
                d.sort_reverse();
                false
            }
            Some(Action::Search) => {
                d.start_editing(super::Editing::Search);
                false
            }
            Some(Action::EditFilters) => {
                d.start_editing(super::Editing::Filters);
                false
            }
            Some(Action::ToggleCharts) => {
                d.view = match d.view {
                    super::View::Table => super::View::Charts,
                    super::View::Charts => super::View::Table,
                };
                false
            }
            Some(Action::Reload) => true,
            Some(Action::OpenCompany) => {
                if let Some(name) = d.rows().get(d.selected).map(|r| r.name.clone()) {
                    self.open_company_licenses(&name);
                }
                return;
            }
            _ => false,
        };
        if refetch {
            self.fetch_dashboard();
        }
    }

    pub(crate) fn dashboard_reply(
        &mut self,
        seq: u64,
        result: Result<Box<UtilizationReport>, String>,
    ) {
        if let Some(d) = self.dashboard()
            && let Some(e) = d.apply(seq, result)
        {
            self.status = Some(Status::error(e));
        }
    }
}
