//! Untrusted text (from the database or a CSV) made safe to draw in a terminal, and the
//! length/character checks every free-text field shares.

use std::borrow::Cow;

use super::DomainError;

/// Replaces control characters and Unicode bidi-format characters, which could move the
/// cursor, recolour the terminal or reorder what follows, with a visible U+FFFD; and
/// neutralises what terminals draw with widths of their own ([`is_width_unstable`],
/// variation selectors), which would shift the rest of the line and leave pieces of it
/// on later screens. The result has the same width in every terminal: each grapheme is as
/// wide as its characters.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| !is_unsafe(c) && !is_width_unstable(c) && !is_variation_selector(c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_variation_selector(*c))
            .map(|c| {
                if is_unsafe(c) || is_width_unstable(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Characters whose width terminals disagree on: the zero-width and invisible format
/// characters (ZWSP, ZWNJ, ZWJ, word joiner and invisible operators, BOM, soft hyphen,
/// Mongolian vowel separator) and the emoji skin-tone modifiers. A ZWJ joins emoji into
/// one 2-column glyph in some terminals and not in others (a family of three is 2 or 6
/// columns); a modifier is 0 or 2 columns after its emoji. Shown as U+FFFD, they are
/// visible (no name hides a character) and 1 column everywhere.
#[must_use]
pub fn is_width_unstable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// A variation selector (VS1-VS16) only picks a glyph's presentation, yet VS16 makes
/// `❤` two columns wide in some terminals and one in others: dropped for display.
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}')
}

/// Text from the database or an error made safe for one terminal line: line breaks and
/// tabs become spaces, other control and bidi characters a visible U+FFFD. What every
/// screen shows, and every report for people or on a terminal.
#[must_use]
pub fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    sanitize(&flat).into_owned()
}

/// A control character (C0, DEL, C1) or a Unicode bidi-format character: what
/// [`sanitize`] replaces.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks a single-line text field: trimmed, non-empty when `required`, at most `max`
/// characters, and free of control characters.
///
/// # Errors
/// A message naming the field and the problem.
pub fn check_line(
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, DomainError> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(DomainError::Invalid(format!("{field} is required")));
    }
    let len = v.chars().count();
    if len > max {
        return Err(DomainError::Invalid(format!(
            "{field} is too long ({len} characters, at most {max})"
        )));
    }
    if v.chars().any(is_unsafe) {
        return Err(DomainError::Invalid(format!(
            "{field} contains control or text-direction characters"
        )));
    }
    Ok(v.to_owned())
}

/// Checks a multi-line text field such as notes: at most `max` characters; newlines and tabs
/// are allowed, other control characters and bidi-format characters are not (they could
/// reorder or hide what an operator reads). Line endings are normalised to `\n` and the
/// whole text is trimmed.
///
/// # Errors
/// A message naming the field and the problem.
pub fn check_multiline(field: &str, value: &str, max: usize) -> Result<String, DomainError> {
    let v = value.replace("\r\n", "\n");
    let v = v.trim();
    let len = v.chars().count();
    if len > max {
        return Err(DomainError::Invalid(format!(
            "{field} is too long ({len} characters, at most {max})"
        )));
    }
    if v.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return Err(DomainError::Invalid(format!(
            "{field} contains control or text-direction characters"
        )));
    }
    Ok(v.to_owned())
}

/// The columns `text` takes in a terminal: wide (CJK, emoji) characters count two,
/// combining and zero-width characters none.
#[must_use]
pub fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Where [`pad`] puts the text in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// `text` padded with spaces to `width` terminal columns (by [`display_width`], not by
/// characters); text already as wide or wider is returned whole.
#[must_use]
pub fn pad(text: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(text)));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

/// 1234567 as "1,234,567": the one thousands grouping of every figure shown to people
/// (money, counts and seats in the TUI and the CLI's table). Machine formats (CSV, JSON)
/// stay plain.
#[must_use]
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed count grouped in thousands: -1234 as "-1,234".
#[must_use]
pub fn count(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", grouped(n.unsigned_abs()))
}

/// `n` and the noun for that many: "1 index", "16 indexes", "1,000 rows".
#[must_use]
pub fn counted(n: usize, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    format!("{} {noun}", grouped(n as u64))
}

/// What a spreadsheet takes for the start of a formula (OWASP CSV injection): `=`, `+`,
/// `-`, `@`, tab and carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, past any leading apostrophes, starts like a formula. Apostrophes count
/// so that text already starting with `'=` is escaped again and [`restore_formula`] gives
/// it back whole.
fn formula_like(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A text cell a spreadsheet would run as a formula, with a leading `'` that makes it text.
/// [`restore_formula`] is its exact inverse, so an exported file imports back unchanged.
#[must_use]
pub fn defuse_formula(text: &str) -> Cow<'_, str> {
    if formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text [`defuse_formula`] was given: one leading `'` removed when what follows it
/// (past further apostrophes) starts like a formula; any other text as it is.
#[must_use]
pub fn restore_formula(text: &str) -> Cow<'_, str> {
    match text.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("株式会社"), 8);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("a\u{200B}b"), 2);
        assert_eq!(pad("株式", 6, Align::Left), "株式  ");
        assert_eq!(pad("12", 4, Align::Right), "  12");
        assert_eq!(pad("too wide", 3, Align::Left), "too wide");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(10_000_000), "10,000,000");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(count(-5), "-5");
        assert_eq!(count(1234), "1,234");
        assert_eq!(count(-1_234_567), "-1,234,567");
        assert_eq!(count(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn sanitize_neutralises_controls_and_bidi() {
        assert_eq!(sanitize("Acme GmbH"), "Acme GmbH");
        assert_eq!(sanitize("a\x1b[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(sanitize("x\u{202E}y\nz"), "x\u{FFFD}y\u{FFFD}z");
        assert_eq!(sanitize("שלום 🚀"), "שלום 🚀");
    }

    /// Width-unstable text, with the widths tmux 3.3a gives the sanitised form (measured
    /// with `printf` and `#{cursor_x}`): every one is also the sum of its characters'
    /// widths and of its graphemes' widths, so terminals that join graphemes and those
    /// that draw character by character agree with each other and with ratatui.
    const UNSTABLE: &[(&str, usize)] = &[
        ("a\u{200B}b", 3),
        ("\u{200C}\u{200D}\u{2060}\u{FEFF}\u{00AD}\u{180E}", 6),
        ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", 8),
        ("\u{1F44D}\u{1F3FD}", 3),
        ("\u{2764}\u{FE0F}", 1),
        ("1\u{FE0F}\u{20E3}", 1),
        ("\u{1F1E9}\u{1F1EA}", 2),
        ("e\u{301} \u{0E01}\u{0E33} \u{1100}\u{1161}\u{11A8}", 7),
        ("株式会社🚀", 10),
    ];

    #[test]
    fn sanitized_text_is_as_wide_in_every_terminal() {
        use unicode_segmentation::UnicodeSegmentation;
        use unicode_width::UnicodeWidthChar;
        for (text, tmux) in UNSTABLE {
            let shown = sanitize(text);
            let by_chars: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
            let by_graphemes: usize = shown.graphemes(true).map(display_width).sum();
            assert_eq!(
                (display_width(&shown), by_chars, by_graphemes),
                (*tmux, *tmux, *tmux),
                "{text:?} shown as {shown:?}"
            );
        }
        // Visible, not hidden: a name cannot carry an invisible character unseen.
        assert_eq!(sanitize("Ac\u{200B}me"), "Ac\u{FFFD}me");
        assert_eq!(sanitize("\u{2764}\u{FE0F} ok"), "\u{2764} ok");
    }

    #[test]
    fn check_line_rules() {
        assert_eq!(check_line("name", "  Acme ", 10, true).unwrap(), "Acme");
        assert!(check_line("name", "   ", 10, true).is_err());
        assert_eq!(check_line("note", "", 10, false).unwrap(), "");
        assert!(check_line("name", "abcdefghijk", 10, true).is_err());
        assert!(check_line("name", "🚀🚀🚀", 3, true).is_ok());
        assert!(check_line("name", "a\tb", 10, true).is_err());
        assert!(check_line("name", "a\u{2066}b", 10, true).is_err());
    }

    #[test]
    fn check_multiline_rules() {
        assert_eq!(
            check_multiline("notes", " a\r\n\tb\n", 10).unwrap(),
            "a\n\tb"
        );
        assert_eq!(check_multiline("notes", "", 10).unwrap(), "");
        assert!(check_multiline("notes", "مرحبا 👋🏽", 10).is_ok());
        assert!(check_multiline("notes", &"x".repeat(11), 10).is_err());
        assert!(check_multiline("notes", &"é".repeat(10), 10).is_ok());
        for bad in ["a\u{1b}[2Jb", "a\rb", "a\u{7}", "a\u{202E}b", "a\u{200F}"] {
            let err = check_multiline("notes", bad, 100).unwrap_err().to_string();
            assert!(err.contains("control"), "{bad:?}: {err}");
        }
    }
    #[test]
    fn formulas_are_defused_and_restored_exactly() {
        for start in ['=', '+', '-', '@', '\t', '\r'] {
            let cell = format!("{start}SUM(A1)");
            assert_eq!(defuse_formula(&cell), format!("'{cell}"), "{start:?}");
            assert_eq!(restore_formula(&defuse_formula(&cell)), cell);
        }
        for plain in [
            "Acme",
            "",
            "'quoted'",
            "a=b",
            " =x",
            "1234.56",
            "2026-01-31",
        ] {
            assert!(
                matches!(defuse_formula(plain), Cow::Borrowed(_)),
                "{plain:?}"
            );
            assert_eq!(restore_formula(plain), plain);
        }
        // Text that already looks defused is escaped again, so it comes back whole.
        for tricky in ["'=x", "''+1", "'", "'-", "'a"] {
            assert_eq!(
                restore_formula(&defuse_formula(tricky)),
                tricky,
                "{tricky:?}"
            );
        }
        assert_eq!(defuse_formula("'=x"), "''=x");
        assert_eq!(restore_formula("'@home"), "@home");
        assert_eq!(restore_formula("'home"), "'home");
        assert_eq!(restore_formula("'"), "'");
    }
}
