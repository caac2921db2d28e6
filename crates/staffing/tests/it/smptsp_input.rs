//! The SMPTSP `.dat` reader under hostile input: arbitrary bytes, text made of the format's
//! own words, and a real OR-Library instance with one line damaged. It must never panic;
//! what it refuses it refuses with a line the text has, and what it accepts keeps the
//! promises `Instance` documents, which the solver relies on without checking again.

use proptest::prelude::*;
use staffing::smptsp::{self, Instance, Limits, NoPlan};

/// OR-Library's `data_2_24_40_33`: 40 jobs, 24 workers, with its comment lines.
const DATA: &str = include_str!("../fixtures/smptsp/data_2_24_40_33.dat");

/// Whether a refusal names a line of the text, or the one past its end for a text that
/// stops early, and says what is wrong with it.
fn names_a_line(error: &smptsp::ParseError, text: &str) -> bool {
    let lines = text.lines().count();
    (1..=lines + 1).contains(&error.line)
        && !error.reason.trim().is_empty()
        && error.to_string() == format!("line {}: {}", error.line, error.reason)
}

/// What an accepted instance promises, and that a short search over it ends in a checked
/// plan or a stated reason, never a plan the checker refuses.
fn kept(instance: &Instance) -> Result<(), TestCaseError> {
    prop_assert!(instance.jobs.iter().all(|(start, end)| start <= end));
    for jobs in &instance.qualified {
        let mut seen = jobs.clone();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), jobs.len(), "a job listed twice: {:?}", jobs);
        prop_assert!(jobs.iter().all(|&j| j < instance.jobs.len()), "{:?}", jobs);
    }
    let few = Limits {
        time: None,
        iterations: Some(200),
    };
    match smptsp::solve(instance, few, 1) {
        Ok(solution) => prop_assert_eq!(
            smptsp::check(instance, &solution.assignment),
            Ok(solution.workers_used)
        ),
        Err(NoPlan::Invalid(violation)) => {
            prop_assert!(
                false,
                "the solver built a plan that breaks a rule: {violation:?}"
            )
        }
        Err(NoPlan::NoQualifiedWorker { .. } | NoPlan::NotFound { .. }) => {}
    }
    Ok(())
}

/// Numbers out of every range the format allows, and words that only look like numbers.
const NASTY: &[&str] = &[
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
    "-1",
    "-0",
    "+3",
    "0.5",
    "1e3",
    "NaN",
    "x",
    "١٢",
    "\u{0}",
    "=",
    ":",
    "#",
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

/// `text` with its line at `at` damaged, the other lines kept. Words are split at white
/// space, so `Jobs = 40` and `3: 1 2 3` lose or gain their `=`, `:` and numbers alike.
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
                words.join(" ")
            }
            Damage::Drop(word) => {
                words.remove(word.index(words.len()));
                words.join(" ")
            }
            Damage::Double(word) => {
                let word = word.index(words.len());
                words.insert(word, words[word]);
                words.join(" ")
            }
        };
        out.push_str(&changed);
        out.push_str(ending);
    }
    out
}

/// Text made of the format's own words, so that arbitrary input gets past the headers and
/// into the job and qualification lines, where the numbers are read.
fn smptsp_like() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => (0u32..12).prop_map(|n| n.to_string()),
        2 => prop::sample::select(NASTY).prop_map(str::to_string),
        2 => prop::sample::select(vec!["Type", "Jobs", "Qualifications", "=", ":", "1:", "2:"])
            .prop_map(str::to_string),
        1 => "[ -~]{0,6}",
    ];
    let line = prop::collection::vec(word, 0..7).prop_map(|words| words.join(" "));
    let ending = prop::sample::select(vec!["\n", "\r\n"]);
    prop::collection::vec((line, ending), 0..16).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(line, ending)| line + ending)
            .collect()
    })
}

/// The `.dat` text of `jobs` and `qualified`, as the OR-Library generator writes it.
fn dat_file(jobs: &[(u32, u32)], qualified: &[Vec<usize>]) -> String {
    let mut text = format!("# generated\nType = 1\nJobs = {}\n", jobs.len());
    for (start, end) in jobs {
        text.push_str(&format!("  {start:>4} {end:>4}\n"));
    }
    text.push_str(&format!("Qualifications = {}\n", qualified.len()));
    for list in qualified {
        let list: Vec<String> = list.iter().map(|j| format!("{j:>3}")).collect();
        text.push_str(&format!("{:>3}: {} \n", list.len(), list.join(" ")));
    }
    text
}

/// Jobs anywhere in the whole `u32` range, and for each worker a set of those jobs in any order.
fn instance() -> impl Strategy<Value = (Vec<(u32, u32)>, Vec<Vec<usize>>)> {
    prop::collection::vec(
        (any::<u32>(), any::<u32>()).prop_map(|(a, b)| (a.min(b), a.max(b))),
        0..12,
    )
    .prop_flat_map(|jobs| {
        let n = jobs.len();
        let worker = prop::sample::subsequence((0..n).collect::<Vec<_>>(), 0..=n).prop_shuffle();
        (Just(jobs), prop::collection::vec(worker, 0..6))
    })
}

#[test]
fn the_fixture_reads_as_its_name_says() {
    let instance = Instance::parse(DATA).unwrap();
    assert_eq!((instance.jobs.len(), instance.qualified.len()), (40, 24));
}

#[test]
fn counts_too_large_for_memory_are_refused_where_the_lines_run_out() {
    // The counts are read before the lines they announce, so they must size nothing: with
    // 2^64 - 1 jobs the qualifications header is read as the 41st job, and with as many
    // workers the text ends after the 24th.
    let jobs = DATA.replacen("Jobs = 40", "Jobs = 18446744073709551615", 1);
    let error = Instance::parse(&jobs).unwrap_err();
    assert_eq!(error.line, 46, "{error}");
    let workers = DATA.replacen(
        "Qualifications = 24",
        "Qualifications = 18446744073709551615",
        1,
    );
    let error = Instance::parse(&workers).unwrap_err();
    assert_eq!(error.line, DATA.lines().count() + 1, "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_smptsp_reader(
        bytes in prop::collection::vec(any::<u8>(), 0..600)
    ) {
        let text = String::from_utf8_lossy(&bytes);
        match Instance::parse(&text) {
            Ok(instance) => kept(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, &text), "{error:?}"),
        }
    }

    #[test]
    fn text_in_the_smptsp_vocabulary_is_read_or_refused_by_line(text in smptsp_like()) {
        match Instance::parse(&text) {
            Ok(instance) => kept(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, &text), "{error:?}"),
        }
    }

    #[test]
    fn an_smptsp_file_damaged_on_one_line_is_read_or_refused_by_line(
        at in any::<prop::sample::Index>(),
        damage in damage(),
    ) {
        let text = damaged(DATA, at, &damage);
        match Instance::parse(&text) {
            Ok(instance) => kept(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, &text), "{error:?}"),
        }
    }

    #[test]
    fn an_smptsp_file_cut_anywhere_is_refused_not_panicked(cut in any::<prop::sample::Index>()) {
        let end = cut.index(DATA.len() + 1);
        let text = &DATA[..end];
        match Instance::parse(text) {
            Ok(instance) => kept(&instance)?,
            Err(error) => prop_assert!(names_a_line(&error, text), "{error:?}"),
        }
    }

    #[test]
    fn a_generated_smptsp_file_reads_back_unchanged((jobs, qualified) in instance()) {
        let read = Instance::parse(&dat_file(&jobs, &qualified))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(read, Instance { jobs, qualified });
    }
}
