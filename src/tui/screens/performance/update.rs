//! The Performance tab as a screen: its keys, its request on the background lane and the
//! reply.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::keys::{INPUT, InputKey, KEYS, PerformanceKey};
use super::{Performance, view};
use crate::domain::DeploymentStatus;
use crate::service::browse::Entity;
use crate::tui::keys::{self, HelpRow, RouterKeys, lookup};
use crate::tui::screens::list::keys::{ListKey, NAV};
use crate::tui::screens::{Ctx, Effect, Screen, ScreenReply, View};

/// The lists' keys this tab uses: moving and reloading (it sorts with its own).
fn moves(action: ListKey) -> bool {
    matches!(
        action,
        ListKey::Down
            | ListKey::Up
            | ListKey::PageDown
            | ListKey::PageUp
            | ListKey::First
            | ListKey::Last
            | ListKey::Reload
    )
}

impl Performance {
    /// Asks for the board's report for the period; a newer request supersedes one still
    /// queued.
    fn fetch(&mut self, ctx: &mut Ctx) {
        self.seq = Some(ctx.send(self.request()));
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

    fn nav_key(&mut self, ctx: &mut Ctx, action: ListKey) {
        let page = isize::try_from(ctx.area.height.saturating_sub(12).max(1)).unwrap_or(1);
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

    fn action(&mut self, ctx: &mut Ctx, action: PerformanceKey) {
        let refetch = match action {
            PerformanceKey::NextBoard | PerformanceKey::PrevBoard => {
                let by = if action == PerformanceKey::NextBoard {
                    1
                } else {
                    3
                };
                self.board_step(by);
                true
            }
            PerformanceKey::PeriodBack | PerformanceKey::PeriodForward => {
                match self.step_period(action == PerformanceKey::PeriodForward) {
                    Ok(()) => true,
                    Err(e) => {
                        ctx.error(e);
                        false
                    }
                }
            }
            PerformanceKey::PickPeriod => {
                self.start_picking();
                false
            }
            PerformanceKey::ThisPeriod => self.this_period(ctx.today),
            PerformanceKey::SortNext | PerformanceKey::SortPrev => {
                self.sort_step(action == PerformanceKey::SortNext);
                false
            }
            PerformanceKey::SortReverse => {
                self.sort_reverse();
                false
            }
            PerformanceKey::Currency => {
                let changed = self.cycle_currency();
                if !changed {
                    ctx.info("no exchange rates: load them with lms import exchange-rates FILE");
                }
                changed
            }
            PerformanceKey::Open => {
                match self.lines().get(self.selected).map(|l| l.open.clone()) {
                    Some(Some((entity, filter))) => ctx.emit(Effect::Show { entity, filter }),
                    Some(None) => ctx.info("this row has no list of its own"),
                    None => {}
                }
                false
            }
            PerformanceKey::Overdue => {
                let open = self.lines().get(self.selected).and_then(|l| l.open.clone());
                match open {
                    Some((entity @ Entity::Deployments, engineer)) => {
                        // The report's "overdue": planned, scheduled before the as-of date.
                        let filter = format!(
                            "{engineer} status:{} date:<{}",
                            DeploymentStatus::Planned.as_str(),
                            self.as_of
                        );
                        ctx.emit(Effect::Show { entity, filter });
                    }
                    _ => {
                        ctx.info(
                            "o lists an engineer's overdue deployments: on the Engineers view",
                        );
                    }
                }
                false
            }
        };
        if refetch {
            self.fetch(ctx);
        }
    }
}

impl Screen for Performance {
    fn title(&self) -> &'static str {
        "Performance"
    }

    fn short_title(&self) -> &'static str {
        "Perf"
    }

    fn router_keys(&self) -> RouterKeys {
        if self.picking {
            RouterKeys::None
        } else {
            RouterKeys::Tabs
        }
    }

    fn help(&self) -> Vec<HelpRow> {
        if self.picking {
            return keys::help(INPUT);
        }
        let mut rows = keys::help(KEYS);
        let nav: Vec<_> = NAV.iter().filter(|b| moves(b.action)).collect();
        rows.extend(
            nav.into_iter()
                .flat_map(|b| keys::help(std::slice::from_ref(b))),
        );
        rows
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        if self.picking {
            self.input_key(ctx, key);
            return true;
        }
        if let Some(action) = lookup(KEYS, key) {
            self.action(ctx, action);
            return true;
        }
        match lookup(NAV, key).filter(|a| moves(*a)) {
            Some(action) => {
                self.nav_key(ctx, action);
                true
            }
            None => false,
        }
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        if let ScreenReply::Performance(result) = reply
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
