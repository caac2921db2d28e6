//! Checks of what every CSV file shares: header, lines, cell formats and error mapping;
//! and `noise`, the cell text the file kinds' property tests feed their parsers.

use super::cells::{items, parse_decimal, parse_flag, split_items};
use super::fields::{covers, to_row_error};
use super::{RowError, read_table};
use domain::FieldError;
use proptest::prelude::*;

const COLUMNS: &[&str] = &["name", "count", "ok"];

type Small = (String, Option<i64>, bool);

fn read(text: &str) -> Result<Vec<Small>, Vec<RowError>> {
    read_table(text.as_bytes(), COLUMNS, |row| {
        let count = row.integer("count");
        let ok = row.flag("ok");
        Some((row.text("name"), count, ok))
    })
}

fn shown(errors: Vec<RowError>) -> Vec<String> {
    errors.iter().map(RowError::to_string).collect()
}

#[test]
fn row_errors_show_line_and_column() {
    let e = RowError::new(3, "email", "'nope' is not an e-mail address");
    assert_eq!(
        e.to_string(),
        "line 3, column email: 'nope' is not an e-mail address"
    );
}

#[test]
fn header_problems_are_on_line_one() {
    let errors = read("name;colour;name\nx;y;z\n").unwrap_err();
    assert_eq!(
        shown(errors),
        [
            "line 1, column colour: is not a column of this file; the columns are name;count;ok",
            "line 1, column name: appears twice in the header",
            "line 1, column count: is missing from the header",
            "line 1, column ok: is missing from the header",
        ]
    );
}

#[test]
fn a_cell_with_a_control_character_is_refused_on_its_line() {
    let errors = read("name;count;ok\nAnna\u{7};3;yes\nBo;1;no\n").unwrap_err();
    assert_eq!(
        shown(errors),
        ["line 2, column name: holds a control character (U+0007) at position 5"]
    );
}

#[test]
fn formulas_are_written_as_text_and_read_back() {
    use super::write::{defused, restored, write_table};
    for (cell, written) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+45 20 30 40 50", "'+45 20 30 40 50"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-x", "'-x"),
        ("\tcmd", "'\tcmd"),
        ("-12,5", "-12,5"),
        ("42", "42"),
        ("Anna", "Anna"),
        ("'quoted", "'quoted"),
    ] {
        assert_eq!(defused(cell), written, "{cell:?}");
        assert_eq!(restored(&defused(cell)), cell, "{cell:?}");
    }
    let mut bytes = Vec::new();
    let rows = vec![vec!["=1+1".to_string(), "-3".into(), "no".into()]];
    write_table(&mut bytes, COLUMNS, rows).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("'=1+1;-3;no"), "{text}");
    assert_eq!(
        read(&text).unwrap(),
        [("=1+1".to_string(), Some(-3), false)]
    );
}

#[test]
fn columns_may_come_in_any_order_and_any_case() {
    let rows = read("OK; Name ;count\r\nyes;Anna;3\r\n").unwrap();
    assert_eq!(rows, [("Anna".to_string(), Some(3), true)]);
}

#[test]
fn empty_files_and_blank_rows_hold_no_rows() {
    assert_eq!(read("").unwrap(), []);
    assert_eq!(read("\u{FEFF}").unwrap(), []);
    assert_eq!(read("name;count;ok\r\n").unwrap(), []);
    assert_eq!(
        read("name;count;ok\r\n\r\n;;\r\nAnna;;no\r\n;;\r\n")
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn rows_of_the_wrong_length_name_the_first_missing_or_extra_field() {
    let errors = read("name;count;ok\nAnna;1\nBo;2;yes;extra\n").unwrap_err();
    assert_eq!(
        shown(errors),
        [
            "line 2, column ok: is missing: the row has 2 fields, the header 3",
            "line 3, column field 4: is one too many: the row has 4 fields, the header 3",
        ]
    );
}

#[test]
fn lines_count_physical_lines_and_every_bad_value_is_named() {
    let errors =
        read("name;count;ok\n\"two\nlines\";x;maybe\n\nBo;1;yes\nCy;2.5;no\n").unwrap_err();
    assert_eq!(
        shown(errors),
        [
            "line 2, column count: 'x' is not a whole number",
            "line 2, column ok: 'maybe' is not yes or no",
            "line 6, column count: '2.5' is not a whole number",
        ]
    );
}

#[test]
fn lines_are_counted_in_crlf_files_and_across_blank_lines() {
    let errors = read(
        "\r\nname;count;ok\r\nAnna;x;no\r\n\r\n\r\nBo;y;no\r\n;;\r\n\"C\r\ny\";z;no\rDan;w;no\n",
    )
    .unwrap_err();
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 6, 8, 10]);
    let header = read("\n\nname;count\n").unwrap_err();
    assert_eq!(
        header[0].to_string(),
        "line 3, column ok: is missing from the header"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_named() {
    let errors = read_table(&b"name;count;ok\n\xe6ble;1;yes\n"[..], COLUMNS, |row| {
        Some(row.text("name"))
    })
    .unwrap_err();
    assert_eq!(
        shown(errors),
        ["line 2, column name: is not UTF-8 text; save the file as 'CSV UTF-8'"]
    );
}

#[test]
fn flags_take_the_usual_spellings() {
    for yes in ["yes", "Ja", "TRUE", "1"] {
        assert_eq!(parse_flag(yes), Ok(true), "{yes}");
    }
    for no in ["no", "nej", "false", "0", "", " "] {
        assert_eq!(parse_flag(no), Ok(false), "{no}");
    }
    assert!(parse_flag("y").is_err());
}

#[test]
fn decimals_take_a_dot_or_a_decimal_comma() {
    assert_eq!(parse_decimal("7.5"), Ok(Some(7.5)));
    assert_eq!(parse_decimal(" 7,5 "), Ok(Some(7.5)));
    assert_eq!(parse_decimal(""), Ok(None));
    assert!(parse_decimal("1,234.5").is_err());
    assert!(parse_decimal("7,5,1").is_err());
}

#[test]
fn items_escape_their_separators() {
    let parts = vec![
        vec!["A | B".to_string(), "C:\\dir".to_string(), String::new()],
        vec![
            "Vesterbro 14, 9000 Aalborg".to_string(),
            "x".to_string(),
            "y".to_string(),
        ],
    ];
    let text = items(&parts);
    assert_eq!(
        text,
        "A \\| B | C:\\\\dir |  || Vesterbro 14, 9000 Aalborg | x | y"
    );
    assert_eq!(split_items(&text).unwrap(), parts);
    assert_eq!(split_items(" || ").unwrap(), Vec::<Vec<String>>::new());
    assert!(split_items("a ||| b").is_err());
}

#[test]
fn nested_fields_map_to_their_column_and_item() {
    let e = to_row_error(4, FieldError::new("sites[1].p_number", "must be 10 digits"));
    assert_eq!(
        e.to_string(),
        "line 4, column sites: site 2, p_number: must be 10 digits"
    );
    let e = to_row_error(4, FieldError::new("contacts[0]", "has 3 parts"));
    assert_eq!(
        e.to_string(),
        "line 4, column contacts: contact 1: has 3 parts"
    );
    assert!(covers("sites", "sites[0].name"));
    assert!(covers("sites[1]", "sites[1].name"));
    assert!(!covers("sites[1]", "sites[10].name"));
    assert!(!covers("name", "names"));
}

/// Cell text that pokes at the parsers: numbers at and beyond every bound, separators, quotes.
pub(crate) fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9.,eE+-]{0,24}",
        "[a-z |\\\\;\"\r\n]{0,16}",
        Just("1e300".to_string()),
        Just("-1e300".to_string()),
        Just("9223372036854775808".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("a | b || c".to_string()),
        Just("x | 1003456789 | Nytorv 8, 9000 Aalborg | 1e300 | -inf".to_string()),
    ]
}

proptest! {
    #[test]
    fn joined_items_split_back(parts in prop::collection::vec(prop::collection::vec("[^\\s]([a-z|\\\\ ,]{0,6}[^\\s])?", 1..4), 0..4)) {
        let joined = items(&parts);
        let parts: Vec<Vec<String>> = parts.into_iter().filter(|p| p.iter().any(|s| !s.is_empty())).collect();
        prop_assert_eq!(split_items(&joined).unwrap(), parts);
    }
}
