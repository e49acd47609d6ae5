//! How the dialogs over the Operators list are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::Dialog;
use crate::domain::operator::MIN_PASSWORD_CHARS;
use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;
use crate::tui::widgets::form::Boxed;

/// `keys` as "key what" pairs on one line.
fn hints(keys: &[(&str, &str)], theme: Theme) -> Line<'static> {
    let spans = keys.iter().flat_map(|(k, what)| {
        [
            Span::styled((*k).to_owned(), theme.key()),
            Span::raw(format!(" {what}  ")),
        ]
    });
    Line::from(spans.collect::<Vec<_>>())
}

/// A box titled `title` over `body` with `lines` in it.
fn message(frame: &mut Frame, body: Rect, title: &str, lines: Vec<Line<'static>>, theme: Theme) {
    let height = u16::try_from(lines.len()).unwrap_or(8).saturating_add(2);
    let outer = dialog::centered(body, 70, height);
    let inner = dialog::boxed(frame, outer, title, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

pub fn render(frame: &mut Frame, body: Rect, d: &Dialog, theme: Theme) {
    match d {
        Dialog::Loading { .. } => {}
        Dialog::Create(form) => {
            let intro = vec![
                Line::styled(
                    format!(
                        "Roles: admin manager sales engineer viewer. \
                         Password: {MIN_PASSWORD_CHARS}+ chars."
                    ),
                    theme.muted(),
                ),
                Line::default(),
            ];
            let boxed = Boxed {
                title: "New operator",
                width: 70,
                intro,
                busy: "creating…",
                hint: hints(
                    &[
                        ("Enter", "create"),
                        ("Tab", "next field"),
                        ("Esc", "cancel"),
                    ],
                    theme,
                ),
            };
            form.render_boxed(frame, body, boxed, theme);
        }
        Dialog::Roles { menu, .. } => {
            let extra = [hints(
                &[("↑↓", "move"), ("Enter", "choose"), ("Esc", "cancel")],
                theme,
            )];
            menu.render(frame, body, &extra, theme);
        }
        Dialog::Confirm {
            target,
            action,
            pending,
        } => {
            let last = if pending.is_some() {
                Line::styled("working…", theme.muted())
            } else {
                hints(&[("y", "yes"), ("n Esc", "no")], theme)
            };
            let question = Line::raw(one_line(&action.question(&target.username)));
            message(
                frame,
                body,
                "Confirm",
                vec![question, Line::default(), last],
                theme,
            );
        }
        Dialog::OneTime { username, password } => {
            let lines = vec![
                Line::raw(format!("One-time password for {}:", one_line(username))),
                Line::default(),
                Line::styled(
                    format!("    {}", password.expose()),
                    theme.title().add_modifier(Modifier::BOLD),
                ),
                Line::default(),
                Line::raw("Shown this once: pass it on now. At their next sign-in they"),
                Line::raw("must choose a new password before anything else."),
                Line::default(),
                hints(&[("Enter Esc", "close")], theme),
            ];
            message(frame, body, "Password reset", lines, theme);
        }
    }
}
