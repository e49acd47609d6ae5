//! How the detail pane is drawn: right of the table on wide terminals, below it otherwise
//! (as the license pane sits), one labelled line per figure, money per currency, names
//! made safe for one line, and the jump keys on its bottom border.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::List;
use super::pane::{Identified, Pane, keys};
use crate::db::queries::details::Revenue;
use crate::service::details::{
    CompanyDetail, Detail, EngineerDetail, PartnerDetail, PortalUserDetail, ProductDetail,
    SalesRepDetail,
};
use crate::tui::format::{self, one_line};
use crate::tui::theme::Theme;

/// From this width on, the pane sits right of the table (as the license pane does).
pub const WIDE: u16 = 150;
/// Width of the pane on the right.
pub const WIDTH: u16 = 56;
/// Height of the pane below the table: five lines of figures and the borders.
pub const HEIGHT: u16 = 7;

const LABEL_WIDTH: usize = 13;

/// The table and, for a list with a detail pane, the pane.
#[must_use]
pub fn areas(area: Rect, list: &List) -> (Rect, Option<Rect>) {
    if list.spec.detail.is_none() {
        return (area, None);
    }
    let (table, pane) = if area.width >= WIDE {
        let [table, pane] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(WIDTH)]).areas(area);
        (table, pane)
    } else {
        let [table, pane] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(HEIGHT)]).areas(area);
        (table, pane)
    };
    (table, Some(pane))
}

fn n(v: i64) -> String {
    format::count(v)
}

/// Money per currency, never added across currencies: "EUR 1.00 · USD 2.00".
fn money(revenue: &[Revenue]) -> String {
    revenue
        .iter()
        .map(|r| format::money(r.revenue_minor, &r.currency))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn company(d: &CompanyDetail) -> Vec<(&'static str, String)> {
    let total: i64 = d.licenses_by_status.iter().map(|(_, k)| k).sum();
    let licenses = std::iter::once(n(total))
        .chain(
            d.licenses_by_status
                .iter()
                .map(|(status, k)| format!("{status} {}", n(*k))),
        )
        .collect::<Vec<_>>()
        .join(" · ");
    let u = &d.usage;
    let flags = match u.flags.words() {
        w if w.is_empty() => "no flags".to_owned(),
        w => w,
    };
    vec![
        ("Licenses", licenses),
        (
            "Users",
            format!(
                "{} seats · {} registered · {} active ({} days)",
                u.licensed_text(),
                n(u.registered),
                n(u.active),
                u.window_days
            ),
        ),
        ("Utilization", format!("{} · {flags}", u.utilization_text())),
        (
            "Revenue",
            if d.revenue.is_empty() {
                "no purchases yet".to_owned()
            } else {
                money(&d.revenue)
            },
        ),
        (
            "Last buy",
            d.last_purchase.as_ref().map_or_else(
                || "—".to_owned(),
                |p| {
                    format!(
                        "{} {} {}",
                        format::date(p.date),
                        p.kind,
                        format::money(p.revenue_minor, &p.currency)
                    )
                },
            ),
        ),
    ]
}

fn partner(d: &PartnerDetail) -> Vec<(&'static str, String)> {
    vec![
        ("Licenses", n(d.licenses)),
        ("Companies", format!("{} served", n(d.companies))),
        (
            "Revenue",
            if d.revenue.is_empty() {
                "no purchases yet".to_owned()
            } else {
                money(&d.revenue)
            },
        ),
    ]
}

fn sales_rep(d: &SalesRepDetail) -> Vec<(&'static str, String)> {
    let count: i64 = d.purchases.iter().map(|r| r.purchases).sum();
    vec![
        ("Licenses", format!("{} owned", n(d.licenses))),
        (
            "Sold",
            if d.purchases.is_empty() {
                format!("no purchases in {}", d.year)
            } else {
                format!(
                    "{} purchases in {}: {}",
                    n(count),
                    d.year,
                    money(&d.purchases)
                )
            },
        ),
    ]
}

fn engineer(d: &EngineerDetail) -> Vec<(&'static str, String)> {
    vec![
        ("Open", format!("{} planned or in progress", n(d.open))),
        (
            "Completed",
            format!("{} in the last {} days", n(d.completed), d.completed_days),
        ),
    ]
}

fn product(d: &ProductDetail) -> Vec<(&'static str, String)> {
    let sites = |u: i64| {
        if u == 1 {
            "1 site license".to_owned()
        } else {
            format!("{} site licenses", n(u))
        }
    };
    let seats = match (d.active_seats, d.unlimited) {
        (s, 0) => n(s),
        (0, u) => format!("unlimited ({})", sites(u)),
        (s, u) => format!("{} + unlimited ({})", n(s), sites(u)),
    };
    vec![
        ("Product", format!("{} · {}", d.code, d.name)),
        (
            "Licenses",
            format!("{} · {} in force", n(d.licenses), n(d.active_licenses)),
        ),
        ("Active seats", seats),
    ]
}

fn portal_user(d: &PortalUserDetail) -> Vec<(&'static str, String)> {
    vec![
        ("Company", d.company.clone()),
        (
            "Last active",
            d.last_activity
                .map_or_else(|| "never".to_owned(), format::local_time),
        ),
        (
            "Activity",
            format!("{} in the last {} days", n(d.activity), d.window_days),
        ),
    ]
}

/// The title and the (label, value) rows of a pane.
#[must_use]
pub fn fields(detail: &Detail) -> (String, Vec<(&'static str, String)>) {
    match detail {
        Detail::Company(d) => (d.name.clone(), company(d)),
        Detail::Partner(d) => (d.name.clone(), partner(d)),
        Detail::SalesRep(d) => (d.name.clone(), sales_rep(d)),
        Detail::Engineer(d) => (d.name.clone(), engineer(d)),
        Detail::ProductCode(d) => (d.code.clone(), product(d)),
        Detail::PortalUser(d) => (d.email.clone(), portal_user(d)),
    }
}

/// What a pane says while it shows no figures: `nothing` without a selection, the
/// error of the selected row's request, or that it is loading.
#[must_use]
pub fn waiting<D: Identified>(
    pane: &Pane<D>,
    selected: Option<i64>,
    nothing: &'static str,
    theme: Theme,
) -> Line<'static> {
    match selected.map(|id| pane.error_for(id)) {
        None => Line::styled(nothing, theme.muted()),
        Some(Some(e)) => Line::from(vec![
            Span::styled("error: ", theme.error()),
            Span::styled(one_line(e), theme.error()),
        ]),
        Some(None) => Line::styled("loading…", theme.muted()),
    }
}

/// The pane of `list` in `area`.
pub fn render(frame: &mut Frame, area: Rect, list: &List, theme: Theme) {
    let Some(kind) = list.spec.detail else {
        return;
    };
    let selected = list.tab.selected_id();
    let shown = list.pane.of(selected);
    let title = match shown {
        Some(d) => format!(" {} ", one_line(&fields(d).0)),
        None => " Detail ".to_owned(),
    };
    let hint: Vec<String> = keys(kind)
        .iter()
        .filter_map(|b| Some(format!("{} {}", b.keys.first()?.label(), b.description)))
        .collect();
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()))
        .title_bottom(
            Line::styled(format!(" {} ", hint.join(" · ")), theme.muted()).right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = shown else {
        let text = waiting(&list.pane, selected, "nothing selected", theme);
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let lines: Vec<Line> = fields(d)
        .1
        .into_iter()
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(format!("{label:<LABEL_WIDTH$}"), theme.label()),
                Span::raw(one_line(&value)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
