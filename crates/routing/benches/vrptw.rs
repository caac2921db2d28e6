//! Benchmark: the routing engine on Solomon's 56 VRPTW instances under the DIMACS convention,
//! against PyVRP side by side in one run, and on a generated 1,000-stop city.
//!
//!     cargo bench -p routing --bench vrptw -- --solomon DIR --bks FILE [--time-limit 10]
//!         [--seed 1] [--only C101,R205] [--no-pyvrp] [--hierarchical] [--penalised] [--checkpoints 1,5,10,30]
//!         [--city 1000 --city-limit 60]
//!
//! DIR holds instances in Solomon's format and FILE the best-known values (`dimacs_distance`
//! column), e.g. `../shared/bench/vrptw/solomon` (Solomon's 56) or
//! `../shared/bench/vrptw/homberger_200` (Gehring & Homberger's 200-customer ones) and
//! `../shared/bench/vrptw/bks.csv`; relative
//! paths are read from the workspace root (cargo runs benchmarks in the crate's folder).
//!
//! - Per instance, ours first (in this process, one thread, `routing::solve` at
//!   `--time-limit` seconds), then PyVRP (`benches/vrptw_pyvrp.py`, the same limit as
//!   `MaxRuntime` and the same seed), one after the other so they never share a core. PyVRP's
//!   search is single-threaded; it runs from a Python virtual environment under
//!   `target/bench-venv`, created with `pip install pyvrp==0.14.1 vrplib==2.2.0` on first use, and reads the
//!   file with `vrplib.read_instance(…, instance_format="solomon")` into the model
//!   `pyvrp.read(…, round_func="dimacs")` builds.
//! - Every solution of ours goes through `routing::check`, and its distance is recomputed here
//!   from the file's coordinates (each arc floor(10·d) tenths); an invalid one stops the run.
//!   PyVRP's routes go through the same checker, and its distance is recomputed the same way.
//! - `--hierarchical`: the instances under the hierarchical convention instead (vehicles
//!   first, lengths not rounded; `Objective::VehiclesFirst` and its fleet phase) against
//!   the BKS file's `hier_vehicles` and `hier_distance`, ours only (`vrptw/hierarchical.rs`).
//! - `--penalised`: our search with `Rules::Penalised` (solutions that break a rule built
//!   at adaptive penalties and mended before they are judged), in the main table and the
//!   hierarchical one.
//! - `--checkpoints 1,5,10,30`: a convergence table instead — each solver runs once to the
//!   last checkpoint and the best distance after each is read from its trace (ours:
//!   `routing::solve_traced`; PyVRP: its per-iteration statistics) (`vrptw/convergence.rs`).
//! - `--city N`: `routing::generate::city(N, seed)` solved in `--city-limit` seconds: time,
//!   distance, routes, unserved stops and the process's peak memory (VmHWM); then, unless
//!   `--no-pyvrp`, PyVRP on the very same instance (`city_pyvrp.py`: the same matrices,
//!   one duration profile per vehicle speed, the hubs as reload depots), its routes through
//!   our checker (`vrptw/city.rs`).
//!
//! Tables are Markdown, for BENCHMARKS.md.

#[path = "vrptw/city.rs"]
mod city;
#[path = "vrptw/convergence.rs"]
mod convergence;
#[path = "vrptw/hierarchical.rs"]
mod hierarchical;

use peer::{PYVRP, VRPLIB, cpu_model, package_version, prepare_venv, shell};

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use routing::solomon::{self, Instance};
use routing::{Limits, Objective, Route, Rules, Solution, Strategy, Visit, check};

const USAGE: &str = "usage: cargo bench -p routing --bench vrptw -- --solomon DIR --bks FILE [--time-limit SECS] [--seed N] [--only C101,R205] [--no-pyvrp] [--hierarchical] [--penalised] [--checkpoints 1,5,10,30] [--city N] [--city-limit SECS]";

struct Options {
    solomon: Option<PathBuf>,
    bks: Option<PathBuf>,
    time_limit: f64,
    seed: u64,
    only: Option<Vec<String>>,
    pyvrp: bool,
    hierarchical: bool,
    rules: Rules,
    checkpoints: Option<Vec<f64>>,
    city: Option<usize>,
    city_limit: f64,
}

/// PyVRP's answer on one instance, as `vrptw_pyvrp.py` prints it.
#[derive(serde::Deserialize)]
struct PyVrp {
    feasible: bool,
    /// Tenths.
    distance: i64,
    cost: Option<i64>,
    vehicles: usize,
    routes: Vec<Vec<u32>>,
    iterations: u64,
    recomputed: i64,
}

/// One instance's line in the table.
struct Row {
    name: String,
    /// Tenths; `None` when not every customer is served.
    ours: Option<i64>,
    pyvrp: Option<i64>,
    bks: i64,
}

fn main() {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let python = (options.pyvrp
        && ((options.solomon.is_some() && !options.hierarchical) || options.city.is_some()))
    .then(|| prepare_venv(&[PYVRP, VRPLIB]));
    print_machine(&options, python.as_deref());
    if let (Some(dir), Some(checkpoints)) = (&options.solomon, &options.checkpoints) {
        let bks = read_bks(options.bks.as_deref().expect("--bks is checked"));
        let files = solomon_files(dir, options.only.as_deref());
        convergence::run(&files, &bks, checkpoints, options.seed, python.as_deref());
    } else if let (Some(dir), true) = (&options.solomon, options.hierarchical) {
        let bks = hierarchical::read_bks(options.bks.as_deref().expect("--bks is checked"));
        hierarchical::print_header();
        let rows: Vec<_> = solomon_files(dir, options.only.as_deref())
            .iter()
            .map(|path| {
                let row = hierarchical::run(
                    path,
                    (options.time_limit, options.seed),
                    options.rules,
                    &bks,
                );
                std::io::stdout().flush().ok();
                row
            })
            .collect();
        hierarchical::print_summary(&rows);
    } else if let Some(dir) = &options.solomon {
        let bks = read_bks(options.bks.as_deref().expect("--bks is checked"));
        let files = solomon_files(dir, options.only.as_deref());
        println!(
            "| instance | ours | ours veh | PyVRP | PyVRP veh | BKS | gap ours % | gap PyVRP % | ours iters | PyVRP iters |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        let mut rows = Vec::new();
        for path in &files {
            rows.push(run_instance(&options, python.as_deref(), path, &bks));
            std::io::stdout().flush().ok();
        }
        print_summary(&rows, python.is_some());
    }
    if let Some(stops) = options.city {
        city::run(stops, options.city_limit, options.seed, python.as_deref());
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        solomon: None,
        bks: None,
        time_limit: 10.0,
        seed: 1,
        only: None,
        pyvrp: true,
        hierarchical: false,
        rules: Rules::Kept,
        checkpoints: None,
        city: None,
        city_limit: 60.0,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = |text: String| -> Result<PathBuf, String> {
        let p = root.join(&text);
        p.canonicalize().map_err(|e| format!("{text}: {e}"))
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--bench" => {} // cargo bench passes it to every bench binary
            "--solomon" => options.solomon = Some(path(value("--solomon")?)?),
            "--bks" => options.bks = Some(path(value("--bks")?)?),
            "--time-limit" => {
                options.time_limit = value("--time-limit")?
                    .parse()
                    .map_err(|_| "--time-limit takes seconds")?
            }
            "--seed" => {
                options.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed takes a whole number")?
            }
            "--only" => {
                options.only = Some(
                    value("--only")?
                        .split(',')
                        .map(|s| s.trim().to_ascii_uppercase())
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            }
            "--no-pyvrp" => options.pyvrp = false,
            "--hierarchical" => options.hierarchical = true,
            "--penalised" => options.rules = Rules::Penalised,
            "--checkpoints" => {
                let list: Result<Vec<f64>, _> = value("--checkpoints")?
                    .split(',')
                    .map(|t| t.trim().parse())
                    .collect();
                let list = list.map_err(|_| "--checkpoints takes seconds, comma-separated")?;
                if list.is_empty() || list.iter().any(|t| t.is_nan() || *t <= 0.0) {
                    return Err("--checkpoints takes positive seconds".into());
                }
                options.checkpoints = Some(list);
            }
            "--city" => {
                options.city = Some(
                    value("--city")?
                        .parse()
                        .map_err(|_| "--city takes a number of stops")?,
                )
            }
            "--city-limit" => {
                options.city_limit = value("--city-limit")?
                    .parse()
                    .map_err(|_| "--city-limit takes seconds")?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.solomon.is_some() != options.bks.is_some() {
        return Err("--solomon and --bks go together".into());
    }
    if options.solomon.is_none() && options.city.is_none() {
        return Err("give --solomon DIR --bks FILE, or --city N, or both".into());
    }
    if !(options.time_limit > 0.0 && options.city_limit > 0.0) {
        return Err("time limits must be positive".into());
    }
    Ok(options)
}

/// Best-known DIMACS distances in tenths, by instance name.
fn read_bks(path: &Path) -> BTreeMap<String, i64> {
    bks_rows(path, &["dimacs_distance"])
        .into_iter()
        .map(|(name, values)| (name, (values[0] * 10.0).round() as i64))
        .collect()
}

/// Per row of the best-known values' CSV file: the instance's name in capitals and the
/// numbers in `columns`, in that order.
fn bks_rows(path: &Path, columns: &[&str]) -> Vec<(String, Vec<f64>)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", path.display()))
    };
    let name = column("instance");
    let wanted: Vec<usize> = columns.iter().map(|c| column(c)).collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split(',').collect();
            let values = wanted
                .iter()
                .map(|&k| {
                    fields[k]
                        .trim()
                        .parse()
                        .unwrap_or_else(|_| panic!("{}: bad {} in {l}", path.display(), header[k]))
                })
                .collect();
            (fields[name].trim().to_ascii_uppercase(), values)
        })
        .collect()
}

/// The Solomon files of `dir` in name order (C1, C2, R1, R2, RC1, RC2), or those `only` names.
fn solomon_files(dir: &Path, only: Option<&[String]>) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
        .filter(|p| only.is_none_or(|names| names.contains(&stem(p).to_ascii_uppercase())))
        .collect();
    files.sort();
    if let Some(names) = only {
        for name in names {
            assert!(
                files.iter().any(|p| stem(p).eq_ignore_ascii_case(name)),
                "no {name}.txt in {}",
                dir.display()
            );
        }
    }
    assert!(!files.is_empty(), "no .txt files in {}", dir.display());
    files
}

/// The instance in Solomon's file at `path`, its name, and its best-known value in `bks`.
fn read_instance<B: Copy>(path: &Path, bks: &BTreeMap<String, B>) -> (Instance, String, B) {
    let instance = solomon::read(path).unwrap_or_else(|e| panic!("{e}"));
    let name = stem(path);
    let best = *bks
        .get(&name.to_ascii_uppercase())
        .unwrap_or_else(|| panic!("{name} is not in the BKS file"));
    (instance, name, best)
}

/// Our engine on `problem` for `seconds` with `seed`, its solution through the checker:
/// an invalid one stops the run, naming the instance.
fn solve_checked(
    name: &str,
    problem: &routing::Problem,
    (seconds, seed): (f64, u64),
    strategy: impl Into<Strategy>,
) -> (Solution, Vec<routing::Improvement>) {
    let limits = Limits {
        time: Some(Duration::from_secs_f64(seconds)),
        iterations: None,
    };
    let (solution, trace) = routing::solve_traced(problem, limits, seed, strategy)
        .unwrap_or_else(|e| panic!("{name}: not a valid problem: {e}"));
    if let Err(why) = check(problem, &solution) {
        panic!("{name}: INVALID SOLUTION from our solver: {why}");
    }
    (solution, trace)
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().to_string()
}

fn print_machine(options: &Options, python: Option<&Path>) {
    println!(
        "## VRPTW benchmark (Solomon's format, {} convention)",
        if options.hierarchical {
            "hierarchical"
        } else {
            "DIMACS"
        }
    );
    println!();
    println!(
        "machine: {} cores (nproc), CPU {}",
        shell("nproc"),
        cpu_model()
    );
    println!("date: {}", shell("date -u '+%Y-%m-%d %H:%M UTC'"));
    let dir = env!("CARGO_MANIFEST_DIR");
    println!(
        "engine: commit {}{}",
        shell(&format!("git -C {dir} rev-parse --short HEAD")),
        if shell(&format!("git -C {dir} status --porcelain -- .")).is_empty() {
            ""
        } else {
            " with uncommitted changes in crates/routing"
        }
    );
    if options.rules == Rules::Penalised {
        println!(
            "our search: Rules::Penalised (broken rules priced, mended before they are judged)"
        );
    }
    println!(
        "load average at start: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    if let Some(python) = python {
        println!(
            "PyVRP {} (vrplib {}), single-threaded search, model as pyvrp.read(round_func=\"dimacs\")",
            package_version(python, "pyvrp"),
            package_version(python, "vrplib")
        );
    }
    if let Some(dir) = &options.solomon {
        let limit = match &options.checkpoints {
            Some(list) => format!(
                "each solver run once to {} s, best read after {} s",
                list.iter().copied().fold(0.0, f64::max),
                list.iter()
                    .map(f64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => format!(
                "time limit {} s per instance and solver",
                options.time_limit
            ),
        };
        println!(
            "{limit}, seed {}, one thread each, one solver at a time; instances in {}",
            options.seed,
            dir.display()
        );
        if options.hierarchical {
            println!(
                "vehicles first; distances not rounded (the search in thousandths, travel times rounded up); gap = (distance − BKS) / BKS where the vehicles match, BKS = hier_distance"
            );
        } else {
            println!(
                "distances: each arc floor(10·d)/10, travel time = that length; gap = (distance − BKS) / BKS, BKS = dimacs_distance"
            );
        }
    }
    println!();
}

fn run_instance(
    options: &Options,
    python: Option<&Path>,
    path: &Path,
    bks: &BTreeMap<String, i64>,
) -> Row {
    let (instance, name, best) = read_instance(path, bks);
    let strategy = Strategy {
        objective: Objective::Cost,
        rules: options.rules,
    };
    let (solution, _) = solve_checked(
        &name,
        &instance.problem,
        (options.time_limit, options.seed),
        strategy,
    );
    let recomputed = dimacs_distance(&instance, &instance.routes(&solution));
    assert_eq!(
        recomputed, solution.distance,
        "{name}: our distance {} is not the DIMACS distance {recomputed}",
        solution.distance
    );
    let feasible = solution.is_feasible(&instance.problem);
    let ours = feasible.then_some(solution.distance);
    let vehicles = solution
        .routes
        .iter()
        .filter(|r| !r.visits.is_empty())
        .count();
    let pyvrp = python.map(|python| run_pyvrp(python, path, options, &instance));
    let pyvrp_distance = pyvrp
        .as_ref()
        .and_then(|p| p.feasible.then_some(p.distance));
    println!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        ours.map_or(
            format!("infeasible ({} unserved)", solution.unserved.len()),
            tenths
        ),
        vehicles,
        match &pyvrp {
            None => "not run".into(),
            Some(p) if !p.feasible => "infeasible".into(),
            Some(p) => tenths(p.distance),
        },
        pyvrp
            .as_ref()
            .map_or(String::new(), |p| p.vehicles.to_string()),
        tenths(best),
        ours.map_or("—".into(), |d| format!("{:.2}", gap(d, best))),
        pyvrp_distance.map_or("—".into(), |d| format!("{:.2}", gap(d, best))),
        solution.iterations,
        pyvrp
            .as_ref()
            .map_or(String::new(), |p| p.iterations.to_string()),
    );
    Row {
        name,
        ours,
        pyvrp: pyvrp_distance,
        bks: best,
    }
}

fn run_pyvrp(python: &Path, path: &Path, options: &Options, instance: &Instance) -> PyVrp {
    let answer: PyVrp = peer_answer(
        python,
        "vrptw_pyvrp.py",
        path,
        (options.time_limit, options.seed),
        &[],
    );
    if answer.feasible {
        // Its routes through our checker, its distance recomputed here and in its script.
        let mut warn = Vec::new();
        if answer.cost != Some(answer.distance) {
            warn.push(format!(
                "its cost {:?} is not its distance {}",
                answer.cost, answer.distance
            ));
        }
        if answer.recomputed != answer.distance {
            warn.push(format!(
                "its routes measure {} in its script, it reports {}",
                answer.recomputed, answer.distance
            ));
        }
        match as_solution(instance, &answer.routes, answer.distance) {
            Ok(solution) => {
                let mine = dimacs_distance(instance, &answer.routes);
                if mine != answer.distance {
                    warn.push(format!(
                        "its routes measure {mine} here, it reports {}",
                        answer.distance
                    ));
                }
                if let Err(why) = check(&instance.problem, &solution) {
                    warn.push(format!("our checker refuses its routes: {why}"));
                } else if !solution.is_feasible(&instance.problem) {
                    warn.push("it leaves customers out".into());
                }
            }
            Err(why) => warn.push(why),
        }
        if !warn.is_empty() {
            eprintln!("warning: PyVRP on {}: {}", path.display(), warn.join("; "));
        }
    }
    answer
}

/// Runs `script` (in `benches/`) on `file` at `limit` seconds and `seed` with the venv's
/// `python`, and reads the JSON of its last line.
fn peer_answer<T: serde::de::DeserializeOwned>(
    python: &Path,
    script: &str,
    file: &Path,
    (limit, seed): (f64, u64),
    extra: &[String],
) -> T {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches")
        .join(script);
    let output = Command::new(python)
        .arg(&script)
        .arg(file)
        .args([
            "--time-limit",
            &limit.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .args(extra)
        // PyVRP's search is single-threaded; keep numpy's libraries on one thread too.
        .env("OMP_NUM_THREADS", "1")
        .env("OPENBLAS_NUM_THREADS", "1")
        .env("MKL_NUM_THREADS", "1")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    assert!(
        output.status.success(),
        "{} failed on {}: {}",
        script.display(),
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    serde_json::from_str(last).unwrap_or_else(|e| {
        panic!(
            "the answer of {} on {}: {e}: {stdout}",
            script.display(),
            file.display()
        )
    })
}

/// PyVRP's routes (Solomon customer ids) as our solution, claiming `distance`.
fn as_solution(
    instance: &Instance,
    routes: &[Vec<u32>],
    distance: i64,
) -> Result<Solution, String> {
    let index: BTreeMap<u32, usize> = instance
        .customer_ids
        .iter()
        .enumerate()
        .map(|(k, &id)| (id, k))
        .collect();
    let routes = routes
        .iter()
        .map(|ids| {
            let visits = ids
                .iter()
                .map(|id| {
                    index
                        .get(id)
                        .map(|&s| Visit::Stop(s))
                        .ok_or(format!("customer {id} does not exist"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Route {
                vehicle_type: 0,
                visits,
                break_at: None,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut served = vec![false; instance.customer_ids.len()];
    for visit in routes.iter().flat_map(|r| &r.visits) {
        if let Visit::Stop(s) = *visit {
            served[s] = true;
        }
    }
    let unserved = (0..served.len())
        .filter(|&s| !served[s])
        .map(|stop| routing::Unserved {
            stop,
            reason: "not in PyVRP's routes".into(),
            // The peer says no more; the checker only counts the stop as unserved.
            why: routing::Why::NoRoomOrTime,
        })
        .collect();
    Ok(Solution {
        routes,
        unserved,
        cost: distance,
        distance,
        iterations: 0,
    })
}

/// Routes' length in tenths from the file's coordinates, each arc floor(10·d); apart from
/// the crate's matrix.
fn dimacs_distance(instance: &Instance, routes: &[Vec<u32>]) -> i64 {
    let at: BTreeMap<u32, usize> = instance
        .customer_ids
        .iter()
        .enumerate()
        .map(|(k, &id)| (id, instance.problem.stops[k].location))
        .collect();
    let arc = |a: usize, b: usize| {
        let ((xa, ya), (xb, yb)) = (instance.coordinates[a], instance.coordinates[b]);
        (10.0 * (xa - xb).hypot(ya - yb)).floor() as i64
    };
    let depot = instance.problem.depots[0].location;
    routes
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let path: Vec<usize> = std::iter::once(depot)
                .chain(r.iter().map(|id| at[id]))
                .chain(std::iter::once(depot))
                .collect();
            path.windows(2).map(|w| arc(w[0], w[1])).sum::<i64>()
        })
        .sum()
}

fn tenths(value: i64) -> String {
    format!("{}.{}", value / 10, value % 10)
}

fn gap(distance: i64, best: i64) -> f64 {
    100.0 * (distance - best) as f64 / best as f64
}

/// C1, C2, R1, R2, RC1 or RC2 from a name like RC205.
fn class(name: &str) -> String {
    let letters: String = name
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let digit = name[letters.len()..].chars().next().unwrap_or('?');
    format!("{}{digit}", letters.to_ascii_uppercase())
}

/// The rows by class (C1, C2, …), then all of them as "all": the summaries' groups.
fn by_class<T>(rows: &[T], name: fn(&T) -> &str) -> Vec<(String, Vec<&T>)> {
    let mut classes: BTreeMap<String, Vec<&T>> = BTreeMap::new();
    for row in rows {
        classes.entry(class(name(row))).or_default().push(row);
    }
    let mut groups: Vec<(String, Vec<&T>)> = classes.into_iter().collect();
    groups.push(("all".into(), rows.iter().collect()));
    groups
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        f64::NAN
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn print_summary(rows: &[Row], pyvrp_ran: bool) {
    let gaps = |rows: &[&Row], pick: fn(&Row) -> Option<i64>| -> Vec<f64> {
        rows.iter()
            .filter_map(|r| pick(r).map(|d| gap(d, r.bks)))
            .collect()
    };
    let ours = |r: &Row| r.ours;
    let theirs = |r: &Row| r.pyvrp;
    let all: Vec<&Row> = rows.iter().collect();
    let cell = |v: f64| {
        if v.is_nan() {
            "—".to_string()
        } else {
            format!("{v:.2}")
        }
    };
    println!();
    println!("| class | instances | mean gap ours % | mean gap PyVRP % |");
    println!("|---|---:|---:|---:|");
    for (name, members) in by_class(rows, |r| &r.name) {
        println!(
            "| {name} | {} | {} | {} |",
            members.len(),
            cell(mean(&gaps(&members, ours))),
            if pyvrp_ran {
                cell(mean(&gaps(&members, theirs)))
            } else {
                "not run".into()
            }
        );
    }
    println!();
    let ours_gaps = gaps(&all, ours);
    let infeasible: Vec<&str> = rows
        .iter()
        .filter(|r| r.ours.is_none())
        .map(|r| r.name.as_str())
        .collect();
    println!(
        "ours: mean gap {} % over {} instances{}",
        cell(mean(&ours_gaps)),
        ours_gaps.len(),
        if infeasible.is_empty() {
            String::new()
        } else {
            format!("; NO FEASIBLE SOLUTION on {}", infeasible.join(", "))
        }
    );
    if pyvrp_ran {
        let theirs_gaps = gaps(&all, theirs);
        let both: Vec<&Row> = rows
            .iter()
            .filter(|r| r.ours.is_some() && r.pyvrp.is_some())
            .collect();
        println!(
            "PyVRP: mean gap {} % over {} instances (on the {} both solved: ours {} %, PyVRP {} %)",
            cell(mean(&theirs_gaps)),
            theirs_gaps.len(),
            both.len(),
            cell(mean(&gaps(&both, ours))),
            cell(mean(&gaps(&both, theirs)))
        );
        let better = both.iter().filter(|r| r.ours < r.pyvrp).count();
        let same = both.iter().filter(|r| r.ours == r.pyvrp).count();
        println!(
            "ours shorter than PyVRP on {better}, the same on {same}, longer on {}",
            both.len() - better - same
        );
    }
    if let Some(worst) = rows
        .iter()
        .filter_map(|r| r.ours.map(|d| (gap(d, r.bks), &r.name)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
    {
        println!("ours: worst gap {:.2} % on {}", worst.0, worst.1);
    }
    let over: Vec<&str> = rows
        .iter()
        .filter(|r| r.ours.is_none_or(|d| gap(d, r.bks) > 2.0))
        .map(|r| r.name.as_str())
        .collect();
    println!(
        "ours: instances over 2 % (or infeasible): {} of {}{}",
        over.len(),
        rows.len(),
        if over.is_empty() {
            String::new()
        } else {
            format!(" ({})", over.join(", "))
        }
    );
    if pyvrp_ran {
        let over = rows
            .iter()
            .filter(|r| r.pyvrp.is_none_or(|d| gap(d, r.bks) > 2.0))
            .count();
        println!(
            "PyVRP: instances over 2 % (or infeasible): {over} of {}",
            rows.len()
        );
    }
    println!();
}
