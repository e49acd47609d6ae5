//! The Performance tab: driven by keys against the performance fixture on both backends
//! (the figures shown are the service's for the period on screen), and rendered at 80x24
//! and 120x35 as insta snapshots, hostile and wide names included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use ratatui::crossterm::event::KeyCode;

use common::builders::{
    CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder, SalesRepBuilder,
};
use common::fixtures::date;
use common::{TestDb, performance};
use lms::domain::{Currency, PurchaseKind, Role};
use lms::report::performance::PeriodQuery;
use lms::report::performance::output::{amount, change};
use lms::service::performance as perf;
use lms::tui::app::App;
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::screens::performance::Performance;
use lms::tui::screens::performance::table::Key;

fn start(db: &mut TestDb, size: (u16, u16)) -> App {
    let mut app = common::forms::admin_app(db, size, date(performance::AS_OF));
    common::forms::to_performance(&mut app, &mut db.conn);
    app
}

fn text(app: &App) -> String {
    driver::screen_text(app, app.area.width, app.area.height)
}

fn key(app: &mut App, db: &mut TestDb, code: KeyCode) {
    press(app, code);
    pump(app, &mut db.conn);
}

fn screen(app: &App) -> &Performance {
    app.tab::<Performance>().expect("the Performance tab")
}

fn query(period: &str) -> PeriodQuery {
    PeriodQuery {
        period: period.parse().unwrap(),
        as_of: date(performance::AS_OF),
        name: None,
    }
}

/// The row of `name` in `currency`, selected by moving down to it.
fn select(app: &mut App, db: &mut TestDb, name: &str, currency: &str) {
    key(app, db, KeyCode::Char('g'));
    let at = screen(app)
        .lines()
        .iter()
        .position(|l| l.cells[0].ends_with(name) && l.currency == currency)
        .unwrap_or_else(|| panic!("{name} {currency}: {}", text(app)));
    for _ in 0..at {
        key(app, db, KeyCode::Char('j'));
    }
}

#[test]
fn keys_drive_the_performance_tab() {
    common::each_backend(|db| {
        let ids = performance::load(&mut db.conn);
        let (eve, _) = performance::load_engineers(&mut db.conn);
        let mut app = common::forms::admin_app(db, (80, 24), date(performance::AS_OF));
        let viewer = common::actor(db, Role::Viewer);
        press(&mut app, KeyCode::Char('0'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Tab);
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Tab);
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Tab);
        // Loading honestly: on the background lane, keys working meanwhile.
        assert_eq!(app.screen_name(), "Performance");
        assert!(app.busy());
        let queued = app.drain_outbox();
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].lane(), lms::tui::worker::Lane::Background);
        assert!(text(&app).contains("loading"), "{}", text(&app));
        press(&mut app, KeyCode::Char('s'));
        press(&mut app, KeyCode::Char('<'));
        let reply = lms::tui::worker::execute(&mut db.conn, queued[0].clone());
        app.update(lms::tui::event::Msg::Reply(reply));
        assert!(!app.busy());
        assert!(text(&app).contains("2026-Q3 (2026-07-01 to 2026-09-30) vs 2026-Q2"));

        // `[`: the quarter before; the figures are the service's for it.
        key(&mut app, db, KeyCode::Char('['));
        let screen_now = text(&app);
        assert!(screen_now.contains("Period 2026-Q2"), "{screen_now}");
        let r = perf::sales(&mut db.conn, &viewer, &query("2026-Q2")).unwrap();
        let eur: Currency = "EUR".parse().unwrap();
        for o in r
            .rows
            .iter()
            .filter(|o| o.current.bookings.contains_key(&eur))
        {
            let now = o.current.bookings[&eur].total();
            let before = o
                .previous
                .bookings
                .get(&eur)
                .map_or(0, lms::report::performance::owners::Bookings::total);
            let want = format!(
                "{} EUR {} {} {}",
                o.name,
                amount(now, eur),
                amount(before, eur),
                change(now, before)
            );
            let squeezed: String = screen_now.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                squeezed.contains(&want),
                "{want:?} on {}:\n{screen_now}",
                db.name()
            );
        }
        // `]` and `t` come back to the quarter holding today.
        key(&mut app, db, KeyCode::Char(']'));
        assert!(text(&app).contains("Period 2026-Q3"));
        key(&mut app, db, KeyCode::Char('['));

        // Sort: bookings, largest first, ranked within each currency; `r` reverses.
        let ranked = |app: &App| -> Vec<(String, Key)> {
            screen(app)
                .lines()
                .iter()
                .map(|l| (l.currency.clone(), l.keys[2].clone()))
                .collect()
        };
        let rows = ranked(&app);
        let mut want = rows.clone();
        want.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        assert_eq!(rows, want, "{}", text(&app));
        key(&mut app, db, KeyCode::Char('r'));
        let rows = ranked(&app);
        let mut want = rows.clone();
        want.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        assert_eq!(rows, want, "{}", text(&app));
        assert!(text(&app).contains("Bookings↑"), "{}", text(&app));
        // `<` walks back to the Rep column: by name.
        key(&mut app, db, KeyCode::Char('<'));
        key(&mut app, db, KeyCode::Char('<'));
        assert!(text(&app).contains("Rep↑"), "{}", text(&app));
        let names: Vec<String> = screen(&app)
            .lines()
            .iter()
            .map(|l| l.cells[0].clone())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);

        // `p`: a bad period is named and the prompt keeps it; a good one applies.
        key(&mut app, db, KeyCode::Char('p'));
        for _ in 0..10 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "2026-Q5");
        key(&mut app, db, KeyCode::Enter);
        let shown = text(&app);
        assert!(shown.contains("quarter 5 is not 1 to 4"), "{shown}");
        assert!(screen(&app).picking && screen(&app).input.value() == "2026-Q5");
        for _ in 0..7 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "month");
        key(&mut app, db, KeyCode::Enter);
        assert!(text(&app).contains("Period 2026-04 (2026-04-01 to 2026-04-30) vs 2026-03"));
        key(&mut app, db, KeyCode::Char('p'));
        for _ in 0..10 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "2026-Q2");
        key(&mut app, db, KeyCode::Enter);
        assert!(text(&app).contains("Period 2026-Q2"));

        // Enter on Ann: the Licenses tab filtered by her id.
        select(&mut app, db, "Ann", "EUR");
        key(&mut app, db, KeyCode::Enter);
        assert_eq!(app.screen_name(), "Licenses");
        let list = common::screens::list(&app).unwrap();
        assert_eq!(list.tab.filter_text, format!("rep:#{}", ids.ann));

        // Back, to the partners: Enter on P2.
        press(&mut app, KeyCode::Char('0'));
        pump(&mut app, &mut db.conn);
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
            pump(&mut app, &mut db.conn);
        }
        key(&mut app, db, KeyCode::Char('v'));
        assert!(text(&app).contains("[Partners]"), "{}", text(&app));
        let r = perf::partners(&mut db.conn, &viewer, &query("2026-Q2")).unwrap();
        let p2 = r.rows.iter().find(|o| o.id == Some(ids.p2)).unwrap();
        let usd: Currency = "USD".parse().unwrap();
        let total = p2
            .current
            .bookings
            .get(&usd)
            .map_or(0, lms::report::performance::owners::Bookings::total);
        select(&mut app, db, "P2", "USD");
        assert!(text(&app).contains(&amount(total, usd)), "{}", text(&app));
        key(&mut app, db, KeyCode::Enter);
        let list = common::screens::list(&app).unwrap();
        assert_eq!(list.tab.filter_text, format!("partner:#{}", ids.p2));

        // Engineers: Eve's figures, then her deployments.
        press(&mut app, KeyCode::Char('0'));
        pump(&mut app, &mut db.conn);
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
            pump(&mut app, &mut db.conn);
        }
        key(&mut app, db, KeyCode::Char('v'));
        assert!(text(&app).contains("[Engineers]"), "{}", text(&app));
        select(&mut app, db, "Eve", "");
        let line = &screen(&app).lines()[screen(&app).selected];
        assert_eq!(
            line.cells[2..7],
            ["4", "+300.0%", "1", "1", "80.0%"],
            "{}",
            db.name()
        );
        let detail = &line.detail;
        for want in [
            (
                "Lead from scheduled",
                "median 2 p90 9 d of 4 (prev 1 / 1 d of 1)",
            ),
            ("Overdue", "1"),
            ("Backlog", "3"),
        ] {
            assert!(
                detail.iter().any(|(l, t)| l == want.0 && t == want.1),
                "{want:?}: {detail:?}"
            );
        }
        key(&mut app, db, KeyCode::Enter);
        assert_eq!(app.screen_name(), "Deployments");
        let list = common::screens::list(&app).unwrap();
        assert_eq!(list.tab.filter_text, format!("engineer:#{eve}"));

        // Back on the Engineers view, `o`: her overdue deployments, as many as the report
        // counted.
        press(&mut app, KeyCode::Char('0'));
        pump(&mut app, &mut db.conn);
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
            pump(&mut app, &mut db.conn);
        }
        select(&mut app, db, "Eve", "");
        key(&mut app, db, KeyCode::Char('o'));
        assert_eq!(app.screen_name(), "Deployments");
        let list = common::screens::list(&app).unwrap();
        assert_eq!(
            list.tab.filter_text,
            format!(
                "engineer:#{eve} status:planned date:<{}",
                screen_as_of(&app)
            )
        );
        assert_eq!(list.tab.total, Some(1), "{}", db.name());
    });
}

/// The Performance tab's as-of date (today in the app).
fn screen_as_of(app: &App) -> String {
    app.tab::<Performance>().unwrap().as_of.to_string()
}

/// Operators whose role lacks `ViewReports` get no Performance tab. Every role has it today,
/// so this checks the tab is there for each, and gated by the same `allows` as the service.
#[test]
fn the_tab_follows_view_reports() {
    let today = date(performance::AS_OF);
    for role in Role::ALL {
        let tabs = lms::tui::screens::main_tabs(today, Some(role));
        let has = tabs.iter().any(|t| t.title() == "Performance");
        assert_eq!(
            has,
            role.allows(lms::domain::Permission::ViewReports),
            "{role}"
        );
    }
    let tabs = lms::tui::screens::main_tabs(today, None);
    assert!(!tabs.iter().any(|t| t.title() == "Performance"));
}

/// A rep with control and bidi characters in the name, one with a wide name.
fn hostile(db: &mut TestDb) {
    let c = &mut db.conn;
    let product = ProductBuilder::new("LMS-HOST").insert(c);
    let company = CompanyBuilder::new("Hostile Co").insert(c).id;
    for name in [
        "Evil\u{1b}[31m\u{202e}Rep\u{7}",
        "山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎",
    ] {
        let rep = SalesRepBuilder::new(name).insert(c).id;
        let l = LicenseBuilder::new()
            .company(company)
            .product(&product)
            .sales_rep(rep)
            .insert(c)
            .id;
        PurchaseBuilder::new(l)
            .kind(PurchaseKind::New)
            .on("2026-05-05")
            .revenue(123_456)
            .currency("EUR")
            .sales_rep(rep)
            .insert(c);
    }
}

#[test]
fn snapshots_at_80x24_and_120x35() {
    for size in [(80, 24), (120, 35)] {
        let mut db = common::sqlite_db();
        performance::load(&mut db.conn);
        performance::load_engineers(&mut db.conn);
        hostile(&mut db);
        let mut app = start(&mut db, size);
        key(&mut app, &mut db, KeyCode::Char('['));
        let (w, h) = size;
        for board in ["sales", "partners", "engineers", "renewals"] {
            insta::assert_snapshot!(format!("performance_{board}@{w}x{h}"), text(&app));
            key(&mut app, &mut db, KeyCode::Char('v'));
        }
    }
}
