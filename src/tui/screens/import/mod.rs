//! The Import screen, over the tabs: `I` on a list (its entity is the target) or anywhere
//! in the tabs. Four steps: the file and options; the mapping of its columns, shown
//! before a row is read; always a dry run first, on the worker with progress and a
//! cancel; then the real import with the same options. The engine is `service::import`.

pub mod form;
pub mod keys;
pub mod requests;
mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use self::form::FileForm;
use self::keys::ImportKey;
pub use self::requests::{Cancel, Finished, Opened, Reply, Request, RunSpec, Tick};
use super::{Ctx, Effect, Screen, ScreenReply, View};
use crate::import::fields::{Field, Target};
use crate::service::browse::Entity;
use crate::tui::keys::{self as tui_keys, Binding, HelpRow, RouterKeys};
use crate::tui::widgets::menu::{Menu, MenuItem};

/// What the `I` key imports on `entity`'s list, when that can be imported.
#[must_use]
pub fn target_for(entity: Entity) -> Option<Target> {
    let target = match entity {
        Entity::Licenses => Target::Licenses,
        Entity::Companies => Target::Companies,
        Entity::Partners => Target::Partners,
        Entity::SalesReps => Target::SalesReps,
        Entity::ProductCodes => Target::ProductCodes,
        Entity::Purchases => Target::Purchases,
        Entity::Engineers => Target::Engineers,
        Entity::PortalUsers => Target::PortalUsers,
        Entity::Activity => Target::Activity,
        Entity::Deployments | Entity::Audit | Entity::Operators => return None,
    };
    Target::importable().find(|t| *t == target)
}

/// "Imported N rows", for a run that committed.
fn imported(finished: &Finished) -> Option<String> {
    let t = finished.report.totals;
    finished.report.committed.then(|| {
        format!(
            "Imported {} rows ({} new, {} updated, {} unchanged)",
            crate::tui::format::grouped(t.rows() - t.errors),
            t.new,
            t.updated,
            t.unchanged
        )
    })
}

/// A run on the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub seq: u64,
    pub dry_run: bool,
    pub cancel: Cancel,
    pub tick: Tick,
}

/// A run's report, and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub dry_run: bool,
    pub finished: Finished,
    /// First report line shown.
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    File,
    Opening(u64),
    Mapping,
    Running(Running),
    Report(Done),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportScreen {
    pub form: FileForm,
    pub opened: Option<Opened>,
    /// The mapping's selected column.
    pub selected: usize,
    /// The field picker over the mapping.
    pub picker: Option<Menu>,
    pub step: Step,
    /// Lines the report area showed at the last key: what a page scrolls.
    page: usize,
}

impl ImportScreen {
    #[must_use]
    pub fn new(target: Target) -> Self {
        ImportScreen {
            form: FileForm::new(target),
            opened: None,
            selected: 0,
            picker: None,
            step: Step::File,
            page: 10,
        }
    }

    fn keys(&self) -> &'static [Binding<ImportKey>] {
        match &self.step {
            Step::File => keys::FILE,
            Step::Opening(_) => &[],
            Step::Mapping if self.picker.is_some() => keys::PICKER,
            Step::Mapping => keys::MAPPING,
            Step::Running(_) => keys::RUNNING,
            Step::Report(d) if d.dry_run => keys::DRY_REPORT,
            Step::Report(_) => keys::REPORT,
        }
    }

    /// The fields a column can feed: skip, then those of the target an import writes.
    fn fields(&self) -> Vec<Option<&'static Field>> {
        let target = self
            .opened
            .as_ref()
            .map_or(self.form.target, |o| o.mapping.target);
        std::iter::once(None)
            .chain(target.exported().map(Some))
            .collect()
    }

    fn open_file(&mut self, ctx: &mut Ctx) {
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
            ctx.error(format!("refused: {e}"));
        }
    }

    fn start(&mut self, ctx: &mut Ctx, dry_run: bool) {
        let Some(opened) = &self.opened else { return };
        if let Err(e) = opened.mapping.check() {
            ctx.error(e.to_string());
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

    fn file_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        if self.form.focus.is_text() && self.form.edit(key) {
            return true;
        }
        match tui_keys::lookup(keys::FILE, key) {
            Some(ImportKey::Next) => self.form.next(),
            Some(ImportKey::Prev) => self.form.prev(),
            Some(ImportKey::Change) => self
                .form
                .cycle(key.code != ratatui::crossterm::event::KeyCode::Left),
            Some(ImportKey::Open) => self.open_file(ctx),
            Some(ImportKey::Close) => ctx.emit(Effect::Back),
            _ => return false,
        }
        true
    }

    fn mapping_key(&mut self, ctx: &mut Ctx, action: ImportKey) {
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

    fn report_key(&mut self, ctx: &mut Ctx, action: ImportKey) {
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

    fn finished(&mut self, ctx: &mut Ctx, dry_run: bool, result: Result<Finished, String>) {
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

impl Screen for ImportScreen {
    fn title(&self) -> &'static str {
        "Import"
    }

    fn router_keys(&self) -> RouterKeys {
        match self.step {
            Step::Mapping if self.picker.is_none() => RouterKeys::Commands,
            Step::Report(_) => RouterKeys::Commands,
            _ => RouterKeys::None,
        }
    }

    fn hint(&self) -> Option<&'static str> {
        Some(match self.step {
            Step::File => "Enter read the columns  Esc back  F1 help",
            Step::Opening(_) => "reading the header…",
            Step::Mapping if self.picker.is_some() => "Enter choose  Esc keep",
            Step::Mapping => "Enter field  x skip  d dry run  Esc back",
            Step::Running(_) => "Esc cancel",
            Step::Report(ref d) if d.dry_run => "i import  Esc mapping",
            Step::Report(_) => "Enter done",
        })
    }

    fn help(&self) -> Vec<HelpRow> {
        tui_keys::help(self.keys())
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.page = usize::from(ctx.area.height.saturating_sub(8)).max(1);
        if self.step == Step::File {
            return self.file_key(ctx, key);
        }
        let Some(action) = tui_keys::lookup(self.keys(), key) else {
            return false;
        };
        match &mut self.step {
            Step::Mapping => self.mapping_key(ctx, action),
            Step::Running(run) => {
                run.cancel.cancel();
                ctx.info("cancelling: the import rolls back…");
            }
            Step::Report(_) => self.report_key(ctx, action),
            Step::File | Step::Opening(_) => {}
        }
        true
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        let ScreenReply::Import(reply) = reply else {
            return;
        };
        match (&mut self.step, reply) {
            (Step::Opening(s), Reply::Opened(result)) if *s == seq => match result {
                Ok(opened) => {
                    if !opened.carried.is_empty() {
                        ctx.info(format!(
                            "skipped {}: lms cannot import a license's purchase yet",
                            crate::tui::one_line(&opened.carried.join(", "))
                        ));
                    }
                    self.opened = Some(opened);
                    self.selected = 0;
                    self.step = Step::Mapping;
                }
                Err(e) => {
                    self.form.focus = form::Field::Path;
                    self.form.error = Some((form::Field::Path, e));
                    self.step = Step::File;
                }
            },
            (Step::Running(run), Reply::Progress(tick)) if run.seq == seq => run.tick = tick,
            (Step::Running(run), Reply::Done(result)) if run.seq == seq => {
                let dry_run = run.dry_run;
                self.finished(ctx, dry_run, result);
            }
            _ => {}
        }
    }

    fn on_failed(&mut self, ctx: &mut Ctx, seq: u64, error: &str) {
        match &self.step {
            Step::Opening(s) if *s == seq => self.step = Step::File,
            Step::Running(r) if r.seq == seq => {
                ctx.error(error.to_owned());
                self.step = Step::Mapping;
            }
            _ => {}
        }
    }

    fn busy(&self) -> bool {
        matches!(self.step, Step::Opening(_) | Step::Running(_))
    }

    fn takes_ctrl_c(&self) -> bool {
        matches!(self.step, Step::Running(_))
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, self, view.theme);
    }
}
