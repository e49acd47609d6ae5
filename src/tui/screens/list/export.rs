//! `E` on a list: every row under the list's filter and sort, written to a file the
//! operator confirms in a small dialog (default: the download directory, else home,
//! and `ENTITY-YYYY-MM-DD.csv`; a `.json` name writes JSON). It runs on the worker's
//! background lane; the status bar shows the rows written, then the outcome.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::keys::ListKey;
use super::{Event, List, Request};
use crate::domain::Permission;
use crate::export::Format;
use crate::service::ServiceError;
use crate::service::browse::Entity;
use crate::tui::keys::{Binding, bind, ch, code, lookup};
use crate::tui::screens::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;
use crate::tui::widgets::input::TextInput;

/// Lists of business data (not the operator accounts).
pub const EXPORT: &[Binding<ListKey>] = &[bind(
    &[ch('E')],
    ListKey::Export,
    "export every row under this filter and sort to a file (CSV; .json for JSON)",
)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKey {
    Confirm,
    Cancel,
}

/// The path dialog, while it is open: printable keys go to the input.
pub const DIALOG: &[Binding<DialogKey>] = &[
    bind(
        &[code(KeyCode::Enter)],
        DialogKey::Confirm,
        "export to this file",
    ),
    bind(&[code(KeyCode::Esc)], DialogKey::Cancel, "cancel"),
];

/// The export of a list: the dialog while open, then the running export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    pub dialog: Option<TextInput>,
    /// The running export's request and file.
    pub running: Option<(u64, PathBuf)>,
    /// Whether the operator may export: the hint is drawn greyed when not.
    pub allowed: bool,
}

/// The hint on the list's bottom border.
pub const HINT: &str = "E export";

/// `ENTITY-YYYY-MM-DD.csv` in the download directory (XDG), else the home directory,
/// else the working directory.
#[must_use]
pub fn default_path(entity: Entity, today: NaiveDate) -> PathBuf {
    let dir = directories::UserDirs::new().map_or_else(
        || PathBuf::from("."),
        |u| u.download_dir().unwrap_or(u.home_dir()).to_path_buf(),
    );
    dir.join(format!(
        "{}-{}.csv",
        entity.name(),
        today.format("%Y-%m-%d")
    ))
}

/// JSON for a `.json` file name, else CSV.
#[must_use]
pub fn format_of(path: &Path) -> Format {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        Format::Json
    } else {
        Format::Csv
    }
}

impl List {
    /// Whether `E` exports this list.
    #[must_use]
    pub fn exports(&self) -> bool {
        Entity::ALL.contains(&self.spec.entity)
    }

    /// `E`: the dialog, or why not.
    pub(super) fn open_export(&mut self, ctx: &mut Ctx) -> Event {
        if !ctx.allows(Permission::ExportData) {
            ctx.error(
                ServiceError::Forbidden {
                    permission: Permission::ExportData,
                }
                .to_string(),
            );
        } else if let Some((_, path)) = &self.export.running {
            ctx.info(format!("an export to {} is running", path.display()));
        } else {
            let path = default_path(self.spec.entity, ctx.today);
            self.export.dialog =
                Some(TextInput::new(false).with_value(&path.display().to_string()));
        }
        Event::Action
    }

    /// A key while the dialog is open.
    pub(super) fn export_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> Event {
        let Some(input) = &mut self.export.dialog else {
            return Event::Ignored;
        };
        match lookup(DIALOG, key) {
            Some(DialogKey::Cancel) => {
                self.export.dialog = None;
                ctx.info("export cancelled");
            }
            Some(DialogKey::Confirm) => {
                let path = PathBuf::from(input.value().trim());
                if path.as_os_str().is_empty() {
                    ctx.error("give a file name to export to");
                    return Event::Action;
                }
                self.export.dialog = None;
                let seq = ctx.send(Request::Export {
                    entity: self.spec.entity,
                    query: self.tab.query.clone(),
                    format: format_of(&path),
                    path: path.clone(),
                });
                ctx.info(format!("exporting to {}…", path.display()));
                self.export.running = Some((seq, path));
            }
            None => {
                input.handle_key(key);
                return Event::Input;
            }
        }
        Event::Action
    }

    /// Progress (`None`: done) of the export `seq`, and its outcome.
    pub(super) fn export_reply(
        &mut self,
        ctx: &mut Ctx,
        seq: u64,
        progress: Option<u64>,
        done: Option<Result<(u64, PathBuf), String>>,
    ) -> Event {
        let Some((running, path)) = &self.export.running else {
            return Event::Ignored;
        };
        if *running != seq {
            return Event::Ignored;
        }
        if let Some(rows) = progress {
            ctx.info(format!(
                "exporting to {}: {} rows written…",
                path.display(),
                crate::tui::format::grouped(rows)
            ));
        }
        match done {
            Some(Ok((rows, path))) => ctx.info(format!(
                "Exported {} rows to {}",
                crate::tui::format::grouped(rows),
                path.display()
            )),
            Some(Err(e)) => ctx.error(format!("export failed: {e}")),
            None => return Event::Action,
        }
        self.export.running = None;
        Event::Action
    }
}

/// The dialog over the list in `area`.
pub fn render(frame: &mut Frame, area: Rect, list: &List, theme: Theme) {
    let Some(input) = &list.export.dialog else {
        return;
    };
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let outer = dialog::centered(area, width, 6);
    let title = format!("Export {}", list.spec.title.to_lowercase());
    let inner = dialog::boxed(frame, outer, &title, theme);
    let [what, field, _, keys] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "Every row under the list's filter and sort, to the file:",
            theme.muted(),
        )),
        what,
    );
    input.render(frame, field, "", 0, true, theme);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "Enter export · Esc cancel · a .json name writes JSON",
            theme.muted(),
        )),
        keys,
    );
}
