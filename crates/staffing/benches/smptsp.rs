//! Benchmark: our SMPTSP solver against OR-Tools CP-SAT on the OR-Library "ptask" instances,
//! side by side in one run, one instance after the other so neither competes for a core.
//!
//!     cargo bench -p staffing --bench smptsp -- DIR [--time-limit 10] [--only N] [--seed 1] [--no-cpsat]
//!
//! DIR holds the `.dat` files (e.g. `../shared/bench/smptsp`; a relative DIR is read from
//! the workspace root, since cargo runs benchmarks in the crate's folder); they run smallest
//! first, and `--only N` keeps the first N. CP-SAT runs from a Python virtual environment under
//! `target/bench-venv`, created with `pip install ortools==9.15.6755` on first use; its time limit is its
//! search time, and the seconds Python spends building its model are shown apart ("CP-SAT
//! model s"). Every plan of ours goes through the checker, and an invalid one stops the run;
//! CP-SAT's plans go through it too. The table is Markdown, for BENCHMARKS.md.

use peer::{ORTOOLS, cpu_model, prepare_venv, shell};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use staffing::smptsp::{Instance, Limits, check, lower_bound, solve};

struct Options {
    dir: PathBuf,
    time_limit: f64,
    only: Option<usize>,
    seed: u64,
    cpsat: bool,
}

/// CP-SAT's answer on one instance, as `smptsp_cpsat.py` prints it.
#[derive(serde::Deserialize)]
struct CpSat {
    workers_used: Option<usize>,
    bound: f64,
    status: String,
    wall_time: f64,
    build_time: f64,
    assignment: Option<Vec<usize>>,
}

/// One instance's line in the table.
struct Row {
    name: String,
    lower_bound: usize,
    ours: usize,
    cpsat: Option<CpSat>,
}

fn main() {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "{message}\nusage: cargo bench -p staffing --bench smptsp -- DIR [--time-limit SECS] [--only N] [--seed N] [--no-cpsat]"
            );
            std::process::exit(2);
        }
    };
    let instances = read_instances(&options.dir, options.only);
    let python = options.cpsat.then(|| prepare_venv(&[ORTOOLS]));
    print_machine(&options);
    println!(
        "| instance | jobs | workers | lower bound | ours | ours s | CP-SAT | CP-SAT bound | CP-SAT status | CP-SAT s | CP-SAT model s |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
    let mut rows = Vec::new();
    for (path, instance) in &instances {
        let row = run_instance(&options, python.as_deref(), path, instance);
        rows.push(row);
        std::io::stdout().flush().ok();
    }
    print_summary(&rows, options.cpsat);
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let (mut dir, mut time_limit, mut only, mut seed, mut cpsat) = (None, 10.0, None, 1, true);
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--bench" => {} // cargo bench passes it to every bench binary
            "--time-limit" => {
                time_limit = value("--time-limit")?
                    .parse()
                    .map_err(|_| "--time-limit takes seconds")?
            }
            "--only" => {
                only = Some(
                    value("--only")?
                        .parse()
                        .map_err(|_| "--only takes a number of instances")?,
                )
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed takes a whole number")?
            }
            "--no-cpsat" => cpsat = false,
            flag if flag.starts_with('-') => return Err(format!("unknown flag {flag}")),
            path => dir = Some(PathBuf::from(path)),
        }
    }
    let dir = dir.ok_or("give the directory of .dat files")?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    let dir = dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(Options {
        dir,
        time_limit,
        only,
        seed,
        cpsat,
    })
}

/// The `.dat` files of `dir`, parsed, smallest (fewest jobs) first.
fn read_instances(dir: &Path, only: Option<usize>) -> Vec<(PathBuf, Instance)> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut instances: Vec<(PathBuf, Instance)> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "dat"))
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let instance =
                Instance::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, instance)
        })
        .collect();
    instances.sort_by(|a, b| (a.1.jobs.len(), &a.0).cmp(&(b.1.jobs.len(), &b.0)));
    instances.truncate(only.unwrap_or(usize::MAX));
    assert!(!instances.is_empty(), "no .dat files in {}", dir.display());
    instances
}

fn print_machine(options: &Options) {
    let cpu = cpu_model();
    println!("machine: {} cores (nproc), CPU {cpu}", shell("nproc"));
    println!("date: {}", shell("date -u '+%Y-%m-%d %H:%M UTC'"));
    println!(
        "time limit {} s per instance and solver, seed {}, one thread each (CP-SAT num_workers = 1), instances in {}",
        options.time_limit,
        options.seed,
        options.dir.display()
    );
    println!();
}

fn run_instance(options: &Options, python: Option<&Path>, path: &Path, instance: &Instance) -> Row {
    let name = path.file_stem().unwrap().to_string_lossy().to_string();
    let bound = lower_bound(instance);
    let limits = Limits {
        time: Some(Duration::from_secs_f64(options.time_limit)),
        iterations: None,
    };
    let began = Instant::now();
    let solution =
        solve(instance, limits, options.seed).unwrap_or_else(|e| panic!("{name}: no plan: {e}"));
    let ours_time = began.elapsed().as_secs_f64();
    match check(instance, &solution.assignment) {
        Ok(used) if used == solution.workers_used => {}
        other => panic!(
            "{name}: INVALID PLAN from our solver: {other:?} (claims {} workers)",
            solution.workers_used
        ),
    }
    let cpsat = python.map(|python| run_cpsat(python, path, options.time_limit, bound, instance));
    let (c_used, c_bound, c_status, c_time, c_build) = match &cpsat {
        Some(c) => (
            c.workers_used.map_or("—".into(), |w| w.to_string()),
            format!("{:.0}", c.bound),
            c.status.clone(),
            format!("{:.1}", c.wall_time),
            format!("{:.1}", c.build_time),
        ),
        None => ("".into(), "".into(), "not run".into(), "".into(), "".into()),
    };
    println!(
        "| {name} | {} | {} | {bound} | {} | {ours_time:.1} | {c_used} | {c_bound} | {c_status} | {c_time} | {c_build} |",
        instance.jobs.len(),
        instance.qualified.len(),
        solution.workers_used
    );
    Row {
        name,
        lower_bound: bound,
        ours: solution.workers_used,
        cpsat,
    }
}

fn run_cpsat(
    python: &Path,
    path: &Path,
    time_limit: f64,
    bound: usize,
    instance: &Instance,
) -> CpSat {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/smptsp_cpsat.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(path)
        .args([
            "--time-limit",
            &time_limit.to_string(),
            "--lower-bound",
            &bound.to_string(),
        ])
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    assert!(
        output.status.success(),
        "CP-SAT failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: CpSat = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("CP-SAT's answer on {}: {e}", path.display()));
    // CP-SAT's plan goes through the same checker: a refusal would mean the two models differ.
    if let Some(assignment) = &answer.assignment
        && check(instance, assignment) != Ok(answer.workers_used.unwrap_or(0))
    {
        eprintln!(
            "warning: CP-SAT's plan for {} does not pass our checker: {:?}",
            path.display(),
            check(instance, assignment)
        );
    }
    answer
}

fn gap(used: usize, bound: usize) -> f64 {
    100.0 * (used as f64 - bound as f64) / bound as f64
}

fn print_summary(rows: &[Row], cpsat_ran: bool) {
    let mean = |gaps: &[f64]| {
        if gaps.is_empty() {
            f64::NAN
        } else {
            gaps.iter().sum::<f64>() / gaps.len() as f64
        }
    };
    let ours: Vec<f64> = rows.iter().map(|r| gap(r.ours, r.lower_bound)).collect();
    let at_bound = rows.iter().filter(|r| r.ours == r.lower_bound).count();
    println!();
    println!("instances: {}", rows.len());
    println!(
        "ours: mean gap to the lower bound {:.2} %, at the bound on {at_bound}, max gap {:.2} %",
        mean(&ours),
        ours.iter().cloned().fold(0.0, f64::max)
    );
    if !cpsat_ran {
        return;
    }
    let solved: Vec<&Row> = rows
        .iter()
        .filter(|r| r.cpsat.as_ref().is_some_and(|c| c.workers_used.is_some()))
        .collect();
    let cp_gaps: Vec<f64> = solved
        .iter()
        .map(|r| {
            gap(
                r.cpsat.as_ref().unwrap().workers_used.unwrap(),
                r.lower_bound,
            )
        })
        .collect();
    let ours_on_solved: Vec<f64> = solved.iter().map(|r| gap(r.ours, r.lower_bound)).collect();
    println!(
        "CP-SAT: a plan on {} of {}; mean gap on those {:.2} % (ours on the same {:.2} %)",
        solved.len(),
        rows.len(),
        mean(&cp_gaps),
        mean(&ours_on_solved)
    );
    let cp = |r: &Row| r.cpsat.as_ref().and_then(|c| c.workers_used);
    let better = rows
        .iter()
        .filter(|r| cp(r).is_none_or(|c| r.ours < c))
        .count();
    let tie = rows.iter().filter(|r| cp(r) == Some(r.ours)).count();
    let worse: Vec<&str> = rows
        .iter()
        .filter(|r| cp(r).is_some_and(|c| r.ours > c))
        .map(|r| r.name.as_str())
        .collect();
    let none: Vec<&str> = rows
        .iter()
        .filter(|r| cp(r).is_none())
        .map(|r| r.name.as_str())
        .collect();
    println!(
        "ours fewer workers than CP-SAT (or CP-SAT no plan): {better}; same: {tie}; ours more: {}",
        worse.len()
    );
    println!(
        "ours > CP-SAT on: {}",
        if worse.is_empty() {
            "none".into()
        } else {
            worse.join(", ")
        }
    );
    println!(
        "CP-SAT found no plan on: {}",
        if none.is_empty() {
            "none".into()
        } else {
            none.join(", ")
        }
    );
}
