//! How the demo data screen is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::DemoState;
use crate::tui::format::grouped;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

fn percent(done: u64, total: u64) -> u64 {
    done.saturating_mul(100).checked_div(total).unwrap_or(100)
}

fn bar(done: u64, total: u64, width: u64) -> String {
    let filled = done
        .min(total)
        .saturating_mul(width)
        .checked_div(total)
        .unwrap_or(width)
        .min(width);
    let filled = usize::try_from(filled).unwrap_or(0);
    let empty = usize::try_from(width).unwrap_or(0).saturating_sub(filled);
    format!("[{}{}]", "#".repeat(filled), ".".repeat(empty))
}

pub fn render(frame: &mut Frame, area: Rect, state: &DemoState, theme: Theme) {
    let mut lines: Vec<Line> = Vec::new();
    let title = match state {
        DemoState::Offer => {
            lines.push(Line::from("Your administrator account is ready."));
            lines.push(Line::default());
            lines.push(Line::from(
                "Load demo data now? It fills an empty database with fictional companies,",
            ));
            lines.push(Line::from(
                "licenses, purchases, deployments and portal activity to explore.",
            ));
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("y", theme.key()),
                Span::raw(" load demo data    "),
                Span::styled("n", theme.key()),
                Span::raw(" start empty"),
            ]));
            "lms · demo data"
        }
        DemoState::Running {
            progress, finished, ..
        } => {
            lines.push(Line::from("Loading demo data…"));
            lines.push(Line::default());
            for (table, rows) in finished {
                lines.push(Line::from(format!(
                    "  {table:<14} {:>10} rows  done",
                    grouped(*rows)
                )));
            }
            if let Some(p) = progress {
                lines.push(Line::from(vec![
                    Span::styled(format!("> {:<14}", p.table), theme.focused()),
                    Span::raw(format!(
                        " {:>10} / {} ({}%)",
                        grouped(p.done),
                        grouped(p.total),
                        percent(p.done, p.total)
                    )),
                ]));
                lines.push(Line::from(format!("  {}", bar(p.done, p.total, 40))));
            }
            "lms · loading demo data"
        }
        DemoState::Done(report) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "Demo data loaded: {} rows in {:.1} s.",
                    grouped(report.total_rows),
                    report.elapsed.as_secs_f64()
                ),
                theme.ok(),
            )));
            lines.push(Line::default());
            for (table, rows) in &report.rows {
                lines.push(Line::from(format!("  {table:<14} {:>10}", grouped(*rows))));
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("Enter", theme.key()),
                Span::raw(" continue to the licenses"),
            ]));
            "lms · demo data loaded"
        }
        DemoState::Failed(e) => {
            lines.push(Line::from(vec![
                Span::styled("error: ", theme.error()),
                Span::styled(crate::tui::one_line(e), theme.error()),
            ]));
            lines.push(Line::default());
            lines.push(Line::from(
                "Nothing was left half-loaded; you can load it later with `lms demo`.",
            ));
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("Enter", theme.key()),
                Span::raw(" continue"),
            ]));
            "lms · demo data"
        }
    };
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let outer = dialog::centered(area, 80, height);
    let inner = dialog::boxed(frame, outer, title, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
