//! A live database's schema as its catalogue reports it: tables, their columns (type as
//! the database spells it, nullability) and their indexes (uniqueness, columns in order).
//! Only metadata is read, never a row of business data, and nothing is written.
//!
//! The primary key is reported as an index named `PRIMARY` on both backends (MySQL's own
//! name). SQLite's automatic indexes (`sqlite_autoindex_*`, for `UNIQUE` constraints) are
//! named by their columns instead, `unique(a, b)`, since their numbering is not part of
//! the schema. Diesel's `__diesel_schema_migrations` is left out; [`applied_migrations`]
//! reads it. A SQLite FTS5 table that indexes another table's text (external content) is
//! reported as an index of that table, its columns read `fts5 name`; its shadow tables
//! are its storage and are left out.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text};

use super::DbConnection;

/// Diesel's bookkeeping table: which migrations ran.
pub const MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";

/// Table name -> table.
pub type Schema = BTreeMap<String, Table>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// In the table's order.
    pub columns: Vec<Column>,
    /// Index name -> index.
    pub indexes: BTreeMap<String, Index>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// As the database reports it, e.g. `INTEGER`, `varchar(64)`, `tinyint(1)`.
    pub db_type: String,
    pub nullable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub unique: bool,
    /// In index order; a MySQL prefix index column reads `name(10)`, an expression `<expr>`.
    pub columns: Vec<String>,
}

/// The schema of the database `conn` is connected to.
///
/// # Errors
/// Database errors.
pub fn read(conn: &mut DbConnection) -> QueryResult<Schema> {
    let mut schema = crate::with_backend!(conn, |c| c.read_backend())?;
    schema.remove(MIGRATIONS_TABLE);
    Ok(schema)
}

/// The versions in `__diesel_schema_migrations`, sorted; empty when the table does not
/// exist. Unlike Diesel's `MigrationHarness::applied_migrations`, this never creates it.
///
/// # Errors
/// Database errors.
pub fn applied_migrations(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    #[derive(QueryableByName)]
    struct Version {
        #[diesel(sql_type = Text)]
        version: String,
    }
    if !has_table(conn, MIGRATIONS_TABLE)? {
        return Ok(Vec::new());
    }
    let mut versions: Vec<String> =
        diesel::sql_query(format!("SELECT version FROM {MIGRATIONS_TABLE}"))
            .load::<Version>(conn)?
            .into_iter()
            .map(|v| v.version)
            .collect();
    versions.sort();
    Ok(versions)
}

/// Whether the table `name` exists.
///
/// # Errors
/// Database errors.
pub fn has_table(conn: &mut DbConnection, name: &str) -> QueryResult<bool> {
    crate::with_backend!(conn, |c| c.has_table(name))
}

trait Catalogue {
    fn read_backend(&mut self) -> QueryResult<Schema>;
    fn has_table(&mut self, name: &str) -> QueryResult<bool>;
}

/// `name` as an SQL string literal.
/// An index column as listed: `end_date DESC` when the index holds it newest first.
fn descending(column: String, desc: bool) -> String {
    if desc {
        format!("{column} DESC")
    } else {
        column
    }
}

fn literal(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[cfg(feature = "sqlite")]
mod sqlite {
    use super::{
        Catalogue, Column, Index, Integer, Name, Nullable, Schema, Table, Text, descending, literal,
    };
    use diesel::prelude::*;

    #[derive(QueryableByName)]
    struct ColumnRow {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        type_: String,
        #[diesel(sql_type = Integer)]
        notnull: i32,
        #[diesel(sql_type = Integer)]
        pk: i32,
    }

    #[derive(QueryableByName)]
    struct IndexRow {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Integer)]
        unique: i32,
        /// `c` (CREATE INDEX), `u` (UNIQUE constraint) or `pk`.
        #[diesel(sql_type = Text)]
        origin: String,
    }

    #[derive(QueryableByName)]
    struct IndexColumnRow {
        /// NULL for an expression.
        #[diesel(sql_type = Nullable<Text>)]
        name: Option<String>,
        #[diesel(sql_type = Integer)]
        descending: i32,
    }

    impl Catalogue for diesel::SqliteConnection {
        fn read_backend(&mut self) -> QueryResult<Schema> {
            // Not a full-text table's shadow tables (its own storage) nor the table itself,
            // which is read below as an index.
            let names: Vec<Name> = diesel::sql_query(
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            )
            .load(self)?;
            let mut schema = Schema::new();
            for Name { name } in names {
                let table = read_table(self, &name)?;
                schema.insert(name, table);
            }
            read_text_indexes(self, &mut schema)?;
            Ok(schema)
        }

        fn has_table(&mut self, name: &str) -> QueryResult<bool> {
            let found: Vec<Name> = diesel::sql_query(format!(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = {}",
                literal(name)
            ))
            .load(self)?;
            Ok(!found.is_empty())
        }
    }

    #[derive(QueryableByName)]
    struct VirtualRow {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        sql: String,
    }

    /// Each FTS5 table with external content (`content = 'licenses'`) as an index of the
    /// table whose text it holds, named as the FTS5 table, its columns in order: it is
    /// that table's index, kept by its triggers.
    fn read_text_indexes(
        conn: &mut diesel::SqliteConnection,
        schema: &mut Schema,
    ) -> QueryResult<()> {
        let tables: Vec<VirtualRow> = diesel::sql_query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN \
             (SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual') \
             ORDER BY name",
        )
        .load(conn)?;
        for t in tables {
            let Some(content) = content_table(&t.sql) else {
                continue;
            };
            let Some(table) = schema.get_mut(content) else {
                continue;
            };
            let columns: Vec<Name> = diesel::sql_query(format!(
                "SELECT name FROM pragma_table_xinfo({}) WHERE hidden = 0 ORDER BY cid",
                literal(&t.name)
            ))
            .load(conn)?;
            table.indexes.insert(
                t.name,
                Index {
                    unique: false,
                    columns: columns
                        .into_iter()
                        .map(|c| format!("fts5 {}", c.name))
                        .collect(),
                },
            );
        }
        Ok(())
    }

    /// `x` of `content = 'x'` in a `CREATE VIRTUAL TABLE` statement.
    fn content_table(sql: &str) -> Option<&str> {
        let (_, after) = sql.split_once("content")?;
        let after = after.trim_start().strip_prefix('=')?.trim_start();
        let quoted = after.strip_prefix('\'')?;
        quoted.split_once('\'').map(|(name, _)| name)
    }

    #[cfg(test)]
    #[test]
    fn the_content_table_is_read_from_the_statement() {
        let sql = "CREATE VIRTUAL TABLE w USING fts5(a, b, content = 'licenses', \
                   content_rowid = 'id', tokenize = 'trigram')";
        assert_eq!(content_table(sql), Some("licenses"));
        assert_eq!(
            content_table("CREATE VIRTUAL TABLE w USING fts5(content='t')"),
            Some("t")
        );
        assert_eq!(
            content_table("CREATE VIRTUAL TABLE w USING fts5(a, b)"),
            None
        );
    }

    fn read_table(conn: &mut diesel::SqliteConnection, table: &str) -> QueryResult<Table> {
        let rows: Vec<ColumnRow> = diesel::sql_query(format!(
            // `xinfo`: generated columns too (hidden 2 and 3); 1 is a virtual table's.
            "SELECT name, type AS type_, \"notnull\", pk FROM pragma_table_xinfo({}) \
             WHERE hidden <> 1 ORDER BY cid",
            literal(table)
        ))
        .load(conn)?;
        let mut primary: Vec<(i32, String)> = Vec::new();
        let mut columns = Vec::new();
        for c in rows {
            // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever the pragma says.
            let rowid = c.pk == 1 && c.type_.eq_ignore_ascii_case("INTEGER");
            if c.pk > 0 {
                primary.push((c.pk, c.name.clone()));
            }
            columns.push(Column {
                name: c.name,
                db_type: c.type_,
                nullable: c.notnull == 0 && !rowid,
            });
        }
        let mut indexes = std::collections::BTreeMap::new();
        if !primary.is_empty() {
            primary.sort();
            indexes.insert(
                "PRIMARY".to_owned(),
                Index {
                    unique: true,
                    columns: primary.into_iter().map(|(_, n)| n).collect(),
                },
            );
        }
        let list: Vec<IndexRow> = diesel::sql_query(format!(
            "SELECT name, \"unique\", origin FROM pragma_index_list({})",
            literal(table)
        ))
        .load(conn)?;
        for ix in list {
            if ix.origin == "pk" {
                continue; // the PRIMARY entry above
            }
            // `key = 1`: the indexed columns, not the rowid xinfo adds.
            let cols: Vec<IndexColumnRow> = diesel::sql_query(format!(
                "SELECT name, \"desc\" AS descending FROM pragma_index_xinfo({}) \
                 WHERE key = 1 ORDER BY seqno",
                literal(&ix.name)
            ))
            .load(conn)?;
            let columns: Vec<String> = cols
                .into_iter()
                .map(|c| {
                    let name = c.name.unwrap_or_else(|| "<expr>".to_owned());
                    descending(name, c.descending != 0)
                })
                .collect();
            let name = if ix.name.starts_with("sqlite_autoindex_") {
                format!("unique({})", columns.join(", "))
            } else {
                ix.name
            };
            indexes.insert(
                name,
                Index {
                    unique: ix.unique != 0,
                    columns,
                },
            );
        }
        Ok(Table { columns, indexes })
    }
}

#[cfg(feature = "mysql")]
mod mysql {
    use super::{
        Catalogue, Column, Index, Integer, Name, Nullable, Schema, Text, descending, literal,
    };
    use diesel::prelude::*;

    #[derive(QueryableByName)]
    struct ColumnRow {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        column_name: String,
        #[diesel(sql_type = Text)]
        column_type: String,
        #[diesel(sql_type = Text)]
        is_nullable: String,
    }

    #[derive(QueryableByName)]
    struct IndexRow {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        index_name: String,
        #[diesel(sql_type = Integer)]
        non_unique: i32,
        /// NULL for an expression (MySQL 8 functional index).
        #[diesel(sql_type = Nullable<Text>)]
        column_name: Option<String>,
        #[diesel(sql_type = Nullable<Integer>)]
        sub_part: Option<i32>,
        /// `A`, or `D` for a column indexed newest first.
        #[diesel(sql_type = Nullable<Text>)]
        collation: Option<String>,
    }

    impl Catalogue for diesel::MysqlConnection {
        fn read_backend(&mut self) -> QueryResult<Schema> {
            let mut schema = Schema::new();
            // Tables without columns cannot exist, so the columns list every table.
            let columns: Vec<ColumnRow> = diesel::sql_query(
                "SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, \
                 COLUMN_TYPE AS column_type, IS_NULLABLE AS is_nullable \
                 FROM information_schema.COLUMNS c WHERE TABLE_SCHEMA = DATABASE() \
                 AND EXISTS (SELECT 1 FROM information_schema.TABLES t \
                   WHERE t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME \
                   AND t.TABLE_TYPE = 'BASE TABLE') \
                 ORDER BY TABLE_NAME, ORDINAL_POSITION",
            )
            .load(self)?;
            for c in columns {
                schema
                    .entry(c.table_name)
                    .or_default()
                    .columns
                    .push(Column {
                        name: c.column_name,
                        db_type: c.column_type,
                        nullable: c.is_nullable.eq_ignore_ascii_case("YES"),
                    });
            }
            let rows: Vec<IndexRow> = diesel::sql_query(
                "SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, \
                 CAST(NON_UNIQUE AS SIGNED) AS non_unique, COLUMN_NAME AS column_name, \
                 CAST(SUB_PART AS SIGNED) AS sub_part, COLLATION AS collation \
                 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
                 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
            )
            .load(self)?;
            for r in rows {
                let Some(table) = schema.get_mut(&r.table_name) else {
                    continue;
                };
                let index = table.indexes.entry(r.index_name).or_insert_with(|| Index {
                    unique: r.non_unique == 0,
                    columns: Vec::new(),
                });
                let column = r.column_name.unwrap_or_else(|| "<expr>".to_owned());
                let column = match r.sub_part {
                    Some(n) => format!("{column}({n})"),
                    None => column,
                };
                index
                    .columns
                    .push(descending(column, r.collation.as_deref() == Some("D")));
            }
            Ok(schema)
        }

        fn has_table(&mut self, name: &str) -> QueryResult<bool> {
            let found: Vec<Name> = diesel::sql_query(format!(
                "SELECT TABLE_NAME AS name FROM information_schema.TABLES \
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {}",
                literal(name)
            ))
            .load(self)?;
            Ok(!found.is_empty())
        }
    }
}
