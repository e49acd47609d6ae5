//! The layering of `src/`, checked on the source text: dependencies point down only, and the
//! TUI reaches the database only through the service layer (the one gate). A source check
//! because the crate is one compilation unit: the compiler lets any module name any other.

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`.
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
    found.sort();
    found
}

/// The code lines (comments left out) of `src/<module>` and `src/<module>.rs`, with their
/// place, as `(place, line)`.
fn code_of(module: &str) -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let dir = src.join(module);
    let mut files = if dir.is_dir() {
        sources(&dir)
    } else {
        Vec::new()
    };
    let single = src.join(format!("{module}.rs"));
    if single.exists() {
        files.push(single);
    }
    assert!(!files.is_empty(), "no sources for {module}");
    let mut lines = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let name = file
            .strip_prefix(&src)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            if !line.trim_start().starts_with("//") {
                lines.push((format!("src/{name}:{}", n + 1), line.to_owned()));
            }
        }
    }
    lines
}

/// Lines of `module` that name `crate::<other>` for any of `forbidden`.
fn upward(module: &str, forbidden: &[&str]) -> Vec<String> {
    code_of(module)
        .into_iter()
        .filter(|(_, line)| {
            forbidden.iter().any(|other| {
                line.contains(&format!("crate::{other}::"))
                    || line.contains(&format!("crate::{other};"))
                    || line.contains(&format!("crate::{other}}}"))
                    || line.contains(&format!("crate::{other},"))
            })
        })
        .map(|(place, line)| format!("{place}: {}", line.trim()))
        .collect()
}

#[test]
fn dependencies_point_down_only() {
    let rules: [(&str, &[&str]); 7] = [
        (
            "domain",
            &["auth", "config", "db", "demo", "report", "service", "tui"],
        ),
        ("db", &["auth", "demo", "report", "service", "tui"]),
        // Pure: hashing, the login decision and throttle, the actor. No IO.
        (
            "auth",
            &["config", "db", "demo", "report", "service", "tui"],
        ),
        ("demo", &["auth", "report", "service", "tui"]),
        ("report", &["auth", "demo", "service", "tui"]),
        ("service", &["tui"]),
        (
            "config",
            &["auth", "db", "demo", "report", "service", "tui"],
        ),
    ];
    let found: Vec<String> = rules
        .iter()
        .flat_map(|(module, forbidden)| upward(module, forbidden))
        .collect();
    assert!(
        found.is_empty(),
        "imports pointing up:\n{}",
        found.join("\n")
    );
}

/// The query modules the TUI may name: only for types and constants (and display
/// formatting), never to run a query, which would skip `authorize`.
#[test]
fn the_tui_runs_no_query_of_its_own() {
    let found: Vec<String> = code_of("tui")
        .into_iter()
        .filter(|(_, line)| {
            let Some(at) = line.find("db::queries::") else {
                return false;
            };
            let rest = &line[at + "db::queries::".len()..];
            if rest.starts_with("format") {
                return false;
            }
            // A module brought in as a name (`options::{self, ..}`, `queries::options;`,
            // `queries::{options, ..}`) is what a call such as `options::search(conn, ..)`
            // needs; a call through the full path is the other way.
            let module_import =
                rest.contains("{self") || rest.starts_with('{') || rest.split("::").count() == 1;
            let call = rest
                .split("::")
                .nth(1)
                .is_some_and(|item| item.starts_with(|c: char| c.is_ascii_lowercase()));
            module_import || call
        })
        .map(|(place, line)| format!("{place}: {}", line.trim()))
        .collect();
    assert!(
        found.is_empty(),
        "the TUI runs queries without the service layer's gate:\n{}",
        found.join("\n")
    );
}
