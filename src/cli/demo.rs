//! `lms demo`: load the deterministic demo data set, optionally at benchmark size.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use lms::db::DbConnection;
use lms::domain::text::counted;
use lms::service::demo::{self, DemoProgress, DemoSize, Repaired};

use super::auth::AuthArgs;
use super::numbers;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// Customer companies.
    #[arg(long, value_parser = numbers::whole::<u32>, allow_negative_numbers = true)]
    companies: Option<u32>,
    /// Reseller partners.
    #[arg(long, value_parser = numbers::whole::<u32>, allow_negative_numbers = true)]
    partners: Option<u32>,
    /// Sales representatives.
    #[arg(long, value_parser = numbers::whole::<u32>, allow_negative_numbers = true)]
    sales_reps: Option<u32>,
    /// Factory engineers.
    #[arg(long, value_parser = numbers::whole::<u32>, allow_negative_numbers = true)]
    engineers: Option<u32>,
    /// Product codes.
    #[arg(long, value_parser = numbers::whole::<u32>, allow_negative_numbers = true)]
    product_codes: Option<u32>,
    /// Licenses (up to 1,000,000 and more).
    #[arg(long, value_parser = numbers::whole::<u64>, allow_negative_numbers = true)]
    licenses: Option<u64>,
    /// Customer portal users.
    #[arg(long, value_parser = numbers::whole::<u64>, allow_negative_numbers = true)]
    portal_users: Option<u64>,
    /// Activity-log rows (up to 10,000,000 and more).
    #[arg(long, value_parser = numbers::whole::<u64>, allow_negative_numbers = true)]
    activity_rows: Option<u64>,
    /// Days of activity history, ending yesterday (default: the licence history, 1,825
    /// days); the activity rows are spread over them.
    #[arg(long, value_parser = numbers::whole::<u32>, allow_negative_numbers = true)]
    activity_days: Option<u32>,
    /// Random seed; the same seed and day give the same data.
    #[arg(long, value_parser = numbers::whole::<u64>, allow_negative_numbers = true)]
    seed: Option<u64>,
}

impl DemoArgs {
    fn size(&self) -> DemoSize {
        let d = DemoSize::default();
        DemoSize {
            companies: self.companies.unwrap_or(d.companies),
            partners: self.partners.unwrap_or(d.partners),
            sales_reps: self.sales_reps.unwrap_or(d.sales_reps),
            engineers: self.engineers.unwrap_or(d.engineers),
            product_codes: self.product_codes.unwrap_or(d.product_codes),
            licenses: self.licenses.unwrap_or(d.licenses),
            portal_users: self.portal_users.unwrap_or(d.portal_users),
            activity_rows: self.activity_rows.unwrap_or(d.activity_rows),
            activity_days: self.activity_days.unwrap_or(d.activity_days),
            seed: self.seed.unwrap_or(d.seed),
        }
    }
}

pub fn run(conn: &mut DbConnection, args: &DemoArgs) -> Result<()> {
    let actor = args.auth.login(conn)?;
    let today = chrono::Local::now().date_naive();
    let mut progress = Progress::new();
    let report = demo::load(conn, &actor, &args.size(), today, &mut |p| progress.show(p))?;
    progress.end();
    if let Some(repaired) = &report.repaired {
        println!("{}", repaired_line(repaired));
    }
    for (table, rows) in &report.rows {
        println!("{table:<14} {rows:>12}");
    }
    println!(
        "loaded {} rows in {:.1} s ({:.0} rows/s) into {}",
        report.total_rows,
        report.elapsed.as_secs_f64(),
        report.rows_per_sec(),
        conn.kind().name()
    );
    Ok(())
}

/// `lms migrate`'s second step: repairs a demo load that was killed, saying what it did.
pub fn repair(conn: &mut DbConnection) -> Result<()> {
    let mut progress = Progress::new();
    let repaired = demo::repair_interrupted(conn, &mut |p| progress.show(p))?;
    progress.end();
    if let Some(repaired) = &repaired {
        println!("{}", repaired_line(repaired));
    }
    Ok(())
}

fn repaired_line(r: &Repaired) -> String {
    let started = r.load.started_at.format("%Y-%m-%d %H:%M:%S UTC");
    let rows = if r.rows_removed {
        "removed its rows"
    } else {
        "kept its rows (all were in)"
    };
    format!(
        "repaired the {} load started {started} that was interrupted: {rows}, created \
         again {} and {}",
        r.load.kind,
        counted(r.indexes, "index", "indexes"),
        counted(r.triggers, "trigger", "triggers"),
    )
}

/// Progress on stderr: one line per table, rewritten in place on a terminal; only the
/// finished line into a pipe or a log file.
struct Progress {
    stderr: std::io::Stderr,
    live: bool,
    last_table: &'static str,
}

impl Progress {
    fn new() -> Progress {
        let stderr = std::io::stderr();
        let live = stderr.is_terminal();
        Progress {
            stderr,
            live,
            last_table: "",
        }
    }

    fn show(&mut self, p: DemoProgress) {
        let stderr = &mut self.stderr;
        if !self.live {
            if p.done == p.total {
                let _ = writeln!(stderr, "  {:<14} {:>12} / {}", p.table, p.done, p.total);
            }
            return;
        }
        if p.table != self.last_table {
            if !self.last_table.is_empty() {
                let _ = writeln!(stderr);
            }
            self.last_table = p.table;
        }
        let _ = write!(stderr, "\r  {:<14} {:>12} / {}", p.table, p.done, p.total);
        let _ = stderr.flush();
    }

    fn end(&mut self) {
        if self.live && !self.last_table.is_empty() {
            let _ = writeln!(self.stderr);
        }
    }
}
