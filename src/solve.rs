//! `kommune solve …` and `kommune generate …`: the engines on files, without a database,
//! for benchmarks and for anyone who wants to plan their own data.

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use staffing::generate::Size;
use std::path::PathBuf;

/// Limits and seed shared by every solve command.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Stop after this many seconds; default 10 (`plan` takes 0–60, default 5, as the API).
    #[arg(long)]
    time_limit: Option<f64>,
    /// Stop after this many iterations (the same seed and iterations give the same answer).
    #[arg(long)]
    iterations: Option<u64>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print JSON instead of a summary.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Solve {
    /// Fewest workers for an OR-Library shift-minimisation (ptask) instance.
    Smptsp {
        file: PathBuf,
        #[command(flatten)]
        search: SearchArgs,
    },
    /// A week of agency staffing in the engine's JSON problem format (docs/staffing.md).
    Staffing {
        file: PathBuf,
        #[command(flatten)]
        search: SearchArgs,
    },
    /// Shortest routes for a Solomon VRPTW instance, under the DIMACS convention (each arc's
    /// length truncated to one decimal; travel time = that length), or with
    /// `--vehicles-first` under the hierarchical one (fewest vehicles, then distance, lengths
    /// not rounded).
    Vrptw {
        file: PathBuf,
        #[command(flatten)]
        search: SearchArgs,
        /// Fewest vehicles first, then the shortest distance (the hierarchical convention).
        #[arg(long)]
        vehicles_first: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Generate {
    /// An agency-shaped staffing problem, written as JSON to stdout.
    Staffing {
        /// S (50 people × 150 tasks), M (200 × 800), L (800 × 3,000) or XL (2,000 × 8,000).
        #[arg(long, default_value = "S", value_parser = parse_size)]
        size: Size,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn parse_size(text: &str) -> Result<Size, String> {
    Size::parse(text).ok_or_else(|| format!("'{text}' is not a size: use S, M, L or XL"))
}

impl SearchArgs {
    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn json(&self) -> bool {
        self.json
    }

    /// The seconds asked for, if any: `plan` hands them to the service, which has its own
    /// range and default.
    pub fn time_limit(&self) -> Option<f64> {
        self.time_limit
    }

    pub fn iterations(&self) -> Option<u64> {
        self.iterations
    }

    pub fn limits(&self) -> anyhow::Result<staffing::Limits> {
        let seconds = self.time_limit.unwrap_or(10.0);
        if !seconds.is_finite() || seconds < 0.0 {
            bail!("--time-limit must be a number of seconds, not {seconds}");
        }
        let time = Some(std::time::Duration::from_secs_f64(seconds));
        Ok(staffing::Limits {
            time,
            iterations: self.iterations,
        })
    }
}

pub fn solve(what: Solve) -> anyhow::Result<()> {
    match what {
        Solve::Smptsp { file, search } => {
            let limits = search.limits()?;
            let limits = staffing::smptsp::Limits {
                time: limits.time,
                iterations: limits.iterations,
            };
            let report = staffing::smptsp::solve_file(&file, limits, search.seed)
                .map_err(anyhow::Error::msg)?;
            if search.json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!(
                    "{} workers for {} jobs",
                    report.workers_used,
                    report.assignment.len()
                );
            }
        }
        Solve::Staffing { file, search } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let problem: staffing::Problem = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a staffing problem", file.display()))?;
            let plan = staffing::solve(&problem, search.limits()?, search.seed)
                .with_context(|| format!("planning {}", file.display()))?;
            if search.json {
                println!("{}", staffing::report_json(&problem, &plan));
            } else {
                let o = &plan.objective;
                println!(
                    "{} of {} tasks planned: {:.1} hours of work, fairness {}, continuity {}, {} minutes of travel; objective {}",
                    plan.assignments.len(),
                    problem.tasks.len(),
                    o.work_minutes as f64 / 60.0,
                    o.fairness,
                    o.continuity,
                    o.travel_minutes,
                    o.total
                );
            }
        }
        Solve::Vrptw {
            file,
            search,
            vehicles_first,
        } => solve_vrptw(&file, &search, vehicles_first)?,
    }
    Ok(())
}

/// `kommune solve vrptw`: the routes as Solomon customer ids, the distance with one decimal
/// (DIMACS) or two (vehicles first).
fn solve_vrptw(
    file: &std::path::Path,
    search: &SearchArgs,
    vehicles_first: bool,
) -> anyhow::Result<()> {
    let instance = routing::solomon::read(file).map_err(anyhow::Error::msg)?;
    let limits = search.limits()?;
    let limits = routing::Limits {
        time: limits.time,
        iterations: limits.iterations,
    };
    let (problem, objective) = if vehicles_first {
        (instance.hierarchical(), routing::Objective::VehiclesFirst)
    } else {
        (instance.problem.clone(), routing::Objective::Cost)
    };
    let solution = routing::solve_for(&problem, limits, search.seed, objective)
        .with_context(|| format!("solving {}", file.display()))?;
    if !solution.is_feasible(&problem) {
        let reasons: Vec<String> = solution
            .unserved
            .iter()
            .map(|u| format!("customer {}: {}", instance.customer_ids[u.stop], u.reason))
            .collect();
        bail!(
            "no feasible solution for {}: {} of {} customers unserved\n  {}",
            instance.name,
            reasons.len(),
            instance.problem.stops.len(),
            reasons.join("\n  ")
        );
    }
    let routes = instance.routes(&solution);
    let distance = if vehicles_first {
        // Thousandths of the instance's unit, rounded to two decimals.
        let hundredths = (solution.distance + 5) / 10;
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    } else {
        // Tenths of the instance's unit, printed with exactly one decimal.
        format!("{}.{}", solution.distance / 10, solution.distance % 10)
    };
    if search.json {
        println!(
            "{{\"vehicles\": {}, \"distance\": {distance}, \"routes\": {}}}",
            routes.len(),
            serde_json::to_string(&routes)?
        );
    } else {
        println!(
            "{}: {} vehicles, distance {distance} ({}), {} customers",
            instance.name,
            routes.len(),
            if vehicles_first {
                "vehicles first, lengths not rounded"
            } else {
                "DIMACS: arcs truncated to one decimal"
            },
            instance.problem.stops.len()
        );
    }
    Ok(())
}

pub fn generate(what: Generate) -> anyhow::Result<()> {
    match what {
        Generate::Staffing { size, seed } => {
            println!(
                "{}",
                serde_json::to_string_pretty(&staffing::generate::instance(size, seed))?
            );
        }
    }
    Ok(())
}
