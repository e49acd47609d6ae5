//! The Import screen's requests: read a file's header (and first row) to map it, and run
//! the import, dry or real, on the worker, reporting progress and answering a cancel.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::import::fields::Target;
use crate::import::mapping::Mapping;
use crate::import::reader::CsvSource;
use crate::import::rejects::Rejects;
use crate::import::values::CellError;
use crate::service::import::{self, Observer, Options, Progress, Report};
use crate::tui::screens::{Job, signed_in};

/// Set by the UI, read by the running import between batches: it then rolls back.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    #[must_use]
    pub fn cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// One token is equal to itself only: requests compare by the run they belong to.
impl PartialEq for Cancel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Cancel {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Read the header and first row of the file at `path` (`~` is the home directory).
    Open {
        path: String,
        target: Target,
        delimiter: Option<u8>,
    },
    Run(Box<RunSpec>),
}

/// An import of an opened file with the operator's mapping and options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSpec {
    pub path: PathBuf,
    pub delimiter: Option<u8>,
    pub mapping: Mapping,
    pub options: Options,
    pub cancel: Cancel,
}

/// A file read as far as its first row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub path: PathBuf,
    /// Bytes, for the progress gauge.
    pub size: u64,
    /// The columns matched by name; the operator changes it before the run.
    pub mapping: Mapping,
    /// The first data row's cells (empty when it has none or cannot be read).
    pub sample: Vec<String>,
}

/// How far a run has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tick {
    pub rows: u64,
    pub bytes: u64,
    pub elapsed: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub report: Report,
    /// The rejects file, when rows were written to it.
    pub rejects: Option<PathBuf>,
    pub elapsed: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Opened(Result<Opened, String>),
    Progress(Tick),
    Done(Result<Finished, String>),
}

/// `~` and `~/...` are under the home directory; other paths are taken as given
/// (relative ones from the current directory).
#[must_use]
pub fn expand(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(path),
    }
}

fn open_file(path: &Path) -> Result<File, String> {
    if path.is_dir() {
        return Err(format!("{} is a directory, not a CSV file", path.display()));
    }
    File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))
}

fn open(path: &str, target: Target, delimiter: Option<u8>) -> Result<Opened, String> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = expand(path.trim(), home.as_deref());
    let file = open_file(&path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut source = CsvSource::open(file, delimiter).map_err(|e| e.to_string())?;
    let mapping = Mapping::matched(target, &source.headers);
    let sample = match source.next_record() {
        Ok(Some(Ok(record))) => record.cells,
        _ => Vec::new(),
    };
    Ok(Opened {
        path,
        size,
        mapping,
        sample,
    })
}

/// Progress to the UI at most every 50 ms; the cancel token asked at every batch.
struct Reporting<'a> {
    started: Instant,
    last: Option<Instant>,
    cancel: &'a Cancel,
    progress: &'a mut dyn FnMut(Reply),
    rejects: Option<Rejects>,
}

impl Observer for Reporting<'_> {
    fn progress(&mut self, p: Progress) -> bool {
        if self
            .last
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(50))
        {
            self.last = Some(Instant::now());
            (self.progress)(Reply::Progress(Tick {
                rows: p.rows,
                bytes: p.bytes,
                elapsed: self.started.elapsed(),
            }));
        }
        !self.cancel.cancelled()
    }

    fn rejected(&mut self, _line: u64, cells: &[String], errors: &[CellError]) {
        if let Some(r) = &mut self.rejects {
            r.add(cells, errors);
        }
    }
}

fn run(
    conn: &mut DbConnection,
    actor: &Actor,
    spec: &RunSpec,
    progress: &mut dyn FnMut(Reply),
) -> Result<Finished, String> {
    let file = open_file(&spec.path)?;
    let mut source = CsvSource::open(file, spec.delimiter).map_err(|e| e.to_string())?;
    if source.headers != spec.mapping.headers {
        return Err("the file's columns changed since it was read: open it again".to_owned());
    }
    // The rejects file is the real run's: a dry run writes nothing at all.
    let wants_rejects = spec.options.skip_errors && !spec.options.dry_run;
    let mut observer = Reporting {
        started: Instant::now(),
        last: None,
        cancel: &spec.cancel,
        progress,
        rejects: wants_rejects.then(|| Rejects::new(&spec.path, &source.headers)),
    };
    let report = import::run(
        conn,
        actor,
        &mut source,
        &spec.mapping,
        &spec.options,
        &mut observer,
    )
    .map_err(|e| e.to_string())?;
    let rejects = match observer.rejects.take() {
        Some(r) => r.finish()?,
        None => None,
    };
    Ok(Finished {
        report,
        rejects,
        elapsed: observer.started.elapsed(),
    })
}

impl Job for Request {
    type Reply = Reply;

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Reply {
        self.run_reporting(conn, actor, &mut |_| {})
    }

    fn run_reporting(
        self,
        conn: &mut DbConnection,
        actor: Option<&Actor>,
        progress: &mut dyn FnMut(Reply),
    ) -> Reply {
        match self {
            Request::Open {
                path,
                target,
                delimiter,
            } => Reply::Opened(open(&path, target, delimiter)),
            Request::Run(spec) => {
                Reply::Done(signed_in(actor).and_then(|actor| run(conn, actor, &spec, progress)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_is_the_home_directory() {
        let home = Path::new("/home/op");
        assert_eq!(expand("~/a.csv", Some(home)), Path::new("/home/op/a.csv"));
        assert_eq!(expand("~", Some(home)), Path::new("/home/op"));
        assert_eq!(expand("~bob/a.csv", Some(home)), Path::new("~bob/a.csv"));
        assert_eq!(expand("data/a.csv", Some(home)), Path::new("data/a.csv"));
        assert_eq!(expand("~/a.csv", None), Path::new("~/a.csv"));
    }
}
