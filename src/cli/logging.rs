//! Logs go to `lms.log` in the state directory (`~/.local/state/lms/`), never to stdout
//! (the TUI owns the screen). `LMS_LOG` sets the filter (default `info`). At `info`:
//! start and stop, sign-ins, failed sign-ins and lockouts, sign-outs, refused actions and
//! account changes, by operator name only; never a password.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let Ok(dir) = lms::config::log_dir() else {
        return;
    };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("lms.log"))
    else {
        return;
    };
    let filter = EnvFilter::try_from_env("LMS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init (never expected) is harmless; logging is best effort.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}
