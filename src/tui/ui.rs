//! Drawing: a pure function of the state. No IO, no errors, nothing that can panic.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen};
use super::keymap::Scope;
use super::screens::{browse, demo, first_run, help, login, overlay, start};
use super::widgets::status_bar::{self, StatusBar};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[must_use]
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The screen's body and the status bar below it.
#[must_use]
pub fn split(area: Rect) -> (Rect, Rect) {
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    (body, status)
}

/// Rows per page in a terminal of `area`.
#[must_use]
pub fn page_limit(area: Rect, with_detail: bool) -> usize {
    let (body, _) = split(area);
    browse::page_limit(body, with_detail)
}

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
            Line::from("enlarge the window, or press Ctrl-C to quit"),
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
    match &app.screen {
        Screen::Connecting => start::connecting(frame, body, &app.db_label, app.ticks, theme),
        Screen::ConnectFailed(e) => start::failed(frame, body, &app.db_label, e, theme),
        Screen::FirstRun(form) => first_run::render(frame, body, form, &app.db_label, theme),
        Screen::Login(form) => login::render(frame, body, form, &app.db_label, theme),
        Screen::Demo(state) => demo::render(frame, body, state, theme),
        Screen::Main(b) => {
            browse::render(frame, body, b, theme, app.today);
            overlay::render(frame, body, b, theme);
        }
    }
    let who = app.actor.as_ref().map_or_else(
        || "not signed in".to_owned(),
        |a| format!("{} ({})", a.username, a.role),
    );
    let scopes = app.scopes();
    let hint = if app.help {
        "Esc close help"
    } else if scopes.contains(&Scope::Browse) || scopes.contains(&Scope::FormIdle) {
        "? help  q quit"
    } else if scopes.contains(&Scope::Start) {
        "q quit"
    } else {
        "F1 help  Ctrl-C quit"
    };
    let bar = StatusBar {
        who: &super::one_line(&who),
        database: match (&app.screen, app.kind) {
            (_, Some(kind)) => kind.name(),
            (Screen::ConnectFailed(_), None) => "no database",
            (_, None) => "connecting…",
        },
        message: app.status.as_ref(),
        busy: app.busy().then_some(app.ticks),
        hint,
    };
    status_bar::render(frame, status, &bar, theme);
    if app.help {
        help::render(
            frame,
            body,
            app.screen_name(),
            scopes,
            app.help_scroll,
            theme,
        );
    }
}
