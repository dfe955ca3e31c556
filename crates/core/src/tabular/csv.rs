//! The one CSV reading policy of every importer.
//!
//! - Text: UTF-8, with or without a byte-order mark. A NUL byte refuses the
//!   file (UTF-16 text and binary files have them; no CSV does).
//! - Delimiter: `;` when the header has more semicolons than commas outside
//!   quotes, `,` otherwise.
//! - Records end at a line break (LF or CRLF) outside quotes. Quoting follows
//!   RFC 4180 and is framed by quote parity: a line break ends a record when
//!   an even number of `"` precede it (doubled quotes inside a quoted field
//!   count twice, so they do not change the parity). The workforce engine cuts
//!   a large file into chunks by the same rule without reading it from the
//!   start, and reads each record with [`split_record`] like everyone else.
//! - A quote left open at the end of the file is an error
//!   ([`TableError::UnclosedQuote`]), naming the line of the record it opened
//!   in: a truncated file is never read as if its last field ran to the end.
//! - A quote inside an unquoted field, or text after a closing quote, is
//!   [`TableError::BadQuoting`] here; the workforce engine reports it as that
//!   row's `bad_quoting` problem, like any other bad value.
//! - Records are at most [`Limits::record_bytes`] long, at most
//!   [`Limits::columns`] fields wide, and a file has at most [`Limits::rows`]
//!   lines and [`Limits::cells`] fields.

use super::{Limits, TableError};

/// Where a record ends in a buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frame {
    /// End of the record's text (before its line break).
    pub end: usize,
    /// Start of the next record.
    pub next: usize,
    /// The record contains a quote (its fields need [`split_record`]'s
    /// quote handling; an unquoted record is split on delimiters alone).
    pub quoted: bool,
    /// A quote opened in the record is never closed: the record runs to the
    /// end of the buffer.
    pub unclosed: bool,
}

/// The end of the record starting at `start`. A line break inside quotes does
/// not end a record; an unterminated quote runs to the end of the buffer and
/// sets [`Frame::unclosed`].
pub(crate) fn record_end(buffer: &[u8], start: usize) -> Frame {
    let mut pos = start;
    let mut quoted = false;
    loop {
        match memchr::memchr2(b'\n', b'"', &buffer[pos..]) {
            None => {
                return Frame {
                    end: buffer.len(),
                    next: buffer.len(),
                    quoted,
                    unclosed: false,
                };
            }
            Some(k) if buffer[pos + k] == b'\n' => {
                return Frame {
                    end: pos + k,
                    next: pos + k + 1,
                    quoted,
                    unclosed: false,
                };
            }
            Some(k) => {
                quoted = true;
                let open = pos + k + 1;
                match memchr::memchr(b'"', &buffer[open..]) {
                    None => {
                        return Frame {
                            end: buffer.len(),
                            next: buffer.len(),
                            quoted: true,
                            unclosed: true,
                        };
                    }
                    Some(close) => pos = open + close + 1,
                }
            }
        }
    }
}

/// A field's text: a range of the record, or of the scratch buffer when
/// doubled quotes had to be undone.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FieldRef {
    Input(usize, usize),
    Scratch(usize, usize),
}

impl FieldRef {
    pub(crate) fn resolve<'r>(self, record: &'r [u8], scratch: &'r [u8]) -> &'r [u8] {
        match self {
            FieldRef::Input(start, end) => &record[start..end],
            FieldRef::Scratch(start, end) => &scratch[start..end],
        }
    }
}

/// Splits a record into fields, calling `field(index, text)` for each until it
/// returns false. Returns the index and start of the first field with
/// malformed quoting.
pub(crate) fn split_record(
    record: &[u8],
    quoted: bool,
    delimiter: u8,
    scratch: &mut Vec<u8>,
    mut field: impl FnMut(usize, FieldRef) -> bool,
) -> Option<(usize, usize)> {
    if !quoted {
        let mut start = 0;
        let mut index = 0;
        for end in memchr::memchr_iter(delimiter, record) {
            if !field(index, FieldRef::Input(start, end)) {
                return None;
            }
            index += 1;
            start = end + 1;
        }
        field(index, FieldRef::Input(start, record.len()));
        return None;
    }
    scratch.clear();
    let n = record.len();
    let mut index = 0;
    let mut start = 0;
    loop {
        let mut i = start;
        while i < n && (record[i] == b' ' || record[i] == b'\t') {
            i += 1;
        }
        let (text, after) = if i < n && record[i] == b'"' {
            let content = i + 1;
            let mut j = content;
            let mut escaped_from = None;
            let close = loop {
                let Some(k) = memchr::memchr(b'"', &record[j..]) else {
                    return Some((index, start));
                };
                let q = j + k;
                if record.get(q + 1) == Some(&b'"') {
                    escaped_from.get_or_insert(scratch.len());
                    scratch.extend_from_slice(&record[j..=q]);
                    j = q + 2;
                } else {
                    if escaped_from.is_some() {
                        scratch.extend_from_slice(&record[j..q]);
                    }
                    break q;
                }
            };
            let mut after = close + 1;
            while after < n && (record[after] == b' ' || record[after] == b'\t') {
                after += 1;
            }
            if after < n && record[after] != delimiter {
                return Some((index, start));
            }
            let text = match escaped_from {
                Some(from) => FieldRef::Scratch(from, scratch.len()),
                None => FieldRef::Input(content, close),
            };
            (text, after)
        } else {
            let end = memchr::memchr(delimiter, &record[start..]).map_or(n, |k| start + k);
            if memchr::memchr(b'"', &record[start..end]).is_some() {
                return Some((index, start));
            }
            (FieldRef::Input(start, end), end)
        };
        if !field(index, text) || after >= n {
            return None;
        }
        index += 1;
        start = after + 1;
    }
}

/// `;` when the header has more semicolons than commas (outside quotes).
pub(crate) fn sniff_delimiter(header: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut inside) = (0, 0, false);
    for &byte in header {
        match byte {
            b'"' => inside = !inside,
            b',' if !inside => commas += 1,
            b';' if !inside => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// The 1-based line of byte `offset`.
pub(crate) fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() as u64
}

/// The text checks every CSV importer makes before reading records: the
/// byte-order mark is dropped, and a NUL byte or invalid UTF-8 refuses the
/// file, naming the line.
pub(crate) fn checked_text(bytes: &[u8]) -> Result<&[u8], TableError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(TableError::NotText {
            line: line_of(bytes, at),
        });
    }
    if let Err(error) = std::str::from_utf8(bytes) {
        return Err(TableError::NotUtf8 {
            line: line_of(bytes, error.valid_up_to()),
        });
    }
    Ok(bytes)
}

/// Reads a whole CSV file into rows of text, under [`Limits`]. A record is
/// placed at the index of its first line, and a record spanning several
/// lines (a quoted line break) is followed by empty rows, so that row `i` is
/// line `i + 1` of the file, as in a sheet. Fields are not trimmed.
pub fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Vec<Vec<String>>, TableError> {
    let bytes = checked_text(bytes)?;
    let header = record_end(bytes, 0);
    let delimiter = sniff_delimiter(&bytes[..header.end]);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut scratch = Vec::new();
    let mut fields_read: u64 = 0;
    let mut pos = 0;
    while pos < bytes.len() {
        let line = rows.len() as u64 + 1;
        let frame = record_end(bytes, pos);
        if frame.unclosed {
            return Err(TableError::UnclosedQuote { line });
        }
        if frame.end - pos > limits.record_bytes {
            return Err(TableError::RecordTooLong {
                line,
                limit: limits.record_bytes,
            });
        }
        let raw = &bytes[pos..frame.end];
        let record = raw.strip_suffix(b"\r").unwrap_or(raw);
        let mut refs = Vec::new();
        let mut too_wide = false;
        let bad = split_record(
            record,
            frame.quoted,
            delimiter,
            &mut scratch,
            |index, field| {
                too_wide = index >= limits.columns as usize;
                refs.push(field);
                !too_wide
            },
        );
        if too_wide {
            return Err(TableError::TooManyColumns {
                line,
                limit: limits.columns,
            });
        }
        if let Some((index, _)) = bad {
            return Err(TableError::BadQuoting {
                line,
                field: index as u64 + 1,
            });
        }
        // Each field is a string of its own, however short its text.
        fields_read += refs.len() as u64;
        if fields_read > limits.cells {
            return Err(TableError::TooManyFields {
                line,
                limit: limits.cells,
            });
        }
        let fields = refs
            .iter()
            .map(|field| String::from_utf8_lossy(field.resolve(record, &scratch)).into_owned())
            .collect();
        let continuation_lines = if frame.quoted {
            memchr::memchr_iter(b'\n', raw).count()
        } else {
            0
        };
        if rows.len() + 1 + continuation_lines > limits.rows as usize {
            return Err(TableError::TooManyRows { limit: limits.rows });
        }
        rows.push(fields);
        rows.extend(std::iter::repeat_n(Vec::new(), continuation_lines));
        pos = frame.next;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Vec<String>>, TableError> {
        read_csv(text.as_bytes(), &Limits::DOCUMENT)
    }

    fn owned(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
            .collect()
    }

    #[test]
    fn record_ends_ignore_line_breaks_inside_quotes() {
        let buffer = b"a,\"x\ny\",b\nnext";
        let frame = record_end(buffer, 0);
        assert_eq!((frame.end, frame.next, frame.quoted), (9, 10, true));
        assert!(!frame.unclosed);
        let frame = record_end(buffer, 10);
        assert_eq!((frame.end, frame.next, frame.quoted), (14, 14, false));
        let frame = record_end(b"\"open\nrest", 0);
        assert_eq!((frame.end, frame.next, frame.unclosed), (10, 10, true));
    }

    #[test]
    fn the_sniffer_prefers_the_more_frequent_delimiter() {
        assert_eq!(sniff_delimiter(b"a;b;c"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c"), b',');
        assert_eq!(sniff_delimiter(b"\"a;b\",c"), b',');
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_line_breaks() {
        let rows =
            read("\u{feff}name;note\r\n\"Dupont; J.\";\"said \"\"yes\"\"\nthen left\"\r\nlast;x\n")
                .expect("rows");
        assert_eq!(
            rows,
            owned(&[
                &["name", "note"],
                &["Dupont; J.", "said \"yes\"\nthen left"],
                &[],
                &["last", "x"],
            ])
        );
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_refused_with_its_line() {
        assert_eq!(
            read("date,value,comment\n2024-03-31,21.5,\"cut he"),
            Err(TableError::UnclosedQuote { line: 2 })
        );
        assert_eq!(read("\"a"), Err(TableError::UnclosedQuote { line: 1 }));
    }

    #[test]
    fn stray_quotes_are_refused_with_line_and_field() {
        assert_eq!(
            read("a,b\n1,x\"y\"\n"),
            Err(TableError::BadQuoting { line: 2, field: 2 })
        );
        assert_eq!(
            read("a,b\n\"1\"x,2\n"),
            Err(TableError::BadQuoting { line: 2, field: 1 })
        );
    }

    #[test]
    fn nul_bytes_and_other_encodings_are_refused_with_their_line() {
        assert_eq!(
            read("a,b\n1,2\n3\u{0},4\n"),
            Err(TableError::NotText { line: 3 })
        );
        assert_eq!(
            read_csv(&[0xFF, 0xFE, b'a', 0, b',', 0], &Limits::DOCUMENT),
            Err(TableError::NotText { line: 1 })
        );
        assert_eq!(
            read_csv(b"a,b\n\xE9t\xE9,1\n", &Limits::DOCUMENT),
            Err(TableError::NotUtf8 { line: 2 })
        );
    }

    #[test]
    fn records_rows_and_fields_are_bounded() {
        let limits = Limits {
            rows: 3,
            columns: 2,
            record_bytes: 10,
            ..Limits::DOCUMENT
        };
        assert_eq!(
            read_csv(b"a,b\n1,2\n3,4\n", &limits).map(|rows| rows.len()),
            Ok(3)
        );
        assert_eq!(
            read_csv(b"a,b\n1,2\n3,4\n5,6\n", &limits),
            Err(TableError::TooManyRows { limit: 3 })
        );
        assert_eq!(
            read_csv(b"a,b\n1,2,3\n", &limits),
            Err(TableError::TooManyColumns { line: 2, limit: 2 })
        );
        assert_eq!(
            read_csv(b"a,b\n12345678901\n", &limits),
            Err(TableError::RecordTooLong { line: 2, limit: 10 })
        );
        let few = Limits {
            cells: 5,
            ..Limits::DOCUMENT
        };
        assert_eq!(
            read_csv(b"a,b\n1,2\n3,4\n", &few),
            Err(TableError::TooManyFields { line: 3, limit: 5 })
        );
        // A quoted line break takes a row too: the lines are what is counted.
        assert_eq!(
            read_csv(b"a,b\n\"1\n2\n3\",4\n", &limits),
            Err(TableError::TooManyRows { limit: 3 })
        );
    }

    #[test]
    fn an_empty_file_has_no_rows() {
        assert_eq!(read(""), Ok(Vec::new()));
        assert_eq!(read("\u{feff}"), Ok(Vec::new()));
    }
}
