//! The Dashboard as a screen: its keys, its request on the background lane and the reply.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::keys::{DashboardKey, INPUT, InputKey, KEYS};
use super::{Dashboard, Editing, Request, View as Shown, view};
use crate::service::browse::Entity;
use crate::tui::keys::{self, HelpRow, RouterKeys, lookup};
use crate::tui::screens::list::keys::{ListKey, NAV};
use crate::tui::screens::{Ctx, Effect, Screen, ScreenReply, View};

impl Dashboard {
    /// Asks for the report with the current query. A newer request supersedes one still
    /// queued (the worker keeps only the newest of a slot).
    fn fetch(&mut self, ctx: &mut Ctx) {
        self.seq = Some(ctx.send(Request {
            query: self.query.clone(),
        }));
    }

    fn input_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) {
        match lookup(INPUT, key) {
            Some(InputKey::Apply) => match self.submit() {
                Ok(true) => self.fetch(ctx),
                Ok(false) => {}
                Err(e) => ctx.error(e),
            },
            Some(InputKey::Close) => self.cancel(),
            None => self.on_input(key),
        }
    }

    /// Moves through the table with the lists' keys; `Ctrl-R` fetches again.
    fn nav_key(&mut self, ctx: &mut Ctx, action: ListKey) {
        let page = isize::try_from(ctx.area.height.saturating_sub(10).max(1)).unwrap_or(1);
        match action {
            ListKey::Down => self.move_by(1),
            ListKey::Up => self.move_by(-1),
            ListKey::PageDown => self.move_by(page),
            ListKey::PageUp => self.move_by(-page),
            ListKey::First => self.selected = 0,
            ListKey::Last => self.select_last(),
            ListKey::Reload => self.fetch(ctx),
            _ => {}
        }
    }

    fn action(&mut self, ctx: &mut Ctx, action: DashboardKey) {
        let refetch = match action {
            DashboardKey::WindowUp => self.step_window(true),
            DashboardKey::WindowDown => self.step_window(false),
            DashboardKey::DayBack => self.shift_date(-1),
            DashboardKey::DayForward => self.shift_date(1),
            DashboardKey::Today => {
                let changed = self.query.as_of != ctx.today;
                self.query.as_of = ctx.today;
                changed
            }
            DashboardKey::SortNext => {
                self.sort_next();
                false
            }
            DashboardKey::SortPrev => {
                self.sort_prev();
                false
            }
            DashboardKey::SortReverse => {
                self.sort_reverse();
                false
            }
            DashboardKey::Search => {
                self.start_editing(Editing::Search);
                false
            }
            DashboardKey::EditFilters => {
                self.start_editing(Editing::Filters);
                false
            }
            DashboardKey::ToggleCharts => {
                self.view = match self.view {
                    Shown::Table => Shown::Charts,
                    Shown::Charts => Shown::Table,
                };
                false
            }
            DashboardKey::OpenCompany => {
                if let Some(id) = self.rows().get(self.selected).map(|r| r.id) {
                    ctx.emit(Effect::Show {
                        entity: Entity::Licenses,
                        filter: self.query.filters.licenses_filter(id),
                    });
                }
                false
            }
        };
        if refetch {
            self.fetch(ctx);
        }
    }
}

impl Screen for Dashboard {
    fn title(&self) -> &'static str {
        "Dashboard"
    }

    fn short_title(&self) -> &'static str {
        "Dash"
    }

    fn router_keys(&self) -> RouterKeys {
        if self.editing.is_some() {
            RouterKeys::None
        } else {
            RouterKeys::Tabs
        }
    }

    fn help(&self) -> Vec<HelpRow> {
        if self.editing.is_some() {
            return keys::help(INPUT);
        }
        let mut rows = keys::help(KEYS);
        rows.extend(keys::help(NAV));
        rows
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        if self.editing.is_some() {
            self.input_key(ctx, key);
            return true;
        }
        if let Some(action) = lookup(KEYS, key) {
            self.action(ctx, action);
            return true;
        }
        match lookup(NAV, key) {
            Some(action) => {
                self.nav_key(ctx, action);
                true
            }
            None => false,
        }
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        if let ScreenReply::Dashboard(result) = reply
            && let Some(e) = self.apply(seq, result)
        {
            ctx.error(e);
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        if self.seq == Some(seq) {
            self.seq = None;
            self.error = Some(error.to_owned());
        }
    }

    /// On entering the tab: the first fetch.
    fn on_enter(&mut self, ctx: &mut Ctx) {
        if self.report.is_none() && self.seq.is_none() {
            self.fetch(ctx);
        }
    }

    fn busy(&self) -> bool {
        self.loading()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, self, view.theme);
    }
}
