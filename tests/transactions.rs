//! Every transaction of the use cases and read models goes through the helper that runs it
//! again after a deadlock or a lock wait timeout (`db::retry::transaction`, or
//! `service::write::transaction` on top of it), checked on the source text so that a new
//! use case cannot quietly open one of its own.

use std::path::{Path, PathBuf};

/// Files that open a transaction directly, and why that is right for them.
const OWN_TRANSACTION: [(&str, &str); 3] = [
    // The helper itself.
    ("db/retry.rs", "runs the transaction it retries"),
    // A read snapshot streamed into a file: run again, it would write rows twice.
    (
        "service/export.rs",
        "one read snapshot written out as it is read",
    ),
    // A file streamed in: it cannot be read again; all or nothing, the operator reruns it.
    ("service/import/mod.rs", "streams its file: all or nothing"),
];

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.map(|e| e.path()).unwrap_or_default();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn use_cases_open_transactions_only_through_the_retry_helper() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut direct = Vec::new();
    for dir in ["service", "report", "auth", "db"] {
        for file in sources(&src.join(dir)) {
            let name = file
                .strip_prefix(&src)
                .unwrap_or(&file)
                .display()
                .to_string();
            if OWN_TRANSACTION.iter().any(|(f, _)| *f == name) {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            // Unit tests may do as they like.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                if line.contains(".transaction(") || line.contains(".transaction::<") {
                    direct.push(format!("src/{name}:{}: {line}", n + 1));
                }
            }
        }
    }
    assert!(
        direct.is_empty(),
        "open transactions with db::retry::transaction (or write::transaction):\n{}",
        direct.join("\n")
    );
}
