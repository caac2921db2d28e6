//! The Solomon reader under hostile input: arbitrary bytes, text made of the format's own
//! words, and a real instance with one line damaged. It must never panic; what it refuses it
//! refuses with the line at fault, and what it accepts the engine must be able to solve,
//! since a reader that lets a value through hands its overflow to the search.

use proptest::prelude::*;
use routing::solomon::{self, Instance};
use routing::{Limits, solve};

/// Solomon's C101 as published, Windows line endings and all.
const C101: &str = include_str!("../../../../tests/fixtures/solomon/C101.txt");

/// C101 up to its 25th customer, which is how Solomon's own 25-customer C101 is made: small
/// enough for every case to be solved as well as read.
fn c101_25() -> String {
    C101.split_inclusive('\n').take(10 + 25).collect()
}

/// The only refusals that cannot name a line, because what is wrong is what is missing.
const WHOLE_FILE: [&str; 3] = [
    "the file is empty",
    "no VEHICLE section with NUMBER and CAPACITY",
    "no CUSTOMER section with the depot and customers",
];

/// Whether a refusal names a line the text has, or says what the whole file lacks.
fn names_a_line(error: &str, text: &str) -> bool {
    let lines = text.lines().count();
    let line = error
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
        .and_then(|(number, reason)| Some((number.parse::<usize>().ok()?, reason)));
    match line {
        Some((number, reason)) => (1..=lines).contains(&number) && !reason.is_empty(),
        None => WHOLE_FILE.contains(&error),
    }
}

/// What an accepted instance promises: its parts agree, the problem is valid, and a short
/// search over it neither panics nor builds a solution that breaks a rule.
fn carried(instance: &Instance) -> Result<(), TestCaseError> {
    let problem = &instance.problem;
    prop_assert_eq!(problem.validate(), Ok(()));
    prop_assert_eq!(instance.customer_ids.len(), problem.stops.len());
    prop_assert_eq!(instance.coordinates.len(), problem.matrix.size);
    let few = Limits {
        time: None,
        iterations: Some(5),
    };
    let solved = solve(problem, few, 1);
    prop_assert!(solved.is_ok(), "{:?}", solved.err());
    Ok(())
}

/// Numbers out of every range the format allows, and words that only look like numbers.
const NASTY: &[&str] = &[
    "1e300",
    "-1e300",
    "1e308",
    "NaN",
    "inf",
    "-inf",
    "9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "1e15",
    "1000000000000000",
    "-1",
    "-0",
    "0.5",
    "1e-300",
    "x",
    "0x10",
    "١٢",
    "\u{0}",
];

/// One way to damage one line of a file.
#[derive(Debug, Clone)]
enum Damage {
    /// The line cut after this share of its characters.
    Cut(prop::sample::Index),
    /// One word replaced by a value out of range or no number at all.
    Replace(prop::sample::Index, &'static str),
    /// One word (a column) left out.
    Drop(prop::sample::Index),
    /// One word (a column) written twice.
    Double(prop::sample::Index),
    /// The whole line left out.
    Remove,
    /// The whole line written twice.
    Repeat,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Damage::Cut),
        (any::<prop::sample::Index>(), prop::sample::select(NASTY))
            .prop_map(|(at, value)| Damage::Replace(at, value)),
        any::<prop::sample::Index>().prop_map(Damage::Drop),
        any::<prop::sample::Index>().prop_map(Damage::Double),
        Just(Damage::Remove),
        Just(Damage::Repeat),
    ]
}

/// `text` with its line at `at` damaged, the other lines and every line ending kept.
fn damaged(text: &str, at: prop::sample::Index, damage: &Damage) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = at.index(lines.len());
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        if k != at {
            out.push_str(line);
            continue;
        }
        let body = line.trim_end_matches(['\r', '\n']);
        let ending = &line[body.len()..];
        let mut words: Vec<&str> = body.split_whitespace().collect();
        let changed = match damage {
            Damage::Cut(share) => {
                let chars: Vec<char> = body.chars().collect();
                let keep = share.index(chars.len() + 1);
                chars[..keep].iter().collect()
            }
            Damage::Remove => continue,
            Damage::Repeat => format!("{body}{ending}{body}"),
            Damage::Replace(_, _) | Damage::Drop(_) | Damage::Double(_) if words.is_empty() => {
                body.to_string()
            }
            Damage::Replace(word, value) => {
                let word = word.index(words.len());
                words[word] = value;
                words.join("   ")
            }
            Damage::Drop(word) => {
                words.remove(word.index(words.len()));
                words.join("   ")
            }
            Damage::Double(word) => {
                let word = word.index(words.len());
                words.insert(word, words[word]);
                words.join("   ")
            }
        };
        out.push_str(&changed);
        out.push_str(ending);
    }
    out
}

/// Text made of the format's own words, so that arbitrary input gets past the first line
/// and into the sections, where the numbers are read.
fn solomon_like() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => (0i64..200).prop_map(|n| n.to_string()),
        2 => prop::sample::select(NASTY).prop_map(str::to_string),
        1 => prop::sample::select(vec!["VEHICLE", "CUSTOMER", "NUMBER", "CAPACITY", "CUST NO."])
            .prop_map(str::to_string),
        1 => "[ -~]{0,6}",
    ];
    let line = prop::collection::vec(word, 0..9).prop_map(|words| words.join(" "));
    let ending = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    prop::collection::vec((line, ending), 0..16).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(line, ending)| line + ending)
            .collect()
    })
}

/// A customer as a generated file writes it: `x y demand ready due service`.
type Row = (i64, i64, i64, i64, i64, i64);

fn customer() -> impl Strategy<Value = Row> {
    (
        0i64..100,
        0i64..100,
        0i64..50,
        0i64..500,
        0i64..500,
        0i64..100,
    )
        .prop_map(|(x, y, demand, ready, open, service)| {
            (x, y, demand, ready, ready + open, service)
        })
}

/// A file of `vehicles` (count, capacity), a depot and `rows`, with the spacing varied
/// as real files vary it.
fn solomon_file(vehicles: (usize, i64), depot: (i64, i64, i64), rows: &[Row], gap: &str) -> String {
    let mut text = format!(
        "GEN\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n{gap}{}{gap}{}\r\n\r\nCUSTOMER\r\n\
         CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n",
        vehicles.0, vehicles.1
    );
    let (x, y, due) = depot;
    text.push_str(&format!(
        "{gap}0{gap}{x}{gap}{y}{gap}0{gap}0{gap}{due}{gap}0\r\n"
    ));
    for (id, (x, y, demand, ready, due, service)) in rows.iter().enumerate() {
        let id = id + 1;
        text.push_str(&format!(
            "{gap}{id}{gap}{x}{gap}{y}{gap}{demand}{gap}{ready}{gap}{due}{gap}{service}{gap}\r\n"
        ));
    }
    text
}

#[test]
fn the_cut_of_c101_is_solomons_25_customer_instance() {
    let instance = solomon::parse(&c101_25()).unwrap();
    assert_eq!(instance.name, "C101");
    assert_eq!(instance.customer_ids, (1..=25).collect::<Vec<u32>>());
}

#[test]
fn a_solomon_file_that_is_not_utf8_is_refused_naming_the_file() {
    let path = std::env::temp_dir().join(format!("kommune-solomon-{}.txt", std::process::id()));
    let mut bytes = c101_25().into_bytes();
    bytes[0] = 0xC3; // the first byte of a two-byte character whose second byte is missing
    std::fs::write(&path, &bytes).unwrap();
    let error = solomon::read(&path).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert!(
        error.starts_with(&format!("reading {}", path.display())),
        "{error}"
    );
}

#[test]
fn numbers_out_of_range_are_refused_on_their_line() {
    // Each was read before, saturated to i64::MAX or MIN in tenths, and overflowed the search.
    for (from, to, line) in [
        ("    0      40", "    0      1e300", 10),
        (
            "    0      40         50",
            "    0      40         -1e300",
            10,
        ),
        ("  0       1236", "  -1e300       1236", 10),
        ("  0       1236", "  0       1e300", 10),
        (
            "  912        967         90",
            "  912        967         1e12",
            11,
        ),
    ] {
        let text = c101_25().replacen(from, to, 1);
        assert_ne!(text, c101_25(), "'{from}' is in the file");
        let error = solomon::parse(&text).unwrap_err();
        assert!(error.starts_with(&format!("line {line}: ")), "{error}");
        assert!(error.contains("out of range"), "{error}");
    }
}

#[test]
fn more_vehicles_than_customers_are_read_as_one_per_customer() {
    let text = c101_25().replacen("  25         200", "  1000000000         200", 1);
    let instance = solomon::parse(&text).unwrap();
    assert_eq!(instance.problem.vehicle_types[0].count, 25);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_solomon_reader(
        bytes in prop::collection::vec(any::<u8>(), 0..600)
    ) {
        let text = String::from_utf8_lossy(&bytes);
        match solomon::parse(&text) {
            Ok(instance) => carried(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, &text), "{error}"),
        }
    }

    #[test]
    fn text_in_the_solomon_vocabulary_is_read_or_refused_by_line(text in solomon_like()) {
        match solomon::parse(&text) {
            Ok(instance) => carried(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, &text), "{error}"),
        }
    }

    #[test]
    fn a_solomon_file_damaged_on_one_line_is_read_or_refused_by_line(
        at in any::<prop::sample::Index>(),
        damage in damage(),
    ) {
        let text = damaged(&c101_25(), at, &damage);
        match solomon::parse(&text) {
            Ok(instance) => carried(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, &text), "{error}"),
        }
    }

    #[test]
    fn a_solomon_file_cut_anywhere_is_refused_not_panicked(cut in any::<prop::sample::Index>()) {
        let text = c101_25();
        let mut end = cut.index(text.len() + 1);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        match solomon::parse(text) {
            Ok(instance) => carried(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, text), "{error}"),
        }
    }

    #[test]
    fn a_generated_solomon_file_reads_back_in_tenths(
        vehicles in (1usize..6, 0i64..300),
        depot in (0i64..100, 0i64..100, 500i64..2000),
        rows in prop::collection::vec(customer(), 0..12),
        gap in prop::sample::select(vec![" ", "   ", "\t", " \t "]),
    ) {
        let text = solomon_file(vehicles, depot, &rows, gap);
        let instance = solomon::parse(&text).map_err(TestCaseError::fail)?;
        let problem = &instance.problem;
        prop_assert_eq!(problem.vehicle_types[0].count, vehicles.0.min(rows.len()).max(1));
        prop_assert_eq!(&problem.vehicle_types[0].capacity, &vec![vehicles.1]);
        prop_assert_eq!(problem.depots[0].window.close, depot.2 * 10);
        prop_assert_eq!(problem.stops.len(), rows.len());
        for (k, (stop, &(x, y, demand, ready, due, service))) in
            problem.stops.iter().zip(&rows).enumerate()
        {
            prop_assert_eq!(&stop.demand, &vec![demand]);
            prop_assert_eq!(stop.service, service * 10);
            prop_assert_eq!((stop.windows[0].open, stop.windows[0].close), (ready * 10, due * 10));
            prop_assert_eq!(instance.coordinates[k + 1], (x as f64, y as f64));
            prop_assert_eq!(
                problem.matrix.distance(0, k + 1),
                solomon::dimacs_tenths((depot.0 as f64, depot.1 as f64), (x as f64, y as f64))
            );
        }
    }
}
