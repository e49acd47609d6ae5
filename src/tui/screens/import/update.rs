//! The Import screen's update: its keys at each step and the replies of its runs.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keys::{self, ImportKey};
use super::{
    Cancel, Done, Finished, ImportScreen, Request, RunSpec, Running, Step, Tick, imported, problem,
    view,
};
use crate::import::fields::Field;
use crate::tui::keys as tui_keys;
use crate::tui::screens::{Ctx, Effect};
use crate::tui::widgets::menu::{Menu, MenuItem};

impl ImportScreen {
    /// The fields a column can feed: skip, then the target's.
    fn fields(&self) -> Vec<Option<&'static Field>> {
        let target = self
            .opened
            .as_ref()
            .map_or(self.form.target, |o| o.mapping.target);
        std::iter::once(None)
            .chain(target.fields().iter().map(Some))
            .collect()
    }

    pub(super) fn open_file(&mut self, ctx: &mut Ctx) {
        if let Err(e) = self.form.check() {
            self.form.focus = e.0;
            self.form.error = Some(e);
            return;
        }
        let seq = ctx.send(Request::Open {
            path: self.form.path.value().to_owned(),
            target: self.form.target,
            delimiter: self.form.delimiter(),
        });
        self.step = Step::Opening(seq);
    }

    fn open_picker(&mut self) {
        let Some(opened) = &self.opened else { return };
        let current = opened.mapping.columns.get(self.selected).copied().flatten();
        let fields = self.fields();
        let items = fields
            .iter()
            .map(|f| MenuItem {
                label: view::field_label(*f),
                refused: None,
            })
            .collect();
        let header = opened
            .mapping
            .headers
            .get(self.selected)
            .map_or("", String::as_str);
        let mut menu = Menu::new(
            format!("Column {} feeds", crate::tui::one_line(header)),
            items,
        );
        menu.selected = fields.iter().position(|f| *f == current).unwrap_or(0);
        self.picker = Some(menu);
    }

    /// Feeds the selected column from `field`. A change that breaks a usable mapping is
    /// refused and undone; a mapping that was already unusable takes any change on the
    /// way to a usable one.
    fn feed(&mut self, ctx: &mut Ctx, field: Option<&'static Field>) {
        let Some(opened) = &mut self.opened else {
            return;
        };
        let mapping = &mut opened.mapping;
        if mapping.check().is_err() {
            if let Some(slot) = mapping.columns.get_mut(self.selected) {
                *slot = field;
            }
        } else if let Err(e) = mapping.set(self.selected, field) {
            ctx.error(format!("refused: {}", problem(&e)));
        }
    }

    fn start(&mut self, ctx: &mut Ctx, dry_run: bool) {
        let Some(opened) = &self.opened else { return };
        if let Err(e) = opened.mapping.check() {
            ctx.error(problem(&e));
            return;
        }
        let file_name = opened
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let cancel = Cancel::default();
        let seq = ctx.send(Request::Run(Box::new(RunSpec {
            path: opened.path.clone(),
            delimiter: self.form.delimiter(),
            mapping: opened.mapping.clone(),
            options: self.form.options(file_name, dry_run),
            cancel: cancel.clone(),
        })));
        self.step = Step::Running(Running {
            seq,
            dry_run,
            cancel,
            tick: Tick::default(),
        });
    }

    pub(super) fn file_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        if self.form.focus.is_text() && self.form.edit(key) {
            return true;
        }
        match tui_keys::lookup(keys::FILE, key) {
            Some(ImportKey::Next) => self.form.next(),
            Some(ImportKey::Prev) => self.form.prev(),
            Some(ImportKey::Change) => self.form.cycle(key.code != KeyCode::Left),
            Some(ImportKey::Open) => self.open_file(ctx),
            Some(ImportKey::Close) => ctx.emit(Effect::Back),
            _ => return false,
        }
        true
    }

    pub(super) fn mapping_key(&mut self, ctx: &mut Ctx, action: ImportKey) {
        let columns = self.opened.as_ref().map_or(0, |o| o.mapping.headers.len());
        let fields = self.fields();
        if let Some(menu) = &mut self.picker {
            match action {
                ImportKey::Down => menu.down(),
                ImportKey::Up => menu.up(),
                ImportKey::Pick => {
                    let chosen = fields.get(menu.selected).copied().flatten();
                    self.picker = None;
                    self.feed(ctx, chosen);
                }
                _ => self.picker = None,
            }
            return;
        }
        match action {
            ImportKey::Down => self.selected = (self.selected + 1).min(columns.saturating_sub(1)),
            ImportKey::Up => self.selected = self.selected.saturating_sub(1),
            ImportKey::Pick => self.open_picker(),
            ImportKey::Skip => self.feed(ctx, None),
            ImportKey::DryRun => self.start(ctx, true),
            _ => self.step = Step::File,
        }
    }

    pub(super) fn report_key(&mut self, ctx: &mut Ctx, action: ImportKey) {
        let Step::Report(done) = &mut self.step else {
            return;
        };
        let lines = view::report_lines(&done.finished.report).len();
        let last = lines.saturating_sub(1);
        match action {
            ImportKey::Down => done.scroll = (done.scroll + 1).min(last),
            ImportKey::Up => done.scroll = done.scroll.saturating_sub(1),
            ImportKey::PageDown => done.scroll = (done.scroll + self.page).min(last),
            ImportKey::PageUp => done.scroll = done.scroll.saturating_sub(self.page),
            ImportKey::Import => self.start(ctx, false),
            ImportKey::Back => self.step = Step::Mapping,
            _ => {
                if let Some(imported) = imported(&done.finished) {
                    ctx.info(imported);
                }
                ctx.emit(Effect::Back);
            }
        }
    }

    pub(super) fn finished(
        &mut self,
        ctx: &mut Ctx,
        dry_run: bool,
        result: Result<Finished, String>,
    ) {
        match result {
            Ok(finished) => {
                if let Some(imported) = imported(&finished) {
                    ctx.info(imported);
                    ctx.emit(Effect::DataChanged);
                } else if !dry_run {
                    ctx.error("nothing was written: the file has rows with errors");
                }
                self.step = Step::Report(Done {
                    dry_run,
                    finished,
                    scroll: 0,
                });
            }
            Err(e) => {
                ctx.error(e);
                self.step = Step::Mapping;
            }
        }
    }
}
