//! The license timeline chart: a label column, a two-row calendar axis under a labelled
//! "today" line, one bar per row and a legend. Drawn into any ratatui buffer, so the
//! Timeline tab and `lms report timeline` print the same chart.
//!
//! Every look has a glyph as well as a colour, so the chart reads the same with
//! `NO_COLOR`: the status is the bar's fill, a renewal starts with `┃`, an expansion is
//! `+`, a completed deployment `◆`, a lapse in a company's coverage `╌`.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

use crate::domain::LicenseStatus;
use crate::domain::time_scale::{Cover, Scale, Zoom};
use crate::domain::timeline::{Span, gaps};
use crate::report::timeline::{ChartRow, CompanyBar, LicenseBar};
use crate::tui::format::one_line;
use crate::tui::theme::Theme;

/// Rows above the bars: the "today" label and the two axis rows.
pub const HEADER_ROWS: u16 = 3;
/// Rows below the bars: the legend.
pub const FOOTER_ROWS: u16 = 1;

const RENEWAL: char = '┃';
const EXPANSION: char = '+';
const DEPLOYED: char = '◆';
const BOTH: char = '*';
const TODAY: char = '┆';
const LAPSE: char = '╌';

/// The fill of a license bar of `status`.
#[must_use]
pub fn fill(status: LicenseStatus) -> char {
    match status {
        LicenseStatus::Active => '█',
        LicenseStatus::Suspended => '▓',
        LicenseStatus::Expired => '░',
        LicenseStatus::Terminated => '─',
        LicenseStatus::Draft => '┈',
    }
}

/// The width of the label column for a chart `width` columns wide.
#[must_use]
pub fn label_width(width: u16) -> u16 {
    (width / 4).clamp(12, 36).min(width.saturating_sub(2))
}

/// How many time columns a chart `width` wide has (right of the label and its rule).
#[must_use]
pub fn time_columns(width: u16) -> u16 {
    width.saturating_sub(label_width(width) + 1).max(1)
}

/// How many bar rows fit a chart `height` high.
#[must_use]
pub fn bar_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(HEADER_ROWS + FOOTER_ROWS).max(1))
}

/// What the chart draws and how.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// The time axis; its width is [`time_columns`] of the area.
    pub scale: Scale,
    pub rows: &'a [ChartRow],
    pub selected: Option<usize>,
    pub today: NaiveDate,
    /// Active and suspended licenses ending within this many days stand out.
    pub expiring_days: u32,
    pub theme: Theme,
    /// What the label column's header says (the rows' title).
    pub heading: &'a str,
}

impl Chart<'_> {
    fn style(&self, color: Color) -> Style {
        if self.theme.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    fn status_style(&self, status: LicenseStatus, term: usize) -> Style {
        let color = match (status, term % 2) {
            (LicenseStatus::Active, 0) => Color::Green,
            (LicenseStatus::Active, _) => Color::LightGreen,
            (LicenseStatus::Suspended, _) => Color::Yellow,
            (LicenseStatus::Expired, _) => Color::DarkGray,
            (LicenseStatus::Terminated, _) => Color::Red,
            (LicenseStatus::Draft, _) => Color::Blue,
        };
        self.style(color)
    }

    fn today_style(&self) -> Style {
        self.style(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    fn expiring(&self, bar: &LicenseBar) -> bool {
        let until = self
            .today
            .checked_add_days(Days::new(u64::from(self.expiring_days)))
            .unwrap_or(NaiveDate::MAX);
        matches!(bar.status, LicenseStatus::Active | LicenseStatus::Suspended)
            && bar.end >= self.today
            && bar.end <= until
    }
}

impl Widget for Chart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < HEADER_ROWS + FOOTER_ROWS + 1 || area.width < 16 {
            return;
        }
        let label = label_width(area.width);
        let x0 = area.x + label + 1;
        let columns = self.scale.width.min(area.width.saturating_sub(label + 1));
        let scale = Scale {
            width: columns,
            ..self.scale
        };
        let rule = self.theme.border();
        for y in area.y..area.bottom().saturating_sub(FOOTER_ROWS) {
            buf.set_string(area.x + label, y, "│", rule);
        }
        let today = scale.visible_column(self.today);
        header(buf, area, label, x0, &scale, today, &self);
        let first_row = area.y + HEADER_ROWS;
        let rows = bar_rows(area.height);
        for (i, row) in self.rows.iter().take(rows).enumerate() {
            let y = first_row + u16::try_from(i).unwrap_or(u16::MAX);
            let selected = self.selected == Some(i);
            match row {
                ChartRow::License(bar) => {
                    license_label(buf, area.x, y, label, bar, selected, &self);
                    license_bar(buf, x0, y, &scale, bar, &self);
                }
                ChartRow::Company(bar) => {
                    company_label(buf, area.x, y, label, bar, selected, &self);
                    company_bar(buf, x0, y, &scale, bar, &self);
                }
            }
            // The line runs through a bar's body, so it shows on a full chart too; what
            // says more (a half-block end, a renewal, expansion, deployment or lapse
            // mark) stays.
            if let Some(c) = today {
                let cell = &mut buf[(x0 + c, y)];
                let body = cell.symbol().chars().next().is_none_or(|g| {
                    g == ' ' || LicenseStatus::ALL.into_iter().any(|s| fill(s) == g)
                });
                if body {
                    cell.set_char(TODAY).set_style(self.today_style());
                }
            }
        }
        legend(buf, area, &self);
    }
}

/// The "today" label, and the two axis rows.
fn header(
    buf: &mut Buffer,
    area: Rect,
    label: u16,
    x0: u16,
    scale: &Scale,
    today: Option<u16>,
    chart: &Chart,
) {
    let muted = chart.theme.muted();
    let zoom = format!("zoom: {}", scale.zoom);
    buf.set_stringn(area.x, area.y, &zoom, usize::from(label), muted);
    buf.set_stringn(
        area.x,
        area.y + 2,
        chart.heading,
        usize::from(label),
        chart.theme.header(),
    );
    if let Some(c) = today {
        let text = format!("today {}", chart.today.format("%Y-%m-%d"));
        let width = u16::try_from(text.chars().count()).unwrap_or(0);
        let right = x0 + scale.width;
        // The label starts at the line, or ends there when it would not fit.
        if x0 + c + 1 + width <= right {
            buf.set_string(x0 + c, area.y, "┆", chart.today_style());
            buf.set_string(x0 + c + 1, area.y, &text, chart.today_style());
        } else {
            let start = (x0 + c).saturating_sub(width).max(x0);
            buf.set_stringn(start, area.y, &text, usize::from(c), chart.today_style());
            buf.set_string(x0 + c, area.y, "┆", chart.today_style());
        }
    }
    let [top, bottom] = axis_labels(scale);
    for (row, labels) in [(area.y + 1, top), (area.y + 2, bottom)] {
        for (c, text) in labels {
            buf.set_string(x0 + c, row, text, chart.theme.label());
        }
    }
}

/// The axis's labels, row by row, as (column, text): the top row names the longer
/// period (month, year or decade), the bottom row the columns. A label goes where it
/// fits without touching the one before; labels on a period's first column come first.
#[must_use]
pub fn axis_labels(scale: &Scale) -> [Vec<(u16, String)>; 2] {
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    for c in 0..scale.width {
        let Some(date) = scale.column_start(i64::from(c)) else {
            continue;
        };
        let (t, b) = column_labels(scale.zoom, date);
        if let Some(t) = t {
            top.push((c, t));
        }
        if let Some(b) = b {
            bottom.push((c, b));
        }
    }
    // The leftmost column names its period too, unless a boundary label needs the room.
    if let Some(date) = scale.column_start(0) {
        let name = period_name(scale.zoom, date);
        let fits = top
            .first()
            .is_none_or(|(c, _)| usize::from(*c) > name.chars().count());
        if fits {
            top.insert(0, (0, name));
        }
    }
    let run = matches!(scale.zoom, Zoom::Month | Zoom::Quarter | Zoom::Year);
    [
        place(&top, scale.width, false),
        place(&bottom, scale.width, run),
    ]
}

/// Keeps the labels that fit, left to right, one blank column between two; `run` rows
/// (a letter or digit for every column: months "JFMAMJJASOND", quarters, years) go
/// without it. Day numbers never do: "1" beside "8" would read 18.
fn place(labels: &[(u16, String)], width: u16, run: bool) -> Vec<(u16, String)> {
    let mut placed: Vec<(u16, String)> = Vec::new();
    // Where the last placed label ended, and whether it was a single character.
    let mut last: Option<(u16, bool)> = None;
    let len = |s: &str| u16::try_from(s.chars().count()).unwrap_or(u16::MAX);
    for (c, text) in labels {
        let single = len(text) == 1;
        let free_from = match last {
            None => 0,
            Some((end, true)) if single && run => end,
            Some((end, _)) => end.saturating_add(1),
        };
        if *c < free_from {
            continue;
        }
        let end = c.saturating_add(len(text));
        if end > width {
            continue;
        }
        placed.push((*c, text.clone()));
        last = Some((end, single));
    }
    placed
}

/// The longer period holding `date`, as the top row names it.
fn period_name(zoom: Zoom, date: NaiveDate) -> String {
    match zoom {
        Zoom::Day | Zoom::Week => date.format("%b %Y").to_string(),
        Zoom::Month | Zoom::Quarter => date.year().to_string(),
        Zoom::Year => format!("{}s", date.year() - date.year().rem_euclid(10)),
    }
}

/// The labels of the column starting on `date`: (top row, bottom row).
fn column_labels(zoom: Zoom, date: NaiveDate) -> (Option<String>, Option<String>) {
    const MONTHS: [&str; 12] = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"];
    match zoom {
        Zoom::Day => (
            (date.day() == 1).then(|| period_name(zoom, date)),
            (date.weekday() == Weekday::Mon).then(|| date.day().to_string()),
        ),
        // A week holding the 1st of a month starts on one of its first 7 days... or the
        // last days of the month before: the week whose Sunday is in the new month.
        Zoom::Week => {
            let sunday = date.checked_add_days(Days::new(6)).unwrap_or(date);
            let new_month = sunday.month() != date.month() || date.day() == 1;
            (
                new_month.then(|| period_name(zoom, sunday.with_day(1).unwrap_or(sunday))),
                Some(date.day().to_string()),
            )
        }
        Zoom::Month => (
            (date.month() == 1).then(|| period_name(zoom, date)),
            MONTHS.get(date.month0() as usize).map(|m| (*m).to_owned()),
        ),
        Zoom::Quarter => (
            (date.month() == 1).then(|| period_name(zoom, date)),
            Some((date.month0() / 3 + 1).to_string()),
        ),
        Zoom::Year => (
            (date.year().rem_euclid(10) == 0).then(|| period_name(zoom, date)),
            Some(date.year().rem_euclid(10).to_string()),
        ),
    }
}

fn license_label(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    bar: &LicenseBar,
    selected: bool,
    chart: &Chart,
) {
    let expiring = chart.expiring(bar);
    let mark = if expiring { "!" } else { " " };
    let text = format!("{mark}{} {}", one_line(&bar.key), one_line(&bar.company));
    let style = match (selected, expiring) {
        (true, _) => chart.theme.selected(),
        (false, true) => chart.theme.focused(),
        (false, false) => chart.theme.base(),
    };
    fill_label(buf, x, y, width, &text, style);
}

fn company_label(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    bar: &CompanyBar,
    selected: bool,
    chart: &Chart,
) {
    let lapses = gaps(&bar.coverage.covered).len();
    let mark = if lapses > 0 { "!" } else { " " };
    let text = format!(
        "{mark}{} ({})",
        one_line(&bar.name),
        crate::domain::text::count(bar.coverage.licenses)
    );
    let style = match (selected, lapses > 0) {
        (true, _) => chart.theme.selected(),
        (false, true) => chart.theme.focused(),
        (false, false) => chart.theme.base(),
    };
    fill_label(buf, x, y, width, &text, style);
}

/// The label, cut to the column, the whole column in `style` (the selection shows).
fn fill_label(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) {
    buf.set_stringn(
        x,
        y,
        " ".repeat(usize::from(width)),
        usize::from(width),
        style,
    );
    buf.set_stringn(x, y, text, usize::from(width), style);
}

/// The glyph of a column a span covers `cover` of, filled with `fill`.
fn covered(cover: Cover, fill: char) -> Option<char> {
    match cover {
        Cover::None => None,
        Cover::Full => Some(fill),
        Cover::Left => Some('▌'),
        Cover::Right => Some('▐'),
    }
}

fn license_bar(buf: &mut Buffer, x0: u16, y: u16, scale: &Scale, bar: &LicenseBar, chart: &Chart) {
    let body = fill(bar.status);
    let (from, to) = scale.dates();
    if bar.end < from || bar.start > to {
        return;
    }
    for (t, term) in bar.terms.iter().enumerate() {
        if term.to < from || term.from > to {
            continue;
        }
        let style = chart.status_style(bar.status, t);
        let first = scale.column(term.from).max(0);
        let last = scale.column(term.to).min(i64::from(scale.width) - 1);
        for c in first..=last {
            let Some(glyph) = covered(scale.cover(c, term.from, term.to), body) else {
                continue;
            };
            let x = x0 + u16::try_from(c).unwrap_or(0);
            // Where two terms share a column the later one's start shows.
            buf[(x, y)].set_char(glyph).set_style(style);
        }
        // A renewal's first column, when the term before it is long enough to see.
        if t > 0
            && let Some(prev) = bar.terms.get(t - 1)
            && scale.column(prev.to) > scale.column(prev.from)
            && let Some(c) = scale.visible_column(term.from)
        {
            buf[(x0 + c, y)].set_char(RENEWAL).set_style(style);
        }
    }
    let mark_style = chart.style(Color::White).add_modifier(Modifier::BOLD);
    let expanded: Vec<u16> = bar
        .expansions
        .iter()
        .filter_map(|d| scale.visible_column(*d))
        .collect();
    for c in &expanded {
        buf[(x0 + c, y)].set_char(EXPANSION).set_style(mark_style);
    }
    for c in bar
        .deployments
        .iter()
        .filter_map(|d| scale.visible_column(*d))
    {
        let glyph = if expanded.contains(&c) {
            BOTH
        } else {
            DEPLOYED
        };
        buf[(x0 + c, y)].set_char(glyph).set_style(mark_style);
    }
}

fn company_bar(buf: &mut Buffer, x0: u16, y: u16, scale: &Scale, bar: &CompanyBar, chart: &Chart) {
    let covered_spans = &bar.coverage.covered;
    let lapses = gaps(covered_spans);
    let style = chart.style(Color::Cyan);
    let lapse_style = chart.style(Color::Red).add_modifier(Modifier::BOLD);
    for c in 0..scale.width {
        let col = i64::from(c);
        let glyph = if lapses.iter().any(|g| cover(scale, col, *g) != Cover::None) {
            Some((LAPSE, lapse_style))
        } else {
            let mut left = false;
            let mut right = false;
            for s in covered_spans {
                match cover(scale, col, *s) {
                    Cover::Full => (left, right) = (true, true),
                    Cover::Left => left = true,
                    Cover::Right => right = true,
                    Cover::None => {}
                }
            }
            let cover = match (left, right) {
                (true, true) => Cover::Full,
                (true, false) => Cover::Left,
                (false, true) => Cover::Right,
                (false, false) => Cover::None,
            };
            covered(cover, '█').map(|g| (g, style))
        };
        if let Some((g, s)) = glyph {
            buf[(x0 + c, y)].set_char(g).set_style(s);
        }
    }
}

fn cover(scale: &Scale, column: i64, span: Span) -> Cover {
    scale.cover(column, span.from, span.to)
}

/// The legend on the last row: every glyph the chart uses, named; in short words when
/// the full ones do not fit.
fn legend(buf: &mut Buffer, area: Rect, chart: &Chart) {
    let y = area.bottom().saturating_sub(1);
    let muted = chart.theme.label();
    let items = |short: bool| -> Vec<(String, Style)> {
        let word = |long: &str, brief: &str| {
            if short {
                brief.to_owned()
            } else {
                format!(" {long}")
            }
        };
        let mut items: Vec<(String, Style)> = LicenseStatus::ALL
            .iter()
            .map(|s| {
                let name = s.as_str();
                let brief = match s {
                    LicenseStatus::Suspended => "susp",
                    LicenseStatus::Terminated => "term",
                    _ => name,
                };
                let name = word(name, brief);
                (format!("{}{name}", fill(*s)), chart.status_style(*s, 0))
            })
            .collect();
        items.extend([
            (format!("{RENEWAL}{}", word("renewal", "renew")), muted),
            (format!("{EXPANSION}{}", word("expansion", "expand")), muted),
            (format!("{DEPLOYED}{}", word("deployed", "deploy")), muted),
            (
                format!("{LAPSE}{}", word("lapse", "lapse")),
                chart.style(Color::Red),
            ),
            (
                format!("{TODAY}{}", word("today", "today")),
                chart.today_style(),
            ),
            (
                if short {
                    format!("!≤{}d", chart.expiring_days)
                } else {
                    format!("! ends within {} days", chart.expiring_days)
                },
                chart.theme.focused(),
            ),
            (format!("{BOTH}{}", word("both", "both")), muted),
        ]);
        items
    };
    let gap = |short: bool| -> u16 { if short { 1 } else { 2 } };
    let width = |list: &[(String, Style)], short: bool| -> usize {
        list.iter()
            .map(|(t, _)| t.chars().count() + usize::from(gap(short)))
            .sum()
    };
    let full = items(false);
    let short = width(&full, false) > usize::from(area.width);
    let list = if short { items(true) } else { full };
    let mut x = area.x;
    for (text, style) in list {
        let w = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
        if x + w > area.right() {
            break;
        }
        buf.set_string(x, y, &text, style);
        x += w + gap(short);
    }
}
