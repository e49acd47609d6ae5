//! The database link dies under a running app (a TCP proxy in front of MariaDB is killed)
//! and comes back (the proxy listens again on its port): the app says "reconnecting…",
//! what the operator tries meanwhile fails with a clear line, a form keeps its input, and
//! once the link is back the same keys work, without quitting. A save whose commit went
//! through just before the link died is recognised as saved when repeated, never as a
//! conflict with itself. MariaDB only: SQLite is a file, with no link to lose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use diesel::prelude::*;
use ratatui::crossterm::event::KeyCode;

use common::forms::{PASSWORD, form, seed_with_active_license};
use common::live::Live;
use common::proxy::Proxy;
use lms::config::{DatabaseUrl, mysql_host};
use lms::db::schema::audit_log;
use lms::domain::Role;
use lms::service::licenses as license_svc;
use lms::tui::screens::editing::Overlay;
use lms::tui::screens::login::LoginScreen;
use lms::tui::worker::link::{LOST, LOST_AT_COMMIT, UNREACHABLE};

/// A MariaDB test database with a license, and the app signed in as alice (sales) on it
/// through a proxy, on the Licenses tab with license 1 selected.
fn setup() -> Option<(common::TestDb, Proxy, Live, i64)> {
    let mut db = common::mysql_db()?;
    let id = seed_with_active_license(&mut db);
    let DatabaseUrl::Mysql(direct) = db.url.clone() else {
        unreachable!("a MySQL test database");
    };
    let proxy = Proxy::start(mysql_host(&direct));
    let url = DatabaseUrl::parse(&proxy.url(&direct)).unwrap();
    let mut live = Live::start(&url, common::forms::today());
    live.sign_in("alice", PASSWORD);
    Some((db, proxy, live, id))
}

fn seats(db: &mut common::TestDb, id: i64) -> String {
    let admin = common::actor(db, Role::Admin);
    license_svc::get(&mut db.conn, &admin, id)
        .unwrap()
        .input
        .seats
        .to_string()
}

fn form_open(live: &mut Live) {
    live.press(KeyCode::Char('e'));
    live.until("the edit form", |app| {
        matches!(common::screens::overlay(app), Some(Overlay::Form(_)))
    });
}

fn form_error(live: &Live) -> Option<String> {
    form(&live.app).error.clone()
}

#[test]
fn a_dead_link_fails_cleanly_reconnects_and_the_form_survives() {
    let Some((mut db, mut proxy, mut live, id)) = setup() else {
        return;
    };
    form_open(&mut live);
    common::forms::fill(&mut live.app, "seats", "20");
    common::forms::fill(&mut live.app, "notes", "typed before the link died");

    proxy.kill();
    live.ctrl('s');
    live.until("the save to fail", |app| form(app).error.is_some());
    assert_eq!(form_error(&live).as_deref(), Some(LOST));
    let f = form(&live.app);
    assert_eq!(f.text("seats"), "20", "the input is kept");
    assert_eq!(f.text("notes"), "typed before the link died");
    assert!(!f.stale, "a lost link is not a conflict");
    live.until("reconnecting", |app| !app.reconnecting.is_empty());
    let screen = live.screen();
    assert!(screen.contains("│ reconnecting… │"), "{screen}");

    // While it is down, every try fails at once, with the same clear line.
    live.ctrl('s');
    live.until("the second save to fail", |app| {
        form(app).error.as_deref() == Some(UNREACHABLE)
    });
    assert_eq!(form(&live.app).text("seats"), "20");
    assert_eq!(seats(&mut db, id), "10", "nothing was saved");
    // A few tries later the bar says why it does not come back.
    live.until("the reason", |app| {
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("reconnecting (try 3): "))
    });
    let status = live.status();
    assert!(status.contains("127.0.0.1:"), "{status}");

    proxy.restart();
    live.until("the link back", |app| app.reconnecting.is_empty());
    assert!(
        live.status().starts_with("reconnected to 127.0.0.1:"),
        "{}",
        live.status()
    );
    let screen = live.screen();
    assert!(screen.contains("│ MySQL │"), "{screen}");

    // The same key now saves what was typed, without quitting.
    live.ctrl('s');
    live.until("the save", |app| common::screens::overlay(app).is_none());
    assert!(live.status().starts_with("saved LIC-"), "{}", live.status());
    assert_eq!(seats(&mut db, id), "20");

    // Other actions work too: paging, another tab (its count comes from the background
    // lane, which connects again by itself).
    live.press(KeyCode::PageDown);
    live.press(KeyCode::Char('2'));
    live.until("the companies list and its count", |app| {
        app.screen_name() == "Companies"
            && common::screens::list(app).is_some_and(|l| l.tab.total.is_some())
    });
    let screen = live.screen();
    assert!(screen.contains("Acme GmbH"), "{screen}");
    assert!(!screen.contains("error"), "{screen}");
}

#[test]
fn a_save_whose_commit_landed_before_the_link_died_is_recognised_on_retry() {
    let Some((mut db, mut proxy, mut live, id)) = setup() else {
        return;
    };
    form_open(&mut live);
    let version = form(&live.app).title.clone();
    common::forms::fill(&mut live.app, "seats", "30");

    // The COMMIT reaches the server, its answer never reaches lms.
    proxy.cut_after(b"COMMIT");
    live.ctrl('s');
    for _ in 0..500 {
        if proxy.was_cut() {
            break;
        }
        live.run_for(std::time::Duration::from_millis(10));
    }
    assert!(proxy.was_cut(), "the proxy saw no COMMIT");
    proxy.kill();
    live.until("the save to fail", |app| form(app).error.is_some());
    assert_eq!(form_error(&live).as_deref(), Some(LOST_AT_COMMIT));
    // The server acts on the COMMIT it was sent; give a busy one its time.
    let landed = (0..50).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        seats(&mut db, id) == "30"
    });
    assert!(landed, "the commit did land");
    assert_eq!(
        form(&live.app).title,
        version,
        "the form still has the version it opened"
    );

    proxy.restart();
    live.until("the link back", |app| app.reconnecting.is_empty());
    live.ctrl('s');
    live.until("the save", |app| common::screens::overlay(app).is_none());
    assert!(
        live.status().starts_with("saved LIC-"),
        "recognised as this save, not a conflict: {}",
        live.status()
    );
    assert_eq!(seats(&mut db, id), "30");
    let updates: i64 = audit_log::table
        .filter(audit_log::entity.eq("license"))
        .filter(audit_log::entity_id.eq(id))
        .filter(audit_log::action.eq("update"))
        .count()
        .get_result(&mut db.conn)
        .unwrap();
    assert_eq!(updates, 1, "saved once: nothing written twice");
}

/// The same for a new license, which has no version to check: the repeat finds the
/// license this operator just created with these values, and does not create it twice.
#[test]
fn a_create_whose_commit_landed_is_not_made_twice() {
    let Some((mut db, mut proxy, mut live, _)) = setup() else {
        return;
    };
    let before = common::forms::license_count(&mut db.conn);
    live.press(KeyCode::Char('n'));
    live.until("the new form", |app| {
        matches!(common::screens::overlay(app), Some(Overlay::Form(_)))
    });
    let picked = |app: &lms::tui::app::App| {
        form(app)
            .picker
            .as_ref()
            .is_some_and(|p| p.options.is_some())
    };
    // Company by search, product, then the first partner, as an operator picks them.
    live.type_text("Acme");
    live.until("the company choices", picked);
    live.press(KeyCode::Enter);
    live.press(KeyCode::Tab);
    live.press(KeyCode::Enter);
    live.until("the product choices", picked);
    live.press(KeyCode::Enter);
    common::forms::fill(&mut live.app, "seats", "7");

    proxy.cut_after(b"COMMIT");
    live.ctrl('s');
    for _ in 0..500 {
        if proxy.was_cut() {
            break;
        }
        live.run_for(std::time::Duration::from_millis(10));
    }
    assert!(proxy.was_cut(), "the proxy saw no COMMIT");
    proxy.kill();
    live.until("the create to fail", |app| form(app).error.is_some());
    assert_eq!(form_error(&live).as_deref(), Some(LOST_AT_COMMIT));
    let landed = (0..50).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        common::forms::license_count(&mut db.conn) == before + 1
    });
    assert!(landed, "the commit did land");

    proxy.restart();
    live.until("the link back", |app| app.reconnecting.is_empty());
    live.ctrl('s');
    live.until("the save", |app| common::screens::overlay(app).is_none());
    assert!(
        live.status().starts_with("created LIC-"),
        "{}",
        live.status()
    );
    assert_eq!(
        common::forms::license_count(&mut db.conn),
        before + 1,
        "created once"
    );

    // A second license with the same values, on purpose, is created as usual.
    live.press(KeyCode::Char('n'));
    live.until("the new form", |app| {
        matches!(common::screens::overlay(app), Some(Overlay::Form(_)))
    });
    live.type_text("Acme");
    live.until("the company choices", picked);
    live.press(KeyCode::Enter);
    live.press(KeyCode::Tab);
    live.press(KeyCode::Enter);
    live.until("the product choices", picked);
    live.press(KeyCode::Enter);
    common::forms::fill(&mut live.app, "seats", "7");
    live.ctrl('s');
    live.until("the second save", |app| {
        common::screens::overlay(app).is_none()
    });
    assert_eq!(common::forms::license_count(&mut db.conn), before + 2);
}

/// The background lane (counts) connects after the interactive one; when the server
/// refuses it then, it keeps trying as after a loss, and the counts come once it is in.
#[test]
fn a_lane_that_cannot_connect_at_start_keeps_trying() {
    let Some(mut db) = common::mysql_db() else {
        return;
    };
    seed_with_active_license(&mut db);
    let DatabaseUrl::Mysql(direct) = db.url.clone() else {
        unreachable!("a MySQL test database");
    };
    let proxy = Proxy::start(mysql_host(&direct));
    proxy.limit_links(Some(1));
    let url = DatabaseUrl::parse(&proxy.url(&direct)).unwrap();
    let mut live = Live::start(&url, common::forms::today());
    live.until("the login screen", |app| {
        app.screen::<LoginScreen>().is_some()
    });
    live.until("the background lane refused", |app| {
        !app.reconnecting.is_empty()
    });
    live.type_text("alice");
    live.press(KeyCode::Tab);
    live.type_text(PASSWORD);
    live.press(KeyCode::Enter);
    live.until("the licenses page, without its count", |app| {
        common::screens::list(app).is_some_and(|l| l.tab.page.is_some())
    });
    live.run_for(std::time::Duration::from_millis(300));
    let list = common::screens::list(&live.app).unwrap();
    assert_eq!(list.tab.total, None, "no count while its lane is out");
    assert!(
        live.screen().contains("│ reconnecting… │"),
        "{}",
        live.screen()
    );

    proxy.limit_links(None);
    live.until("the count", |app| {
        app.reconnecting.is_empty()
            && common::screens::list(app).is_some_and(|l| l.tab.total == Some(1))
    });
}

/// Two "nodes" (two proxies in front of the one server) in one URL: lms connects to the
/// first that answers, and when its node dies the session moves to the other one; the
/// action that met the dead node fails clearly and the next one works.
#[test]
fn a_session_fails_over_to_the_next_host() {
    let Some(mut db) = common::mysql_db() else {
        return;
    };
    seed_with_active_license(&mut db);
    let DatabaseUrl::Mysql(direct) = db.url.clone() else {
        unreachable!("a MySQL test database");
    };
    let mut first = Proxy::start(mysql_host(&direct));
    let mut second = Proxy::start(mysql_host(&direct));
    let both = format!("127.0.0.1:{},127.0.0.1:{}", first.port, second.port);
    let url = DatabaseUrl::parse(&direct.replacen(mysql_host(&direct), &both, 1)).unwrap();

    // The first host down at start: the second answers.
    first.kill();
    let (conn, host) = lms::db::DbConnection::open_from(&url, 0).unwrap();
    assert_eq!(host, 1);
    drop(conn);
    first.restart();

    let mut live = Live::start(&url, common::forms::today());
    live.sign_in("alice", PASSWORD);

    first.kill();
    live.press(KeyCode::Char('2'));
    live.until("the link back", |app| {
        app.reconnecting.is_empty()
            && app
                .status
                .as_ref()
                .is_some_and(|s| s.text.starts_with("reconnected"))
    });
    let moved = format!("reconnected to 127.0.0.1:{}: ", second.port);
    assert!(live.status().starts_with(&moved), "{}", live.status());
    live.press(KeyCode::Char('1'));
    live.press(KeyCode::Char('2'));
    live.until("the companies list", |app| {
        app.screen_name() == "Companies"
            && common::screens::list(app).is_some_and(|l| l.tab.page.is_some())
    });
    let screen = live.screen();
    assert!(screen.contains("Acme GmbH"), "{screen}");

    // Every host down: one line naming each.
    second.kill();
    let err = lms::db::DbConnection::open(&url).err().unwrap().to_string();
    assert!(
        err.starts_with("no database host answered: 127.0.0.1:"),
        "{err}"
    );
    assert!(
        err.contains(&format!("127.0.0.1:{}: ", first.port)),
        "{err}"
    );
    assert!(
        err.contains(&format!("127.0.0.1:{}: ", second.port)),
        "{err}"
    );
}

/// Keys an operator presses.
type Action = dyn Fn(&mut Live);

/// What the issue saw answer "Server has gone away" for good: Ctrl-R, PgDn, `e`, the
/// Dashboard. While the link is down each fails at once with a clear line and leaves no
/// screen waiting; once it is back, each works, in the same session.
#[test]
fn every_action_fails_cleanly_while_down_and_works_once_back() {
    let Some((mut db, mut proxy, mut live, _)) = setup() else {
        return;
    };
    for _ in 0..30 {
        common::builders::LicenseBuilder::new()
            .company(1)
            .product(1)
            .insert(&mut db.conn);
    }
    live.ctrl('r');
    live.until("31 rows", |app| {
        common::screens::list(app).is_some_and(|l| l.tab.total == Some(31))
    });

    proxy.kill();
    let actions: [(&str, &Action); 4] = [
        ("Ctrl-R", &|l: &mut Live| l.ctrl('r')),
        ("PgDn", &|l: &mut Live| l.press(KeyCode::PageDown)),
        ("e", &|l: &mut Live| l.press(KeyCode::Char('e'))),
        ("Dashboard", &|l: &mut Live| {
            while l.app.screen_name() != "Dashboard" {
                l.press(KeyCode::Tab);
            }
        }),
    ];
    for (name, act) in actions {
        live.app.status = None;
        act(&mut live);
        live.until(name, |app| app.status.as_ref().is_some_and(|s| s.error));
        let status = live.status();
        assert!(
            [LOST, UNREACHABLE].contains(&status.as_str()) || status.starts_with("reconnecting"),
            "{name}: {status}"
        );
        assert!(!live.app.busy(), "{name}: nothing waits on the dead link");
        if name == "e" {
            assert!(
                common::screens::overlay(&live.app).is_none(),
                "no form half open"
            );
        }
    }
    let screen = live.screen();
    assert!(screen.contains("│ reconnecting… │"), "{screen}");
    assert!(
        !screen.contains("loading the report"),
        "the Dashboard says it failed: {screen}"
    );

    proxy.restart();
    live.until("the link back", |app| app.reconnecting.is_empty());
    // The tab on screen reads its data again by itself.
    live.until("the Dashboard", |app| {
        app.screen_name() == "Dashboard"
            && !app.status.as_ref().is_some_and(|s| s.error)
            && lms::tui::driver::screen_text(app, 80, 24).contains("Acme GmbH")
    });
    live.press(KeyCode::Char('1'));
    live.ctrl('r');
    live.until("the first page again", |app| {
        common::screens::list(app).is_some_and(|l| l.tab.page.is_some())
    });
    live.press(KeyCode::PageDown);
    live.until("the second page", |app| {
        common::screens::list(app)
            .and_then(|l| l.tab.page.as_ref())
            .is_some_and(|p| lms::tui::format::cell(&p.rows[0].cells[0]) != "LIC-000001")
    });
    form_open(&mut live);
}

/// What the status bar makes of the lanes' link states, without a database: "reconnecting…"
/// while any lane is down, why from the third failed try, "reconnected" once all are back.
#[test]
fn the_status_bar_follows_the_link() {
    use lms::tui::event::Msg;
    use lms::tui::screens::{Delivery, Lane, LinkState, Reply, ScreenId};
    let mut app = lms::tui::app::App::new(
        "MySQL mysql://u@db1:3306,db2:3306/lms".to_owned(),
        ratatui::layout::Rect::new(0, 0, 80, 24),
        common::forms::today(),
        lms::tui::theme::Theme::plain(),
    );
    app.kind = Some(lms::db::BackendKind::Mysql);
    let link = |app: &mut lms::tui::app::App, state| {
        app.update(Msg::Reply(Delivery {
            seq: 0,
            to: ScreenId::Session,
            reply: Reply::Link(state),
        }));
    };
    let bar = |app: &lms::tui::app::App| {
        lms::tui::driver::screen_text(app, 80, 24)
            .lines()
            .last()
            .unwrap()
            .to_owned()
    };
    assert!(bar(&app).contains("│ MySQL │"), "{}", bar(&app));
    for lane in [Lane::Interactive, Lane::Background] {
        link(
            &mut app,
            LinkState::Reconnecting {
                lane,
                attempt: 0,
                error: None,
            },
        );
    }
    assert!(bar(&app).contains("│ reconnecting… │"), "{}", bar(&app));
    assert_eq!(
        app.status, None,
        "the failed action's message is not replaced"
    );
    let refused = "db1:3306: cannot open the database: Can't connect".to_owned();
    link(
        &mut app,
        LinkState::Reconnecting {
            lane: Lane::Interactive,
            attempt: 2,
            error: Some(refused.clone()),
        },
    );
    assert_eq!(app.status, None, "the first tries pass quietly");
    link(
        &mut app,
        LinkState::Reconnecting {
            lane: Lane::Interactive,
            attempt: 3,
            error: Some(refused.clone()),
        },
    );
    let status = app.status.clone().unwrap();
    assert!(status.error, "{status:?}");
    assert_eq!(status.text, format!("reconnecting (try 3): {refused}"));
    assert!(
        bar(&app).contains("│ error: reconnecting (try 3)"),
        "{}",
        bar(&app)
    );
    link(
        &mut app,
        LinkState::Restored {
            lane: Lane::Interactive,
            host: "db2:3306".to_owned(),
        },
    );
    assert!(
        bar(&app).contains("│ reconnecting… │"),
        "one lane is still down: {}",
        bar(&app)
    );
    link(
        &mut app,
        LinkState::Restored {
            lane: Lane::Background,
            host: "db2:3306".to_owned(),
        },
    );
    assert!(
        bar(&app).contains("│ MySQL │ reconnected to db2:3306"),
        "{}",
        bar(&app)
    );
    let status = app.status.clone().unwrap();
    assert_eq!(
        (status.text.as_str(), status.error),
        ("reconnected to db2:3306: repeat what failed", false)
    );
}
