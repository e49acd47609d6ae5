use super::*;

fn open(bytes: &[u8]) -> Result<CsvSource<&[u8]>, FileError> {
    CsvSource::open(bytes, None)
}

fn all(src: &mut CsvSource<&[u8]>) -> Vec<Result<Record, BadRecord>> {
    let mut out = Vec::new();
    while let Some(r) = src.next_record().unwrap() {
        out.push(r);
    }
    out
}

fn cells(r: &Result<Record, BadRecord>) -> Vec<&str> {
    r.as_ref()
        .unwrap()
        .cells
        .iter()
        .map(String::as_str)
        .collect()
}

#[test]
fn a_bom_is_not_part_of_the_first_header() {
    let mut src = open(b"\xEF\xBB\xBFName;Country\r\nAcme;DE\r\n").unwrap();
    assert_eq!(src.headers, ["Name", "Country"]);
    assert_eq!(src.delimiter, b';');
    assert_eq!(cells(&all(&mut src)[0]), ["Acme", "DE"]);
}

#[test]
fn the_delimiter_is_found_from_the_header_outside_quotes() {
    assert_eq!(open(b"a,b\n1,2\n").unwrap().delimiter, b',');
    assert_eq!(open(b"a;b\n1;2\n").unwrap().delimiter, b';');
    assert_eq!(open(b"a\tb\n1\t2\n").unwrap().delimiter, b'\t');
    // A quoted header may hold the other candidates.
    assert_eq!(open(b"\"a;b\",c\n1,2\n").unwrap().delimiter, b',');
    assert_eq!(open(b"single\nx\n").unwrap().headers, ["single"]);
    let e = open(b"amount (1,000s);name\n").unwrap_err();
    assert!(
        matches!(e, FileError::Ambiguous(ref s) if s.contains("1 ','") && s.contains("1 ';'")),
        "{e}"
    );
    let given = CsvSource::open(&b"amount (1,000s);name\n1;x\n"[..], Some(b';')).unwrap();
    assert_eq!(given.headers, ["amount (1,000s)", "name"]);
}

#[test]
fn quoting_keeps_delimiters_quotes_and_line_breaks_and_lines_are_counted() {
    let mut src =
        open(b"name,notes\n\"Acme, Inc\",\"two\nlines \"\"quoted\"\"\"\n\nBeta,x\n").unwrap();
    let rows = all(&mut src);
    assert_eq!(cells(&rows[0]), ["Acme, Inc", "two\nlines \"quoted\""]);
    assert_eq!(rows[0].as_ref().unwrap().line, 2);
    // The blank line is skipped; the next record starts on line 5.
    assert_eq!(rows[1].as_ref().unwrap().line, 5);
    assert_eq!(rows.len(), 2);
}

#[test]
fn lines_are_right_after_blank_lines_with_lf_crlf_and_no_final_break() {
    let lines = |bytes: &[u8]| -> Vec<u64> {
        all(&mut open(bytes).unwrap())
            .iter()
            .map(|r| r.as_ref().unwrap().line)
            .collect()
    };
    assert_eq!(lines(b"a\n\n\n\nb\nc\n\"x\ny\"\nd\n"), [5, 6, 7, 9]);
    assert_eq!(lines(b"a\r\n\r\nb\r\n\"x\r\ny\"\r\nd"), [3, 4, 6]);
    assert_eq!(lines(b"\xEF\xBB\xBFa\n\nb\n\n"), [3]);
}

#[test]
fn a_cell_that_is_not_utf8_is_a_bad_record_with_its_line_and_column() {
    let mut src = open(b"name,city\nok,Berlin\nbad,M\xfcnchen\nnext,Paris\n").unwrap();
    let rows = all(&mut src);
    assert!(rows[0].is_ok());
    let bad = rows[1].as_ref().unwrap_err();
    assert_eq!((bad.line, bad.column), (3, Some(2)));
    assert!(bad.why.contains("UTF-8"));
    assert_eq!(bad.cells, ["bad", "M\u{fffd}nchen"]);
    assert_eq!(cells(&rows[2]), ["next", "Paris"]);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    assert_eq!(open(b"").unwrap_err(), FileError::Empty);
    assert_eq!(open(b"\xEF\xBB\xBF\n\n").unwrap_err(), FileError::Empty);
    assert_eq!(open(b"n\xe4me,x\n").unwrap_err(), FileError::HeaderNotUtf8);
    assert_eq!(
        open(b"Name,name\n").unwrap_err(),
        FileError::DuplicateHeader("name".into())
    );
}

#[test]
fn delimiters_are_named_plainly() {
    assert_eq!(parse_delimiter(";"), Ok(b';'));
    assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
    assert_eq!(parse_delimiter("|"), Ok(b'|'));
    assert!(parse_delimiter("ab").is_err());
    assert!(parse_delimiter("\"").is_err());
    assert!(parse_delimiter("x").is_err());
}
