//! `lms import` as operators run it: an Excel "CSV UTF-8" file (BOM, `;`, decimal
//! comma, day-first dates) dry-run, imported with --skip-errors and its rejects file,
//! imported again unchanged; bad flags refused before anything is read; and `kill -9`
//! half-way leaving the database as it was, on SQLite and MariaDB.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::cli::{PW, add_admin, run, text, url_text};
use common::{TestDb, each_backend};
use diesel::prelude::*;
use lms::db::schema::{app_log, companies, purchases};

fn import(db: &TestDb, home: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["import", "--user", "boss", "--password-stdin"];
    all.extend_from_slice(args);
    let out = run(&db.url, home, &all, PW);
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

const COMPANIES: &str = "\u{feff}Firma;Land\r\nAcme GmbH;DE\r\nBeta SARL;FR\r\n";

const PURCHASES: &str = "\u{feff}Lizenz;Bestellung;Art;Datum;Umsatz;Währung\r\n\
    K-1;PO-1;new;05/01/2026;1.234,50;EUR\r\n\
    K-1;PO-2;expansion;01/03/2026;99,999;EUR\r\n\
    K-404;PO-3;new;01/03/2026;10,00;EUR\r\n";

fn setup(db: &mut TestDb, dir: &Path) {
    add_admin(&db.url, dir);
    let file = dir.join("firmen.csv");
    std::fs::write(&file, COMPANIES).unwrap();
    let f = file.to_str().unwrap();
    let (code, out, err) = import(
        db,
        dir,
        &["companies", f, "--map", "Firma=name,Land=country"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let product = dir.join("p.csv");
    std::fs::write(&product, "code,name\nP,Product\n").unwrap();
    let (code, _, err) = import(db, dir, &["product-codes", product.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let lic = dir.join("l.csv");
    std::fs::write(
        &lic,
        "license_key,company,product_code,seats,start_date,end_date,status\n\
         K-1,Acme GmbH,P,10,2026-01-01,2026-12-31,draft\n",
    )
    .unwrap();
    let (code, out, err) = import(db, dir, &["licenses", lic.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn an_excel_file_dry_runs_imports_the_good_rows_hands_back_the_bad_and_imports_once() {
    each_backend(|db| {
        let dir = tempfile::tempdir().unwrap();
        setup(db, dir.path());
        let file = dir.path().join("käufe.csv");
        std::fs::write(&file, PURCHASES).unwrap();
        let f = file.to_str().unwrap();
        let map = "Lizenz=license_key,Bestellung=order_number,Art=kind,Datum=purchase_date,\
                   Umsatz=revenue,Währung=currency";
        let common = ["--map", map, "--decimal-comma", "--date-format", "%d/%m/%Y"];
        let mut args = vec!["purchases", f, "--dry-run", "--skip-errors"];
        args.extend_from_slice(&common);
        let (code, out, _) = import(db, dir.path(), &args);
        assert_eq!(code, 1, "{}: {out}", db.name());
        assert!(out.contains("line 3: error: Umsatz \"99,999\""), "{out}");
        assert!(out.contains("line 4: error: Lizenz \"K-404\""), "{out}");
        assert!(
            out.contains("3 rows: 1 new, 0 updated, 0 unchanged, 2 with errors"),
            "{out}"
        );
        assert!(out.contains("dry run: nothing was written"));
        let n: i64 = purchases::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(n, 0);
        // Nor to a file: the rejects of a dry run are its report.
        assert!(!dir.path().join("käufe.csv.rejects.csv").exists());

        let mut args = vec!["purchases", f, "--skip-errors"];
        args.extend_from_slice(&common);
        let (code, out, _) = import(db, dir.path(), &args);
        assert_eq!(code, 0, "{out}");
        let rejects = std::fs::read_to_string(dir.path().join("käufe.csv.rejects.csv")).unwrap();
        let mut lines = rejects.lines();
        assert_eq!(
            lines.next(),
            Some("Lizenz,Bestellung,Art,Datum,Umsatz,Währung,error")
        );
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("K-1,PO-2,expansion,01/03/2026,\"99,999\",EUR,")
        );
        assert!(lines.next().unwrap().starts_with("K-404,"));
        let revenue: i64 = purchases::table
            .select(purchases::revenue_minor)
            .first(&mut db.conn)
            .unwrap();
        assert_eq!(revenue, 123_450);

        let mut args = vec!["purchases", f, "--skip-errors"];
        args.extend_from_slice(&common);
        let (_, out, _) = import(db, dir.path(), &args);
        assert!(
            out.contains("0 new, 0 updated, 1 unchanged, 2 with errors"),
            "{out}"
        );
    });
}

#[test]
fn bad_flags_and_files_are_refused_before_anything_is_read() {
    each_backend(|db| {
        let dir = tempfile::tempdir().unwrap();
        add_admin(&db.url, dir.path());
        let file = dir.path().join("c.csv");
        std::fs::write(&file, "name,country\nAcme,DE\n").unwrap();
        let f = file.to_str().unwrap();
        for (args, says) in [
            (vec!["widgets", f], "cannot be imported"),
            (vec!["companies", f, "--delimiter", "ab"], "not a delimiter"),
            (
                vec!["companies", f, "--date-format", "dd/mm"],
                "not a date format",
            ),
            (vec!["companies", f, "--map", "name"], "not COLUMN=FIELD"),
            (
                vec!["companies", f, "--map", "name=colour"],
                "no field \"colour\"",
            ),
            (
                vec!["companies", f, "--map", "name="],
                "no column gives the name",
            ),
            (vec!["companies", "/no/such/file.csv"], "cannot open"),
        ] {
            let (code, out, err) = import(db, dir.path(), &args);
            assert_ne!(code, 0, "{args:?}");
            assert!(err.contains(says), "{args:?}: {err}");
            assert!(out.is_empty(), "{out}");
        }
        let n: i64 = companies::table.count().get_result(&mut db.conn).unwrap();
        assert_eq!(n, 0, "{}", db.name());
    });
}

#[test]
fn kill_9_half_way_leaves_the_database_as_it_was() {
    each_backend(|db| {
        let dir = tempfile::tempdir().unwrap();
        add_admin(&db.url, dir.path());
        let setup = dir.path().join("setup.csv");
        std::fs::write(&setup, "company,external_user_id\n").unwrap();
        let c = dir.path().join("c.csv");
        std::fs::write(&c, "name,country\nAcme,DE\n").unwrap();
        let r = import(db, dir.path(), &["companies", c.to_str().unwrap()]);
        assert_eq!(r.0, 0, "{r:?}");
        let u = dir.path().join("u.csv");
        std::fs::write(
            &u,
            "company,external_user_id,email\nAcme,u1,u1@acme.example\n",
        )
        .unwrap();
        assert_eq!(
            import(db, dir.path(), &["portal-users", u.to_str().unwrap()]).0,
            0
        );
        let mut csv = String::from("company,user,ts,action\n");
        for i in 0..400_000 {
            writeln!(csv, "Acme,u1,2026-01-01 00:00:00.{i:06},login").unwrap();
        }
        let file = dir.path().join("log.csv");
        std::fs::write(&file, csv).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_lms"))
            .args(["--database-url", &url_text(&db.url), "import", "activity"])
            .arg(&file)
            .args(["--user", "boss", "--password-stdin"])
            .env("HOME", dir.path())
            .env("XDG_STATE_HOME", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), PW.as_bytes()).unwrap();
        // Well into the file: its rows are being written, nothing is committed.
        let started = Instant::now();
        std::thread::sleep(Duration::from_millis(2_500));
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before the kill"
        );
        child.kill().unwrap();
        child.wait().unwrap();
        let waited = started.elapsed();
        let mut conn = db.connect_again();
        let n: i64 = app_log::table.count().get_result(&mut conn).unwrap();
        assert_eq!(n, 0, "{} after {waited:?}", db.name());
        // And the database takes the next import whole.
        let small = dir.path().join("small.csv");
        std::fs::write(
            &small,
            "company,user,ts,action\nAcme,u1,2026-01-02 00:00:00,login\n",
        )
        .unwrap();
        let (code, out, err) = import(db, dir.path(), &["activity", small.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}{err}");
        // The read-model triggers SQLite's import had dropped came back with the rollback.
        let mut conn = db.connect_again();
        assert_eq!(common::read_models::read_model_triggers(&mut conn), 3);
        common::read_models::assert_activity_read_models_exact(&mut conn);
    });
}
