//! The convergence table (`--checkpoints 1,5,10,30`): per instance, the gap of the best
//! solution found after each checkpoint, ours and PyVRP's, each solver run once to the
//! last checkpoint; then the mean per class and checkpoint. DIMACS convention.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use routing::Objective;

use super::{gap, mean};

/// PyVRP's answer with `--checkpoints`: the best feasible distance after each.
#[derive(serde::Deserialize)]
struct PyVrpTrace {
    checkpoints: Vec<Option<i64>>,
}

/// One instance: the distance after each checkpoint (`None` while nothing feasible).
struct Row {
    name: String,
    bks: i64,
    ours: Vec<Option<i64>>,
    pyvrp: Option<Vec<Option<i64>>>,
}

pub fn run(
    files: &[PathBuf],
    bks: &BTreeMap<String, i64>,
    checkpoints: &[f64],
    seed: u64,
    python: Option<&Path>,
) {
    let last = checkpoints.iter().copied().fold(0.0, f64::max);
    let labels: Vec<String> = checkpoints.iter().map(|t| format!("{t} s")).collect();
    header("instance | BKS", &labels);
    let mut rows = Vec::new();
    for path in files {
        let row = instance(path, bks, checkpoints, last, seed, python);
        let cells = |values: &[Option<i64>]| {
            values
                .iter()
                .map(|v| v.map_or("—".into(), |d| format!("{:.2}", gap(d, row.bks))))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        println!(
            "| {} | {} | {} | {} |",
            row.name,
            super::tenths(row.bks),
            cells(&row.ours),
            row.pyvrp
                .as_deref()
                .map_or_else(|| vec!["not run"; checkpoints.len()].join(" | "), cells)
        );
        rows.push(row);
    }
    print_summary(&rows, &labels);
}

fn instance(
    path: &Path,
    bks: &BTreeMap<String, i64>,
    checkpoints: &[f64],
    last: f64,
    seed: u64,
    python: Option<&Path>,
) -> Row {
    let (instance, name, best) = super::read_instance(path, bks);
    let (_, trace) = super::solve_checked(&name, &instance.problem, (last, seed), Objective::Cost);
    let ours = checkpoints
        .iter()
        .map(|&t| {
            trace
                .iter()
                .take_while(|i| i.after.as_secs_f64() <= t)
                .filter(|i| i.feasible)
                .map(|i| i.cost)
                .last()
        })
        .collect();
    let pyvrp = python.map(|python| {
        let list = checkpoints
            .iter()
            .map(f64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let answer: PyVrpTrace = super::peer_answer(
            python,
            "vrptw_pyvrp.py",
            path,
            (last, seed),
            &["--checkpoints".into(), list],
        );
        answer.checkpoints
    });
    Row {
        name,
        bks: best,
        ours,
        pyvrp,
    }
}

/// A table's head: two columns named by `first`, then ours and PyVRP's at each checkpoint.
fn header(first: &str, labels: &[String]) {
    let named = |solver: &str| {
        let cells: Vec<String> = labels.iter().map(|l| format!("{solver} {l} %")).collect();
        cells.join(" | ")
    };
    println!("| {first} | {} | {} |", named("ours"), named("PyVRP"));
    println!("|---|---:|{}", "---:|".repeat(2 * labels.len()));
}

/// Per class and checkpoint: the mean gap of the instances with a feasible solution then.
fn print_summary(rows: &[Row], labels: &[String]) {
    println!();
    header("class | instances", labels);
    for (name, members) in super::by_class(rows, |r| &r.name) {
        let at = |pick: &dyn Fn(&Row) -> Option<Option<i64>>| {
            let gaps: Vec<f64> = members
                .iter()
                .filter_map(|r| pick(r).flatten().map(|d| gap(d, r.bks)))
                .collect();
            let m = mean(&gaps);
            if m.is_nan() {
                "—".into()
            } else {
                format!("{m:.2}")
            }
        };
        let ours: Vec<String> = (0..labels.len())
            .map(|k| at(&|r| Some(r.ours[k])))
            .collect();
        let theirs: Vec<String> = (0..labels.len())
            .map(|k| at(&|r| r.pyvrp.as_ref().map(|p| p[k])))
            .collect();
        println!(
            "| {name} | {} | {} | {} |",
            members.len(),
            ours.join(" | "),
            theirs.join(" | ")
        );
    }
}
