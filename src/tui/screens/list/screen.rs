//! A screen that is just a list (companies, partners, purchases, …): the list component
//! with nothing around it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Event, List, Spec, view};
use crate::tui::keys::{HelpRow, RouterKeys};
use crate::tui::screens::{Ctx, Message, Screen, ScreenReply, View};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListScreen {
    pub list: List,
}

impl ListScreen {
    #[must_use]
    pub fn new(spec: &'static Spec) -> Self {
        ListScreen {
            list: List::new(spec),
        }
    }
}

/// The router's keys for a screen showing `list`: none while its prompt is open.
#[must_use]
pub fn router_keys(list: &List) -> RouterKeys {
    if list.typing() {
        RouterKeys::None
    } else {
        RouterKeys::Tabs
    }
}

impl Screen for ListScreen {
    fn title(&self) -> &'static str {
        self.list.spec.title
    }

    fn short_title(&self) -> &'static str {
        self.list.spec.short_title
    }

    fn router_keys(&self) -> RouterKeys {
        router_keys(&self.list)
    }

    fn help(&self) -> Vec<HelpRow> {
        self.list.help()
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.list.limit = self.list.rows_for(ctx.area);
        self.list.on_key(ctx, key) != Event::Ignored
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        if let ScreenReply::List(reply) = reply {
            self.list.limit = self.list.rows_for(ctx.area);
            self.list.on_reply(ctx, seq, reply);
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, _error: &str) {
        self.list.on_failed(seq);
    }

    fn on_enter(&mut self, ctx: &mut Ctx) {
        self.list.limit = self.list.rows_for(ctx.area);
        self.list.open(ctx);
    }

    fn on_leave(&mut self) {
        self.list.leave();
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        self.list.resize(ctx, self.list.rows_for(ctx.area));
    }

    fn on_message(&mut self, ctx: &mut Ctx, message: &Message) {
        self.list.on_message(ctx, message);
    }

    fn busy(&self) -> bool {
        self.list.busy()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, &self.list, None, view.theme);
    }
}
