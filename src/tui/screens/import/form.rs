//! Step 1: the file, what it holds, and how to read and import it.

use ratatui::crossterm::event::KeyEvent;

use crate::import::cells::{CellRules, check_date_format};
use crate::import::fields::Target;
use crate::service::import::Options;
use crate::tui::widgets::input::TextInput;

/// The form's fields, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Path,
    Target,
    Delimiter,
    DateFormat,
    DecimalComma,
    CreateMissing,
    Country,
    SkipErrors,
}

pub const FIELDS: [Field; 8] = [
    Field::Path,
    Field::Target,
    Field::Delimiter,
    Field::DateFormat,
    Field::DecimalComma,
    Field::CreateMissing,
    Field::Country,
    Field::SkipErrors,
];

impl Field {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Field::Path => "File",
            Field::Target => "Import into",
            Field::Delimiter => "Delimiter",
            Field::DateFormat => "Date format",
            Field::DecimalComma => "Decimal comma",
            Field::CreateMissing => "Create missing",
            Field::Country => "Their country",
            Field::SkipErrors => "Skip errors",
        }
    }

    /// What the field means, shown after it.
    #[must_use]
    pub fn note(self) -> &'static str {
        match self {
            Field::Path | Field::Target => "",
            Field::Delimiter => "auto: found from the header line",
            Field::DateFormat => "empty: ISO dates; e.g. %d/%m/%Y",
            Field::DecimalComma => "amounts like 1.234,56",
            Field::CreateMissing => "companies, partners, products rows name",
            Field::Country => "ISO code of the companies created",
            Field::SkipErrors => "import the good rows; bad ones to FILE.rejects.csv",
        }
    }

    #[must_use]
    pub fn is_text(self) -> bool {
        matches!(self, Field::Path | Field::DateFormat | Field::Country)
    }
}

/// The delimiters offered: auto, then the ones `--delimiter` takes.
pub const DELIMITERS: [(&str, Option<u8>); 5] = [
    ("auto", None),
    (",", Some(b',')),
    (";", Some(b';')),
    ("tab", Some(b'\t')),
    ("|", Some(b'|')),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileForm {
    pub focus: Field,
    pub path: TextInput,
    pub target: Target,
    /// Index into [`DELIMITERS`].
    pub delimiter: usize,
    pub date_format: TextInput,
    pub decimal_comma: bool,
    pub create_missing: bool,
    pub country: TextInput,
    pub skip_errors: bool,
    /// A field's problem, shown next to it.
    pub error: Option<(Field, String)>,
}

impl FileForm {
    #[must_use]
    pub fn new(target: Target) -> Self {
        FileForm {
            focus: Field::Path,
            path: TextInput::default(),
            target,
            delimiter: 0,
            date_format: TextInput::default(),
            decimal_comma: false,
            create_missing: false,
            country: TextInput::default(),
            skip_errors: false,
            error: None,
        }
    }

    fn position(&self) -> usize {
        FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0)
    }

    pub fn next(&mut self) {
        self.focus = FIELDS[(self.position() + 1) % FIELDS.len()];
    }

    pub fn prev(&mut self) {
        self.focus = FIELDS[(self.position() + FIELDS.len() - 1) % FIELDS.len()];
    }

    /// Changes a choice field: `forward` to the next value.
    pub fn cycle(&mut self, forward: bool) {
        let step = |i: usize, n: usize| {
            if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }
        };
        match self.focus {
            Field::Target => {
                let all: Vec<Target> = Target::importable().collect();
                let i = all.iter().position(|t| *t == self.target).unwrap_or(0);
                self.target = all.get(step(i, all.len())).copied().unwrap_or(self.target);
            }
            Field::Delimiter => self.delimiter = step(self.delimiter, DELIMITERS.len()),
            Field::DecimalComma => self.decimal_comma = !self.decimal_comma,
            Field::CreateMissing => self.create_missing = !self.create_missing,
            Field::SkipErrors => self.skip_errors = !self.skip_errors,
            Field::Path | Field::DateFormat | Field::Country => {}
        }
    }

    /// Types into the focused text field; whether the key was used.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let input = match self.focus {
            Field::Path => &mut self.path,
            Field::DateFormat => &mut self.date_format,
            Field::Country => &mut self.country,
            _ => return false,
        };
        let used = input.handle_key(key);
        if used && self.error.as_ref().is_some_and(|(f, _)| *f == self.focus) {
            self.error = None;
        }
        used
    }

    #[must_use]
    pub fn delimiter(&self) -> Option<u8> {
        DELIMITERS.get(self.delimiter).and_then(|(_, d)| *d)
    }

    /// The form's values checked; the first problem goes next to its field.
    ///
    /// # Errors
    /// The field and why.
    pub fn check(&self) -> Result<(), (Field, String)> {
        if self.path.value().trim().is_empty() {
            return Err((Field::Path, "give the path of the CSV file".to_owned()));
        }
        let format = self.date_format.value().trim();
        if !format.is_empty() {
            check_date_format(format).map_err(|e| (Field::DateFormat, e))?;
        }
        let country = self.country.value().trim();
        if !(country.is_empty()
            || country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return Err((
                Field::Country,
                "a two-letter country code such as DE".to_owned(),
            ));
        }
        Ok(())
    }

    /// The import's options as the form gives them.
    #[must_use]
    pub fn options(&self, file_name: String, dry_run: bool) -> Options {
        let format = self.date_format.value().trim();
        let country = self.country.value().trim();
        Options {
            rules: CellRules {
                date_format: (!format.is_empty()).then(|| format.to_owned()),
                decimal_comma: self.decimal_comma,
            },
            dry_run,
            skip_errors: self.skip_errors,
            create_missing: self.create_missing,
            default_country: (!country.is_empty()).then(|| country.to_ascii_uppercase()),
            file_name,
        }
    }
}
