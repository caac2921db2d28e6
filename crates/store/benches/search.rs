//! The best-practice exchange's search at a region's size: 10,000 published cases by
//! default (`--cases N`), their text drawn deterministically from a vocabulary of Danish
//! words, on SQLite (a fresh file) and — with `--postgres URL`, a database the bench may
//! fill — on PostgreSQL. Prints, per database, the time to store them and p50, p99 and
//! max of each query, 100 times each.
//!
//!     cargo bench -p store --bench search -- [--cases 10000] [--postgres postgres://…/db]

use chrono::Utc;
use std::time::Instant;
use store::cases::Case;
use store::{Actor, Store};

/// Words the cases are written with; a few common, most rare.
const WORDS: [&str; 40] = [
    "affald",
    "pap",
    "plast",
    "cykel",
    "fjernvarme",
    "borgere",
    "virksomheder",
    "job",
    "timer",
    "butikker",
    "elektrisk",
    "køretøj",
    "ruter",
    "genbrug",
    "klima",
    "energi",
    "skole",
    "forening",
    "boligområde",
    "biodiversitet",
    "festival",
    "workshop",
    "kompetencer",
    "studerende",
    "praktik",
    "mobilitet",
    "busser",
    "deletransport",
    "sortering",
    "madspild",
    "solceller",
    "varmepumpe",
    "isolering",
    "træer",
    "regnvand",
    "havnen",
    "midtbyen",
    "landsbyer",
    "frivillige",
    "partnerskab",
];

/// A deterministic word stream: the square of a uniform draw leans to the common words.
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let u = (self.0 >> 33) as f64 / (1u64 << 31) as f64;
        WORDS[((u * u) * WORDS.len() as f64) as usize % WORDS.len()]
    }

    fn sentence(&mut self, n: usize) -> String {
        (0..n).map(|_| self.next()).collect::<Vec<_>>().join(" ")
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn run(name: &str, store: &Store, cases: usize) {
    let by = Actor("bench".into());
    let mut words = Words(1);
    let started = Instant::now();
    for i in 0..cases {
        let case = Case {
            slug: format!("case-{i}"),
            lang: if i % 3 == 0 { "en" } else { "da" }.into(),
            title: words.sentence(4),
            summary: words.sentence(25),
            challenge: words.sentence(60),
            done: words.sentence(80),
            municipality: "Kommune".into(),
            ..Case::default()
        };
        store
            .put_case(&case, &by, Utc::now())
            .await
            .expect("a case");
        store
            .set_case_status(&case.slug, &["draft"], "published", &by, Utc::now())
            .await
            .expect("published");
    }
    let stored = started.elapsed().as_secs_f64();
    println!("{name}: {cases} published cases stored in {stored:.1} s");
    println!();
    println!("| query | found | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for query in [
        "pap",
        "fjernvarme borgere",
        "partnerskab frivillige",
        "varmepumpe isolering solceller",
        "nothing here",
    ] {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..100 {
            let started = Instant::now();
            found = store.search_cases(query, 50).await.expect("a search").len();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| {query} | {found} | {:.2} | {:.2} | {:.2} |",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times.last().copied().unwrap_or_default()
        );
    }
    println!();
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone());
    let cases = value("--cases")
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("a directory");
    let url = format!("sqlite://{}", dir.path().join("search.db").display());
    let sqlite = Store::connect(&url).await.expect("SQLite");
    run("SQLite (FTS5)", &sqlite, cases).await;
    if let Some(url) = value("--postgres") {
        let postgres = Store::connect(&url).await.expect("PostgreSQL");
        run("PostgreSQL (Danish full-text)", &postgres, cases).await;
    }
}
