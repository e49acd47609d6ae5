//! The Import screen, over the tabs: `I` on a list (its entity is the target) or anywhere
//! in the tabs. Four steps: the file and options; the mapping of its columns, shown
//! before a row is read; always a dry run first, on the worker with progress and a
//! cancel; then the real import with the same options. The engine is `service::import`.

pub mod form;
pub mod keys;
pub mod requests;
mod update;
mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use self::form::FileForm;
use self::keys::ImportKey;
pub use self::requests::{Cancel, Finished, Opened, Reply, Request, RunSpec, Tick};
use super::{Ctx, Screen, ScreenReply, View};
use crate::import::fields::Target;
use crate::import::mapping::MappingError;
use crate::service::browse::Entity;
use crate::tui::keys::{self as tui_keys, Binding, HelpRow, RouterKeys};
use crate::tui::widgets::menu::Menu;

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

/// A mapping's problem in the screen's words (the engine's name `--map`).
#[must_use]
pub fn problem(e: &MappingError) -> String {
    let text = match e {
        MappingError::Twice(a, b, field) => {
            format!(
                "columns {a:?} and {b:?} both feed {field}: skip one (x) or feed it another field"
            )
        }
        MappingError::NoKey(field) => format!(
            "no column feeds {field}, which identifies each row: choose the column that holds it"
        ),
        other => other.to_string(),
    };
    crate::tui::one_line(&text)
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

    /// Ctrl-C cancels a run; once cancelled, a second one quits as anywhere (a run that
    /// does not stop in time still leaves nothing: its transaction never commits).
    fn takes_ctrl_c(&self) -> bool {
        matches!(&self.step, Step::Running(r) if !r.cancel.cancelled())
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(frame, area, self, view.theme);
    }
}
