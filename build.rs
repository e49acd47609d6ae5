//! Rebuilds when a migration is added or changed: `embed_migrations!` reads the
//! `migrations/` tree at compile time, but cargo does not watch it by itself, so a new
//! migration directory would otherwise be missing from an incremental build.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
