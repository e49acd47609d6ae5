//! Which column of a file feeds which field: headers matched by name or alias, then the
//! operator's `--map "Customer=company,Qty=seats,Colour="` (an empty field skips the
//! column). Checked before a row is read: a key field with no column, or two columns
//! feeding one field, stops the import with the fix to make.

use super::fields::{self, Field, Target};

/// Where each column goes: `columns[i]` is the field column `i` feeds, `None` skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub target: Target,
    pub headers: Vec<String>,
    pub columns: Vec<Option<&'static Field>>,
}

/// Why a mapping cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("--map: {0:?} is not COLUMN=FIELD (an empty FIELD skips the column)")]
    Syntax(String),
    #[error("--map: the file has no column {0:?} (its columns: {1})")]
    NoColumn(String, String),
    #[error("--map: {target} have no field {field:?} (fields: {fields})")]
    NoField {
        target: &'static str,
        field: String,
        fields: String,
    },
    #[error("columns {0:?} and {1:?} both feed the field {2}: skip one with --map \"{1}=\"")]
    Twice(String, String, &'static str),
    #[error(
        "no column gives the {0}, which identifies each row: name one with --map \"COLUMN={0}\""
    )]
    NoKey(&'static str),
}

/// A `--map` value as pairs of (column header, field name or empty).
///
/// # Errors
/// A pair without `=`.
pub fn parse_overrides(text: &str) -> Result<Vec<(String, String)>, MappingError> {
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|pair| {
            let (column, field) = pair
                .split_once('=')
                .ok_or_else(|| MappingError::Syntax(pair.trim().to_owned()))?;
            Ok((column.trim().to_owned(), field.trim().to_owned()))
        })
        .collect()
}

impl Mapping {
    /// Matches `headers` to `target`'s fields, then applies `overrides`.
    ///
    /// # Errors
    /// An override naming no column or no field, two columns for one field, or no column
    /// for a key field.
    pub fn new(
        target: Target,
        headers: &[String],
        overrides: &[(String, String)],
    ) -> Result<Self, MappingError> {
        let mut mapping = Mapping::matched(target, headers);
        for (column, field) in overrides {
            let i = headers
                .iter()
                .position(|h| fields::fold(h) == fields::fold(column))
                .ok_or_else(|| MappingError::NoColumn(column.clone(), headers.join(", ")))?;
            mapping.columns[i] = if field.is_empty() {
                None
            } else {
                Some(find_field(target, field)?)
            };
        }
        mapping.check()?;
        Ok(mapping)
    }

    /// `headers` matched to `target`'s fields by name and alias, unchecked: the TUI shows
    /// a mapping that needs the operator's changes before [`Mapping::check`] passes.
    #[must_use]
    pub fn matched(target: Target, headers: &[String]) -> Self {
        Mapping {
            target,
            headers: headers.to_vec(),
            columns: headers.iter().map(|h| fields::lookup(target, h)).collect(),
        }
    }

    /// Feeds column `i` from `field` (`None`: skip it), as the TUI's mapping step does.
    ///
    /// # Errors
    /// The mapping it leaves is unusable (see [`Mapping::new`]).
    pub fn set(&mut self, i: usize, field: Option<&'static Field>) -> Result<(), MappingError> {
        let Some(slot) = self.columns.get_mut(i) else {
            return Ok(());
        };
        let before = std::mem::replace(slot, field);
        self.check().inspect_err(|_| self.columns[i] = before)
    }

    /// Whether the mapping can be used: two columns for one field, or a key field with no
    /// column, is refused with the fix to make.
    ///
    /// # Errors
    /// The first problem found.
    pub fn check(&self) -> Result<(), MappingError> {
        for (i, field) in self.columns.iter().enumerate() {
            let Some(field) = field else { continue };
            if let Some(j) = (i + 1..self.columns.len()).find(|&j| self.columns[j] == Some(field)) {
                return Err(MappingError::Twice(
                    self.headers[i].clone(),
                    self.headers[j].clone(),
                    field.name,
                ));
            }
        }
        for f in self.target.fields().iter().filter(|f| f.key) {
            if self.column_of(f.name).is_none() {
                return Err(MappingError::NoKey(f.name));
            }
        }
        Ok(())
    }

    /// The column that feeds the field `name`.
    #[must_use]
    pub fn column_of(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|f| f.is_some_and(|f| f.name == name))
    }

    /// The columns no field takes, by header: the report says they were not read.
    #[must_use]
    pub fn skipped(&self) -> Vec<&str> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(_, f)| f.is_none())
            .map(|(h, _)| h.as_str())
            .collect()
    }
}

fn find_field(target: Target, name: &str) -> Result<&'static Field, MappingError> {
    target
        .fields()
        .iter()
        .find(|f| fields::fold(f.name) == fields::fold(name))
        .ok_or_else(|| MappingError::NoField {
            target: target.name(),
            field: name.to_owned(),
            fields: target
                .fields()
                .iter()
                .map(|f| f.name)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    fn fed(m: &Mapping) -> Vec<Option<&str>> {
        m.columns.iter().map(|f| f.map(|f| f.name)).collect()
    }

    #[test]
    fn snipe_it_headers_map_without_help() {
        let h = headers(&[
            "Name",
            "Product Key",
            "Seats",
            "Company",
            "Expiration Date",
            "Purchase Cost",
            "Order Number",
            "Supplier",
            "Licensed to Name",
        ]);
        let m = Mapping::new(Target::Licenses, &h, &[]).unwrap();
        assert_eq!(
            fed(&m),
            [
                Some("product_code"),
                Some("license_key"),
                Some("seats"),
                Some("company"),
                Some("end_date"),
                Some("cost"),
                Some("order_number"),
                Some("partner"),
                None
            ]
        );
        assert_eq!(m.skipped(), ["Licensed to Name"]);
    }

    #[test]
    fn overrides_feed_skip_and_are_checked() {
        let h = headers(&["Key", "Customer Name", "Qty", "Colour"]);
        let o = parse_overrides("Customer Name=company, qty = seats,Colour=").unwrap();
        let m = Mapping::new(Target::Licenses, &h, &o).unwrap();
        assert_eq!(
            fed(&m),
            [Some("license_key"), Some("company"), Some("seats"), None]
        );
        assert_eq!(
            parse_overrides("Qty").unwrap_err(),
            MappingError::Syntax("Qty".into())
        );
        let e = Mapping::new(Target::Licenses, &h, &[("Size".into(), "seats".into())]);
        assert!(matches!(e, Err(MappingError::NoColumn(..))));
        let e = Mapping::new(Target::Licenses, &h, &[("Qty".into(), "colour".into())]);
        assert!(
            matches!(e, Err(MappingError::NoField { ref fields, .. }) if fields.contains("seats"))
        );
    }

    #[test]
    fn two_columns_for_one_field_or_no_key_column_stop_the_import() {
        let h = headers(&["License Key", "Serial"]);
        let e = Mapping::new(Target::Licenses, &h, &[]).unwrap_err();
        assert_eq!(
            e,
            MappingError::Twice("License Key".into(), "Serial".into(), "license_key")
        );
        let fixed = Mapping::new(Target::Licenses, &h, &[("Serial".into(), String::new())]);
        assert!(fixed.is_ok());
        let e = Mapping::new(Target::Purchases, &headers(&["license", "date"]), &[]);
        assert_eq!(e.unwrap_err(), MappingError::NoKey("order_number"));
    }

    #[test]
    fn a_change_that_breaks_the_mapping_is_refused_and_undone() {
        let h = headers(&["license_key", "seats"]);
        let mut m = Mapping::new(Target::Licenses, &h, &[]).unwrap();
        let seats = m.columns[1];
        assert!(m.set(0, None).is_err());
        assert_eq!(m.columns[0].map(|f| f.name), Some("license_key"));
        assert!(m.set(0, seats).is_err());
        m.set(1, None).unwrap();
        assert_eq!(m.skipped(), ["seats"]);
    }
}
