//! The Dashboard tab: driven by keys against the utilization fixture on both backends, and
//! rendered at 80x24 and 200x60 from fixed data.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod common;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use common::fixtures::date;
use lms::domain::Role;
use lms::report::utilization::UtilizationQuery;
use lms::service::reports;
use lms::tui::app::{App, Phase, Tabs};
use lms::tui::driver::{self, press, pump, type_text};
use lms::tui::screens::dashboard::Dashboard;
use lms::tui::screens::main_tabs;

fn start(db: &mut common::TestDb, size: (u16, u16)) -> App {
    common::forms::admin_app(db, size, date(common::utilization::AS_OF))
}

fn text(app: &App) -> String {
    driver::screen_text(app, app.area.width, app.area.height)
}

fn key_pump(app: &mut App, db: &mut common::TestDb, code: KeyCode) {
    press(app, code);
    pump(app, &mut db.conn);
}

#[test]
fn keys_drive_the_dashboard() {
    common::each_backend(|db| {
        common::utilization::load(&mut db.conn);
        let mut app = start(db, (80, 24));
        // `0` is the tenth tab, the Timeline the next, then the Dashboard; the report is
        // fetched on the background lane.
        press(&mut app, KeyCode::Char('0'));
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Tab);
        pump(&mut app, &mut db.conn);
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.screen_name(), "Dashboard");
        assert!(app.busy());
        let queued = app.drain_outbox();
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].lane(), lms::tui::worker::Lane::Background);
        let screen = text(&app);
        assert!(screen.contains("loading"), "{screen}");
        // Still responsive while loading: keys change the state at once.
        press(&mut app, KeyCode::Char('c'));
        press(&mut app, KeyCode::Char('c'));
        let reply = lms::tui::worker::execute(&mut db.conn, queued[0].clone());
        app.update(lms::tui::event::Msg::Reply(reply));
        assert!(!app.busy());
        let screen = text(&app);
        for want in [
            "Licensed 22 + unlimited at 1",
            "Registered 12",
            "Active (14 d) 8",
            "Active licences 4",
            "Over-licensed 1 active / 2 registered",
            "Under-used <30% 1",
            "Idle 1",
            "1,501.01 EUR | 10,000 JPY | 5,300.00 USD",
            "250.17 EUR",
            "> Alpha",
            "over,over-reg",
        ] {
            assert!(
                screen.contains(want),
                "{want:?} on {}:\n{screen}",
                db.name()
            );
        }

        // The window: 30 days, then down to 7.
        key_pump(&mut app, db, KeyCode::Char('+'));
        assert!(text(&app).contains("Active (30 d) 9"), "{}", text(&app));
        key_pump(&mut app, db, KeyCode::Char('-'));
        key_pump(&mut app, db, KeyCode::Char('-'));
        let screen = text(&app);
        assert!(screen.contains("Active (7 d) 3"), "{screen}");
        assert!(screen.contains("2026-03-08 to 2026-03-14"), "{screen}");
        key_pump(&mut app, db, KeyCode::Char('+'));

        // The reference date: a day later a4's entry counts and a2's does not.
        key_pump(&mut app, db, KeyCode::Char(']'));
        assert!(text(&app).contains("as of 2026-03-16"));
        key_pump(&mut app, db, KeyCode::Char('t'));
        assert!(text(&app).contains("as of 2026-03-15"));

        // Sort, with the lists' keys: Licensed, largest first (unlimited on top), then
        // reversed; `<` goes back to Company and `>` forward again.
        key_pump(&mut app, db, KeyCode::Char('>'));
        let screen = text(&app);
        assert!(screen.contains("Licensed↓"), "{screen}");
        assert!(screen.contains("> Beta"), "{screen}");
        key_pump(&mut app, db, KeyCode::Char('r'));
        assert!(text(&app).contains("> Gamma"), "{}", text(&app));
        key_pump(&mut app, db, KeyCode::Char('<'));
        assert!(text(&app).contains("Company↑"), "{}", text(&app));
        key_pump(&mut app, db, KeyCode::Char('s'));
        key_pump(&mut app, db, KeyCode::Char('S'));
        assert!(text(&app).contains("> Gamma"), "{}", text(&app));

        // `/` narrows the table as one types; Esc clears it.
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "idle");
        let screen = text(&app);
        assert!(
            screen.contains("> Delta") && !screen.contains("Alpha"),
            "{screen}"
        );
        assert!(screen.contains(" 1 of 5 "), "{screen}");
        press(&mut app, KeyCode::Esc);
        assert!(text(&app).contains(" 5 of 5 "));

        // `f`: filters fetch again; a bad one is named and the input stays open.
        press(&mut app, KeyCode::Char('f'));
        type_text(&mut app, "colour=red");
        key_pump(&mut app, db, KeyCode::Enter);
        let screen = text(&app);
        assert!(screen.contains("unknown filter"), "{screen}");
        assert!(screen.contains("Filters"), "{screen}");
        for _ in 0.."colour=red".len() {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "currency:USD");
        key_pump(&mut app, db, KeyCode::Enter);
        let screen = text(&app);
        assert!(screen.contains("Companies 2"), "{screen}");
        assert!(screen.contains("Filters currency=USD"), "{screen}");
        assert!(
            screen.contains("5,300.00 USD") && !screen.contains("EUR"),
            "{screen}"
        );

        // Charts, and tabs around the ring.
        key_pump(&mut app, db, KeyCode::Char('c'));
        let screen = text(&app);
        assert!(screen.contains("own scales"), "{screen}");
        assert!(
            screen.contains("Licensed seats (x) vs active users (y)"),
            "{screen}"
        );
        // After the Dashboard: the Performance tab, then the Audit log.
        key_pump(&mut app, db, KeyCode::Tab);
        assert_eq!(app.screen_name(), "Performance");
        key_pump(&mut app, db, KeyCode::Tab);
        assert_eq!(app.screen_name(), "Audit log");
        key_pump(&mut app, db, KeyCode::BackTab);
        key_pump(&mut app, db, KeyCode::BackTab);
        assert_eq!(app.screen_name(), "Dashboard");
        assert!(text(&app).contains("own scales"), "state kept");
        press(&mut app, KeyCode::Char('?'));
        let screen = text(&app);
        assert!(screen.contains("longer activity window"), "{screen}");
        press(&mut app, KeyCode::Esc);

        // Enter on a company: its licenses under the Dashboard's filters (currency=USD
        // is set above), on the Licenses tab.
        key_pump(&mut app, db, KeyCode::Char('c'));
        key_pump(&mut app, db, KeyCode::Home);
        key_pump(&mut app, db, KeyCode::Enter);
        assert_eq!(app.screen_name(), "Licenses");
        let screen = text(&app);
        let alpha: i64 = {
            use diesel::prelude::*;
            use lms::db::schema::companies;
            companies::table
                .filter(companies::name.eq("Alpha"))
                .select(companies::id)
                .first(&mut db.conn)
                .unwrap()
        };
        assert!(
            screen.contains(&format!("/ company:#{alpha} currency:USD ")),
            "{screen}"
        );
        assert!(screen.contains("matching"), "{screen}");
    });
}

/// The main screen on the Dashboard with the fixture's report, as of 2026-03-15.
fn dashboard_app(db: &mut common::TestDb, size: (u16, u16), charts: bool) -> App {
    common::utilization::load(&mut db.conn);
    dashboard_with(db, size, charts)
}

/// The Dashboard's charts over what `db` holds already.
fn dashboard_app_loaded(db: &mut common::TestDb, size: (u16, u16)) -> App {
    dashboard_with(db, size, true)
}

fn dashboard_with(db: &mut common::TestDb, size: (u16, u16), charts: bool) -> App {
    let mut app = start(db, size);
    let admin = common::actor(db, Role::Admin);
    let report = reports::utilization(
        &mut db.conn,
        &admin,
        UtilizationQuery::new(date(common::utilization::AS_OF)),
    )
    .unwrap();
    let mut d = Dashboard::new(app.today);
    d.report = Some(Box::new(report));
    if charts {
        d.view = lms::tui::screens::dashboard::View::Charts;
    }
    let mut screens = main_tabs(app.today, None);
    let active = screens
        .iter()
        .position(|s| s.title() == "Dashboard")
        .unwrap();
    screens[active] = Box::new(d);
    app.phase = Phase::Main(Tabs { screens, active });
    app
}

#[test]
fn renders_at_80x24() {
    let mut db = common::sqlite_db();
    let app = dashboard_app(&mut db, (80, 24), false);
    let screen = text(&app);
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 24);
    assert!(
        lines[0].contains("12 Dash") && lines[1].contains("Dashboard"),
        "{screen}"
    );
    let alpha = lines.iter().find(|l| l.contains("> Alpha")).unwrap();
    assert!(
        alpha.contains("1,201.01 EUR"),
        "revenue fits at 80 columns: {screen}"
    );
    assert!(screen.contains("Licensed 22 + unlimited at 1"), "{screen}");
    assert!(screen.contains("Company"), "{screen}");
    for name in ["Alpha", "Beta", "Delta", "Epsilon", "Gamma"] {
        assert!(screen.contains(name), "{name}: {screen}");
    }
    assert!(
        screen.contains("40.0%") && screen.contains("unlimited"),
        "{screen}"
    );
    assert!(screen.contains("under,idle"), "{screen}");
    // Nothing drawn past the edge: every row of the summary and table boxes still ends
    // with the box's right border in the last column (a buffer line is always 80 wide).
    for (y, line) in lines.iter().enumerate().take(23).skip(1) {
        let last = line.chars().last();
        assert!(
            matches!(last, Some('│' | '┐' | '┘')),
            "row {y} ends with {last:?}, not the box border:\n{screen}"
        );
    }

    let app = {
        let mut db = common::sqlite_db();
        dashboard_app(&mut db, (80, 24), true)
    };
    let screen = text(&app);
    assert!(
        screen.contains("Licensed seats (x) vs active users (y)"),
        "{screen}"
    );
    assert!(screen.contains("own scales"), "{screen}");
    assert!(
        screen.contains("Companies per utilization band"),
        "{screen}"
    );
    assert!(screen.contains("5,300.00 USD"), "{screen}");
    assert!(
        screen.contains("licensed") && screen.contains("active"),
        "{screen}"
    );
}

#[test]
fn renders_at_200x60() {
    let mut db = common::sqlite_db();
    let app = dashboard_app(&mut db, (200, 60), true);
    let screen = text(&app);
    // The three charts side by side on one row.
    let titles = screen
        .lines()
        .find(|l| l.contains("Licensed seats (x) vs active users (y)"))
        .unwrap();
    assert!(titles.contains("own scales"), "{screen}");
    assert!(
        titles.contains("Companies per utilization band"),
        "{screen}"
    );
    // The charts' rows, cut at the boxes' borders: [scatter, revenue, bands].
    let charts: Vec<Vec<&str>> = screen
        .lines()
        .filter(|l| l.matches("││").count() == 2)
        .map(|l| l.split("││").collect())
        .collect();
    let labels = |s: &str| {
        s.trim_matches('│')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Axis labels in the scatter chart: 0 to the largest of seats and active users (10)
    // plus its headroom, 12; along x under the plot, and 12 at the top of the y axis.
    let axis = charts.last().unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(labels(axis[0]), "0 6 12", "{screen}");
    assert!(charts[0][0].starts_with("│12│"), "{screen}");
    // The bands chart's labels: every one there (none cut off), in order.
    assert_eq!(labels(axis[2]), "0 1 2 3 4 5 6 7 8 9 10", "{screen}");
    let mut db = common::sqlite_db();
    let app = dashboard_app(&mut db, (200, 60), false);
    let screen = text(&app);
    let alpha = screen.lines().find(|l| l.contains("Alpha")).unwrap();
    assert!(alpha.contains("1,201.01 EUR | 300.00 USD"), "{alpha}");
    assert!(
        screen.contains("Avg cost/licence 250.17 EUR | 5,000 JPY | 1,325.00 USD"),
        "{screen}"
    );
}

/// Purchases over the 12 months to the fixture's reference date in three more
/// currencies, one of them in the tens of millions, so each chart has its own shape.
fn monthly_purchases(db: &mut common::TestDb) {
    use common::builders::{CompanyBuilder, LicenseBuilder, ProductBuilder, PurchaseBuilder};
    let c = &mut db.conn;
    let product = ProductBuilder::new("LMS-CHART").insert(c);
    let company = CompanyBuilder::new("Zeta").insert(c);
    let license = LicenseBuilder::new()
        .company(&company)
        .product(&product)
        .starts("2025-04-01")
        .ends("2026-12-31")
        .insert(c);
    for (on, minor, code) in [
        ("2025-04-10", 69_000_000, "JPY"),
        ("2025-09-30", 12_000_000, "JPY"),
        ("2026-03-15", 3_000_000, "JPY"),
        ("2025-05-01", 250_000, "GBP"),
        ("2025-06-01", 500_000, "GBP"),
        ("2025-12-24", 1_000_000, "GBP"),
        ("2025-07-07", 99_000, "CHF"),
        ("2025-10-10", 990_000, "SEK"),
        // After the reference month: not drawn.
        ("2026-04-01", 1, "SEK"),
    ] {
        PurchaseBuilder::new(&license)
            .on(on)
            .revenue(minor)
            .currency(code)
            .insert(c);
    }
}

#[test]
fn revenue_charts_one_scale_per_currency() {
    for size in [(80, 24), (200, 60)] {
        let mut db = common::sqlite_db();
        let app = {
            common::utilization::load(&mut db.conn);
            monthly_purchases(&mut db);
            let mut app = dashboard_app_loaded(&mut db, size);
            app.area = Rect::new(0, 0, size.0, size.1);
            app
        };
        let screen = text(&app);
        insta::assert_snapshot!(format!("revenue_charts@{}x{}", size.0, size.1), screen);
    }
}
