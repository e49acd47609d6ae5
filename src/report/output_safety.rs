//! Text from the data, made safe for where a report (or an export) goes. Every
//! `lms report …` command writes through here, so the rule lives in one place:
//!
//! - Formats for people (the table, the timeline chart) always show data text as the
//!   TUI does ([`one_line`]): line breaks flattened, control and bidi characters a
//!   visible U+FFFD. They are laid out by display width, which such characters break.
//! - Machine formats (CSV, JSON) stay exact in a file or a pipe: a script reads back
//!   the very text stored. JSON `\u`-escapes every C0/C1 control and bidi control, which
//!   decodes to the same text but leaves no raw byte for a terminal to act on when the
//!   file is shown. CSV has no escape: its cells are exact, only defused as formulas.
//! - On a terminal, machine formats show data text as the TUI does too: a name must not
//!   recolour the terminal, retitle it or write the clipboard (OSC 52) there.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use serde::Serialize;
use serde_json::Value;

use crate::domain::text::{defuse_formula, is_unsafe, one_line};

/// Where the output goes, which decides how machine formats treat data text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A person reads it as it arrives.
    Terminal,
    /// A file or a pipe: a program reads it.
    Stream,
}

impl Destination {
    /// Standard output's.
    #[must_use]
    pub fn stdout() -> Self {
        if std::io::stdout().is_terminal() {
            Destination::Terminal
        } else {
            Destination::Stream
        }
    }

    /// Data text in a machine format: exact to a stream, as the TUI shows it on a terminal.
    #[must_use]
    pub fn machine(self, text: &str) -> Cow<'_, str> {
        match self {
            Destination::Stream => Cow::Borrowed(text),
            Destination::Terminal => people(text),
        }
    }
}

/// Data text in a format for people, wherever it goes: as the TUI shows it.
#[must_use]
pub fn people(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(one_line(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// `value` as one line of JSON (and a newline) for `dest`: every string made safe by
/// [`Destination::machine`], every control and bidi character `\u`-escaped.
///
/// # Errors
/// Only if serialising to memory fails.
pub fn json(dest: Destination, value: &Value) -> Result<String, serde_json::Error> {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, EscapeControls);
    match dest {
        Destination::Stream => value.serialize(&mut ser)?,
        Destination::Terminal => neutralised(value).serialize(&mut ser)?,
    }
    buf.push(b'\n');
    // Serialised from `str`s: UTF-8.
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// `value` with every string (keys too) as the TUI shows it.
fn neutralised(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(people(s).into_owned()),
        Value::Array(items) => Value::Array(items.iter().map(neutralised).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (people(k).into_owned(), neutralised(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `serde_json`'s compact output, which escapes C0 controls itself, with DEL, the C1
/// controls and the bidi characters escaped as well.
struct EscapeControls;

impl serde_json::ser::Formatter for EscapeControls {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // All of them are in the Basic Multilingual Plane: one \u escape each.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// A CSV cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvCell {
    /// Text from the data: defused as a formula, made safe for the destination.
    Data(String),
    /// What lms wrote itself (a header, a figure): as it is.
    Plain(String),
}

/// CSV for `dest`: a header and records of [`CsvCell`]s, in memory ([`Csv::new`]) or
/// streamed to a writer ([`Csv::to_writer`]).
pub struct Csv<W: Write = Vec<u8>> {
    dest: Destination,
    writer: csv::Writer<W>,
}

impl Csv {
    #[must_use]
    pub fn new(dest: Destination) -> Self {
        Csv::to_writer(dest, Vec::new())
    }

    /// # Errors
    /// Only if writing to memory fails.
    pub fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.into_inner()?;
        // Written from `str`s: UTF-8.
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl<W: Write> Csv<W> {
    /// CSV written to `out` as records come (RFC 4180, buffered).
    pub fn to_writer(dest: Destination, out: W) -> Self {
        Csv {
            dest,
            writer: csv::Writer::from_writer(out),
        }
    }

    /// # Errors
    /// When writing fails.
    pub fn record(&mut self, cells: &[CsvCell]) -> Result<(), csv::Error> {
        for cell in cells {
            match cell {
                CsvCell::Data(text) => self.data(text)?,
                CsvCell::Plain(text) => self.plain(text)?,
            }
        }
        self.end_record()
    }

    /// The next cell of the record: text from the data (see [`CsvCell::Data`]).
    ///
    /// # Errors
    /// When writing fails.
    pub fn data(&mut self, text: &str) -> Result<(), csv::Error> {
        self.writer
            .write_field(defused(self.dest.machine(text)).as_bytes())
    }

    /// The next cell of the record: what lms wrote itself (see [`CsvCell::Plain`]).
    ///
    /// # Errors
    /// When writing fails.
    pub fn plain(&mut self, text: &str) -> Result<(), csv::Error> {
        self.writer.write_field(text)
    }

    /// Ends the record begun by [`Csv::data`] and [`Csv::plain`].
    ///
    /// # Errors
    /// When writing fails.
    pub fn end_record(&mut self) -> Result<(), csv::Error> {
        self.writer.write_record(None::<&[u8]>)
    }

    /// Flushes and gives the writer back.
    ///
    /// # Errors
    /// When writing fails.
    pub fn into_inner(self) -> Result<W, csv::Error> {
        self.writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// `text` as a JSON string (quoted) for `dest`, escaped as [`json`] escapes: for
/// documents streamed a value at a time.
///
/// # Errors
/// When writing fails.
pub fn write_json_str<W: Write>(dest: Destination, out: W, text: &str) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, EscapeControls);
    serde::Serializer::serialize_str(&mut ser, &dest.machine(text)).map_err(std::io::Error::from)
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe.
fn defused(s: Cow<'_, str>) -> Cow<'_, str> {
    match defuse_formula(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(d) => Cow::Owned(d),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Terminal escapes seen in company names: SGR, OSC 52 (clipboard), OSC 0 (title),
    /// a C1 CSI, DEL, bidi overrides and isolates, marks.
    const HOSTILE: &str = "Red\x1b[31m Clip\x1b]52;c;ZXZpbA==\x07 Title\x1b]0;pwned\x1b\\ \
                           C1\u{9b}31m Del\x7f Rlo\u{202e}x Iso\u{2066}y\u{2069} \
                           Marks\u{200e}\u{200f}\u{61c} Line\nbreak";

    fn raw_controls(text: &str) -> Vec<char> {
        text.chars()
            .filter(|c| is_unsafe(*c) && *c != '\n')
            .collect()
    }

    #[test]
    fn json_escapes_every_control_and_stays_exact_in_a_stream() {
        let doc = json!({"name": HOSTILE, "n": 1});
        let text = json(Destination::Stream, &doc).unwrap();
        assert!(
            text.ends_with("}\n") && text.matches('\n').count() == 1,
            "{text}"
        );
        assert_eq!(raw_controls(&text), Vec::<char>::new(), "{text}");
        for escaped in [
            "\\u001b", "\\u009b", "\\u007f", "\\u202e", "\\u2066", "\\u061c",
        ] {
            assert!(text.contains(escaped), "{escaped} in {text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn on_a_terminal_every_format_shows_what_the_tui_shows() {
        let doc = json!({"name": HOSTILE});
        let text = json(Destination::Terminal, &doc).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], one_line(HOSTILE));

        let mut csv = Csv::new(Destination::Terminal);
        csv.record(&[CsvCell::Data(HOSTILE.to_owned())]).unwrap();
        let text = csv.finish().unwrap();
        assert_eq!(raw_controls(&text), Vec::<char>::new(), "{text}");
        assert!(text.contains('\u{FFFD}'), "{text}");

        assert_eq!(people(HOSTILE), one_line(HOSTILE));
        assert!(matches!(people("Acme 株式会社"), Cow::Borrowed(_)));
    }

    #[test]
    fn csv_in_a_stream_is_exact_and_defuses_formulas() {
        let mut csv = Csv::new(Destination::Stream);
        csv.record(&[
            CsvCell::Data(HOSTILE.to_owned()),
            CsvCell::Data("=HYPERLINK(\"http://x\")".to_owned()),
            CsvCell::Plain("-5.00".to_owned()),
        ])
        .unwrap();
        let text = csv.finish().unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[0], HOSTILE);
        assert_eq!(&row[1], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&row[2], "-5.00");
    }
}
