//! A company name holding bytes that are not UTF-8 (`FF FE`, written by another tool)
//! is shown with a visible U+FFFD wherever the name is read: lists, detail panes, the
//! edit form, pickers, history and reports, on both backends. It used to fail the whole
//! page ("Error deserializing field 'name'").
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;

use common::builders::{
    ActivityBuilder, AuditBuilder, CompanyBuilder, DeploymentBuilder, LicenseBuilder,
    PortalUserBuilder, PurchaseBuilder,
};
use common::{TestDb, actor};
use lms::db::BackendKind;
use lms::db::queries::list::{ListQuery, Sort};
use lms::db::queries::page::{PageRequest, Value};
use lms::domain::Role;
use lms::domain::filter::Filter;
use lms::report::utilization::UtilizationQuery;
use lms::service::browse::{self, Entity};
use lms::service::records::{self, RecordInput, RecordKind};
use lms::service::{details, history, options, reports, timeline};

/// `A`, the bytes FF FE, `B`: what the screens and reports must show.
const SHOWN: &str = "A\u{FFFD}\u{FFFD}B";

/// `A`, the bytes FF FE, `B`, in hex.
const BAD: &str = "41FFFE42";

/// Writes the bytes `hex` into `column` of row `id` of `table` with a statement of its
/// own, as another tool would. MariaDB refuses bytes that are not UTF-8 in a utf8mb4
/// column (strict mode: "Incorrect string value"; otherwise it stores `?`), so the column
/// becomes binary (VARBINARY, charset `binary`) first, where they are kept and sent back
/// as they are.
fn write_bytes(db: &mut TestDb, table: &str, column: &str, id: i64, hex: &str) {
    let sql = match db.conn.kind() {
        BackendKind::Sqlite => {
            format!("UPDATE {table} SET {column} = CAST(x'{hex}' AS TEXT) WHERE id = {id}")
        }
        BackendKind::Mysql => format!(
            "ALTER TABLE {table} MODIFY {column} VARBINARY(4000) NOT NULL; \
             UPDATE {table} SET {column} = UNHEX('{hex}') WHERE id = {id}"
        ),
    };
    db.conn.batch_execute(&sql).unwrap();
}

/// `{"name":["A FF FE B","A"]}` in hex: an audit row's changes, the bad bytes in a value.
const BAD_CHANGES: &str = "7B226E616D65223A5B2241FFFE42222C2241225D7D";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn by(column: usize) -> ListQuery {
    ListQuery {
        filter: Filter::default(),
        sort: Sort {
            column,
            descending: false,
        },
        today: Some(day("2026-03-15")),
    }
}

/// Whether a list page holds a text cell showing the bad name.
fn shows(page: &lms::db::queries::page::Page) -> bool {
    page.rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| *c == Value::Text(SHOWN.to_owned()))
}

#[test]
fn a_name_that_is_not_utf8_is_shown_lossily_everywhere() {
    common::each_backend(|db| {
        let viewer = actor(db, Role::Admin);
        let c = &mut db.conn;
        let bad = CompanyBuilder::new("Placeholder").insert(c);
        CompanyBuilder::new("Zeta").insert(c);
        let license = LicenseBuilder::new()
            .company(&bad)
            .seats(5)
            .starts("2026-01-01")
            .ends("2026-12-31")
            .insert(c);
        PurchaseBuilder::new(&license).on("2026-01-01").insert(c);
        DeploymentBuilder::new(&license)
            .scheduled("2026-02-01")
            .insert(c);
        let user = PortalUserBuilder::new(&bad, "u1").insert(c);
        ActivityBuilder::new(&user)
            .at("2026-03-10 10:00:00")
            .insert(c);
        let audit = AuditBuilder::new("company", &bad)
            .operator(viewer.operator_id)
            .change("name", Some("x"), Some("y"))
            .insert(c);
        write_bytes(db, "companies", "name", bad.id, BAD);
        write_bytes(db, "operators", "username", viewer.operator_id, BAD);
        write_bytes(db, "audit_log", "changes", audit.id, BAD_CHANGES);
        let name = db.name();
        let (conn, a) = (&mut db.conn, &viewer);
        let mut failed: Vec<String> = Vec::new();
        let mut check = |what: &str, ok: Result<bool, String>| match ok {
            Ok(true) => {}
            Ok(false) => failed.push(format!("{what}: the name is not shown as {SHOWN:?}")),
            Err(e) => failed.push(format!("{what}: {e}")),
        };
        let err = |e: lms::service::ServiceError| e.to_string();

        // The lists holding a company column, in id order and by the company column.
        for (entity, company_column) in [
            (Entity::Companies, 1),
            (Entity::Licenses, 1),
            (Entity::Purchases, 2),
            (Entity::Deployments, 2),
            (Entity::PortalUsers, 1),
            (Entity::Activity, 1),
            (Entity::Audit, 1),
        ] {
            for sort in [0, company_column] {
                let page = browse::page(conn, a, entity, &by(sort), &PageRequest::First, 50);
                check(
                    &format!("{entity:?} by column {sort}"),
                    page.map(|p| shows(&p)).map_err(err),
                );
            }
        }
        let pane = details::company(conn, a, bad.id, day("2026-03-15"));
        check("company pane", pane.map(|d| d.name == SHOWN).map_err(err));
        let form = records::get(conn, a, RecordKind::Company, bad.id);
        check(
            "company form",
            form.map(|r| matches!(&r.input, RecordInput::Company(c) if c.name == SHOWN))
                .map_err(err),
        );
        let detail = browse::license_detail(conn, a, license.id);
        check(
            "license pane",
            detail.map(|d| d.company == SHOWN).map_err(err),
        );
        let picked = options::search(conn, a, options::RefKind::Company, "");
        check(
            "company picker",
            picked
                .map(|o| o.iter().any(|(_, n)| n == SHOWN))
                .map_err(err),
        );
        let report = reports::utilization(conn, a, UtilizationQuery::new(day("2026-03-15")));
        check(
            "utilization report",
            report
                .map(|r| r.companies.iter().any(|c| c.name == SHOWN))
                .map_err(err),
        );
        let grouped = timeline::companies(conn, a, &by(0), &PageRequest::First, 50);
        check(
            "timeline by company",
            grouped.map(|(p, _)| shows(&p)).map_err(err),
        );
        let history = history::record_history(conn, a, "company", bad.id);
        let shows_bad = |h: &[history::HistoryEntry]| {
            h.first().is_some_and(|e| {
                e.by() == SHOWN && e.changes.first().and_then(|c| c.1.as_deref()) == Some(SHOWN)
            })
        };
        check(
            "company history",
            history.map(|h| shows_bad(&h)).map_err(err),
        );
        assert!(failed.is_empty(), "{name}:\n{}", failed.join("\n"));
    });
}

/// The reports from the command line, as the issue saw them fail: every format, and the
/// timeline, show the name with U+FFFD.
#[test]
fn the_reports_show_the_name_lossily() {
    use common::cli::{PW, lms, setup, text};
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let sql = format!("UPDATE companies SET name = CAST(x'{BAD}' AS TEXT) WHERE name = 'Alpha'");
    let mut conn =
        lms::db::DbConnection::open(&lms::config::DatabaseUrl::Sqlite(db.clone())).unwrap();
    conn.batch_execute(&sql).unwrap();
    let report = [
        "report",
        "utilization",
        "--user",
        "boss",
        "--password-stdin",
    ];
    for format in ["table", "csv", "json"] {
        let out = lms(&db, &[&report[..], &["--format", format]].concat(), PW);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains(SHOWN),
            "{format}: {}",
            text(&out.stdout)
        );
    }
    let timeline = [
        "report",
        "timeline",
        "--user",
        "boss",
        "--password-stdin",
        "--today",
        "2026-03-15",
    ];
    let out = lms(&db, &timeline, PW);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(SHOWN), "{}", text(&out.stdout));
}

/// Jumps and drill-downs name a company by id (`company:#42`): it selects the rows of the
/// company whose name holds bad bytes in every list, page and count alike, where the name
/// shown (with U+FFFD) matches nothing on MariaDB.
#[test]
fn the_company_id_selects_what_its_unreadable_name_cannot() {
    common::each_backend(|db| {
        let admin = actor(db, Role::Admin);
        let c = &mut db.conn;
        let bad = CompanyBuilder::new("Placeholder").insert(c);
        let other = CompanyBuilder::new("Zeta").insert(c);
        for company in [&bad, &other] {
            let license = LicenseBuilder::new().company(company).insert(c);
            PurchaseBuilder::new(&license).on("2026-01-01").insert(c);
            DeploymentBuilder::new(&license)
                .scheduled("2026-02-01")
                .insert(c);
            let user = PortalUserBuilder::new(company, "u1").insert(c);
            ActivityBuilder::new(&user)
                .at("2026-03-10 10:00:00")
                .insert(c);
        }
        write_bytes(db, "companies", "name", bad.id, BAD);
        let name = db.name();
        for entity in [
            Entity::Licenses,
            Entity::Purchases,
            Entity::Deployments,
            Entity::PortalUsers,
            Entity::Activity,
        ] {
            let allowed = entity.qualifiers().unwrap();
            let query = |text: &str| ListQuery {
                filter: Filter::parse(text, allowed).unwrap(),
                ..by(0)
            };
            let by_id = query(&format!("company:#{}", bad.id));
            let page = browse::page(
                &mut db.conn,
                &admin,
                entity,
                &by_id,
                &PageRequest::First,
                50,
            )
            .unwrap();
            assert_eq!(page.rows.len(), 1, "{name} {entity:?}");
            assert!(shows(&page), "{name} {entity:?}: the other company's row");
            let n = browse::count(&mut db.conn, &admin, entity, &by_id).unwrap();
            assert_eq!(n, 1, "{name} {entity:?}");
            // MariaDB compares the stored bytes, so the name as shown finds nothing there
            // (SQLite's LIKE happens to read FF FE as U+FFFD and finds it).
            if db.conn.kind() == BackendKind::Mysql {
                let by_name = query(&lms::domain::filter::exactly("company", SHOWN));
                let n = browse::count(&mut db.conn, &admin, entity, &by_name).unwrap();
                assert_eq!(n, 0, "{name} {entity:?}: the shown name matched");
            }
        }
    });
}
