//! A MySQL URL naming several hosts (a cluster's nodes): the commands connect to the first
//! that answers, and an empty entry in the list is refused with one line. And the session
//! lms opens on a server that is no Galera node is not made to wait for a cluster
//! (`tests/galera.rs` has the other side).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

use lms::config::{DatabaseUrl, mysql_host};

fn lms(url: &str, args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_lms"))
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn commands_use_the_first_host_that_answers() {
    let Some(db) = common::mysql_db() else {
        return;
    };
    let DatabaseUrl::Mysql(direct) = &db.url else {
        unreachable!("a MySQL test database");
    };
    // Nothing listens on port 9 of the loopback: that "node" is down.
    let hosts = format!("127.0.0.1:9,{}", mysql_host(direct));
    let url = direct.replacen(mysql_host(direct), &hosts, 1);
    for args in [&["migrate"][..], &["doctor"]] {
        let out = lms(&url, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = lms(
        &url.replacen(&hosts, "127.0.0.1:9,127.0.0.1:9", 1),
        &["migrate"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("no database host answered: 127.0.0.1:9: "),
        "{err}"
    );
}

#[test]
fn an_empty_host_in_the_list_is_refused() {
    let out = lms("mysql://u:p@h1:3311,,h3:3313/lms", &["migrate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("the MySQL URL names an empty host in its list \"h1:3311,,h3:3313\""),
        "{err}"
    );
}

#[test]
fn a_session_on_a_server_without_wsrep_keeps_the_servers_sync_wait() {
    let Some(mut db) = common::mysql_db() else {
        return;
    };
    let mut show = |sql| common::galera::show(&mut db.conn, sql);
    // MySQL has no such variable: both None.
    let session = show("SHOW SESSION VARIABLES LIKE 'wsrep_sync_wait'");
    let global = show("SHOW GLOBAL VARIABLES LIKE 'wsrep_sync_wait'");
    assert_eq!(session, global);
}
