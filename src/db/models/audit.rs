use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::audit_log;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub operator_id: Option<i64>,
    pub at: NaiveDateTime,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    /// Field-level before/after as JSON: `{"field": [before, after], ...}`.
    pub changes: String,
}

// `None` is NULL, not DEFAULT: what lets SQLite take a batch in one multi-row INSERT.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub struct NewAuditEntry {
    pub operator_id: Option<i64>,
    pub at: NaiveDateTime,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub changes: String,
}

/// One changed field as stored: (column, before, after); `None` = absent.
pub type Change = (String, Option<String>, Option<String>);

/// Decodes an audit row's `changes`, `{"field": [before, after], ...}`, in field-name
/// order; non-string values are shown as JSON.
///
/// # Errors
/// Not JSON, not an object, or a field that is not a `[before, after]` pair.
pub fn decode_changes(json: &str) -> Result<Vec<Change>, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let serde_json::Value::Object(map) = value else {
        return Err("not an object".to_owned());
    };
    let text = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    map.into_iter()
        .map(|(field, pair)| match pair {
            serde_json::Value::Array(v) if v.len() == 2 => {
                Ok((field, text(v.first()), text(v.get(1))))
            }
            other => Err(format!("field {field} holds {other}, not [before, after]")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::decode_changes as decode;

    #[test]
    fn decodes_before_and_after() {
        let got = decode(r#"{"seats":["25","30"],"notes":[null,"שלום 🚀"],"n":[1,true]}"#).unwrap();
        assert_eq!(
            got,
            vec![
                (
                    "n".to_owned(),
                    Some("1".to_owned()),
                    Some("true".to_owned())
                ),
                ("notes".to_owned(), None, Some("שלום 🚀".to_owned())),
                (
                    "seats".to_owned(),
                    Some("25".to_owned()),
                    Some("30".to_owned())
                ),
            ]
        );
        assert_eq!(decode("{}").unwrap(), vec![]);
        assert!(decode("[1]").is_err());
        assert!(decode(r#"{"a":[1]}"#).is_err());
        assert!(decode("not json").is_err());
    }
}
