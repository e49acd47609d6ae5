//! The reference record tabs driven by keys on both backends, from an empty database:
//! each tab's empty state, its `n` form, the row it adds, `a` (archive, deactivate,
//! disable) after a confirmation, the inline cell edit, and the license form creating the
//! company, product code, partner and rep it needs through its pickers' "+ New …".
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use diesel::prelude::*;
use ratatui::crossterm::event::KeyCode;

use common::builders::CompanyBuilder;
use common::forms::{PASSWORD, ctrl, fill, focus, form, go_to_tab, open, overlay, screen, status};
use lms::db::schema::{companies, licenses, partners};
use lms::domain::Role;
use lms::tui::app::{self, App};
use lms::tui::driver::{press, pump, type_text};
use lms::tui::screens::editing::Overlay;

fn admin_app(db: &mut common::TestDb) -> App {
    lms::service::operators::add(&mut db.conn, None, "bob", PASSWORD, Role::Admin).unwrap();
    open(app::db_label(&db.url), &mut db.conn, "bob")
}

/// Chooses in the focused reference field the first choice for `search`.
fn pick(app: &mut App, db: &mut common::TestDb, search: &str) {
    press(app, KeyCode::Enter);
    type_text(app, search);
    pump(app, &mut db.conn);
    press(app, KeyCode::Enter);
}

struct Case {
    title: &'static str,
    empty: &'static str,
    fields: &'static [(&'static str, &'static str)],
    created: &'static str,
    retired: &'static str,
}

const CASES: [Case; 5] = [
    Case {
        title: "Partners",
        empty: "No partners yet — n adds one",
        fields: &[
            ("name", "Channel AG"),
            ("contact_email", "sales@channel.example"),
        ],
        created: "created the partner Channel AG",
        retired: "archived partner #1",
    },
    Case {
        title: "Sales reps",
        empty: "No sales reps yet — n adds one",
        fields: &[
            ("name", "Rita Rep"),
            ("email", "rita@vendor.example"),
            ("region", "EMEA"),
        ],
        created: "created the sales rep Rita Rep",
        retired: "deactivated sales rep #1",
    },
    Case {
        title: "Product codes",
        empty: "No product codes yet — n adds one",
        fields: &[("code", "lms-ent"), ("name", "Enterprise")],
        created: "created the product code LMS-ENT",
        retired: "archived product code #1",
    },
    Case {
        title: "Engineers",
        empty: "No engineers yet — n adds one",
        fields: &[("name", "Eve Engineer"), ("email", "eve@vendor.example")],
        created: "created the engineer Eve Engineer",
        retired: "deactivated engineer #1",
    },
    Case {
        title: "Portal users",
        empty: "No portal users yet — n adds one",
        fields: &[
            ("external_user_id", "u-1"),
            ("email", "ann@acme.example"),
            ("name", "Ann"),
        ],
        created: "created the portal user ann@acme.example",
        retired: "disabled portal user #1",
    },
];

#[test]
fn every_record_tab_adds_and_retires_by_keys_from_an_empty_database() {
    common::each_backend(|db| {
        let mut app = admin_app(db);
        CompanyBuilder::new("Acme GmbH").insert(&mut db.conn);
        for case in &CASES {
            go_to_tab(&mut app, &mut db.conn, case.title);
            assert!(screen(&app).contains(case.empty), "{}", screen(&app));
            press(&mut app, KeyCode::Char('n'));
            if case.title == "Portal users" {
                focus(&mut app, "company_id");
                pick(&mut app, db, "acme");
            }
            for (field, text) in case.fields {
                fill(&mut app, field, text);
            }
            ctrl(&mut app, 's');
            pump(&mut app, &mut db.conn);
            assert!(
                overlay(&app).is_none(),
                "{}: {:?}",
                case.title,
                overlay(&app)
            );
            assert_eq!(status(&app), case.created);
            pump(&mut app, &mut db.conn);
            assert!(!screen(&app).contains(case.empty), "{}", screen(&app));
            // Retire: asked first, then done and said.
            press(&mut app, KeyCode::Char('a'));
            pump(&mut app, &mut db.conn);
            let Some(Overlay::Confirm { question, .. }) = overlay(&app) else {
                panic!("{}: no confirmation: {:?}", case.title, overlay(&app));
            };
            assert!(question.contains("history keeps it"), "{question}");
            press(&mut app, KeyCode::Char('y'));
            pump(&mut app, &mut db.conn);
            assert_eq!(status(&app), case.retired, "{}", case.title);
        }
    });
}

#[test]
fn a_cell_is_edited_in_place_and_bad_text_is_refused_under_it() {
    common::each_backend(|db| {
        let mut app = admin_app(db);
        let who = common::actor(db, Role::Admin);
        lms::service::records::create(
            &mut db.conn,
            &who,
            &lms::service::records::RecordInput::Partner(lms::service::records::PartnerInput {
                name: "Channel AG".into(),
                country: "DE".into(),
                contact_email: String::new(),
            }),
        )
        .unwrap();
        go_to_tab(&mut app, &mut db.conn, "Partners");
        // → to the Contact column (Partner, Country, Contact), then i.
        for _ in 0..3 {
            press(&mut app, KeyCode::Right);
        }
        press(&mut app, KeyCode::Char('i'));
        pump(&mut app, &mut db.conn);
        assert!(
            matches!(overlay(&app), Some(Overlay::Cell(_))),
            "{:?}",
            overlay(&app)
        );
        type_text(&mut app, "not an email");
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        let Some(Overlay::Cell(c)) = overlay(&app) else {
            panic!("closed on bad input: {}", status(&app));
        };
        assert!(
            c.error.as_deref().unwrap_or_default().contains("email"),
            "{c:?}"
        );
        ctrl(&mut app, 'u');
        type_text(&mut app, "sales@channel.example");
        press(&mut app, KeyCode::Enter);
        pump(&mut app, &mut db.conn);
        assert!(
            overlay(&app).is_none(),
            "{:?} {}",
            overlay(&app),
            status(&app)
        );
        let stored: String = partners::table
            .select(partners::contact_email)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(stored, "sales@channel.example");
        assert!(
            screen(&app).contains("sales@channel.example"),
            "{}",
            screen(&app)
        );
    });
}

/// In the open form's focused reference field: "+ New …" (typed `search` first), the
/// record's form on top with `fields`, saved; the field then holds the new record.
fn add_through_picker(
    app: &mut App,
    db: &mut common::TestDb,
    search: &str,
    fields: &[(&str, &str)],
) {
    type_text(app, search);
    pump(app, &mut db.conn);
    let Some(Overlay::Form(f)) = overlay(app) else {
        panic!("no form");
    };
    let picker = f.form.picker.as_ref().expect("the picker is open");
    assert!(
        picker.wants_new(),
        "+ New is chosen when nothing matches: {picker:?}"
    );
    press(app, KeyCode::Enter);
    for (field, text) in fields {
        if *field == "country" {
            focus(app, "country");
            pick(app, db, text);
        } else {
            fill(app, field, text);
        }
    }
    ctrl(app, 's');
    pump(app, &mut db.conn);
    let Some(Overlay::Form(f)) = overlay(app) else {
        panic!("the license form closed: {}", status(app));
    };
    assert!(
        f.child.is_none(),
        "the record's form is still open: {:?}",
        f.child
    );
}

#[test]
fn the_license_form_adds_what_it_needs_through_its_pickers() {
    common::each_backend(|db| {
        let mut app = admin_app(db);
        assert!(
            screen(&app).contains("its pickers add the company"),
            "{}",
            screen(&app)
        );
        press(&mut app, KeyCode::Char('n'));
        focus(&mut app, "company_id");
        add_through_picker(&mut app, db, "Initech", &[("country", "switz")]);
        assert_eq!(form(&app).id("company_id"), Some(1));
        focus(&mut app, "product_code_id");
        add_through_picker(&mut app, db, "ent-1", &[("name", "Enterprise")]);
        assert!(form(&app).id("product_code_id").is_some());
        focus(&mut app, "partner_id");
        add_through_picker(&mut app, db, "Channel AG", &[]);
        focus(&mut app, "sales_rep_id");
        add_through_picker(&mut app, db, "Rita", &[("email", "rita@vendor.example")]);
        fill(&mut app, "seats", "25");
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        assert!(
            overlay(&app).is_none(),
            "{:?} {}",
            overlay(&app),
            status(&app)
        );
        let (company, partner, rep): (i64, Option<i64>, Option<i64>) = licenses::table
            .select((
                licenses::company_id,
                licenses::partner_id,
                licenses::sales_rep_id,
            ))
            .first(&mut db.conn)
            .unwrap();
        let name: String = companies::table
            .find(company)
            .select(companies::name)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(name, "Initech");
        assert!(partner.is_some() && rep.is_some());
        assert!(screen(&app).contains("Initech"), "{}", screen(&app));
    });
}

#[test]
fn a_bad_new_record_keeps_the_form_that_asked_for_it() {
    let mut db = common::sqlite_db();
    let mut app = admin_app(&mut db);
    press(&mut app, KeyCode::Char('n'));
    focus(&mut app, "company_id");
    type_text(&mut app, "Evil\u{202E}Corp");
    pump(&mut app, &mut db.conn);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    pump(&mut app, &mut db.conn);
    let Some(Overlay::Form(f)) = overlay(&app) else {
        panic!("no form");
    };
    let child = f.child.as_ref().expect("the company form stays open");
    assert!(
        child
            .form
            .errors
            .get("name")
            .unwrap()
            .contains("text-direction")
    );
    assert!(
        child
            .form
            .errors
            .get("country")
            .unwrap()
            .contains("required")
    );
    insta::assert_snapshot!("new_company_over_license_form_80x24", screen(&app));
    // Esc: the company form asks before discarding, then the license form is back.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    let Some(Overlay::Form(f)) = overlay(&app) else {
        panic!("the license form closed too");
    };
    assert!(f.child.is_none());
    assert_eq!(f.form.id("company_id"), None);
}

#[test]
fn record_forms_render_at_80x24() {
    let mut db = common::sqlite_db();
    let mut app = admin_app(&mut db);
    CompanyBuilder::new("Acme GmbH").insert(&mut db.conn);
    for (title, name) in [
        ("Partners", "partner_form_80x24"),
        ("Sales reps", "sales_rep_form_80x24"),
        ("Product codes", "product_code_form_80x24"),
        ("Portal users", "portal_user_form_80x24"),
    ] {
        go_to_tab(&mut app, &mut db.conn, title);
        press(&mut app, KeyCode::Char('n'));
        insta::assert_snapshot!(name, screen(&app));
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn every_role_is_gated_on_every_record_tab_before_anything_opens() {
    common::each_backend(|db| {
        let root = lms::service::operators::add(&mut db.conn, None, "root", PASSWORD, Role::Admin)
            .unwrap();
        for role in Role::ALL {
            let name = format!("op-{role}");
            lms::service::operators::add(&mut db.conn, Some(&root), &name, PASSWORD, role).unwrap();
        }
        let company = CompanyBuilder::new("Acme GmbH").insert(&mut db.conn);
        common::builders::PartnerBuilder::new("Channel AG").insert(&mut db.conn);
        common::builders::SalesRepBuilder::new("Rita Rep").insert(&mut db.conn);
        common::builders::EngineerBuilder::new("Eve Engineer").insert(&mut db.conn);
        common::builders::ProductBuilder::new("PRO").insert(&mut db.conn);
        common::builders::PortalUserBuilder::new(&company, "u-1").insert(&mut db.conn);
        for role in Role::ALL {
            let mut app = open(app::db_label(&db.url), &mut db.conn, &format!("op-{role}"));
            let writes = role.allows(lms::domain::Permission::EditReferenceData);
            let audits = role.allows(lms::domain::Permission::ViewAudit);
            for title in [
                "Companies",
                "Partners",
                "Sales reps",
                "Engineers",
                "Product codes",
                "Portal users",
            ] {
                go_to_tab(&mut app, &mut db.conn, title);
                for (key, allowed) in [
                    (KeyCode::Char('n'), writes),
                    (KeyCode::Char('e'), writes),
                    (KeyCode::Char('a'), writes),
                    (KeyCode::Delete, writes),
                    (KeyCode::Char('h'), audits),
                ] {
                    press(&mut app, key);
                    let opened = overlay(&app).is_some();
                    assert_eq!(opened, allowed, "{role} {title} {key:?}: {}", status(&app));
                    if !allowed {
                        assert!(status(&app).contains("not allowed"), "{}", status(&app));
                    }
                    pump(&mut app, &mut db.conn);
                    while overlay(&app).is_some() {
                        press(&mut app, KeyCode::Esc);
                        press(&mut app, KeyCode::Char('y'));
                        pump(&mut app, &mut db.conn);
                    }
                }
                press(&mut app, KeyCode::Right);
                press(&mut app, KeyCode::Char('i'));
                assert_eq!(overlay(&app).is_some(), writes, "{role} {title} i");
                pump(&mut app, &mut db.conn);
                while overlay(&app).is_some() {
                    press(&mut app, KeyCode::Esc);
                    pump(&mut app, &mut db.conn);
                }
            }
        }
    });
}

/// Each row of the drawn screen covers exactly its width as a terminal shows it: a wide
/// glyph covers the cell after it, and no cell holds a zero-width one (which would pull
/// the rest of the row one column left).
fn assert_cells_fill_rows(app: &App, title: &str) {
    let terminal = lms::tui::driver::render(app, 80, 24);
    let buf = terminal.backend().buffer();
    for y in 0..24 {
        let mut columns = 0;
        let mut x = 0;
        while x < 80 {
            let symbol = buf[(x, y)].symbol();
            let w = ratatui::text::Span::raw(symbol).width();
            assert!(w > 0, "{title}: a zero-width cell at {x},{y}: {symbol:?}");
            columns += w;
            x += u16::try_from(w).unwrap();
        }
        assert_eq!(columns, 80, "{title}: row {y}");
    }
}

/// A row written by another tool with control, escape, bidi, zero-width and wide text in
/// every text column of every record tab: drawn neutralised, every line the screen's width.
#[test]
fn hostile_text_written_by_another_tool_never_garbles_a_record_tab() {
    use lms::db::schema::product_codes;
    let mut db = common::sqlite_db();
    let mut app = admin_app(&mut db);
    let evil = "Evil\u{1b}[31m\u{202E}gnp.exe\u{200B}株式会社🚀\r\nX";
    let company = CompanyBuilder::new(evil)
        .contact_email(evil)
        .insert(&mut db.conn);
    common::builders::PartnerBuilder::new(evil).insert(&mut db.conn);
    common::builders::SalesRepBuilder::new(evil)
        .region(evil)
        .insert(&mut db.conn);
    common::builders::EngineerBuilder::new(evil)
        .region(evil)
        .insert(&mut db.conn);
    common::builders::ProductBuilder::new("EVIL").insert(&mut db.conn);
    common::builders::PortalUserBuilder::new(&company, evil)
        .email(evil)
        .name(evil)
        .insert(&mut db.conn);
    diesel::update(product_codes::table)
        .set(product_codes::name.eq(evil))
        .execute(&mut db.conn)
        .unwrap();
    for title in [
        "Companies",
        "Partners",
        "Sales reps",
        "Engineers",
        "Product codes",
        "Portal users",
    ] {
        go_to_tab(&mut app, &mut db.conn, title);
        let text = screen(&app);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202E}'),
            "{title}:\n{text}"
        );
        assert!(
            text.contains('\u{FFFD}'),
            "{title}: neutralised, not dropped:\n{text}"
        );
        assert_cells_fill_rows(&app, title);
        // The edit form shows the stored text the same way.
        press(&mut app, KeyCode::Char('e'));
        pump(&mut app, &mut db.conn);
        let text = screen(&app);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202E}'),
            "{title} form:\n{text}"
        );
        press(&mut app, KeyCode::Esc);
    }
}

/// Every text field of every record form, given text-direction overrides, SQL and an
/// over-long value: each refused under its own field, the input kept, nothing stored.
#[test]
fn every_text_field_of_every_record_form_refuses_bad_input_under_it() {
    use lms::tui::widgets::edit_form::Value;
    common::each_backend(|db| {
        let mut app = admin_app(db);
        let audited = |db: &mut common::TestDb| -> i64 {
            lms::db::schema::audit_log::table
                .count()
                .get_result(&mut db.conn)
                .unwrap()
        };
        let before = audited(db);
        // Longer than every one-line column (notes and descriptions hold 4000: the first
        // value stands for them).
        let long = "y".repeat(255);
        for title in [
            "Companies",
            "Partners",
            "Sales reps",
            "Engineers",
            "Product codes",
            "Portal users",
        ] {
            go_to_tab(&mut app, &mut db.conn, title);
            press(&mut app, KeyCode::Char('n'));
            let keys: Vec<&'static str> = form(&app)
                .fields
                .iter()
                .filter(|f| matches!(f.value, Value::Text(_)))
                .map(|f| f.key)
                .collect();
            for bad in ["x\u{202E}'; DROP TABLE companies;--", long.as_str()] {
                for key in &keys {
                    fill(&mut app, key, bad);
                }
                ctrl(&mut app, 's');
                pump(&mut app, &mut db.conn);
                let f = form(&app);
                let multiline = |k: &str| matches!(k, "notes" | "description");
                for key in keys.iter().filter(|k| bad != long || !multiline(k)) {
                    assert!(
                        f.errors.get(key).is_some(),
                        "{title} {key} accepted {:.20}: {}",
                        bad,
                        f.errors
                    );
                    assert_eq!(f.text(key), bad, "{title} {key}: the input is kept");
                }
            }
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Char('y'));
            assert!(overlay(&app).is_none());
        }
        assert_eq!(audited(db), before, "nothing written");
    });
}

#[test]
fn a_conflicting_save_keeps_the_input_and_ctrl_r_reloads() {
    use lms::service::records::{self, RecordKind};
    common::each_backend(|db| {
        let mut app = admin_app(db);
        let other = common::actor(db, Role::Manager);
        let rep = common::builders::SalesRepBuilder::new("Rita Rep").insert(&mut db.conn);
        go_to_tab(&mut app, &mut db.conn, "Sales reps");
        press(&mut app, KeyCode::Char('e'));
        pump(&mut app, &mut db.conn);
        fill(&mut app, "region", "APAC");
        // Someone else saves first.
        let theirs = records::get(&mut db.conn, &other, RecordKind::SalesRep, rep.id).unwrap();
        let mut input = theirs.input.clone();
        if let records::RecordInput::SalesRep(p) = &mut input {
            p.name = "Rita Renamed".into();
        }
        records::update(&mut db.conn, &other, rep.id, theirs.version, &input).unwrap();
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        let f = form(&app);
        assert!(f.stale, "{:?}", f.error);
        assert!(
            f.error
                .as_deref()
                .unwrap_or_default()
                .contains("changed it"),
            "{:?}",
            f.error
        );
        assert_eq!(f.text("region"), "APAC", "the input is kept");
        ctrl(&mut app, 'r');
        pump(&mut app, &mut db.conn);
        assert_eq!(form(&app).text("name"), "Rita Renamed");
        assert!(status(&app).contains("reloaded"), "{}", status(&app));
        fill(&mut app, "region", "APAC");
        ctrl(&mut app, 's');
        pump(&mut app, &mut db.conn);
        assert!(overlay(&app).is_none(), "{}", status(&app));
        let now = records::get(&mut db.conn, &other, RecordKind::SalesRep, rep.id).unwrap();
        assert_eq!(now.version, 3);
    });
}
