//! A free word on the license list through the licences' trigram index (SQLite's FTS5
//! table `licenses_words`, migration `2026-12-09-100001`), so that a word reads the
//! licences that can contain it instead of every licence.
//!
//! A word of three or more characters is in a text only if each of its trigrams is, so
//! the index gives every licence whose key, company, product, partner, rep or notes may
//! contain it (FTS5 folds case at least as widely as `LIKE`), and the list's `LIKE` on the
//! same columns keeps those that do: the meaning of a word is unchanged. A shorter word has
//! no trigram, and `LIKE` alone reads every licence.
//!
//! MariaDB has no trigram index. Its FULLTEXT index holds words, not substrings, and was
//! measured slower for the free word at 1M licences (each match reads its licence row:
//! 0.86 s to count one company's name), so there the condition is true and `LIKE` decides.

use diesel::QueryResult;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::Bool;

use crate::db::{Db, MultiBackend};

/// The fewest characters a trigram index can look for.
const SHORTEST: usize = 3;

/// `licenses.id` is among the licences whose text holds every trigram of a free word;
/// see [`license_words`].
#[derive(Debug, Clone)]
pub struct LicenseWords {
    /// The word as one FTS5 string (`"…"`, inner quotes doubled): its trigrams in order.
    #[cfg_attr(not(feature = "sqlite"), allow(dead_code))]
    phrase: String,
}

/// The index condition for `word`, or `None` when it is too short to have a trigram.
/// A leading `=` (the whole text) is not part of the text.
#[must_use]
pub fn license_words(word: &str) -> Option<LicenseWords> {
    let text = word.strip_prefix('=').unwrap_or(word);
    (text.chars().count() >= SHORTEST).then(|| LicenseWords {
        phrase: format!("\"{}\"", text.replace('"', "\"\"")),
    })
}

impl LicenseWords {
    #[cfg(feature = "sqlite")]
    fn walk_fts5<'b, DB>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()>
    where
        DB: diesel::backend::Backend + diesel::sql_types::HasSqlType<diesel::sql_types::Text>,
        String: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
    {
        out.push_sql(
            "licenses.id IN (SELECT rowid FROM licenses_words WHERE licenses_words MATCH ",
        );
        out.push_bind_param::<diesel::sql_types::Text, _>(&self.phrase)?;
        out.push_sql(")");
        Ok(())
    }
}

#[cfg(feature = "mysql")]
fn walk_true<DB: diesel::backend::Backend>(mut out: AstPass<'_, '_, DB>) {
    out.push_sql("1 = 1");
}

impl Expression for LicenseWords {
    type SqlType = Bool;
}

impl QueryId for LicenseWords {
    type QueryId = ();
    // The SQL differs by backend: no static id.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl QueryFragment<Db> for LicenseWords {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Db>) -> QueryResult<()> {
        match out.backend() {
            #[cfg(feature = "sqlite")]
            MultiBackend::Sqlite(_) => self.walk_fts5(out),
            #[cfg(feature = "mysql")]
            MultiBackend::Mysql(_) => {
                walk_true(out);
                Ok(())
            }
        }
    }
}

// The timeline builds some queries for the backend's own connection.
#[cfg(feature = "sqlite")]
impl QueryFragment<diesel::sqlite::Sqlite> for LicenseWords {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, diesel::sqlite::Sqlite>) -> QueryResult<()> {
        self.walk_fts5(out)
    }
}

#[cfg(feature = "mysql")]
impl QueryFragment<diesel::mysql::Mysql> for LicenseWords {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, diesel::mysql::Mysql>) -> QueryResult<()> {
        walk_true(out);
        Ok(())
    }
}

impl<QS> AppearsOnTable<QS> for LicenseWords {}

impl<QS> SelectableExpression<QS> for LicenseWords {}

impl<G> ValidGrouping<G> for LicenseWords {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_of_three_characters_or_more_is_one_quoted_string() {
        let phrase = |w: &str| license_words(w).map(|l| l.phrase);
        assert_eq!(phrase("Dynamo").as_deref(), Some("\"Dynamo\""));
        assert_eq!(phrase("=Acme GmbH").as_deref(), Some("\"Acme GmbH\""));
        assert_eq!(phrase("say \"hi\"").as_deref(), Some("\"say \"\"hi\"\"\""));
        assert_eq!(phrase("Zür").as_deref(), Some("\"Zür\""));
        // Operators of the FTS5 query language are text inside the string.
        assert_eq!(phrase("a* OR b").as_deref(), Some("\"a* OR b\""));
        assert_eq!(phrase("42"), None);
        assert_eq!(phrase("=ab"), None);
        assert_eq!(phrase("日本"), None);
    }
}
