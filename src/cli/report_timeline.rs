//! `lms report timeline`: the Timeline tab's chart as text, for e-mail or a ticket. The
//! rows are the license list's under `--filter`, drawn by the TUI's own chart widget a
//! page at a time (the axis once at the top, the legend once at the end).

use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use lms::db::DbConnection;
use lms::db::queries::list::ListQuery;
use lms::db::queries::page::PageRequest;
use lms::domain::Permission;
use lms::domain::filter::Filter;
use lms::domain::time_scale::{Scale, Zoom};
use lms::report::output_safety::Destination;
use lms::report::timeline::{ChartRow, CompanyBar, LicenseBar};
use lms::service::browse::{self, Entity};
use lms::tui::theme::Theme;
use lms::tui::widgets::buffer_text;
use lms::tui::widgets::timeline::{Chart, FOOTER_ROWS, HEADER_ROWS, time_columns};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::auth::AuthArgs;

/// Rows drawn per page (and read per query).
const PAGE: usize = 500;
const MIN_WIDTH: u16 = 40;
const MAX_WIDTH: u16 = 2000;

// Doc comments here are --help text, shown verbatim: no Markdown.
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The licenses, in the Licenses tab's filter language (for example
    /// "status:active company:Acme ends:<2027-06-01"); default: all.
    #[arg(long, value_name = "FILTER", default_value = "")]
    filter: String,
    /// First day shown (the chart starts at the column holding it); only licenses
    /// running on or after it are listed. Default: a third of the width before today.
    #[arg(long, value_name = "DATE", value_parser = date)]
    from: Option<NaiveDate>,
    /// Last day shown; only licenses starting by it are listed. With --from and no
    /// --width, the chart is as wide as the range needs.
    #[arg(long, value_name = "DATE", value_parser = date)]
    to: Option<NaiveDate>,
    /// One column is a day, week (Monday to Sunday), month, quarter or year.
    #[arg(long, value_name = "ZOOM", default_value = "month", value_parser = zoom)]
    zoom: Zoom,
    /// Characters per line, label column included (40-2000). Default: the terminal's
    /// width, or 120 when stdout is not a terminal.
    #[arg(long, value_name = "N", value_parser = width, allow_negative_numbers = true)]
    width: Option<u16>,
    /// One row per company: the union of its licenses' terms, with each lapse in
    /// coverage drawn as ╌ (and the company marked with !).
    #[arg(long)]
    group: bool,
    /// The day "today" and "ends within 30 days" count from (default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = date)]
    today: Option<NaiveDate>,
}

fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date as YYYY-MM-DD, not {s:?}"))
}

fn zoom(s: &str) -> Result<Zoom, String> {
    s.parse()
        .map_err(|e: lms::domain::DomainError| e.to_string())
}

fn width(s: &str) -> Result<u16, String> {
    let w: u16 = super::numbers::whole(s)?;
    if (MIN_WIDTH..=MAX_WIDTH).contains(&w) {
        Ok(w)
    } else {
        Err(format!(
            "expected a width from {MIN_WIDTH} to {MAX_WIDTH}, not {w}"
        ))
    }
}

/// The chart's width and time axis for `args`.
fn layout(args: &TimelineArgs, today: NaiveDate, terminal: Option<u16>) -> Result<(u16, Scale)> {
    let zoom = args.zoom;
    if let (Some(from), Some(to)) = (args.from, args.to)
        && to < from
    {
        bail!("--to {to} is before --from {from}");
    }
    let needed = match (args.from, args.to) {
        (Some(from), Some(to)) => Some(zoom.unit(to) - zoom.unit(from) + 1),
        _ => None,
    };
    let width = match (args.width, needed) {
        (Some(w), _) => w,
        // As wide as the range: the label column grows with the width, so step up.
        (None, Some(n)) => (MIN_WIDTH..=MAX_WIDTH)
            .find(|w| i64::from(time_columns(*w)) >= n)
            .unwrap_or(MAX_WIDTH),
        (None, None) => terminal.unwrap_or(120).clamp(MIN_WIDTH, MAX_WIDTH),
    };
    let columns = time_columns(width);
    let scale = match (args.from, args.to) {
        (Some(from), _) => Scale::around(zoom, from, columns, 0),
        (None, Some(to)) => Scale::around(zoom, to, columns, columns.saturating_sub(1)),
        (None, None) => Scale::around(zoom, today, columns, columns / 3),
    };
    Ok((width, scale))
}

/// The license filter: `--filter`, narrowed to the dates in view.
fn query(args: &TimelineArgs, scale: &Scale, today: NaiveDate) -> Result<ListQuery> {
    let (from, to) = scale.dates();
    let text = format!("{} starts:<={to} ends:>={from}", args.filter);
    let qualifiers = Entity::Licenses.qualifiers().unwrap_or_default();
    let filter = Filter::parse(&text, qualifiers)
        .map_err(|e| anyhow::anyhow!("--filter {:?}: {e}", args.filter))?;
    Ok(ListQuery {
        filter,
        sort: lms::db::queries::list::Sort::default(),
        today: Some(today),
    })
}

/// Opens no transaction of its own and migrates nothing: a report only reads.
pub fn run(conn: &mut DbConnection, args: &TimelineArgs) -> Result<()> {
    let stdout = std::io::stdout();
    // The chart is for people: its text is neutralised wherever it goes (buffer_text);
    // the destination decides colour and width.
    let tty = Destination::stdout() == Destination::Terminal;
    let terminal = tty
        .then(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| w))
        .flatten();
    let today = args
        .today
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    // Refuse bad input before asking for a password.
    let (width, scale) = layout(args, today, terminal)?;
    let query = query(args, &scale, today)?;
    let actor = args.auth.login(conn)?;
    lms::service::authorize(&actor, Permission::ViewReports)?;
    let theme = if tty {
        Theme::from_env()
    } else {
        Theme::plain()
    };
    let mut out = stdout.lock();
    let mut req = PageRequest::First;
    let mut first = true;
    loop {
        let (page, rows): (_, Vec<ChartRow>) = if args.group {
            let (page, coverage) =
                lms::service::timeline::companies(conn, &actor, &query, &req, PAGE)?;
            let rows = page
                .rows
                .iter()
                .map(|r| ChartRow::Company(CompanyBar::from_row(r, coverage.get(&r.id))))
                .collect();
            (page, rows)
        } else {
            let page = browse::page(conn, &actor, Entity::Licenses, &query, &req, PAGE)?;
            let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
            let marks = lms::service::timeline::marks(conn, &actor, &ids)?;
            let rows = page
                .rows
                .iter()
                .filter_map(|r| LicenseBar::from_row(r, marks.get(&r.id)))
                .map(ChartRow::License)
                .collect();
            (page, rows)
        };
        let last = !page.has_after;
        let lines = draw(&rows, scale, width, today, theme, args.group);
        // The header once, at the top; the legend once, at the end.
        let header = usize::from(HEADER_ROWS);
        let body_end = lines.len().saturating_sub(usize::from(FOOTER_ROWS));
        let from = if first { 0 } else { header };
        let to = if last { lines.len() } else { body_end };
        for l in lines.get(from..to).unwrap_or_default() {
            writeln!(out, "{l}")?;
        }
        first = false;
        match page.rows.last() {
            Some(row) if !last => req = PageRequest::After(row.cursor()),
            _ => break,
        }
    }
    out.flush()?;
    Ok(())
}

/// `rows` drawn by the chart widget, as lines.
fn draw(
    rows: &[ChartRow],
    scale: Scale,
    width: u16,
    today: NaiveDate,
    theme: Theme,
    grouped: bool,
) -> Vec<String> {
    let height = HEADER_ROWS + FOOTER_ROWS + u16::try_from(rows.len().max(1)).unwrap_or(u16::MAX);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    Chart {
        scale,
        rows,
        selected: None,
        today,
        expiring_days: 30,
        theme,
        heading: if grouped {
            "Company (licenses)"
        } else {
            "License  Company"
        },
    }
    .render(area, &mut buf);
    buffer_text::lines(&buf, theme.color)
}
