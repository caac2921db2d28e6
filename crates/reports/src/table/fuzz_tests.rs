//! The four CSV readers under hostile input: arbitrary bytes, valid files with one cell,
//! one column or their end damaged, and valid files in another column order and line
//! ending. No reader may panic, and every refusal must name a line the file has and a column
//! a coordinator can find, on the row that was damaged: an import is all or nothing, so a
//! refusal the coordinator cannot locate leaves the file unfixable.
//!
//! Each file kind's own module checks export-import round trips of its records; this one
//! adds the agreements', which had none.

use super::tests::noise;
use super::{DELIMITER, WHOLE_FILE};
use crate::RowError;
use crate::agreements::{self, AgreementRow};
use crate::{companies, people, tasks};
use domain::agreement::AgreementDraft;
use domain::catalogue::TaskType;
use domain::identifiers::Cvr;
use proptest::prelude::*;
use proptest::sample::Index;

/// A file kind as the properties see it: its columns, a valid file, and its reader with the
/// records it read shown as text, so that two reads can be compared whatever the kind.
struct Kind {
    name: &'static str,
    columns: &'static [&'static str],
    /// A valid file's data rows, cells split at `;`. No cell holds a line break, so data row
    /// `r` starts on line `r + 2`.
    rows: &'static [&'static str],
    read: fn(&[u8]) -> Records,
}

/// What a reader gives: the records, each shown with `{:?}`, or every error.
type Records = Result<Vec<String>, Vec<RowError>>;

/// By name only, so that a failing case is short enough to read and to keep as a regression.
impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Kind {
    fn rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|row| row.split(';').map(str::to_string).collect())
            .collect()
    }
}

fn shown<T: std::fmt::Debug>(read: Result<Vec<T>, Vec<RowError>>) -> Records {
    read.map(|rows| rows.iter().map(|row| format!("{row:?}")).collect())
}

const PEOPLE: Kind = Kind {
    name: "people",
    columns: people::COLUMNS,
    rows: &[
        "Mette Larsen;+4520304050;mette@example.dk;da;Vesterbro 14, 9000 Aalborg;57.0479;9.9187;\
         active;;flex_job;12.25;7.5;10.75;Mon 09:00-13:00, Wed 10:00-12:00;\
         2026-12-24..2026-12-31 holiday;cleaning, sorting;ar, da;10;120;yes;09:30;no;30",
        "Ole Sørensen;+4520304051;ole@example.dk;da;Nytorv 8, 9000 Aalborg;57.0481;9.9205;\
         left;ordinary_job;other;;0;37;;;;;;;no;;no;",
        "Ahmad Hassan;+46701234567;ahmad@example.dk;en;Søndergade 3, 9220 Aalborg Øst;57.03;-0.5;\
         active;;small_job;;6;8;Mon 09:00-13:00;;forklift;ar, en;;;no;;no;",
    ],
    read: |bytes| shown(people::read_people(bytes)),
};

const COMPANIES: Kind = Kind {
    name: "companies",
    columns: companies::COLUMNS,
    rows: &[
        "Salling Aalborg A/S;29189420;faktura@example.dk;5798000416604;yes;\
         Butik Nytorv | 1003456789 | Nytorv 8, 9000 Aalborg | 57.0481 | 9.9205 || \
         Lager | 1003456790 | Industrivej 2, 1. sal, 9220 Aalborg Øst | 57.03 | 10;\
         Jens Holm | jens@example.dk | +4598123456 | butikschef || \
         Anna Berg | anna@example.dk |  | ",
        "Café Fru Jensen;12345674;cafe@example.dk;;no;\
         Caféen | 1003456789 | Jomfru Ane Gade 5, 9000 Aalborg | 57.0481 | 9.9205;",
    ],
    read: |bytes| shown(companies::read_companies(bytes)),
};

const TASKS: Kind = Kind {
    name: "tasks",
    columns: tasks::COLUMNS,
    rows: &[
        "29189420;1003456789;requested;cleaning;Frokoststue;;0;no;no;;1;90;\
         2026-12-01T09:00:00+01:00;;;",
        "29189420;1003456789;requested;gardening;Hækklipning;;15;yes;yes;gardening, power_tools;\
         2;240;;2026-10-20T08:00:00+02:00;2026-10-20T10:30:00+02:00;\
         weekly Tue,Thu until 2026-11-05",
        "12345674;1003456790;planned;delivery;Varer til lager;Ring på, \"bag\";5;no;no;;1;60;\
         2026-12-02T10:00:00+01:00;;;",
    ],
    read: |bytes| shown(tasks::read_tasks(bytes)),
};

const AGREEMENTS: Kind = Kind {
    name: "agreements",
    columns: agreements::COLUMNS,
    rows: &[
        "29189420;cleaning;24500;15500;60;monthly",
        "29189420;gardening;26000;15500;0;monthly",
        "12345674;cleaning;24500;15500;60;",
    ],
    read: |bytes| shown(agreements::read_agreements(bytes)),
};

const KINDS: [&Kind; 4] = [&PEOPLE, &COMPANIES, &TASKS, &AGREEMENTS];

/// How a file ends its lines; the readers take all three.
#[derive(Debug, Clone, Copy)]
enum Ending {
    Crlf,
    Lf,
    Cr,
}

/// The file of `header` and `rows` as Excel writes it, with the BOM if `bom`. Rows may have
/// any number of cells, so that a damaged row is written as damaged.
fn file<H: AsRef<[u8]>, C: AsRef<[u8]>>(
    header: &[H],
    rows: &[Vec<C>],
    bom: bool,
    ending: Ending,
) -> Vec<u8> {
    let terminator = match ending {
        Ending::Crlf => csv::Terminator::CRLF,
        Ending::Lf => csv::Terminator::Any(b'\n'),
        Ending::Cr => csv::Terminator::Any(b'\r'),
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(DELIMITER)
        .terminator(terminator)
        .flexible(true)
        .from_writer(if bom { super::BOM.to_vec() } else { Vec::new() });
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

fn valid_file(kind: &Kind) -> Vec<u8> {
    file(kind.columns, &kind.rows(), true, Ending::Crlf)
}

/// The lines of a file, counted as the readers count them: LF, CRLF or a lone CR ends one.
fn line_count(bytes: &[u8]) -> usize {
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

/// The names the first record of `bytes` gives, as the reader compares them: the header's
/// own errors quote these, whatever they are.
fn header_names(bytes: &[u8]) -> Vec<String> {
    let body = bytes.strip_prefix(super::BOM).unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .delimiter(DELIMITER)
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .byte_records()
        .next()
        .and_then(Result::ok)
        .map(|header| {
            header
                .iter()
                .map(|name| String::from_utf8_lossy(name).trim().to_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether every error of a refusal can be found in `bytes`: a line it has, a column of
/// the kind or a name its header gives (or the Nth field of a row too long, or the whole
/// file), and a reason, shown as `line N, column C: reason`.
fn locatable(kind: &Kind, bytes: &[u8], errors: &[RowError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "a refusal without a reason");
    let lines = line_count(bytes);
    let header = header_names(bytes);
    for e in errors {
        prop_assert!(
            (1..=lines).contains(&e.line),
            "{e} in a file of {lines} lines"
        );
        prop_assert!(!e.reason.trim().is_empty(), "{e:?}");
        prop_assert_eq!(
            e.to_string(),
            format!("line {}, column {}: {}", e.line, e.column, e.reason)
        );
        let known = kind.columns.contains(&e.column.as_str())
            || header.contains(&e.column)
            || e.column == WHOLE_FILE
            || e.column
                .strip_prefix("field ")
                .is_some_and(|n| n.parse::<usize>().is_ok());
        prop_assert!(
            known && !e.column.trim().is_empty(),
            "{e} names no column of the file"
        );
    }
    Ok(())
}

/// Cell text that pokes at the parsers, and beyond `noise`: numbers just past the
/// integer bounds, tiny and negative ones, NUL, digits of other scripts, a BOM mid-file.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => noise(),
        1 => prop::sample::select(vec![
            "-9223372036854775809",
            "18446744073709551616",
            "99999999999999999999999999",
            "-1",
            "-0",
            "0",
            "1e-300",
            "-1e308",
            "1,5e3",
            "\u{0}",
            "١٢",
            "\u{FEFF}",
            "\"",
            ";",
        ])
        .prop_map(str::to_string),
    ]
}

/// One way to damage a valid file.
#[derive(Debug, Clone)]
enum Damage {
    /// One cell of one row replaced.
    Cell(Index, Index, String),
    /// One cell of one row cut after this share of its characters.
    CutCell(Index, Index, Index),
    /// One cell left out of one row, so the cells after it shift left.
    DropCell(Index, Index),
    /// One cell of one row written twice, so the cells after it shift right.
    DoubleCell(Index, Index),
    /// A column left out, header and all.
    DropColumn(Index),
    /// A column written twice, header and all.
    DoubleColumn(Index),
    /// The file cut after this share of its bytes, perhaps inside a character.
    CutFile(Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    let at = || any::<Index>();
    prop_oneof![
        4 => (at(), at(), cell()).prop_map(|(r, c, v)| Damage::Cell(r, c, v)),
        2 => (at(), at(), at()).prop_map(|(r, c, k)| Damage::CutCell(r, c, k)),
        1 => (at(), at()).prop_map(|(r, c)| Damage::DropCell(r, c)),
        1 => (at(), at()).prop_map(|(r, c)| Damage::DoubleCell(r, c)),
        1 => at().prop_map(Damage::DropColumn),
        1 => at().prop_map(Damage::DoubleColumn),
        1 => at().prop_map(Damage::CutFile),
    ]
}

/// The valid file of `kind` damaged, and the data row the damage is in, if one.
fn damaged(kind: &Kind, damage: &Damage) -> (Vec<u8>, Option<usize>) {
    let mut header: Vec<String> = kind.columns.iter().map(|c| c.to_string()).collect();
    let mut rows = kind.rows();
    let width = header.len();
    let row_at = |r: &Index| r.index(rows.len());
    let mut hit = None;
    match damage {
        Damage::Cell(r, c, value) => {
            let r = row_at(r);
            rows[r][c.index(width)] = value.clone();
            hit = Some(r);
        }
        Damage::CutCell(r, c, share) => {
            let r = row_at(r);
            let cell = &mut rows[r][c.index(width)];
            *cell = cell
                .chars()
                .take(share.index(cell.chars().count() + 1))
                .collect();
            hit = Some(r);
        }
        Damage::DropCell(r, c) => {
            let r = row_at(r);
            rows[r].remove(c.index(width));
            hit = Some(r);
        }
        Damage::DoubleCell(r, c) => {
            let r = row_at(r);
            let c = c.index(width);
            let again = rows[r][c].clone();
            rows[r].insert(c, again);
            hit = Some(r);
        }
        Damage::DropColumn(c) => {
            let c = c.index(width);
            header.remove(c);
            for row in &mut rows {
                row.remove(c);
            }
        }
        Damage::DoubleColumn(c) => {
            let c = c.index(width);
            header.insert(c, header[c].clone());
            for row in &mut rows {
                row.insert(c, row[c].clone());
            }
        }
        Damage::CutFile(share) => {
            let mut bytes = file(&header, &rows, true, Ending::Crlf);
            bytes.truncate(share.index(bytes.len() + 1));
            return (bytes, None);
        }
    }
    (file(&header, &rows, true, Ending::Crlf), hit)
}

#[test]
fn the_sample_files_read_whole() {
    for kind in KINDS {
        let read = (kind.read)(&valid_file(kind));
        assert_eq!(read.map(|rows| rows.len()), Ok(kind.rows.len()));
    }
}

#[test]
fn a_cell_cut_inside_a_character_is_refused_by_line_and_column() {
    let mut bytes = valid_file(&PEOPLE);
    let at = bytes.windows(2).position(|w| w == "ø".as_bytes()).unwrap();
    bytes.remove(at + 1);
    let errors = (PEOPLE.read)(&bytes).unwrap_err();
    assert_eq!(
        errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["line 3, column name: is not UTF-8 text; save the file as 'CSV UTF-8'"]
    );
}

/// Bytes in three shapes: anything at all; a kind's header and then anything, so the rows
/// are read; a valid file with a few bytes overwritten, so most of it still parses.
fn hostile(kind: &'static Kind) -> impl Strategy<Value = Vec<u8>> {
    let bytes = || prop::collection::vec(any::<u8>(), 0..400);
    let header = kind.columns.join(";") + "\r\n";
    let valid = valid_file(kind);
    let size = valid.len();
    prop_oneof![
        bytes(),
        bytes().prop_map(move |tail| [header.as_bytes(), &tail].concat()),
        prop::collection::vec((0..size, any::<u8>()), 1..6).prop_map(move |spots| {
            let mut bytes = valid.clone();
            for (at, byte) in spots {
                bytes[at] = byte;
            }
            bytes
        }),
    ]
}

/// Agreements of up to three companies, each task type at most once per company.
fn agreement_rows() -> impl Strategy<Value = Vec<AgreementRow>> {
    let terms = (1i64..=100_000_000, 1i64..=100_000_000, 0i64..=480);
    let company = (
        prop::sample::subsequence(TaskType::ALL.to_vec(), 0..=3),
        prop::collection::vec(terms, 3),
    );
    prop::collection::vec(company, 0..4).prop_map(|companies| {
        companies
            .into_iter()
            .enumerate()
            .filter_map(|(k, (types, terms))| {
                Some((Cvr::complete(1_000_000 * (k as u32 + 1))?, types, terms))
            })
            .flat_map(|(cvr, types, terms)| {
                types
                    .into_iter()
                    .zip(terms)
                    .filter_map(move |(task_type, (a, b, minutes))| {
                        let agreement = AgreementDraft {
                            company_id: Some(1),
                            task_type: task_type.code().into(),
                            price_per_hour_ore: Some(a.max(b)),
                            wage_per_hour_ore: Some(a.min(b)),
                            min_billable_minutes: Some(minutes),
                            invoicing_period: None,
                        }
                        .parse()
                        .ok()?;
                        Some(AgreementRow {
                            company_cvr: cvr.clone(),
                            agreement: domain::agreement::Agreement {
                                company_id: 0,
                                ..agreement
                            },
                            line: 0,
                        })
                    })
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_are_read_or_refused_by_line_and_column_in_every_kind(
        (kind, bytes) in prop::sample::select(KINDS.to_vec())
            .prop_flat_map(|kind| (Just(kind), hostile(kind))),
    ) {
        if let Err(errors) = (kind.read)(&bytes) {
            locatable(kind, &bytes, &errors)?;
        }
    }

    #[test]
    fn a_file_with_one_cell_or_column_damaged_is_refused_on_the_damaged_row(damage in damage()) {
        for kind in KINDS {
            let (bytes, hit) = damaged(kind, &damage);
            match (kind.read)(&bytes) {
                Ok(rows) => prop_assert!(rows.len() <= kind.rows.len()),
                Err(errors) => {
                    locatable(kind, &bytes, &errors)?;
                    match (&damage, hit) {
                        (_, Some(r)) => {
                            // A key made equal to another row's is reported on the later of
                            // the two, naming the earlier: either way the damaged row is named.
                            let line = r + 2;
                            let also = format!("is also on line {line};");
                            for e in &errors {
                                prop_assert!(
                                    e.line == line || e.reason.contains(&also),
                                    "{} damaged on line {}, refused on another: {}",
                                    kind.name,
                                    line,
                                    e
                                );
                            }
                        }
                        (Damage::DropColumn(_) | Damage::DoubleColumn(_), None) => {
                            prop_assert!(errors.iter().all(|e| e.line == 1), "{:?}", errors);
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    #[test]
    fn a_valid_file_reads_the_same_in_any_column_order_and_line_ending(
        order in Just((0..64).collect::<Vec<usize>>()).prop_shuffle(),
        bom in any::<bool>(),
        ending in prop::sample::select(vec![Ending::Crlf, Ending::Lf, Ending::Cr]),
    ) {
        for kind in KINDS {
            let order: Vec<usize> =
                order.iter().copied().filter(|&c| c < kind.columns.len()).collect();
            let header: Vec<&str> = order.iter().map(|&c| kind.columns[c]).collect();
            let original = kind.rows();
            let rows: Vec<Vec<&str>> = original
                .iter()
                .map(|row| order.iter().map(|&c| row[c].as_str()).collect())
                .collect();
            let moved = (kind.read)(&file(&header, &rows, bom, ending));
            prop_assert_eq!(moved, (kind.read)(&valid_file(kind)));
        }
    }

    #[test]
    fn any_agreements_export_import_export_identically(rows in agreement_rows()) {
        let mut first = Vec::new();
        agreements::write_agreements(&mut first, &rows).unwrap();
        let read = agreements::read_agreements(&first[..])
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(&read, &rows);
        let mut again = Vec::new();
        agreements::write_agreements(&mut again, &read).unwrap();
        prop_assert_eq!(again, first);
    }
}
