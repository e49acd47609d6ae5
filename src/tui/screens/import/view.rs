//! How the Import screen is drawn: one box, the step's content inside. Every text from
//! the file (headers, cells, values in the report) goes through `one_line`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::form::{DELIMITERS, FIELDS, Field as FormField};
use super::{Done, ImportScreen, Running, Step};
use crate::import::fields::Field;
use crate::service::import::{Report, summary};
use crate::tui::format::grouped;
use crate::tui::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

/// How a field is named in the mapping and the picker; `*` marks the key.
#[must_use]
pub fn field_label(field: Option<&Field>) -> String {
    match field {
        None => "skip".to_owned(),
        Some(f) if f.key => format!("{} *", f.name),
        Some(f) => f.name.to_owned(),
    }
}

/// The report's lines after its totals, as the CLI prints them.
#[must_use]
pub fn report_lines(report: &Report) -> Vec<String> {
    summary::skipped(report)
        .into_iter()
        .chain(summary::details(report))
        .map(|l| one_line(&l))
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, screen: &ImportScreen, theme: Theme) {
    let target = screen
        .opened
        .as_ref()
        .map_or(screen.form.target, |o| o.mapping.target);
    let step = match &screen.step {
        Step::File | Step::Opening(_) => "1 of 4 · file",
        Step::Mapping => "2 of 4 · columns",
        Step::Running(r) if r.dry_run => "3 of 4 · dry run",
        Step::Report(d) if d.dry_run => "3 of 4 · dry run",
        Step::Running(_) | Step::Report(_) => "4 of 4 · import",
    };
    let title = format!("Import {} · step {step}", target.name());
    let inner = dialog::boxed(frame, area, &title, theme);
    match &screen.step {
        Step::File | Step::Opening(_) => file(frame, inner, screen, theme),
        Step::Mapping => mapping(frame, inner, screen, theme),
        Step::Running(run) => running(frame, inner, screen, run, theme),
        Step::Report(done) => report(frame, inner, done, theme),
    }
}

fn choice(form: &super::form::FileForm, field: FormField) -> String {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    match field {
        FormField::Target => form.target.name().to_owned(),
        FormField::Delimiter => DELIMITERS
            .get(form.delimiter)
            .map_or("auto", |(l, _)| l)
            .to_owned(),
        FormField::DecimalComma => yes_no(form.decimal_comma).to_owned(),
        FormField::CreateMissing => yes_no(form.create_missing).to_owned(),
        FormField::SkipErrors => yes_no(form.skip_errors).to_owned(),
        FormField::Path | FormField::DateFormat | FormField::Country => String::new(),
    }
}

const LABEL: u16 = 14;
/// Width of the short inputs (date format, country).
const INPUT: u16 = 12;

/// Row `i` of `area`, when it is inside.
fn row(area: Rect, i: usize) -> Option<Rect> {
    let y = area.y.saturating_add(u16::try_from(i).ok()?);
    (y < area.bottom()).then(|| Rect::new(area.x, y, area.width, 1))
}

fn file(frame: &mut Frame, area: Rect, screen: &ImportScreen, theme: Theme) {
    let form = &screen.form;
    let mut lines: Vec<Line> = vec![Line::styled(
        "A CSV file (UTF-8, with or without BOM); ~ is your home directory.",
        theme.muted(),
    )];
    // Text inputs draw themselves: their rows are left blank here and filled below.
    let mut inputs = Vec::new();
    for field in FIELDS {
        let focused = form.focus == field && screen.step == Step::File;
        let input = match field {
            FormField::Path => Some(&form.path),
            FormField::DateFormat => Some(&form.date_format),
            FormField::Country => Some(&form.country),
            _ => None,
        };
        let note = Span::styled(format!("  {}", field.note()), theme.muted());
        if let Some(input) = input {
            inputs.push((lines.len(), input, field, focused));
            let pad = if field == FormField::Path { 0 } else { INPUT };
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(usize::from(LABEL + 3 + pad))),
                note,
            ]));
        } else {
            let marker = if focused { "> " } else { "  " };
            let style = if focused {
                theme.focused()
            } else {
                theme.label()
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{marker}{:<w$} ", field.label(), w = usize::from(LABEL)),
                    style,
                ),
                Span::styled(format!("‹ {} ›", choice(form, field)), theme.input()),
                note,
            ]));
        }
        if let Some((f, why)) = &form.error
            && *f == field
        {
            lines.push(Line::styled(
                format!("    error: {}", one_line(why)),
                theme.error(),
            ));
        }
    }
    lines.push(Line::default());
    lines.push(if matches!(screen.step, Step::Opening(_)) {
        Line::styled("Reading the file's header…", theme.muted())
    } else {
        keys_line(
            &[
                ("Tab/↓", "next field"),
                ("Space ←/→", "change"),
                ("Enter", "read the columns"),
                ("Esc", "back"),
            ],
            theme,
        )
    });
    frame.render_widget(Paragraph::new(lines), area);
    for (i, input, field, focused) in inputs {
        let Some(mut at) = row(area, i) else { continue };
        if field != FormField::Path {
            at.width = at.width.min(LABEL + 3 + INPUT);
        }
        input.render(frame, at, field.label(), LABEL, focused, theme);
    }
}

fn keys_line(keys: &[(&'static str, &'static str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(*k, theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

/// `text` cut to `width` display columns, with `…` when cut.
fn fit(text: &str, width: usize) -> String {
    let text = one_line(text);
    if crate::domain::text::display_width(&text) <= width {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        if crate::domain::text::display_width(&out) + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn mapping(frame: &mut Frame, area: Rect, screen: &ImportScreen, theme: Theme) {
    let Some(opened) = &screen.opened else { return };
    let m = &opened.mapping;
    let [head, table, problem, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let name = opened
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!(
                "{} → {} · {} columns · nothing is read until the dry run",
                one_line(&name),
                m.target.name(),
                m.headers.len()
            )),
            Line::styled("* marks the key each row is matched on", theme.muted()),
        ]),
        head,
    );
    let width = usize::from(table.width);
    let col = (width.saturating_sub(4) * 2 / 5).clamp(8, 30);
    let sample_w = width.saturating_sub(col + 4 + 20).max(6);
    let mut lines = vec![Line::styled(
        format!("  {:<col$} {:<sample_w$} Field", "Column", "First row"),
        theme.header(),
    )];
    let rows = usize::from(table.height).saturating_sub(1).max(1);
    let offset = screen.selected.saturating_sub(rows - 1);
    for (i, (header, field)) in m
        .headers
        .iter()
        .zip(&m.columns)
        .enumerate()
        .skip(offset)
        .take(rows)
    {
        let sample = opened.sample.get(i).map_or("", String::as_str);
        let marker = if i == screen.selected { "> " } else { "  " };
        let text = format!(
            "{marker}{:<col$} {:<sample_w$} {}",
            fit(header, col),
            fit(sample, sample_w),
            field_label(*field)
        );
        let style = if i == screen.selected {
            theme.selected()
        } else if field.is_none() {
            theme.muted()
        } else {
            theme.cell()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(lines), table);
    if let Err(e) = m.check() {
        frame.render_widget(
            Paragraph::new(Line::styled(super::problem(&e), theme.error())),
            problem,
        );
    }
    frame.render_widget(
        Paragraph::new(keys_line(
            &[
                ("Enter", "field"),
                ("x", "skip"),
                ("d", "dry run"),
                ("Esc", "back to the file"),
            ],
            theme,
        )),
        foot,
    );
    if let Some(menu) = &screen.picker {
        menu.render(frame, area, &[], theme);
    }
}

// A rate and a ratio for display: their precision does not matter.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn running(frame: &mut Frame, area: Rect, screen: &ImportScreen, run: &Running, theme: Theme) {
    let size = screen.opened.as_ref().map_or(0, |o| o.size);
    let t = run.tick;
    let secs = t.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        t.rows as f64 / secs
    } else {
        0.0
    };
    let ratio = if size > 0 {
        (t.bytes as f64 / size as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let what = if run.dry_run {
        "Dry run: deciding every row, writing nothing"
    } else {
        "Importing: one transaction, visible when it commits"
    };
    let state = if run.cancel.cancelled() {
        Line::styled("Cancelling: rolling back…", theme.error())
    } else {
        keys_line(&[("Esc", "cancel (nothing is written)")], theme)
    };
    let lines = vec![
        Line::from(what),
        Line::default(),
        Line::from(format!(
            "{} rows · {} rows/s · {} of {} bytes",
            grouped(t.rows),
            grouped(rate.round() as u64),
            grouped(t.bytes),
            grouped(size)
        )),
    ];
    let [text, gauge, _, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), text);
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.ok())
            .ratio(ratio)
            .label(format!("{:.0}%", ratio * 100.0)),
        gauge,
    );
    frame.render_widget(Paragraph::new(state), foot);
}

fn report(frame: &mut Frame, area: Rect, done: &Done, theme: Theme) {
    let r = &done.finished.report;
    let verdict = summary::verdict(
        r,
        done.dry_run,
        done.finished.rejects.as_deref(),
        "turn on skip errors",
    );
    let ok = done.dry_run && r.totals.errors == 0 || r.committed;
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(summary::totals(&r.totals)),
            Line::styled(
                one_line(&verdict),
                if ok { theme.ok() } else { theme.error() },
            ),
            Line::default(),
        ]),
        head,
    );
    let lines: Vec<Line> = report_lines(r)
        .into_iter()
        .skip(done.scroll)
        .take(usize::from(body.height))
        .map(|l| {
            if l.contains(": error: ") {
                Line::styled(l, theme.error())
            } else {
                Line::from(l)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    let keys: &[(&str, &str)] = if done.dry_run {
        &[
            ("i", "import"),
            ("j/k PgDn/PgUp", "scroll"),
            ("Esc", "back to the mapping"),
        ]
    } else {
        &[("Enter", "back to the lists"), ("j/k", "scroll")]
    };
    frame.render_widget(Paragraph::new(keys_line(keys, theme)), foot);
}
