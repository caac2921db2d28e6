//! `kommune indicator …`: indicators and targets from the command line — add one, import
//! a release of its series in Open SDG's format, show one with its status, list them.

use crate::lang::LangArg;
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use domain::actor::Actor;
use domain::calendar::parse_date;
use domain::contact::Locale;
use service::indicators::{self, IndicatorRequest};
use std::path::PathBuf;
use store::Store;
use web::api::indicators::indicator_json;

#[derive(Debug, Subcommand)]
pub enum IndicatorCommand {
    /// Adds an indicator, or changes the one with this id (its series stay).
    Add(Box<AddArgs>),
    /// Imports a release of an indicator's series from a file in Open SDG's format
    /// (`Year`, breakdown columns, `Value`; `,`-separated, `.` decimals): all or nothing.
    Import {
        id: String,
        file: PathBuf,
        #[arg(long, default_value = "")]
        source: String,
        /// When the release was published (default today).
        #[arg(long, value_parser = parse_day)]
        published: Option<NaiveDate>,
    },
    /// Shows an indicator: its headline series, target, status and why.
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// JSON is the only output; the flag is accepted for scripts that say so.
        #[arg(long)]
        json: bool,
    },
    /// Lists every indicator with its status, as JSON.
    List {
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        #[arg(long)]
        json: bool,
    },
    /// Writes an indicator's series in Open SDG's format to stdout.
    Export { id: String },
}

/// An indicator to add or change.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// `[a-z0-9-]{1,64}`.
    id: String,
    /// The title in Danish.
    #[arg(long)]
    title: String,
    #[arg(long, default_value = "")]
    title_en: String,
    #[arg(long)]
    unit: String,
    /// `up` or `down`: which way is better.
    #[arg(long)]
    direction: String,
    /// A target value, reached by `--target-year`.
    #[arg(long, requires = "target_year", conflicts_with = "target_rate")]
    target: Option<f64>,
    #[arg(long, requires = "target")]
    target_year: Option<i64>,
    /// A yearly rate in per cent, signed: `-2` for down 2 % a year.
    #[arg(long, allow_hyphen_values = true)]
    target_rate: Option<f64>,
    #[arg(long)]
    base_year: Option<i64>,
    /// A limit the values cannot pass (100 for a share in per cent).
    #[arg(long)]
    ceiling: Option<f64>,
    /// An SDG goal (`13`) or target (`13.2`); repeat for more.
    #[arg(long = "sdg")]
    sdgs: Vec<String>,
    /// The initiative's slug: small-jobs, flex-waste, alliance, climate, mobility,
    /// green-agents, festival.
    #[arg(long)]
    initiative: Option<String>,
    #[arg(long, default_value = "")]
    source: String,
    #[arg(long, default_value = "")]
    method: String,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.0)
}

pub async fn run(store: &Store, command: IndicatorCommand) -> anyhow::Result<()> {
    let by = Actor::command_line();
    let now = Utc::now();
    match command {
        IndicatorCommand::Add(args) => {
            let AddArgs {
                id,
                title,
                title_en,
                unit,
                direction,
                target,
                target_year,
                target_rate,
                base_year,
                ceiling,
                sdgs,
                initiative,
                source,
                method,
            } = *args;
            let request = IndicatorRequest {
                id: id.clone(),
                title,
                title_en,
                description: String::new(),
                description_en: String::new(),
                unit,
                direction,
                target,
                target_year,
                target_rate,
                base_year,
                ceiling,
                sdgs,
                initiative,
                source,
                method,
            };
            indicators::put(store, &by, &request, now).await?;
            println!("indicator {id} kept");
        }
        IndicatorCommand::Import {
            id,
            file,
            source,
            published,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let published = published.unwrap_or_else(|| domain::calendar::local_date(now));
            let n = indicators::import(store, &by, &id, &text, &source, published, now).await?;
            println!("{n} values imported into {id}");
        }
        IndicatorCommand::Show { id, lang, json: _ } => {
            let view = indicators::show(store, &id, now, lang.locale()).await?;
            println!(
                "{}",
                serde_json::to_string_pretty(&indicator_json(lang.tr(), &view))?
            );
        }
        IndicatorCommand::List { lang, json: _ } => {
            let all = indicators::list(store, now, lang.locale()).await?;
            let items: Vec<serde_json::Value> = all
                .iter()
                .map(|v| serde_json::json!({"id": v.id, "title": v.title, "status": v.assessment.status.code()}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
        IndicatorCommand::Export { id } => {
            let view = indicators::show(store, &id, now, Locale::Da).await?;
            print!("{}", indicators::export(&view));
        }
    }
    Ok(())
}
