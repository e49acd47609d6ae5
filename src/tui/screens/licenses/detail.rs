//! The detail pane of the selected license: everything in `LicenseDetail`, money per
//! currency, stored UTC times in local time.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::DetailPane;
use crate::db::queries::licenses::LicenseDetail;
use crate::tui::format;
use crate::tui::one_line;
use crate::tui::screens::list::pane_view;
use crate::tui::theme::Theme;

const LABEL_WIDTH: usize = 12;
/// Inner width from which the fields are laid out in two columns.
const TWO_COLUMNS: u16 = 70;

fn relative(end: NaiveDate, today: NaiveDate) -> String {
    match (end - today).num_days() {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "yesterday".to_owned(),
        d if d > 0 => format!("in {} days", format::count(d)),
        d => format!("{} days ago", format::count(-d)),
    }
}

fn or_dash(v: Option<&String>) -> String {
    v.map_or_else(|| "—".to_owned(), Clone::clone)
}

/// (label, value) rows, most important first.
#[must_use]
pub fn fields(d: &LicenseDetail, today: NaiveDate) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("Company", d.company.clone()),
        (
            "Product",
            format!("{} · {}", d.product_code, d.product_name),
        ),
        ("Status", d.status.clone()),
        ("Seats", format::seats(d.seats)),
        ("Start", format::date(d.start_date)),
        (
            "End",
            format!(
                "{} ({})",
                format::date(d.end_date),
                relative(d.end_date, today)
            ),
        ),
        ("Partner", or_dash(d.partner.as_ref())),
        ("Sales rep", or_dash(d.sales_rep.as_ref())),
        (
            "Purchases",
            match &d.last_purchase {
                Some((date, kind)) => {
                    format!(
                        "{}, last {} {kind}",
                        format::count(d.purchase_count),
                        format::date(*date)
                    )
                }
                None => format::count(d.purchase_count),
            },
        ),
    ];
    if d.money.is_empty() {
        f.push(("Money", "no purchases yet".to_owned()));
    }
    for (currency, cost, revenue) in &d.money {
        f.push(("Cost", format::money(*cost, currency)));
        f.push(("Revenue", format::money(*revenue, currency)));
    }
    f.push((
        "Deployments",
        match &d.last_deployment {
            Some((status, engineer)) => match engineer {
                Some(e) => format!("{}, last {status} ({e})", format::count(d.deployment_count)),
                None => format!("{}, last {status}", format::count(d.deployment_count)),
            },
            None => format::count(d.deployment_count),
        },
    ));
    f.push((
        "Notes",
        if d.notes.trim().is_empty() {
            "—".to_owned()
        } else {
            d.notes.clone()
        },
    ));
    f.push(("Created", format::local_time(d.created_at)));
    f.push((
        "Updated",
        format!("{} (v{})", format::local_time(d.updated_at), d.version),
    ));
    f
}

fn lines(rows: &[(&'static str, String)], theme: Theme) -> Vec<Line<'static>> {
    rows.iter()
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(format!("{label:<LABEL_WIDTH$}"), theme.label()),
                Span::raw(one_line(value)),
            ])
        })
        .collect()
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    pane: &DetailPane,
    selected: Option<(i64, &str)>,
    theme: Theme,
    today: NaiveDate,
) {
    let shown = pane.pane.of(selected.map(|(id, _)| id));
    let title = match (shown, selected) {
        (Some(d), _) => format!(" {} · {} ", one_line(&d.license_key), one_line(&d.status)),
        (None, Some((_, key))) => format!(" {} ", one_line(key)),
        (None, None) => " Detail ".to_owned(),
    };
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = shown else {
        let text = pane_view::waiting(
            &pane.pane,
            selected.map(|(id, _)| id),
            "no license selected",
            theme,
        );
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let rows = fields(d, today);
    if inner.width >= TWO_COLUMNS && rows.len() > usize::from(inner.height) {
        // Balanced columns; when even two do not fit, the left one is full and the least
        // important rows (at the end) are the ones cut.
        let half = rows.len().div_ceil(2).min(usize::from(inner.height).max(1));
        let (left, right) = rows.split_at(half.min(rows.len()));
        let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
            .spacing(2)
            .areas(inner);
        frame.render_widget(Paragraph::new(lines(left, theme)), l);
        frame.render_widget(Paragraph::new(lines(right, theme)), r);
    } else {
        frame.render_widget(Paragraph::new(lines(&rows, theme)), inner);
    }
}
