//! `kommune alliance …`: the Aalborg Alliance from the command line — the best candidates
//! for a need or the needs for a candidate, with their reasons, and the skills-gap report.

use crate::lang::LangArg;
use chrono::Utc;
use clap::Subcommand;
use domain::actor::Actor;
use service::alliance::{gaps, matches};
use store::Store;
use web::api::alliance::{candidate_matches_json, need_matches_json};

#[derive(Debug, Subcommand)]
pub enum AllianceCommand {
    /// Prints, best first, the candidates for a need (`--need ID`) or the open needs for
    /// a candidate (`--candidate person:12` or `student:3`), each with the skills met and
    /// missing and the reasons, as JSON.
    Match {
        #[arg(
            long,
            conflicts_with = "candidate",
            required_unless_present = "candidate"
        )]
        need: Option<i64>,
        #[arg(long)]
        candidate: Option<String>,
        /// How many, 1–200.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// The language of the reasons and skills' names.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// JSON is the only output; the flag is accepted for scripts that say so.
        #[arg(long)]
        json: bool,
    },
    /// Prints the skills-gap report: per skill, open positions against candidates who
    /// have it, the biggest gaps first, with the positions asked per month.
    Gaps {
        /// As JSON (the whole report, ISCO-08 groups included).
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// As the house CSV (`;`, BOM), for a spreadsheet.
        #[arg(long)]
        csv: bool,
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
    },
}

pub async fn run(store: &Store, command: AllianceCommand) -> anyhow::Result<()> {
    let by = Actor::command_line();
    match command {
        AllianceCommand::Match {
            need,
            candidate,
            limit,
            lang,
            json: _,
        } => {
            let json = match (need, candidate) {
                (Some(need), _) => {
                    let ranked = matches::for_need(store, &by, need, limit, lang.locale()).await?;
                    serde_json::to_string_pretty(&need_matches_json(lang.tr(), need, &ranked))?
                }
                (None, Some(who)) => {
                    let key = matches::parse_candidate(&who)?;
                    let found =
                        matches::for_candidate(store, &by, &key, limit, lang.locale()).await?;
                    serde_json::to_string_pretty(&candidate_matches_json(lang.tr(), &found))?
                }
                (None, None) => anyhow::bail!("give --need ID or --candidate KIND:ID"),
            };
            println!("{json}");
        }
        AllianceCommand::Gaps { json, csv, lang } => {
            let today = domain::calendar::local_date(Utc::now());
            let report = gaps::report(store, &by, today, lang.locale()).await?;
            if csv {
                use std::io::Write;
                std::io::stdout().write_all(&gaps::to_csv(&report)?)?;
            } else if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!(
                    "{:<40} {:>9} {:>10} {:>5}",
                    "skill", "positions", "candidates", "gap"
                );
                for g in &report.skills {
                    println!(
                        "{:<40} {:>9} {:>10} {:>5}",
                        g.label, g.positions, g.candidates, g.gap
                    );
                }
            }
        }
    }
    Ok(())
}
