//! Reading CSV as people's tools write it: the byte-order mark, the encoding and the
//! delimiter.

/// Why a file's bytes are not UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotUtf8 {
    /// What is wrong, for people.
    pub message: String,
    /// The byte offset of the first bad byte, when known.
    pub offset: Option<usize>,
}

/// The text of a CSV file: UTF-8, with or without a byte-order mark (removed). UTF-16 (with
/// its byte-order mark) and any other bytes that are not UTF-8 (Latin-1, Windows-1252…) are
/// refused.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(NotUtf8 {
            message: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it \
                      as \"CSV UTF-8\""
                .into(),
            offset: None,
        });
    }
    if let Some(order) = utf16_without_bom(bytes) {
        return Err(NotUtf8 {
            message: format!(
                "the file is UTF-16 ({order}, without a byte-order mark: every other byte is \
                 zero); save it as \"CSV UTF-8\""
            ),
            offset: None,
        });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let bad = bytes.get(at).copied().unwrap_or_default();
        NotUtf8 {
            message: format!(
                "the file is not UTF-8: byte 0x{bad:02X} at offset {at} is not UTF-8 (the \
                 file is probably Latin-1 or Windows-1252); save it as \"CSV UTF-8\""
            ),
            offset: Some(at),
        }
    })
}

/// `little-endian` or `big-endian` when the first bytes look like UTF-16 text without a
/// byte-order mark: at least a quarter of them zero, and all those on one side of each pair
/// (ASCII letters in UTF-16 are a letter and a zero).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = bytes.get(..bytes.len().min(256))?;
    let zero_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, b)| **b == 0 && i % 2 == parity)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    match (even, odd) {
        (0, n) if n * 2 >= pairs => Some("little-endian"),
        (n, 0) if n * 2 >= pairs => Some("big-endian"),
        _ => None,
    }
}

/// The delimiter of a CSV text, read from its header line (up to the first line break
/// outside quotes): `;` when the header holds more `;` than `,` outside quotes, else `,`.
/// Spreadsheets in French, Spanish or German locales write `;`.
pub(crate) fn delimiter(text: &str) -> u8 {
    let (mut commas, mut semis, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

/// True when a CSV text ends inside a quoted cell: a cell opened with `"` whose closing `"`
/// never comes (the file was cut, or a quote was typed by hand). The csv crate ends such a
/// cell at the end of the file without a word, so a truncated file would read as whole.
///
/// The text is scanned as the csv crate reads it (with `delimiter`): a `"` opens a quoted cell
/// only at the start of a cell; inside, `""` is an escaped quote and a lone `"` closes it; a
/// `"` elsewhere is a plain character. One pass, no allocation.
pub(crate) fn ends_in_quotes(text: &str, delimiter: u8) -> bool {
    #[derive(Clone, Copy)]
    enum State {
        /// At the start of a cell.
        Start,
        /// In a cell that is not quoted.
        Plain,
        /// In a quoted cell.
        Quoted,
        /// Just after a `"` in a quoted cell: the end of the quotes, or half of `""`.
        QuoteInQuoted,
    }
    let mut state = State::Start;
    for &b in text.as_bytes() {
        state = match (state, b) {
            (State::Start, b'"') => State::Quoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) | (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b'\n' | b'\r') => State::Start,
            (_, b) if b == delimiter => State::Start,
            _ => State::Plain,
        };
    }
    matches!(state, State::Quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFid\n").unwrap(), "id\n");
        assert!(
            decode(b"\xFF\xFEi\0d\0")
                .unwrap_err()
                .message
                .contains("UTF-16")
        );
        let e = decode(b"id\nCaf\xE9\n").unwrap_err();
        assert_eq!(e.offset, Some(6));
    }

    #[test]
    fn utf16_without_a_bom_is_named_not_called_latin1() {
        let le: Vec<u8> = "id,name\nmin,Ministère\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let m = decode(&le).unwrap_err().message;
        assert!(
            m.contains("UTF-16 (little-endian, without a byte-order mark"),
            "{m}"
        );
        let be: Vec<u8> = "id,name\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(decode(&be).unwrap_err().message.contains("big-endian"));
        // Plain text, and text with a stray NUL, are not UTF-16.
        assert!(decode(b"id,name\nmin,Ministry\n").is_ok());
        assert!(utf16_without_bom(b"id,na\0e\nmin,Ministry\n").is_none());
    }

    #[test]
    fn text_cut_inside_quotes() {
        for cut in ["a,\"b", "a,\"b\"\"c", "a\n\"x,\ny", "\"", "a;\"b\";\"c"] {
            assert!(
                ends_in_quotes(cut, if cut.contains(';') { b';' } else { b',' }),
                "{cut:?}"
            );
        }
        for whole in [
            "a,\"b\"",
            "a,\"b\"\"c\"\n",
            "a,5\" screen\n",
            "a,\"x\"y\"\n",
            "a,\"\"",
            "",
            "\"a\nb\",c\r\n",
        ] {
            assert!(!ends_in_quotes(whole, b','), "{whole:?}");
        }
        // With `;` as the delimiter, a `"` after a `,` is a plain character.
        assert!(!ends_in_quotes("a,\"b;c", b';'));
    }

    #[test]
    fn delimiters() {
        assert_eq!(delimiter("id;title;lead\n1,2;x;y"), b';');
        assert_eq!(delimiter("id,title\n"), b',');
        assert_eq!(delimiter("\"a;b;c\",d\n"), b',');
        assert_eq!(delimiter("id"), b',');
    }
}
