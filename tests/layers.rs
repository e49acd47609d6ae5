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
    let rules: [(&str, &[&str]); 9] = [
        (
            "domain",
            &[
                "auth", "config", "db", "demo", "import", "report", "service", "tui",
            ],
        ),
        (
            "db",
            &["auth", "demo", "import", "report", "service", "tui"],
        ),
        // Pure: hashing, the login decision and throttle, the actor. No IO.
        (
            "auth",
            &["config", "db", "demo", "report", "service", "tui"],
        ),
        ("demo", &["auth", "report", "service", "tui"]),
        ("report", &["auth", "demo", "import", "service", "tui"]),
        // The CSV engine decides; it reads no database and writes nothing.
        (
            "import",
            &["auth", "config", "db", "demo", "report", "service", "tui"],
        ),
        // Writes CSV and JSON; the use case (the gate, the walk) is the service's.
        (
            "export",
            &["auth", "config", "demo", "import", "service", "tui"],
        ),
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

/// `src/`-relative file → the module path it defines (`tui/screens/mod.rs` → `tui::screens`).
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The `crate::…`/`super::…` paths a line names, `{a, b}` groups expanded one level.
fn paths_in(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    for start in ["crate::", "super::"] {
        let mut rest = line;
        while let Some(at) = rest.find(start) {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            let path = tail[..end].trim_end_matches(':').to_owned();
            if tail[end..].starts_with('{') {
                let group = &tail[end + 1..tail.find('}').unwrap_or(tail.len())];
                for item in group.split(',') {
                    let item = item.trim().split(' ').next().unwrap_or("");
                    found.push(format!("{path}::{item}"));
                }
            }
            found.push(path);
            rest = &tail[end..];
        }
    }
    found
}

#[test]
fn no_circles_between_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<String> = sources(&src)
        .iter()
        .map(|f| f.strip_prefix(&src).unwrap_or(f).display().to_string())
        .collect();
    let by_module: std::collections::HashMap<Vec<String>, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (module_of(f), i))
        .collect();
    let mut edges: Vec<std::collections::BTreeSet<usize>> =
        vec![std::collections::BTreeSet::new(); files.len()];
    for (i, rel) in files.iter().enumerate() {
        let text = std::fs::read_to_string(src.join(rel)).unwrap_or_default();
        // Unit tests may reach anywhere in their own crate.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for path in paths_in(line) {
                let mut segs: Vec<&str> = path.split("::").collect();
                let mut base = module_of(rel);
                if segs.first() == Some(&"crate") {
                    base.clear();
                    segs.remove(0);
                } else {
                    while segs.first() == Some(&"super") {
                        base.pop();
                        segs.remove(0);
                    }
                }
                // The longest prefix that is a file of its own.
                let target = (0..=segs.len()).rev().find_map(|n| {
                    let mut m = base.clone();
                    m.extend(segs[..n].iter().map(|s| (*s).to_owned()));
                    by_module.get(&m).copied()
                });
                if let Some(t) = target.filter(|t| *t != i) {
                    edges[i].insert(t);
                }
            }
        }
    }
    // A file that reaches itself again through its imports is on a circle.
    let mut circles = Vec::new();
    for start in 0..files.len() {
        let mut seen = vec![false; files.len()];
        let mut stack: Vec<usize> = edges[start].iter().copied().collect();
        while let Some(f) = stack.pop() {
            if f == start {
                circles.push(files[start].clone());
                break;
            }
            if !std::mem::replace(&mut seen[f], true) {
                stack.extend(edges[f].iter().copied());
            }
        }
    }
    assert!(
        circles.is_empty(),
        "files on an import circle:\n{}",
        circles.join("\n")
    );
}

/// Every `lms report …` (and future `lms export …`) command makes data text safe for its
/// destination through `report::output_safety`, the one place that knows the rule: none
/// asks whether stdout is a terminal itself.
#[test]
fn reports_and_exports_go_through_output_safety() {
    let mut files = std::collections::BTreeMap::<String, Vec<String>>::new();
    for (place, line) in code_of("cli") {
        let file = place.split(':').next().unwrap_or_default().to_owned();
        let name = file.trim_start_matches("src/cli/");
        if name.starts_with("report") || name.starts_with("export") {
            files.entry(file).or_default().push(line);
        }
    }
    assert!(files.len() >= 2, "no report commands found: {files:?}");
    for (file, lines) in &files {
        assert!(
            lines.iter().any(|l| l.contains("output_safety")),
            "{file} does not go through report::output_safety"
        );
        let own = lines.iter().find(|l| l.contains("is_terminal"));
        assert!(
            own.is_none(),
            "{file} decides the destination itself: {own:?}"
        );
    }
}
