//! Reading a CSV file as real tools write it: UTF-8 with or without a BOM, the delimiter
//! found from the header line (`,`, `;` or tab) or given, RFC 4180 quoting with line
//! breaks inside quotes. Records stream one at a time with the line they start on, so a
//! million-row file is read in constant memory and every problem names its line.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};

/// The delimiters a file is sniffed for, in the order a tie is refused in.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// How many bytes are looked at to find the header line.
const SNIFF: usize = 64 * 1024;

/// Why the file cannot be read at all (a bad record is reported per row instead).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    #[error("the file is empty: it needs a header line naming its columns")]
    Empty,
    #[error(
        "cannot tell the delimiter: the header line has {0}; give it with --delimiter (, ; or tab)"
    )]
    Ambiguous(String),
    #[error("the header line is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in Excel)")]
    HeaderNotUtf8,
    #[error("the header line names no column twice, but {0:?} appears twice")]
    DuplicateHeader(String),
    #[error("cannot read the file: {0}")]
    Io(String),
}

/// One data record: the line it starts on (1 is the header) and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A record that could not be read, with its line: not UTF-8, or broken quoting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    pub line: u64,
    /// The 1-based column of a cell that is not UTF-8, when that is the trouble.
    pub column: Option<usize>,
    pub why: String,
    /// The record's cells as far as they could be read (lossily), for the rejects file.
    pub cells: Vec<String>,
}

/// An open file: its header, and its records to come.
pub struct CsvSource<R: Read> {
    pub headers: Vec<String>,
    pub delimiter: u8,
    reader: csv::Reader<BufReader<Lines<R>>>,
    record: csv::ByteRecord,
    /// Bytes before the csv reader's first (a BOM).
    skipped: u64,
}

/// The input, with the offsets of its line feeds noted as they are read: the csv crate
/// reports a record after blank lines on the first blank line, and a CRLF record's end
/// before its LF, so lines are counted here.
struct Lines<R> {
    inner: R,
    read: u64,
    /// Line feeds not yet passed by a record, by offset.
    ahead: VecDeque<u64>,
    /// Line feeds already passed.
    behind: u64,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n') {
            self.ahead.push_back(self.read + i as u64);
        }
        self.read += n as u64;
        Ok(n)
    }
}

impl<R> Lines<R> {
    /// The line of the byte at `offset`: 1 plus the line feeds before it. Offsets asked
    /// for never go back.
    fn line_of(&mut self, offset: u64) -> u64 {
        while self.ahead.front().is_some_and(|&lf| lf < offset) {
            self.ahead.pop_front();
            self.behind += 1;
        }
        self.behind + 1
    }
}

impl<R: Read> std::fmt::Debug for CsvSource<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvSource")
            .field("headers", &self.headers)
            .field("delimiter", &self.delimiter)
            .finish_non_exhaustive()
    }
}

/// A delimiter as the operator names it: `,`, `;`, `tab` (or a tab), `|`.
///
/// # Errors
/// Anything but one ASCII punctuation character or `tab`.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1 && t.as_bytes()[0].is_ascii_punctuation() && t != "\"" => {
            Ok(t.as_bytes()[0])
        }
        t => Err(format!(
            "{t:?} is not a delimiter: give one character such as , ; | or the word tab"
        )),
    }
}

impl<R: Read> CsvSource<R> {
    /// Opens `input`: skips a UTF-8 BOM, finds the delimiter unless given, reads the header.
    ///
    /// # Errors
    /// An empty file, an ambiguous delimiter, a header that is not UTF-8 or names a column
    /// twice, or a read error.
    pub fn open(input: R, delimiter: Option<u8>) -> Result<Self, FileError> {
        let lines = Lines {
            inner: input,
            read: 0,
            ahead: VecDeque::new(),
            behind: 0,
        };
        let mut buffered = BufReader::with_capacity(SNIFF, lines);
        let head = buffered
            .fill_buf()
            .map_err(|e| FileError::Io(e.to_string()))?;
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        let head = if bom { &head[3..] } else { head };
        if head.iter().all(u8::is_ascii_whitespace) {
            return Err(FileError::Empty);
        }
        let delimiter = match delimiter {
            Some(d) => d,
            None => sniff(head)?,
        };
        if bom {
            buffered.consume(3);
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(buffered);
        let mut header = csv::ByteRecord::new();
        let read = reader
            .read_byte_record(&mut header)
            .map_err(|e| FileError::Io(e.to_string()))?;
        if !read {
            return Err(FileError::Empty);
        }
        let mut headers = Vec::with_capacity(header.len());
        for cell in &header {
            let text = std::str::from_utf8(cell).map_err(|_| FileError::HeaderNotUtf8)?;
            headers.push(text.trim().to_owned());
        }
        let mut seen = std::collections::HashSet::new();
        for h in &headers {
            if !h.is_empty() && !seen.insert(h.to_lowercase()) {
                return Err(FileError::DuplicateHeader(h.clone()));
            }
        }
        Ok(CsvSource {
            headers,
            delimiter,
            reader,
            record: csv::ByteRecord::new(),
            skipped: if bom { 3 } else { 0 },
        })
    }

    /// How far into the file reading is, in bytes (for progress).
    #[must_use]
    pub fn position(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The next record, a record that cannot be read, or `None` at the end. Blank lines
    /// are skipped.
    ///
    /// # Errors
    /// A read error of the file itself (the records after it cannot be trusted).
    pub fn next_record(&mut self) -> Result<Option<Result<Record, BadRecord>>, FileError> {
        loop {
            let read = match self.reader.read_byte_record(&mut self.record) {
                Ok(read) => read,
                Err(e) => return self.broken(&e),
            };
            if !read {
                return Ok(None);
            }
            if self.record.iter().all(<[u8]>::is_empty) {
                continue;
            }
            let line = self.start_line();
            return Ok(Some(self.cells(line)));
        }
    }

    /// The line the record just read starts on: the line of its last byte (before its
    /// terminator), less the line breaks inside its cells.
    fn start_line(&mut self) -> u64 {
        let end = self.reader.position().byte() + self.skipped;
        let inside: usize = self
            .record
            .iter()
            .map(|cell| cell.split(|&b| b == b'\n').count() - 1)
            .sum();
        let last = self
            .reader
            .get_mut()
            .get_mut()
            .line_of(end.saturating_sub(1));
        last.saturating_sub(inside as u64)
    }

    fn cells(&self, line: u64) -> Result<Record, BadRecord> {
        let mut cells = Vec::with_capacity(self.record.len());
        let mut bad = None;
        for (i, cell) in self.record.iter().enumerate() {
            if let Ok(text) = std::str::from_utf8(cell) {
                cells.push(text.to_owned());
            } else {
                bad.get_or_insert(i + 1);
                cells.push(String::from_utf8_lossy(cell).into_owned());
            }
        }
        match bad {
            None => Ok(Record { line, cells }),
            Some(column) => Err(BadRecord {
                line,
                column: Some(column),
                why: "the cell is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in Excel)"
                    .to_owned(),
                cells,
            }),
        }
    }

    /// A csv error: a bad record when it is one (then reading goes on), else the file's.
    fn broken(&mut self, e: &csv::Error) -> Result<Option<Result<Record, BadRecord>>, FileError> {
        match e.kind() {
            csv::ErrorKind::Io(io) => Err(FileError::Io(io.to_string())),
            _ => Ok(Some(Err(BadRecord {
                line: self.start_line(),
                column: None,
                why: e.to_string(),
                cells: Vec::new(),
            }))),
        }
    }
}

/// The delimiter of the header line: the one candidate it holds outside quotes, or the
/// most frequent when the others are absent. A header with none is one column (`,`).
fn sniff(head: &[u8]) -> Result<u8, FileError> {
    let mut counts = [0usize; CANDIDATES.len()];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let present: Vec<usize> = (0..CANDIDATES.len()).filter(|&i| counts[i] > 0).collect();
    match present.as_slice() {
        [] => Ok(b','),
        [one] => Ok(CANDIDATES[*one]),
        several => Err(FileError::Ambiguous(
            several
                .iter()
                .map(|&i| {
                    let name = match CANDIDATES[i] {
                        b'\t' => "tab".to_owned(),
                        c => format!("'{}'", char::from(c)),
                    };
                    format!("{} {name}", counts[i])
                })
                .collect::<Vec<_>>()
                .join(" and "),
        )),
    }
}

#[cfg(test)]
#[path = "reader/tests.rs"]
mod tests;
