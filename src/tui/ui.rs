//! Drawing: a pure function of the state. No IO, no errors, nothing that can panic.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Phase};
use super::keys::{self, RouterKeys};
use super::layout::{MIN_HEIGHT, MIN_WIDTH, split, too_small};
use super::screens::{Screen, View, help};
use super::widgets::status_bar::{self, StatusBar};
use super::widgets::tab_bar;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = app.theme;
    if too_small(area) {
        let text = vec![
            Line::styled(
                format!(
                    "terminal too small: need at least {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
                    area.width, area.height
                ),
                theme.error(),
            ),
            Line::from(if app.quit_asked {
                "the form has unsaved changes: Ctrl-C again quits and loses them"
            } else if app.active().is_some_and(Screen::unsaved) {
                "enlarge the window to go on; the form keeps your changes"
            } else {
                "enlarge the window, or press Ctrl-C to quit"
            }),
        ];
        let y = area.height / 2;
        let rect =
            Rect::new(area.x, area.y + y.saturating_sub(1), area.width, 3).intersection(area);
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).centered(),
            rect,
        );
        return;
    }
    let (body, status) = split(area);
    let view = View {
        theme,
        today: app.today,
        ticks: app.ticks,
        db_label: &app.db_label,
        body,
    };
    if let Phase::Main(t) = &app.phase {
        let titles: Vec<(&str, &str)> = t
            .screens
            .iter()
            .map(|s| (s.title(), s.short_title()))
            .collect();
        let [tabs, _] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
        tab_bar::render(frame, tabs, &titles, t.active, theme);
    }
    let level = app.router_keys();
    if let Some(screen) = app.active() {
        screen.render(frame, app.screen_area(), &view);
    }
    let who = app.actor.as_ref().map_or_else(
        || "not signed in".to_owned(),
        |a| format!("{} ({})", a.username, a.role),
    );
    let hint = if app.help {
        "Esc close help"
    } else if let Some(hint) = app.active().and_then(Screen::hint) {
        hint
    } else if level == RouterKeys::None {
        "F1 help  Ctrl-C quit"
    } else {
        "? help  q quit"
    };
    let bar = StatusBar {
        who: &super::one_line(&who),
        database: match app.kind {
            Some(_) if !app.reconnecting.is_empty() => "reconnecting…",
            Some(kind) => kind.name(),
            None if app.offline => "no database",
            None => "connecting…",
        },
        message: app.status.as_ref(),
        busy: app.busy().then_some(app.ticks),
        hint,
    };
    status_bar::render(frame, status, &bar, theme);
    if app.help {
        let mut rows = app.active().map(Screen::help).unwrap_or_default();
        for table in keys::router_tables(level) {
            rows.extend(keys::help(table));
        }
        let may_import = app
            .actor
            .as_ref()
            .is_some_and(|a| a.role.allows(crate::domain::Permission::ImportData));
        let greyed: &[&str] = if may_import {
            &[]
        } else {
            &[keys::IMPORT_HELP]
        };
        help::render(
            frame,
            body,
            app.screen_name(),
            &rows,
            greyed,
            app.help_scroll,
            theme,
        );
    }
}
