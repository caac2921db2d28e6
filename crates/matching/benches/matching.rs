//! Benchmark: the Alliance's matching at a city's size, on a generated instance
//! (`matching::generate`, 400 skills).
//!
//!     cargo bench -p matching --bench matching -- [--candidates 10000] [--needs 1000] [--seed 1]
//!
//! Prints the time to build the pool, every need's top 10 at once (`top_for_every_need`),
//! one need's top 10 timed need by need (mean and worst), one candidate's needs (mean and
//! worst over 100 candidates spread through the pool), and the peak memory. Every need's
//! answer at once is checked against the need alone. The table is Markdown.

use matching::generate::instance;
use matching::{Pool, matches_for_need, needs_for_candidate, top_for_every_need};
use std::time::Instant;

/// The skills the instance draws from: about as many as a municipality's task catalogue
/// and the students' declared competences name.
const SKILLS: u32 = 400;
/// How many candidates' needs are timed.
const CANDIDATES_TIMED: usize = 100;

struct Options {
    candidates: usize,
    needs: usize,
    seed: u64,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        candidates: 10_000,
        needs: 1_000,
        seed: 1,
    };
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| {
            args.next()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or(format!("{flag} takes a number"))
        };
        match arg.as_str() {
            "--bench" => {} // cargo bench passes it to every bench binary
            "--candidates" => options.candidates = number("--candidates")? as usize,
            "--needs" => options.needs = number("--needs")? as usize,
            "--seed" => options.seed = number("--seed")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

/// The process's peak resident memory in MB, from /proc (Linux).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Runs `f` and says how long it took, in ms.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let began = Instant::now();
    let out = f();
    (out, began.elapsed().as_secs_f64() * 1000.0)
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn worst(v: &[f64]) -> f64 {
    v.iter().copied().fold(0.0, f64::max)
}

fn main() {
    let options = parse_args(std::env::args().skip(1)).unwrap_or_else(|message| {
        eprintln!(
            "{message}\nusage: cargo bench -p matching --bench matching -- [--candidates N] [--needs M] [--seed S]"
        );
        std::process::exit(2);
    });
    let (candidates, needs) = instance(options.seed, options.candidates, options.needs, SKILLS);
    // Some candidates to time their needs, spread through the pool; kept before the pool
    // takes the candidates, so the pool is built from the whole list once.
    let step = (candidates.len() / CANDIDATES_TIMED).max(1);
    let sample: Vec<_> = candidates
        .iter()
        .step_by(step)
        .take(CANDIDATES_TIMED)
        .cloned()
        .collect();
    let (pool, build_ms) = timed(|| Pool::new(candidates));
    let (all, all_ms) = timed(|| top_for_every_need(&needs, &pool, 10));
    let one: Vec<f64> = needs
        .iter()
        .zip(&all)
        .map(|(need, at_once)| {
            let (alone, ms) = timed(|| matches_for_need(need, &pool, 10));
            assert_eq!(
                &alone, at_once,
                "need {}: at once and alone differ",
                need.id
            );
            ms
        })
        .collect();
    let per_candidate: Vec<f64> = sample
        .iter()
        .map(|c| timed(|| needs_for_candidate(c, &needs, 10)).1)
        .collect();
    print_table(
        &options,
        &[
            ("build the pool", format!("{build_ms:.1} ms")),
            (
                "every need's top 10 (`top_for_every_need`)",
                format!("{all_ms:.1} ms"),
            ),
            ("one need's top 10, mean", format!("{:.3} ms", mean(&one))),
            ("one need's top 10, worst", format!("{:.3} ms", worst(&one))),
            (
                "one candidate's needs, mean",
                format!("{:.3} ms", mean(&per_candidate)),
            ),
            (
                "one candidate's needs, worst",
                format!("{:.3} ms", worst(&per_candidate)),
            ),
            ("peak memory (VmHWM)", format!("{:.0} MB", peak_mb())),
        ],
    );
}

fn print_table(options: &Options, rows: &[(&str, String)]) {
    println!(
        "matching: {} candidates × {} needs, {SKILLS} skills, seed {}; {} threads; load average at the end {}",
        options.candidates,
        options.needs,
        options.seed,
        std::thread::available_parallelism().map_or(1, usize::from),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!();
    println!("| step | time |");
    println!("|---|---:|");
    for (step, value) in rows {
        println!("| {step} | {value} |");
    }
}
