//! Text as the database holds it, decoded lossily. Another tool may have written bytes
//! that are not UTF-8 (`FF FE` in a company name); read as `String` they fail the whole
//! page or report ("Error deserializing field 'name'"). Read as [`DbText`] they become a
//! visible U+FFFD and the rest of the row, and of the page, still shows.

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::sql_types::Text;

use super::Db;

/// A text column read as bytes and decoded lossily, on every backend.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, FromSqlRow)]
pub struct DbText(pub String);

impl DbText {
    fn decode(bytes: &[u8]) -> Self {
        DbText(String::from_utf8_lossy(bytes).into_owned())
    }
}

impl From<DbText> for String {
    fn from(text: DbText) -> Self {
        text.0
    }
}

impl std::fmt::Display for DbText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "sqlite")]
impl FromSql<Text, diesel::sqlite::Sqlite> for DbText {
    fn from_sql(mut value: diesel::sqlite::SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        // The value's bytes as stored: SQLite keeps whatever was written into TEXT.
        Ok(DbText::decode(value.read_blob()))
    }
}

#[cfg(feature = "mysql")]
impl FromSql<Text, diesel::mysql::Mysql> for DbText {
    fn from_sql(value: diesel::mysql::MysqlValue<'_>) -> deserialize::Result<Self> {
        Ok(DbText::decode(value.as_bytes()))
    }
}

impl FromSql<Text, Db> for DbText {
    fn from_sql(
        value: <Db as diesel::backend::Backend>::RawValue<'_>,
    ) -> deserialize::Result<Self> {
        value.from_sql::<DbText, Text>()
    }
}
