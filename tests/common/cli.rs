//! The `lms` binary as a script runs it, against a test database.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use lms::config::DatabaseUrl;

/// What `--database-url` takes for `url`: the MySQL URL with its password, not the
/// redacted form `Display` gives.
pub fn url_text(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Mysql(url) => url.clone(),
    }
}

/// `lms --database-url URL args` with `stdin` on standard input, `LMS_PASSWORD` unset and
/// its home (data, log) in `home`.
pub fn run(url: &DatabaseUrl, home: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lms"))
        .arg("--database-url")
        .arg(url_text(url))
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("LMS_PASSWORD")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home)
        .env("XDG_STATE_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lms");
    // A command refused before it reads stdin may have exited and closed the pipe already.
    let mut pipe = child.stdin.take().expect("stdin piped");
    if let Err(e) = pipe.write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(pipe);
    child.wait_with_output().expect("lms ran")
}
