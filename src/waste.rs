//! `kommune route`: Flex Waste's plan for a day — routes, drivers, what is left — stored
//! and printed as JSON or as a short summary.

use crate::solve::SearchArgs;
use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;
use domain::actor::Actor;
use domain::calendar::{parse_date, parse_instant};
use service::flexwaste::DayPlanView;
use store::Store;

#[derive(Debug, Args)]
pub struct RouteArgs {
    /// The day to plan, e.g. 2026-12-01.
    #[arg(long, value_parser = parse_day)]
    date: NaiveDate,
    /// Plan as if it were this time, e.g. 2026-12-01T10:30:00+01:00 (default: now).
    /// Re-planning a day during the day starts the vehicles from the depot at this time.
    #[arg(long, value_parser = parse_now)]
    now: Option<DateTime<Utc>>,
    #[command(flatten)]
    search: SearchArgs,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.0)
}

fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    parse_instant(text).map_err(|e| e.0)
}

pub async fn run(store: &Store, args: RouteArgs) -> anyhow::Result<()> {
    let limits = args.search.limits()?;
    let limits = routing::Limits {
        time: limits.time,
        iterations: limits.iterations,
    };
    let view = service::flexwaste::plan_day(
        store,
        args.date,
        limits,
        args.search.seed(),
        args.now.unwrap_or_else(Utc::now),
        &Actor::command_line(),
    )
    .await
    .with_context(|| format!("planning Flex Waste's routes for {}", args.date))?;
    if args.search.json() {
        println!("{}", serde_json::to_string_pretty(&view)?);
        // stdout carries exactly the routes; what a coordinator must act on goes beside it.
        for line in notes(&view) {
            eprintln!("note: {line}");
        }
    } else {
        print!("{}", summary(&view));
    }
    Ok(())
}

/// What the JSON has no place for: routes without a driver, loads brought home, sites
/// already served today.
fn notes(view: &DayPlanView) -> Vec<String> {
    let mut out = Vec::new();
    for why in &view.left_out {
        out.push(format!("left out, no driver: {why}"));
    }
    for r in &view.routes {
        if let Some(why) = &r.no_driver {
            out.push(format!("{} has no driver: {why}", r.vehicle));
        }
        if r.returns_with_kg > 0 {
            out.push(format!(
                "{} comes back with {} kg on board: no hub is open on the way",
                r.vehicle, r.returns_with_kg
            ));
        }
    }
    if let Some(from) = &view.from {
        out.push(format!(
            "the vehicles leave the depot from {from} at the earliest"
        ));
    }
    for d in &view.done {
        out.push(format!("{} was served already ({})", d.site, d.at));
    }
    out
}

fn clock(iso: &str) -> &str {
    iso.get(11..16).unwrap_or(iso)
}

fn summary(view: &DayPlanView) -> String {
    let stops: usize = view.routes.iter().map(|r| r.stops.len()).sum();
    let mut out = format!(
        "day plan {} for {}: {} routes, {stops} stops, {} unserved, {} done earlier\n",
        view.plan_id,
        view.day,
        view.routes.len(),
        view.unserved.len(),
        view.done.len()
    );
    for r in &view.routes {
        let driver = r.driver.as_deref().unwrap_or("no driver");
        out.push_str(&format!(
            "  {} ({driver}): {}–{}, {} stops, {} unloads, {:.1} of {} km, at most {} of {} kg on board\n",
            r.vehicle,
            clock(&r.starts),
            clock(&r.ends),
            r.stops.len(),
            r.unloads.len(),
            r.distance_km,
            r.range_km,
            r.max_load_kg,
            r.capacity_kg
        ));
    }
    for u in &view.unserved {
        out.push_str(&format!("  unserved: {}: {}\n", u.site, u.reason));
    }
    for line in notes(view) {
        out.push_str(&format!("  note: {line}\n"));
    }
    out
}
