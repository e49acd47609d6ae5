//! The Dashboard's charts: licensed seats against active users per company (scatter, with
//! the 100% line), revenue per month for each currency (small bars, each currency on its
//! own scale: currencies are never compared on one) and utilization in 10% bands.

use std::fmt::Write as _;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType};

use crate::domain::text::display_width;
use crate::report::utilization::monthly::{CurrencyMonths, MONTHS, RevenueMonths};
use crate::report::utilization::{CompanyRow, UtilizationReport};
use crate::tui::format::{self, count, grouped};
use crate::tui::theme::Theme;

/// From this width on the three charts sit side by side.
const WIDE: u16 = 160;

pub fn render(frame: &mut Frame, area: Rect, r: &UtilizationReport, theme: Theme) {
    if area.width >= WIDE {
        let [a, b, c] = Layout::horizontal([
            Constraint::Percentage(44),
            Constraint::Percentage(28),
            Constraint::Percentage(28),
        ])
        .areas(area);
        scatter(frame, a, r, theme);
        revenue(frame, b, r, theme);
        histogram(frame, c, r, theme);
    } else {
        let [a, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        let [b, c] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
        scatter(frame, a, r, theme);
        revenue(frame, b, r, theme);
        histogram(frame, c, r, theme);
    }
}

fn block(title: &str, theme: Theme) -> Block<'static> {
    Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(format!(" {title} "), theme.title()))
}

/// Chart coordinates: counts far below 2^52, so the conversion is exact.
#[allow(clippy::cast_precision_loss)]
fn f(n: i64) -> f64 {
    n as f64
}

/// `(licensed seats, active users)` of companies with limited seats, and the axis maximum.
#[must_use]
pub fn scatter_points(r: &UtilizationReport) -> (Vec<(f64, f64)>, i64) {
    let limited = r
        .companies
        .iter()
        .filter(|c| !c.unlimited && c.licensed_seats > 0);
    let points: Vec<(f64, f64)> = limited
        .clone()
        .map(|c| (f(c.licensed_seats), f(c.active)))
        .collect();
    let max = limited
        .flat_map(|c| [c.licensed_seats, c.active])
        .max()
        .unwrap_or(0)
        .max(1);
    (points, max)
}

fn scatter(frame: &mut Frame, area: Rect, r: &UtilizationReport, theme: Theme) {
    let (points, max) = scatter_points(r);
    // Headroom, so companies at the maximum are not drawn on the frame.
    let max = max + max / 10 + 1;
    let m = f(max);
    let diagonal = [(0.0, 0.0), (m, m)];
    let labels = || [0, max / 2, max].map(|v| Line::from(count(v))).to_vec();
    let chart = Chart::new(vec![
        Dataset::default()
            .name("100% used")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.muted())
            .data(&diagonal),
        Dataset::default()
            .name("company")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.ok())
            .data(&points),
    ])
    .block(block(
        "Licensed seats (x) vs active users (y) · line = 100% used",
        theme,
    ))
    .legend_position(None)
    .x_axis(
        Axis::default()
            .title("licensed")
            .style(theme.muted())
            .bounds([0.0, m])
            .labels(labels()),
    )
    .y_axis(
        Axis::default()
            .title("active")
            .style(theme.muted())
            .bounds([0.0, m])
            .labels(labels()),
    );
    frame.render_widget(chart, area);
}

/// Eighths of a cell, empty to full.
const BLOCKS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Rows a currency's bars take at most (with its label line above them).
const MAX_BAR_ROWS: usize = 4;
/// Cells a month takes at most.
const MAX_PER_MONTH: usize = 4;

/// One currency's months as bars `height` rows tall and `per_month` cells wide each, top
/// row first, on this currency's own scale: its best month fills the height. A month
/// with revenue shows at least a sliver; one without shows `·` on the baseline.
#[must_use]
pub fn bars(minor: &[i64; MONTHS], height: usize, per_month: usize) -> Vec<String> {
    let height = height.max(1);
    let max = i128::from(minor.iter().copied().max().unwrap_or(0).max(0));
    let eighths = i128::try_from(height * 8).unwrap_or(8);
    // Rounded up, so nothing above zero looks like zero.
    let level = |v: i64| -> usize {
        let v = i128::from(v);
        if v <= 0 || max == 0 {
            return 0;
        }
        usize::try_from((v * eighths + max - 1) / max).unwrap_or(0)
    };
    (0..height)
        .map(|row| {
            let below = (height - 1 - row) * 8;
            minor
                .iter()
                .flat_map(|&v| {
                    let fill = level(v).saturating_sub(below).min(8);
                    let c = if row + 1 == height && v <= 0 {
                        '·'
                    } else {
                        BLOCKS[fill]
                    };
                    std::iter::repeat_n(c, per_month)
                })
                .collect()
        })
        .collect()
}

/// The 12-month total and the best month of a currency, exactly ("1,501.01 · max
/// 1,000.00") or, when `short`, compactly ("1.5k · max 1k").
fn figures(c: &CurrencyMonths, short: bool) -> String {
    let f = if short {
        format::compact
    } else {
        format::amount
    };
    format!("{} · max {}", f(c.total()), f(c.max()))
}

/// The month initials under the bars, `per_month` cells each.
fn month_axis(months: &[NaiveDate; MONTHS], per_month: usize) -> String {
    let mut out = String::new();
    for m in months {
        let initial = m.format("%b").to_string().chars().next().unwrap_or(' ');
        let _ = write!(out, "{initial:<per_month$}");
    }
    out
}

/// "+3 more: GBP, JPY, USD" in `width` columns: the count always, the codes that fit.
fn more_line(codes: &[&str], width: usize) -> String {
    let head = format!("+{} more", codes.len());
    let mut line = format!("{head}:");
    for (i, code) in codes.iter().enumerate() {
        let sep = if i == 0 { " " } else { ", " };
        let rest = if i + 1 < codes.len() { 3 } else { 0 };
        if display_width(&line) + sep.len() + code.len() + rest > width {
            line.push_str(if i == 0 { " …" } else { ", …" });
            return if display_width(&line) <= width {
                line
            } else {
                head
            };
        }
        line.push_str(sep);
        line.push_str(code);
    }
    line
}

/// The revenue chart's lines for an inside of `width` x `height`: each currency on its
/// own scale, labelled with its code, its 12-month total and its best month; the month
/// initials below; what does not fit named on the last line, never dropped silently.
#[must_use]
pub fn revenue_lines(m: &RevenueMonths, width: u16, height: u16) -> Vec<String> {
    let (width, height) = (usize::from(width), usize::from(height));
    if m.series.is_empty() {
        return vec!["no purchases in these 12 months".to_owned()];
    }
    let n = m.series.len();
    // The month initials only when they push no currency out.
    let axis = usize::from(n < height);
    let room = height.saturating_sub(axis).max(1);
    let shown = if n <= room { n } else { room - 1 };
    let more = n - shown;
    let rows_each = (room - usize::from(more > 0))
        .checked_div(shown)
        .unwrap_or(0);
    let code_w = 4;
    let mut lines = Vec::new();
    let per_month;
    if rows_each >= 2 {
        // A label line, then bars as tall as the room allows.
        per_month = ((width.saturating_sub(code_w)) / MONTHS).clamp(1, MAX_PER_MONTH);
        let bar_rows = (rows_each - 1).min(MAX_BAR_ROWS);
        for c in &m.series[..shown] {
            let exact = format!("{} {}", c.currency, figures(c, false));
            lines.push(if display_width(&exact) <= width {
                exact
            } else {
                format!("{} {}", c.currency, figures(c, true))
            });
            for row in bars(&c.minor, bar_rows, per_month) {
                lines.push(format!("{:code_w$}{row}", ""));
            }
        }
    } else {
        // One line each: code, bars, figures; the widest bars that leave the exact
        // figures room, else compact figures.
        let exact_w = m.series[..shown]
            .iter()
            .map(|c| display_width(&figures(c, false)))
            .max()
            .unwrap_or(0);
        let fits = |pm: usize, fig: usize| code_w + MONTHS * pm + 1 + fig <= width;
        let exact = (1..=MAX_PER_MONTH).rev().find(|&pm| fits(pm, exact_w));
        per_month = exact.unwrap_or(1);
        for c in &m.series[..shown] {
            let bar = bars(&c.minor, 1, per_month).concat();
            lines.push(format!(
                "{:<code_w$}{bar} {}",
                c.currency.code(),
                figures(c, exact.is_none())
            ));
        }
    }
    if more > 0 {
        let codes: Vec<&str> = m.series[shown..]
            .iter()
            .map(|c| c.currency.code())
            .collect();
        lines.push(more_line(&codes, width));
    }
    if axis == 1 {
        lines.push(format!(
            "{:code_w$}{}",
            "",
            month_axis(&m.months, per_month)
        ));
    }
    lines
}

fn revenue(frame: &mut Frame, area: Rect, r: &UtilizationReport, theme: Theme) {
    let m = &r.monthly;
    let span = format!(
        "{} to {}",
        m.months[0].format("%Y-%m"),
        m.months[MONTHS - 1].format("%Y-%m")
    );
    let room = usize::from(area.width.saturating_sub(4));
    let title = [
        format!("Revenue per month, {span} · each currency on its own scale"),
        format!("Revenue/month {span} · own scales"),
        "Revenue/month · own scales".to_owned(),
        "Revenue".to_owned(),
    ]
    .into_iter()
    .find(|t| display_width(t) <= room)
    .unwrap_or_default();
    let block = block(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = revenue_lines(m, inner.width, inner.height)
        .into_iter()
        .map(|l| {
            if l.starts_with('+') || l.starts_with(' ') || l.starts_with("no ") {
                Line::styled(l, theme.muted())
            } else {
                Line::raw(l)
            }
        })
        .collect();
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}

/// Companies per utilization band: 0-9%, 10-19% … 90-99%, then 100% and more.
/// Companies without limited seats have no utilization and are not counted.
#[must_use]
pub fn bands(r: &UtilizationReport) -> [u64; 11] {
    let mut out = [0_u64; 11];
    for p in r
        .companies
        .iter()
        .filter_map(CompanyRow::utilization_permille)
    {
        let band = usize::try_from(p / 100).unwrap_or(0).min(10);
        out[band] += 1;
    }
    out
}

fn histogram(frame: &mut Frame, area: Rect, r: &UtilizationReport, theme: Theme) {
    let counts = bands(r);
    // Band starts in tens of percent, so every label fits a bar two cells wide.
    let labels = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
    let bars: Vec<Bar> = counts
        .iter()
        .zip(labels)
        .map(|(n, l)| {
            Bar::default()
                .label(Line::from(l))
                .value(*n)
                .text_value(grouped(*n))
        })
        .collect();
    let inner = area.width.saturating_sub(2);
    // Eleven bars and their gaps across the width.
    let bar_width = (inner / 11).saturating_sub(1).clamp(2, 8);
    let chart = BarChart::default()
        .block(block(
            "Companies per utilization band (x10%; 10 = full or over)",
            theme,
        ))
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(theme.ok())
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_use_the_currency_own_scale_and_never_hide_a_sale() {
        let mut months = [0_i64; MONTHS];
        months[1] = 1;
        months[2] = 1_000_000;
        months[3] = 500_000;
        assert_eq!(bars(&months, 1, 1), vec!["·▁█▄········"]);
        assert_eq!(
            bars(&months, 2, 2),
            vec!["    ██                  ", "··▁▁████················"]
        );
    }
}
