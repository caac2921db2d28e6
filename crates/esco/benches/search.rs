//! How long a skill search takes: the shipped catalogue read once, then typed queries of
//! a few letters, each the best 20 of the skills and occupations. Prints a table.
//!
//!     cargo bench -p esco --bench search

use std::collections::HashMap;
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let catalogue = esco::shipped();
    let read_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{} concepts read in {read_ms:.1} ms; each query 200 times, the best 20 of skills and occupations",
        catalogue.concepts.len()
    );
    println!();
    println!("| query | hits | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    let none = HashMap::new();
    let kinds = [esco::Kind::Skill, esco::Kind::Occupation];
    for query in [
        "f",
        "fo",
        "forkl",
        "clean",
        "sort waste",
        "custom serv",
        "xyzq",
    ] {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..200 {
            let start = Instant::now();
            hits = esco::search(catalogue, &none, query, &kinds, 20).len();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "| {query} | {hits} | {:.2} | {:.2} | {:.2} |",
            at(0.5),
            at(0.99),
            times.last().copied().unwrap_or_default()
        );
    }
}
