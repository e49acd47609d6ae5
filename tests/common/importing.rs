//! Running `service::import` from a test: as an admin, from CSV text, with no progress.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use lms::domain::Role;
use lms::import::fields::Target;
use lms::import::values::CellError;
use lms::service::import::{self, Observer, Options, Progress, Report};

use super::{TestDb, actor};

/// An observer that lets the import run to its end and keeps nothing.
pub struct Quiet;

impl Observer for Quiet {
    fn progress(&mut self, _: Progress) -> bool {
        true
    }
    fn rejected(&mut self, _: u64, _: &[String], _: &[CellError]) {}
}

/// Imports `csv` into `target` as an admin.
pub fn run(db: &mut TestDb, target: Target, csv: &str, options: &Options) -> Report {
    let who = actor(db, Role::Admin);
    let (mut source, mapping) = import::open(target, csv.as_bytes(), None, &[]).unwrap();
    import::run(
        &mut db.conn,
        &who,
        &mut source,
        &mapping,
        options,
        &mut Quiet,
    )
    .unwrap()
}

/// Options for a file named `name`, a dry run or not.
pub fn options(name: &str, dry_run: bool) -> Options {
    Options {
        file_name: name.into(),
        dry_run,
        ..Options::default()
    }
}
