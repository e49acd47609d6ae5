//! `lms doctor`: says how the database's schema differs from the migrations'.
//!
//! It asks for no operator login: it reads the catalogue (table, column and index names)
//! and the list of applied migrations, never a row of business data, and writes nothing.
//! Whoever can reach the database with `DATABASE_URL` can read all that directly anyway.

use std::process::ExitCode;

use lms::config::DatabaseUrl;

/// Exit 0 when the schema is what the migrations define, 1 with the differences, 2 when
/// the check itself failed.
pub fn run(database_url: Option<&str>) -> ExitCode {
    let checked = DatabaseUrl::resolve(database_url)
        .map_err(anyhow::Error::from)
        .and_then(|url| {
            let differences = lms::db::doctor::check(&url)
                .map_err(|e| anyhow::Error::from(e).context(url.to_string()))?;
            Ok((url, differences))
        });
    match checked {
        Ok((url, differences)) if differences.is_empty() => {
            println!("{url}: the schema matches the migrations");
            ExitCode::SUCCESS
        }
        Ok((url, differences)) => {
            println!(
                "{url}: {} between the schema and the migrations:",
                if differences.len() == 1 {
                    "1 difference".to_owned()
                } else {
                    format!("{} differences", differences.len())
                }
            );
            for line in &differences {
                // Names come from the database: no terminal control reaches the screen.
                println!("  {}", lms::domain::text::sanitize(line));
            }
            ExitCode::from(1)
        }
        Err(err) => {
            super::print_error(&err);
            ExitCode::from(2)
        }
    }
}
