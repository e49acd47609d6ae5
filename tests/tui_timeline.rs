//! The Timeline tab on both backends: the license rows and their terms, the grouped
//! view's coverage and lapses, a renewal recorded from the chart growing its bar, the
//! filter shared with the Licenses tab; and the chart widget drawn at 80x24 and 200x60,
//! plain and in colour.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use common::builders::{
    CompanyBuilder, DeploymentBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder,
};
use common::forms::{ctrl, fill, form, go_to_tab, status};
use lms::db::queries::list::ListQuery;
use lms::domain::filter::Filter;
use lms::domain::time_scale::{Scale, Zoom};
use lms::domain::timeline::{Span, TermPurchase};
use lms::domain::{DeploymentStatus, LicenseStatus, PurchaseKind};
use lms::report::timeline::{ChartRow, CompanyBar, CompanyCoverage, LicenseBar, queries};
use lms::tui::app::App;
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::screens::timeline::TimelineScreen;
use lms::tui::theme::Theme;
use lms::tui::widgets::{buffer_text, timeline};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Gap Co: a license that ended 2024-06-30 and the next one only from 2024-09-01 (a
/// lapse of July and August). Renew Co: a license renewed once, 2025 then 2026, with a
/// completed deployment.
fn seed(conn: &mut lms::db::DbConnection) -> (i64, i64) {
    let gap = CompanyBuilder::new("Gap Co").insert(conn);
    let renew = CompanyBuilder::new("Renew Co").insert(conn);
    let product = ProductBuilder::new("LMS-STD").insert(conn);
    LicenseBuilder::new()
        .company(&gap)
        .product(&product)
        .status(LicenseStatus::Expired)
        .starts("2023-07-01")
        .ends("2024-06-30")
        .insert(conn);
    LicenseBuilder::new()
        .company(&gap)
        .product(&product)
        .starts("2024-09-01")
        .ends("2027-08-31")
        .insert(conn);
    let renewed = LicenseBuilder::new()
        .company(&renew)
        .product(&product)
        .starts("2025-01-01")
        .ends("2026-12-31")
        .insert(conn);
    PurchaseBuilder::new(&renewed)
        .on("2024-12-15")
        .term_end("2025-12-31")
        .insert(conn);
    PurchaseBuilder::new(&renewed)
        .kind(PurchaseKind::Renewal)
        .on("2025-12-01")
        .term_end("2026-12-31")
        .order_number("R-1")
        .insert(conn);
    DeploymentBuilder::new(&renewed)
        .status(DeploymentStatus::Completed)
        .completed("2025-02-10")
        .insert(conn);
    (gap.id, renewed.id)
}

fn timeline(app: &App) -> &TimelineScreen {
    app.tab::<TimelineScreen>().expect("the Timeline tab")
}

#[test]
fn grouped_coverage_shows_the_lapse_on_both_backends() {
    common::each_backend(|db| {
        let (gap, _) = seed(&mut db.conn);
        let query = ListQuery::default();
        let coverage = queries::coverage(&mut db.conn, &query, &[gap]).unwrap();
        let c = &coverage[&gap];
        assert_eq!(c.licenses, 2, "{}", db.name());
        assert_eq!(
            c.covered,
            vec![
                Span::new(d("2023-07-01"), d("2024-06-30")),
                Span::new(d("2024-09-01"), d("2027-08-31")),
            ],
            "{}",
            db.name()
        );
        // The filter narrows the union: active licenses only cover from September.
        let active = ListQuery {
            filter: Filter::parse("status:active", lms::db::queries::license_list::QUALIFIERS)
                .unwrap(),
            ..ListQuery::default()
        };
        let c = &queries::coverage(&mut db.conn, &active, &[gap]).unwrap()[&gap];
        assert_eq!(c.covered, vec![Span::new(d("2024-09-01"), d("2027-08-31"))]);
        // Companies in name order, each once, and their count. Both query shapes (a
        // per-company probe for status filters, a semi-join for the rest) leave out
        // companies without a matching license.
        CompanyBuilder::new("Aaa Empty Co").insert(&mut db.conn);
        let names = |db: &mut common::TestDb, filter: &str| {
            let query = ListQuery {
                filter: Filter::parse(filter, lms::db::queries::license_list::QUALIFIERS).unwrap(),
                ..ListQuery::default()
            };
            let page = queries::company_page(
                &mut db.conn,
                &query,
                &lms::db::queries::page::PageRequest::First,
                10,
            )
            .unwrap();
            let count = queries::company_count(&mut db.conn, &query).unwrap();
            let names: Vec<String> = page
                .rows
                .iter()
                .map(|r| lms::tui::format::cell(&r.cells[0]))
                .collect();
            (names, count)
        };
        for (filter, want) in [
            ("", vec!["Gap Co", "Renew Co"]),
            ("status:active", vec!["Gap Co", "Renew Co"]),
            ("status:expired", vec!["Gap Co"]),
            ("status:draft", vec![]),
            ("renew", vec!["Renew Co"]),
            ("ends:<2025-01-01", vec!["Gap Co"]),
            ("status:active ends:>2027-01-01", vec!["Gap Co"]),
        ] {
            let (got, count) = names(db, filter);
            assert_eq!(got, want, "{filter} on {}", db.name());
            assert_eq!(count, i64::try_from(want.len()).unwrap(), "{filter}");
        }
    });
}

#[test]
fn marks_give_terms_expansions_and_deployments_on_both_backends() {
    common::each_backend(|db| {
        let (_, renewed) = seed(&mut db.conn);
        let marks = queries::marks(&mut db.conn, &[renewed]).unwrap();
        let m = &marks[&renewed];
        assert_eq!(m.deployments, vec![d("2025-02-10")], "{}", db.name());
        assert_eq!(m.purchases.len(), 2);
        assert!(m.purchases.contains(&TermPurchase {
            kind: PurchaseKind::Renewal,
            date: d("2025-12-01"),
            term_end: Some(d("2026-12-31")),
        }));
    });
}

#[test]
fn keys_drive_the_timeline_and_a_renewal_grows_the_bar() {
    common::each_backend(|db| {
        let (_, renewed) = seed(&mut db.conn);
        let mut app = common::forms::admin_app(db, (120, 35), common::forms::today());
        go_to_tab(&mut app, &mut db.conn, "Timeline");
        pump(&mut app, &mut db.conn);
        let rows = timeline(&app).rows();
        assert_eq!(rows.len(), 3, "{}", db.name());
        let bar = rows
            .iter()
            .find_map(|r| match r {
                ChartRow::License(b) if b.id == renewed => Some(b.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            bar.terms,
            vec![
                Span::new(d("2025-01-01"), d("2025-12-31")),
                Span::new(d("2026-01-01"), d("2026-12-31")),
            ]
        );
        // Zoom in and out through every level; the title names it.
        for zoom in ["week", "day", "day"] {
            press(&mut app, KeyCode::Char('+'));
            assert_eq!(timeline(&app).zoom.as_str(), zoom);
        }
        for zoom in ["week", "month", "quarter", "year", "year"] {
            press(&mut app, KeyCode::Char('-'));
            assert_eq!(timeline(&app).zoom.as_str(), zoom);
        }
        press(&mut app, KeyCode::Char('+'));
        press(&mut app, KeyCode::Char('+'));
        // Scrolling moves the first column; `t` brings today back into view.
        let first = timeline(&app).first.unwrap();
        press(&mut app, KeyCode::Char('l'));
        assert_eq!(timeline(&app).first, Some(first + 1));
        press(&mut app, KeyCode::Char('H'));
        assert!(timeline(&app).first.unwrap() < first - 10);
        press(&mut app, KeyCode::Char('t'));
        let scale = timeline(&app).scale(app.screen_area());
        assert!(scale.visible_column(common::forms::today()).is_some());

        // Grouped: the lapse is marked on Gap Co.
        press(&mut app, KeyCode::Char('g'));
        pump(&mut app, &mut db.conn);
        let text = driver::screen_text(&app, 120, 35);
        assert!(text.contains("!Gap Co (2)"), "{text}");
        assert!(text.contains(" Renew Co (1)"), "{text}");
        // Around today 2024's lapse is out of view: scroll back to it.
        for _ in 0..40 {
            press(&mut app, KeyCode::Char('h'));
        }
        let text = driver::screen_text(&app, 120, 35);
        let gap_line = text.lines().find(|l| l.contains("Gap Co")).unwrap();
        assert!(gap_line.contains('╌'), "{text}");
        // Enter opens the company's licenses, ungrouped.
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert!(!timeline(&app).grouped);
        assert_eq!(timeline(&app).rows().len(), 2, "{}", db.name());
        press(&mut app, KeyCode::Esc);
        pump(&mut app, &mut db.conn);
        assert_eq!(timeline(&app).rows().len(), 3);

        // A renewal recorded from the chart: the bar grows by a term at once.
        while timeline(&app).licenses.list.tab.selected_id() != Some(renewed) {
            press(&mut app, KeyCode::Char('j'));
        }
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Char('p'));
        pump(&mut app, &mut db.conn);
        assert!(
            form(&app).title.contains("Purchase"),
            "{}",
            form(&app).title
        );
        fill(&mut app, "cost", "100");
        fill(&mut app, "revenue", "500");
        fill(&mut app, "currency", "EUR");
        fill(&mut app, "new_end_date", "2027-12-31");
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        pump(&mut app, &mut db.conn);
        assert!(status(&app).contains("renewal"), "{}", status(&app));
        let bar = timeline(&app)
            .rows()
            .into_iter()
            .find_map(|r| match r {
                ChartRow::License(b) if b.id == renewed => Some(b),
                _ => None,
            })
            .unwrap();
        assert_eq!(bar.end, d("2027-12-31"));
        assert_eq!(bar.terms.len(), 3, "{:?}", bar.terms);
        assert_eq!(bar.terms[2], Span::new(d("2027-01-01"), d("2027-12-31")));

        // The filter typed here is the Licenses tab's too.
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "company:Gap");
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert_eq!(timeline(&app).rows().len(), 2);
        go_to_tab(&mut app, &mut db.conn, "Licenses");
        let text = driver::screen_text(&app, 120, 35);
        assert!(text.contains("/ company:Gap"), "{text}");
        assert!(!text.contains("Renew Co"), "{text}");
    });
}

/// Fixed rows for the drawings: one license of each status, a renewed one with an
/// expansion and a deployment, a one-day license, one running for decades, and a
/// company with a lapse.
fn rows() -> Vec<ChartRow> {
    let bar = |id: i64, status: LicenseStatus, from: &str, to: &str| LicenseBar {
        id,
        key: format!("LIC-{id:06}"),
        company: "Acme Ltd".to_owned(),
        status,
        start: d(from),
        end: d(to),
        terms: vec![Span::new(d(from), d(to))],
        expansions: Vec::new(),
        deployments: Vec::new(),
    };
    let mut renewed = bar(1, LicenseStatus::Active, "2025-01-10", "2027-01-09");
    renewed.terms = lms::domain::timeline::terms(
        renewed.start,
        renewed.end,
        &[
            TermPurchase {
                kind: PurchaseKind::Renewal,
                date: d("2025-12-20"),
                term_end: Some(d("2027-01-09")),
            },
            TermPurchase {
                kind: PurchaseKind::New,
                date: d("2025-01-02"),
                term_end: Some(d("2026-01-09")),
            },
        ],
    );
    renewed.expansions = vec![d("2025-06-15")];
    renewed.deployments = vec![d("2025-05-02")];
    let mut rows = vec![
        ChartRow::License(renewed),
        ChartRow::License(bar(2, LicenseStatus::Active, "2026-01-01", "2026-12-15")),
        ChartRow::License(bar(3, LicenseStatus::Suspended, "2025-05-01", "2026-05-31")),
        ChartRow::License(bar(4, LicenseStatus::Expired, "2025-03-01", "2026-02-28")),
        ChartRow::License(bar(
            5,
            LicenseStatus::Terminated,
            "2025-09-01",
            "2026-03-15",
        )),
        ChartRow::License(bar(6, LicenseStatus::Draft, "2027-01-01", "2027-12-31")),
        ChartRow::License(bar(7, LicenseStatus::Active, "2026-11-30", "2026-11-30")),
        ChartRow::License(bar(8, LicenseStatus::Active, "1999-01-01", "9999-12-31")),
    ];
    rows.push(ChartRow::Company(CompanyBar {
        id: 9,
        name: "Lapsed GmbH".to_owned(),
        coverage: CompanyCoverage {
            licenses: 2,
            covered: vec![
                Span::new(d("2024-01-01"), d("2025-03-31")),
                Span::new(d("2025-06-01"), d("2027-05-31")),
            ],
        },
    }));
    rows
}

fn draw(width: u16, height: u16, color: bool) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let rows = rows();
    let columns = timeline::time_columns(width);
    timeline::Chart {
        scale: Scale::around(Zoom::Month, d("2026-11-30"), columns, columns / 3),
        rows: &rows,
        selected: Some(1),
        today: d("2026-11-30"),
        expiring_days: 30,
        theme: Theme { color },
        heading: "License  Company",
    }
    .render(area, &mut buf);
    buffer_text::lines(&buf, color).join("\n")
}

#[test]
fn the_chart_at_80x24_and_200x60_plain_and_in_colour() {
    for (w, h) in [(80, 24), (200, 60)] {
        for color in [false, true] {
            let name = format!("chart_{w}x{h}_{}", if color { "colour" } else { "plain" });
            insta::assert_snapshot!(name, draw(w, h, color));
        }
    }
}

#[test]
fn without_colour_every_status_has_its_own_glyph() {
    let text = draw(80, 24, false);
    for (key, glyph) in [
        ("LIC-000002", '█'),
        ("LIC-000003", '▓'),
        ("LIC-000004", '░'),
        ("LIC-000005", '─'),
        ("LIC-000006", '┈'),
    ] {
        let line = text.lines().find(|l| l.contains(key)).unwrap();
        assert!(line.contains(glyph), "{key}: {line}");
    }
    let renewed = text.lines().find(|l| l.contains("LIC-000001")).unwrap();
    assert!(
        renewed.contains('┃') && renewed.contains('+') && renewed.contains('◆'),
        "{renewed}"
    );
    // LIC-000002 ends within 30 days of today: marked.
    assert!(text.contains("!LIC-000002"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("Lapsed GmbH") && l.contains('╌')),
        "{text}"
    );
    assert!(text.contains("today 2026-11-30"), "{text}");
    // The today line runs through the bars that cover today, not only between them.
    let column = |l: &str| l.chars().position(|g| g == '┆');
    let today = column(text.lines().next().unwrap()).unwrap();
    for key in ["LIC-000002", "LIC-000008", "Lapsed GmbH"] {
        let line = text.lines().find(|l| l.contains(key)).unwrap();
        assert_eq!(column(line), Some(today), "{key}: {line}");
    }
    // A half-block end on today's column says more than the line: it stays.
    let one_day = text.lines().find(|l| l.contains("LIC-000007")).unwrap();
    assert_eq!(one_day.chars().nth(today), Some('▐'), "{one_day}");
}

/// The axis at every zoom, at several places and widths (year ends crossed): the labels
/// never touch (except in a run of month, quarter or year letters), each names its own column, and
/// the top row's boundary labels fall on the first column of their period.
#[test]
fn axis_labels_are_readable_and_on_their_columns() {
    use chrono::Datelike;
    for zoom in [
        Zoom::Day,
        Zoom::Week,
        Zoom::Month,
        Zoom::Quarter,
        Zoom::Year,
    ] {
        for (at, width) in [
            ("2024-12-20", 20),
            ("2026-12-01", 58),
            ("2023-12-31", 150),
            ("2000-02-27", 200),
        ] {
            let scale = Scale::around(zoom, d(at), width, width / 3);
            let start = |c: u16| scale.column_start(i64::from(c)).unwrap();
            let [top, bottom] = timeline::axis_labels(&scale);
            for row in [&top, &bottom] {
                for pair in row.windows(2) {
                    let ((c0, t0), (c1, t1)) = (&pair[0], &pair[1]);
                    let end = *c0 as usize + t0.chars().count();
                    // Only a run of one letter or digit per column goes without a
                    // blank: never day numbers ("1" beside "8" reads 18).
                    let run = matches!(zoom, Zoom::Month | Zoom::Quarter | Zoom::Year);
                    let single = t0.chars().count() == 1 && t1.chars().count() == 1;
                    let gap = usize::from(!(run && single));
                    assert!(
                        end + gap <= *c1 as usize,
                        "{zoom} at {at}, width {width}: {t0:?}@{c0} touches {t1:?}@{c1}"
                    );
                }
                for (c, t) in row {
                    assert!(
                        *c as usize + t.chars().count() <= width as usize,
                        "{zoom}: {t:?} at {c} runs past {width}"
                    );
                }
            }
            for (c, t) in &bottom {
                let date = start(*c);
                let want = match zoom {
                    Zoom::Day | Zoom::Week => date.day().to_string(),
                    Zoom::Month => date.format("%b").to_string()[..1].to_owned(),
                    Zoom::Quarter => (date.month0() / 3 + 1).to_string(),
                    Zoom::Year => (date.year() % 10).to_string(),
                };
                assert_eq!(t, &want, "{zoom} at {at}: bottom label of column {c}");
            }
            for (c, t) in top.iter().filter(|(c, _)| *c > 0) {
                let date = start(*c);
                let (before, last_day) = (start(*c - 1), start(*c) - chrono::Days::new(1));
                let boundary = match zoom {
                    // The week holding the 1st of the month (its Sunday is in it).
                    Zoom::Week => {
                        (date + chrono::Days::new(6)).month() != before.month() || date.day() == 1
                    }
                    Zoom::Day => date.day() == 1,
                    Zoom::Month | Zoom::Quarter => date.month() == 1,
                    Zoom::Year => date.year() % 10 == 0,
                };
                assert!(
                    boundary,
                    "{zoom} at {at}: {t:?} at column {c} ({date}, after {last_day})"
                );
            }
        }
    }
}
