//! Benchmark: the staffing engine on generated agency instances (`staffing::generate`).
//!
//!     cargo bench -p staffing --bench staffing -- [--sizes S,M,L,XL] [--seed 1] [--time-limit 10]
//!         [--long-limit 30] [--replan-ms 150] [--no-cpsat] [--cpsat-long SECS] [--keep DIR]
//!
//! - S and M: our solve at `--time-limit` seconds (one thread) against OR-Tools CP-SAT on the
//!   same model at the same limit, one after the other so they never share a core. CP-SAT runs
//!   `benches/staffing_cpsat.py` from a Python virtual environment under `target/bench-venv`
//!   (created with `pip install ortools==9.15.6755` on first use). Its plan is checked by our checker and
//!   its objective recomputed by our `evaluate`.
//! - L and XL: the first plan (construction only, `Limits::iterations(0)`), its wall time and its
//!   objective, against the best plan found in `--long-limit` seconds.
//! - XL: from the long plan, the person with the most Tuesday tasks loses Tuesday; a re-plan with
//!   a `--replan-ms` time limit against a fresh `--long-limit` solve of the changed problem, and
//!   how many tasks moved beyond those that had to.
//!
//! Every plan, ours and CP-SAT's, goes through `staffing::check`; an invalid plan of ours stops
//! the run. Tables are Markdown, for BENCHMARKS.md.

use peer::{ORTOOLS, cpu_model, prepare_venv, shell};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use staffing::generate::{Size, instance};
use staffing::objective::{Objective, Weights};
use staffing::plan::Assignment;
use staffing::problem::{DAY, Problem};
use staffing::replan::{Previous, replan_with};
use staffing::{Limits, Plan, check, evaluate, solve};

struct Options {
    sizes: Vec<Size>,
    seed: u64,
    time_limit: f64,
    long_limit: f64,
    replan_ms: u64,
    cpsat: bool,
    keep: Option<PathBuf>,
    cpsat_long: Option<f64>,
}

/// CP-SAT's answer, as `staffing_cpsat.py` prints it.
#[derive(serde::Deserialize)]
struct CpSat {
    status: String,
    mode: String,
    wall_time: f64,
    build_time: f64,
    bound: Option<i128>,
    objective: Option<i128>,
    assignments: Option<Vec<CpAssignment>>,
    terms: Option<CpTerms>,
    stats: CpStats,
}

#[derive(serde::Deserialize)]
struct CpAssignment {
    task: usize,
    start: i32,
    people: Vec<usize>,
}

#[derive(serde::Deserialize)]
struct CpTerms {
    work_minutes: i64,
    fairness: i64,
    continuity: i64,
    travel_minutes: i64,
}

#[derive(serde::Deserialize)]
struct CpStats {
    pairs: usize,
    arcs: usize,
    peak_rss_mb: f64,
}

#[derive(serde::Serialize)]
struct Wrapped<'a> {
    problem: &'a Problem,
    weights: Weights,
}

fn main() {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "{message}\nusage: cargo bench -p staffing --bench staffing -- [--sizes S,M,L,XL] [--seed N] [--time-limit SECS] [--long-limit SECS] [--replan-ms MS] [--no-cpsat] [--cpsat-long SECS] [--keep DIR]"
            );
            std::process::exit(2);
        }
    };
    let wants_cpsat = options.cpsat && options.sizes.iter().any(|s| matches!(s, Size::S | Size::M));
    let python = wants_cpsat.then(|| prepare_venv(&[ORTOOLS]));
    print_machine(&options, python.as_deref());
    let small: Vec<Size> = options
        .sizes
        .iter()
        .copied()
        .filter(|s| matches!(s, Size::S | Size::M))
        .collect();
    let large: Vec<Size> = options
        .sizes
        .iter()
        .copied()
        .filter(|s| matches!(s, Size::L | Size::Xl))
        .collect();
    if !small.is_empty() {
        for size in small {
            small_instance(&options, python.as_deref(), size);
        }
    }
    if !large.is_empty() {
        println!("### First plan against {} s (L, XL)", options.long_limit);
        println!();
        println!(
            "| size | people × tasks | first plan s | first plan objective (work min, fairness, continuity, travel min) | {} s objective (terms) | iterations | gap % (best − first) / best | peak RSS MB |",
            options.long_limit
        );
        println!("|---|---|---:|---|---|---:|---:|---:|");
        let mut xl_plan = None;
        for &size in &large {
            let (problem, plan) = large_instance(&options, size);
            if size == Size::Xl {
                xl_plan = Some((problem, plan));
            }
        }
        println!();
        if let Some((problem, plan)) = xl_plan {
            replan_xl(&options, problem, &plan);
        }
    }
    println!("peak RSS of this benchmark process: {} MB", peak_rss_mb());
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        sizes: vec![Size::S, Size::M, Size::L, Size::Xl],
        seed: 1,
        time_limit: 10.0,
        long_limit: 30.0,
        replan_ms: 150,
        cpsat: true,
        keep: None,
        cpsat_long: None,
    };
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--bench" => {} // cargo bench passes it to every bench binary
            "--sizes" => {
                options.sizes = value("--sizes")?
                    .split(',')
                    .map(|s| Size::parse(s.trim()).ok_or(format!("unknown size {s}")))
                    .collect::<Result<_, _>>()?
            }
            "--seed" => {
                options.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed takes a number")?
            }
            "--time-limit" => {
                options.time_limit = value("--time-limit")?
                    .parse()
                    .map_err(|_| "--time-limit takes seconds")?
            }
            "--long-limit" => {
                options.long_limit = value("--long-limit")?
                    .parse()
                    .map_err(|_| "--long-limit takes seconds")?
            }
            "--replan-ms" => {
                options.replan_ms = value("--replan-ms")?
                    .parse()
                    .map_err(|_| "--replan-ms takes milliseconds")?
            }
            "--no-cpsat" => options.cpsat = false,
            "--keep" => options.keep = Some(PathBuf::from(value("--keep")?)),
            "--cpsat-long" => {
                options.cpsat_long = Some(
                    value("--cpsat-long")?
                        .parse()
                        .map_err(|_| "--cpsat-long takes seconds")?,
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn size_name(size: Size) -> &'static str {
    match size {
        Size::S => "S",
        Size::M => "M",
        Size::L => "L",
        Size::Xl => "XL",
    }
}

/// Verifies a plan of ours against every hard rule and its objective against `evaluate`;
/// an invalid plan stops the benchmark.
fn verify(what: &str, problem: &Problem, plan: &Plan) {
    if let Err(violations) = check(problem, &plan.assignments) {
        panic!(
            "{what}: INVALID PLAN ({} violations): {}",
            violations.len(),
            violations.join("; ")
        );
    }
    let again = evaluate(problem, &plan.assignments);
    if again != plan.objective {
        eprintln!(
            "WARNING {what}: the plan reports {:?} but evaluate gives {:?}",
            plan.objective, again
        );
    }
}

fn terms(o: &Objective) -> String {
    format!(
        "{} ({}, {}, {}, {})",
        o.total, o.work_minutes, o.fairness, o.continuity, o.travel_minutes
    )
}

fn gap(better: i128, worse: i128) -> f64 {
    100.0 * (better - worse) as f64 / (worse.unsigned_abs().max(1)) as f64
}

fn timed_solve(problem: &Problem, limits: Limits, seed: u64) -> (Plan, f64) {
    let began = Instant::now();
    let plan = solve(problem, limits, seed).unwrap_or_else(|e| panic!("no plan: {e}"));
    (plan, began.elapsed().as_secs_f64())
}

fn small_instance(options: &Options, python: Option<&Path>, size: Size) {
    let name = size_name(size);
    let problem = instance(size, options.seed);
    let weights = Weights::for_problem(&problem);
    let (people, tasks) = size.counts();
    println!(
        "### {name} ({people} people × {tasks} tasks, seed {}) at {} s",
        options.seed, options.time_limit
    );
    println!();
    println!(
        "weights: work {}, fairness {}, continuity {}, travel {}",
        weights.work, weights.fairness, weights.continuity, weights.travel
    );
    println!();
    let (first, first_s) = timed_solve(&problem, Limits::iterations(0), options.seed);
    verify(&format!("{name} first plan"), &problem, &first);
    let (ours, ours_s) = timed_solve(&problem, Limits::time(options.time_limit), options.seed);
    verify(&format!("{name} ours"), &problem, &ours);

    println!(
        "| solver | status | s | total | work min | fairness | continuity | travel min | tasks planned |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    let row = |who: &str, status: &str, secs: f64, o: &Objective, planned: usize| {
        println!(
            "| {who} | {status} | {secs:.2} | {} | {} | {} | {} | {} | {planned} / {tasks} |",
            o.total, o.work_minutes, o.fairness, o.continuity, o.travel_minutes
        )
    };
    row(
        "ours, first plan",
        "—",
        first_s,
        &first.objective,
        first.assignments.len(),
    );
    row(
        &format!(
            "ours, {} s ({} iterations)",
            options.time_limit, ours.iterations
        ),
        "—",
        ours_s,
        &ours.objective,
        ours.assignments.len(),
    );
    std::io::stdout().flush().ok();
    if let Some(dir) = &options.keep {
        let file = dir.join(format!("ours-{name}-seed{}.json", options.seed));
        std::fs::write(
            &file,
            serde_json::to_string(&ours.assignments).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    let Some(python) = python else {
        println!();
        return;
    };
    let path = write_problem(options, &problem, weights, name);
    let mut runs = vec![options.time_limit];
    runs.extend(options.cpsat_long);
    let mut results = Vec::new();
    for &seconds in &runs {
        let answer = run_cpsat(python, &path, seconds, options);
        let evaluated = cpsat_plan(&problem, &answer, name);
        match &evaluated {
            Some((o, planned, _)) => row(
                &format!(
                    "CP-SAT, {seconds} s, 1 thread{}",
                    if answer.mode == "weighted" {
                        ""
                    } else {
                        ", lexicographic"
                    }
                ),
                &answer.status,
                answer.wall_time,
                o,
                *planned,
            ),
            None => println!(
                "| CP-SAT, {seconds} s, 1 thread | {} | {:.2} | no plan | | | | | |",
                answer.status, answer.wall_time
            ),
        }
        std::io::stdout().flush().ok();
        results.push((seconds, answer, evaluated));
    }
    if options.keep.is_none() {
        std::fs::remove_file(&path).ok();
    }
    println!();
    let ours_total = ours.objective.total;
    for (seconds, answer, evaluated) in &results {
        println!(
            "CP-SAT at {seconds} s: model of {} (task, person) pairs and {} route arcs, built in {:.1} s, peak RSS {:.0} MB; status {}, bound {}",
            answer.stats.pairs,
            answer.stats.arcs,
            answer.build_time,
            answer.stats.peak_rss_mb,
            answer.status,
            answer.bound.map_or("none".into(), |b| b.to_string())
        );
        if let Some((o, _, valid)) = evaluated {
            println!(
                "- gap (CP-SAT best − ours) / |ours| = {:+.4} %{}; work: ours {} min, CP-SAT {} min ({:+})",
                gap(o.total, ours_total),
                if *valid {
                    ""
                } else {
                    " (CP-SAT's plan is INVALID)"
                },
                ours.objective.work_minutes,
                o.work_minutes,
                o.work_minutes - ours.objective.work_minutes
            );
        }
        if let Some(bound) = answer.bound {
            println!(
                "- gap (CP-SAT bound − ours) / |ours| = {:+.4} % (the bound allows at most {} work minutes, ours has {})",
                gap(bound, ours_total),
                bound / weights.work,
                ours.objective.work_minutes
            );
        }
    }
    println!(
        "first plan of ours: {:.3} s, {:+.4} % from our {} s plan",
        first_s,
        gap(first.objective.total, ours_total),
        options.time_limit
    );
    println!(
        "peak RSS of this benchmark process so far: {} MB",
        peak_rss_mb()
    );
    println!();
    std::io::stdout().flush().ok();
}

/// CP-SAT's plan checked by our checker and scored by our `evaluate`: (objective, tasks
/// planned, valid).
fn cpsat_plan(problem: &Problem, answer: &CpSat, name: &str) -> Option<(Objective, usize, bool)> {
    let list = answer.assignments.as_ref()?;
    let assignments: Vec<Assignment> = list
        .iter()
        .map(|a| Assignment {
            task: a.task,
            start: a.start,
            people: a.people.clone(),
        })
        .collect();
    let o = evaluate(problem, &assignments);
    let valid = match check(problem, &assignments) {
        Ok(()) => true,
        Err(v) => {
            println!(
                "**CP-SAT's plan FAILS our checker** ({} violations, e.g. {}) — the models differ",
                v.len(),
                v.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
            );
            false
        }
    };
    if let (Some(own), Some(t)) = (answer.objective, &answer.terms)
        && (own != o.total
            || t.work_minutes != o.work_minutes
            || t.fairness != o.fairness
            || t.continuity != o.continuity
            || t.travel_minutes != o.travel_minutes)
    {
        eprintln!(
            "note {name}: CP-SAT's own objective {own} ({}, {}, {}, {}) differs from evaluate's {}",
            t.work_minutes,
            t.fairness,
            t.continuity,
            t.travel_minutes,
            terms(&o)
        );
    }
    Some((o, assignments.len(), valid))
}

fn write_problem(options: &Options, problem: &Problem, weights: Weights, name: &str) -> PathBuf {
    let dir = options.keep.clone().unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join(format!(
        "staffing-{name}-seed{}-{}.json",
        options.seed,
        std::process::id()
    ));
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_writer(std::io::BufWriter::new(file), &Wrapped { problem, weights })
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

fn run_cpsat(python: &Path, path: &Path, seconds: f64, options: &Options) -> CpSat {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/staffing_cpsat.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(path)
        .args([
            "--time-limit",
            &seconds.to_string(),
            "--threads",
            "1",
            "--seed",
            &options.seed.to_string(),
        ])
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    assert!(
        output.status.success(),
        "CP-SAT failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.trim().is_empty() {
        eprintln!("{}", stderr.trim());
    }
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("CP-SAT's answer on {}: {e}", path.display()))
}

fn large_instance(options: &Options, size: Size) -> (Problem, Plan) {
    let name = size_name(size);
    let problem = instance(size, options.seed);
    let (people, tasks) = size.counts();
    let (first, first_s) = timed_solve(&problem, Limits::iterations(0), options.seed);
    verify(&format!("{name} first plan"), &problem, &first);
    let (best, _) = timed_solve(&problem, Limits::time(options.long_limit), options.seed);
    verify(&format!("{name} {} s", options.long_limit), &problem, &best);
    println!(
        "| {name} | {people} × {tasks} | {first_s:.3} | {} | {} | {} | {:.4} | {} |",
        terms(&first.objective),
        terms(&best.objective),
        best.iterations,
        -gap(first.objective.total, best.objective.total),
        peak_rss_mb()
    );
    println!(
        "|   | planned tasks | | {} / {tasks} | {} / {tasks} | | | |",
        first.assignments.len(),
        best.assignments.len()
    );
    // A plan within 2 s of wall time: the time limit covers compiling, the first plan and
    // the search; the final check and the reasons follow.
    let (quick, quick_s) = timed_solve(&problem, Limits::time(QUICK_LIMIT), options.seed);
    verify(&format!("{name} {QUICK_LIMIT} s"), &problem, &quick);
    println!(
        "|   | plan with a {QUICK_LIMIT} s time limit | {quick_s:.3} | {} | | {} | {:.4} | |",
        terms(&quick.objective),
        quick.iterations,
        -gap(quick.objective.total, best.objective.total),
    );
    std::io::stdout().flush().ok();
    (problem, best)
}

/// The time limit of the plan that must come within 2 s.
const QUICK_LIMIT: f64 = 1.8;

fn replan_xl(options: &Options, mut problem: Problem, plan: &Plan) {
    let previous = Previous::of_plan(&problem, &plan.assignments);
    // As in tests/it/replanning.rs: the person with the most Tuesday tasks calls in sick.
    let tuesday = |a: &Assignment| a.start.div_euclid(DAY) == 1;
    let sick = (0..problem.people.len())
        .max_by_key(|&p| {
            plan.assignments
                .iter()
                .filter(|a| a.people.contains(&p) && tuesday(a))
                .count()
        })
        .expect("people");
    let had_to_move: Vec<usize> = plan
        .assignments
        .iter()
        .filter(|a| a.people.contains(&sick) && tuesday(a))
        .map(|a| a.task)
        .collect();
    // The model of the week before the change, as a server that planned it keeps it.
    let before_change = problem.clone();
    let kept = staffing::model::Model::new(&before_change);
    problem.people[sick]
        .availability
        .retain(|(s, _)| s.div_euclid(DAY) != 1);

    let limits = Limits {
        time: Some(Duration::from_millis(options.replan_ms)),
        iterations: None,
    };
    let began = Instant::now();
    // Only the sick person's pairs are compiled again (Model::with_changed_people).
    let model = kept.with_changed_people(&problem, &[sick]);
    let (again, moves) = replan_with(&model, &previous, limits, options.seed)
        .unwrap_or_else(|e| panic!("XL re-plan: {e}"));
    let replan_s = began.elapsed().as_secs_f64();
    verify("XL re-plan", &problem, &again);
    for t in &had_to_move {
        assert!(
            !again
                .assignments
                .iter()
                .any(|a| a.task == *t && a.people.contains(&sick)),
            "XL re-plan keeps the sick person on task {t}"
        );
    }
    let extra: Vec<_> = moves
        .iter()
        .filter(|m| m.change != "added" && !had_to_move.contains(&m.task))
        .collect();
    let count = |what: &str| moves.iter().filter(|m| m.change == what).count();
    // Where the re-plan's time goes: compiling the model (every call does it) and the final
    // check (which compiles its own), timed apart on the changed problem.
    let began = Instant::now();
    let model = staffing::model::Model::new(&problem);
    let model_s = began.elapsed().as_secs_f64();
    drop(model);
    let began = Instant::now();
    check(&problem, &again.assignments).ok();
    let check_s = began.elapsed().as_secs_f64();
    let (fresh, _) = timed_solve(&problem, Limits::time(options.long_limit), options.seed);
    verify("XL fresh solve", &problem, &fresh);
    let assigned = plan.assignments.len();
    println!("### XL one-change re-plan");
    println!();
    println!(
        "change: {} (most Tuesday tasks) loses Tuesday; {} tasks had to move",
        problem.people[sick].id,
        had_to_move.len()
    );
    println!();
    println!(
        "| plan | s | objective (work min, fairness, continuity, travel min) | tasks planned |"
    );
    println!("|---|---:|---|---:|");
    println!(
        "| before the change ({} s) | | {} | {} |",
        options.long_limit,
        terms(&plan.objective),
        assigned
    );
    println!(
        "| re-plan, {} ms limit ({} iterations) | {replan_s:.3} | {} | {} |",
        options.replan_ms,
        again.iterations,
        terms(&again.objective),
        again.assignments.len()
    );
    println!(
        "| fresh solve of the changed problem, {} s ({} iterations) | | {} | {} |",
        options.long_limit,
        fresh.iterations,
        terms(&fresh.objective),
        fresh.assignments.len()
    );
    println!();
    println!(
        "re-plan: {replan_s:.3} s; {:+.4} % from the fresh solve; changes: {} moved, {} dropped, {} added; \
         beyond the {} that had to: {} ({:.2} % of {} assigned tasks)",
        gap(again.objective.total, fresh.objective.total),
        count("moved"),
        count("dropped"),
        count("added"),
        had_to_move.len(),
        extra.len(),
        100.0 * extra.len() as f64 / assigned.max(1) as f64,
        assigned
    );
    println!(
        "re-plan time, measured apart: compiling the model {model_s:.3} s, checking the plan {check_s:.3} s, search limit {:.3} s",
        options.replan_ms as f64 / 1000.0
    );
    println!();
}

fn peak_rss_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
        })
        .map_or("?".into(), |kb| format!("{}", kb / 1024))
}

fn print_machine(options: &Options, python: Option<&Path>) {
    let cpu = cpu_model();
    println!("## staffing benchmark");
    println!();
    println!("machine: {} cores (nproc), CPU {cpu}", shell("nproc"));
    println!("date: {}", shell("date -u '+%Y-%m-%d %H:%M UTC'"));
    let dir = env!("CARGO_MANIFEST_DIR");
    println!(
        "engine: commit {}{}",
        shell(&format!("git -C {dir} rev-parse --short HEAD")),
        if shell(&format!(
            "git -C {dir} status --porcelain -- src ':!src/smptsp'"
        ))
        .is_empty()
        {
            String::new()
        } else {
            " with uncommitted changes in crates/staffing/src (outside smptsp/)".to_string()
        }
    );
    println!(
        "load average at start: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    if let Some(python) = python {
        let version = Command::new(python)
            .args(["-c", "import ortools; print(ortools.__version__)"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        println!("OR-Tools {version} (CP-SAT, num_workers = 1)");
    }
    println!(
        "seed {}, sizes {}, S/M limit {} s, L/XL best-of {} s, XL re-plan limit {} ms; ours one thread",
        options.seed,
        options
            .sizes
            .iter()
            .map(|s| size_name(*s))
            .collect::<Vec<_>>()
            .join(","),
        options.time_limit,
        options.long_limit,
        options.replan_ms
    );
    println!();
}
