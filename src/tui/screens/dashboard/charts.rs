//! The Dashboard's charts, with ratatui's own widgets: licensed seats against active users
//! per company (scatter, with the 100% line), revenue per currency (bars, each labelled
//! with its exact amount: currencies share no scale) and utilization in 10% bands.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType};

use crate::report::utilization::{CompanyRow, UtilizationReport};
use crate::tui::format::{count, grouped};
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

fn revenue(frame: &mut Frame, area: Rect, r: &UtilizationReport, theme: Theme) {
    let bars: Vec<Bar> = r
        .totals
        .revenue
        .iter()
        .map(|m| {
            let major = m.minor.max(0).unsigned_abs() / 10_u64.pow(m.currency.exponent());
            // The label names the currency; the value is the amount alone.
            let text = m.to_string();
            let amount = text
                .strip_suffix(m.currency.code())
                .map_or(text.as_str(), str::trim_end)
                .to_owned();
            Bar::default()
                .label(Line::from(m.currency.code()))
                .value(major)
                .text_value(amount)
        })
        .collect();
    let chart = BarChart::default()
        .block(block("Revenue by currency", theme))
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(theme.ok())
        .value_style(Style::default())
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, area);
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
