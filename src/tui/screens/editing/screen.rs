//! A list tab whose rows are edited through the editing component (deployments,
//! companies, …): the list, what is open over it, and the tab's own keys. A tab supplies
//! its [`Actions`]; the plumbing (keys, replies, paging, help) is here once.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::overlay::{self, Table};
use super::{Overlay, Saved};
use crate::tui::keys::{self, Binding, HelpRow, RouterKeys, bind, ch, code, lookup};
use crate::tui::screens::list::{self, List, Spec};
use crate::tui::screens::{Ctx, Effect, Message, Screen, ScreenReply, View};

/// What one editable list tab does with its keys.
pub trait Actions: 'static {
    type Key: Copy + 'static;

    /// The tab's own keys, looked up before the list's.
    const KEYS: &'static [Binding<Self::Key>];

    /// Per list column, the field an inline edit of it changes (`None`: not editable).
    /// Empty: the tab has no cell edit (no cell cursor).
    const CELLS: &'static [Option<&'static str>] = &[];

    /// A key of [`Actions::KEYS`]: open what it needs over `list` (its role checked).
    fn start(key: Self::Key, ctx: &mut Ctx, list: &List, overlay: &mut Option<Box<Overlay>>);

    /// `i` on the cell cursor's `column`: open its inline edit (its role checked).
    fn edit_cell(
        _column: usize,
        _ctx: &mut Ctx,
        _list: &List,
        _overlay: &mut Option<Box<Overlay>>,
    ) {
    }
}

/// The cell cursor's keys, on tabs with [`Actions::CELLS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKey {
    Left,
    Right,
    Edit,
}

const CELL_KEYS: &[Binding<CellKey>] = &[
    bind(&[code(KeyCode::Left)], CellKey::Left, "cell cursor left"),
    bind(&[code(KeyCode::Right)], CellKey::Right, "cell cursor right"),
    bind(&[ch('i')], CellKey::Edit, "edit the cell in place"),
];

pub struct EditableList<A: Actions> {
    pub list: List,
    /// A form, menu or confirmation over the list.
    pub overlay: Option<Box<Overlay>>,
    /// The cell cursor (a column), once ←/→ moved it.
    pub cell: Option<usize>,
    actions: std::marker::PhantomData<A>,
}

impl<A: Actions> std::fmt::Debug for EditableList<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct(self.list.spec.title)
            .field("list", &self.list)
            .field("overlay", &self.overlay)
            .field("cell", &self.cell)
            .finish_non_exhaustive()
    }
}

impl<A: Actions> EditableList<A> {
    #[must_use]
    pub fn new(spec: &'static Spec) -> Self {
        EditableList {
            list: List::new(spec),
            overlay: None,
            cell: None,
            actions: std::marker::PhantomData,
        }
    }

    /// Moves the cell cursor to the next editable column in direction `step` (wrapping).
    fn move_cell(&mut self, step: isize) {
        let n = A::CELLS.len();
        let editable = |c: usize| A::CELLS.get(c).is_some_and(Option::is_some);
        let mut c = self.cell.unwrap_or(if step > 0 { n - 1 } else { 0 });
        for _ in 0..n {
            c = (c + n).wrapping_add_signed(step) % n;
            if editable(c) {
                self.cell = Some(c);
                return;
            }
        }
    }

    fn cell_key(&mut self, ctx: &mut Ctx, key: CellKey) {
        match key {
            CellKey::Left => self.move_cell(-1),
            CellKey::Right => self.move_cell(1),
            CellKey::Edit => {
                if let Some(column) = self.cell {
                    A::edit_cell(column, ctx, &self.list, &mut self.overlay);
                } else {
                    self.move_cell(1);
                    ctx.info("← → choose the cell, then i edits it");
                }
            }
        }
    }

    fn after_save(&mut self, ctx: &mut Ctx, saved: &Saved) {
        ctx.info(saved.message.clone());
        ctx.emit(Effect::DataChanged);
        self.list.invalidate();
        self.list.reload(ctx);
        self.list.fetch_count(ctx);
    }
}

impl<A: Actions> Screen for EditableList<A> {
    fn title(&self) -> &'static str {
        self.list.spec.title
    }

    fn short_title(&self) -> &'static str {
        self.list.spec.short_title
    }

    fn router_keys(&self) -> RouterKeys {
        super::router_keys(self.overlay.as_deref(), &self.list)
    }

    fn help(&self) -> Vec<HelpRow> {
        let mut own = keys::help(A::KEYS);
        if !A::CELLS.is_empty() {
            own.extend(keys::help(CELL_KEYS));
        }
        super::help(self.overlay.as_deref(), &self.list, own)
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.list.limit = List::rows_in(ctx.area);
        if self.overlay.is_some() {
            super::update::key(&mut self.overlay, ctx, key);
            return true;
        }
        // The tab's keys are letters: typed into an open prompt, not actions.
        let action = if self.list.typing() {
            None
        } else {
            lookup(A::KEYS, key)
        };
        if let Some(action) = action {
            A::start(action, ctx, &self.list, &mut self.overlay);
            return true;
        }
        let cell = if self.list.typing() || A::CELLS.is_empty() {
            None
        } else {
            lookup(CELL_KEYS, key)
        };
        if let Some(cell) = cell {
            self.cell_key(ctx, cell);
            return true;
        }
        self.list.on_key(ctx, key) != list::Event::Ignored
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        self.list.limit = List::rows_in(ctx.area);
        match reply {
            ScreenReply::List(reply) => {
                self.list.on_reply(ctx, seq, reply);
            }
            ScreenReply::Editing(reply) => {
                if let Some(saved) = super::replies::reply(&mut self.overlay, ctx, seq, reply) {
                    self.after_save(ctx, &saved);
                }
            }
            _ => {}
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        self.list.on_failed(seq);
        super::replies::failed(&mut self.overlay, seq, error);
    }

    fn on_enter(&mut self, ctx: &mut Ctx) {
        self.list.limit = List::rows_in(ctx.area);
        self.list.open(ctx);
    }

    fn on_leave(&mut self) {
        self.list.leave();
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        self.list.resize(ctx, List::rows_in(ctx.area));
    }

    fn on_message(&mut self, ctx: &mut Ctx, message: &Message) {
        self.list.on_message(ctx, message);
    }

    fn unsaved(&self) -> bool {
        self.overlay.as_ref().is_some_and(|o| o.unsaved())
    }

    fn busy(&self) -> bool {
        self.overlay.as_ref().is_some_and(|o| o.busy()) || self.list.busy()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        list::view::render(frame, area, &self.list, self.cell, view.theme);
        if let Some(o) = &self.overlay {
            let column = match o.as_ref() {
                Overlay::Cell(c) => Some(c.column),
                _ => None,
            };
            let on = Table {
                area,
                cell: column.and_then(|c| list::view::cell_area(area, &self.list, c)),
                label: column
                    .and_then(|c| self.list.spec.columns.get(c).copied())
                    .unwrap_or(""),
            };
            overlay::render(frame, view.body, o, on, view.theme);
        }
    }
}
