//! What a stored column is called on screen: "Partner", not `partner_id`. The one mapping
//! (entity, column) → label, used wherever a change history is shown (a license's history,
//! the Audit log tab). A column nobody named yet still reads as words, never as a raw name.

use std::borrow::Cow;

/// Labels that depend on the entity; `*` applies to every entity without its own.
const LABELS: &[(&str, &str, &str)] = &[
    ("purchase", "purchase_date", "Date"),
    ("purchase", "seats_added", "Seats added"),
    ("purchase", "order_number", "Order"),
    ("purchase", "new_end_date", "New end date"),
    ("deployment", "scheduled_date", "Scheduled"),
    ("deployment", "started_date", "Started"),
    ("deployment", "completed_date", "Completed"),
    ("operator", "last_login_at", "Last login"),
    ("*", "license_key", "License"),
    ("*", "license_id", "License"),
    ("*", "company_id", "Company"),
    ("*", "product_code_id", "Product"),
    ("*", "partner_id", "Partner"),
    ("*", "sales_rep_id", "Sales rep"),
    ("*", "engineer_id", "Engineer"),
    ("*", "start_date", "Start"),
    ("*", "end_date", "End"),
    ("*", "contact_email", "Contact"),
];

/// The label of `column` of `entity` (as the audit log names them).
#[must_use]
pub fn field_label(entity: &str, column: &str) -> Cow<'static, str> {
    let named = |e: &str| {
        LABELS
            .iter()
            .find(|(le, lc, _)| *le == e && *lc == column)
            .map(|(_, _, label)| *label)
    };
    match named(entity).or_else(|| named("*")) {
        Some(label) => Cow::Borrowed(label),
        None => Cow::Owned(words(column)),
    }
}

/// `failed_attempts` as "Failed attempts"; a trailing `_id` or `_at` is dropped.
fn words(column: &str) -> String {
    let stem = column
        .strip_suffix("_id")
        .or_else(|| column.strip_suffix("_at"))
        .filter(|s| !s.is_empty())
        .unwrap_or(column);
    let mut out = String::with_capacity(stem.len());
    for (i, c) in stem.chars().enumerate() {
        match c {
            '_' => out.push(' '),
            c if i == 0 => out.extend(c.to_uppercase()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field_label;

    #[test]
    fn columns_read_as_labels() {
        assert_eq!(field_label("license", "partner_id"), "Partner");
        assert_eq!(field_label("license", "end_date"), "End");
        assert_eq!(field_label("purchase", "purchase_date"), "Date");
        assert_eq!(field_label("license", "seats"), "Seats");
        assert_eq!(
            field_label("operator", "failed_attempts"),
            "Failed attempts"
        );
        assert_eq!(field_label("operator", "locked_until"), "Locked until");
        assert_eq!(field_label("operator", "last_login_at"), "Last login");
        assert_eq!(field_label("company", "owner_id"), "Owner");
        assert_eq!(field_label("company", "created_at"), "Created");
        assert_eq!(field_label("x", ""), "");
    }
}
