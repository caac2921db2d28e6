//! The `kommune` command: parses its arguments, calls the libraries, prints the result.
//! Logs and progress go to stderr; stdout carries only a command's output.

mod account;
mod alliance;
mod indicator;
mod invoice;
mod lang;
mod person;
mod settings;
mod solve;
mod waste;

/// mimalloc rather than glibc's malloc: the server allocates per request on every core,
/// and frees what another thread allocated (BENCHMARKS.md, "HTTP under load").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::Context;
use chrono::{Datelike, NaiveDate, Utc, Weekday};
use clap::{Parser, Subcommand, ValueEnum};
use domain::actor::Actor;
use domain::calendar::{local_date, parse_date};
use service::files::exports;
use service::files::records as files;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use store::Store;

/// Runs a municipality's sustainable-development initiatives: the small-jobs agency first.
#[derive(Debug, Parser)]
#[command(name = "kommune", version, about)]
struct Cli {
    /// The database: sqlite://PATH, sqlite:PATH, postgres://… or postgresql://…
    #[arg(long, global = true, env = "DATABASE_URL", default_value = store::connect::DEFAULT_URL)]
    database_url: String,

    /// How the log is written: `text` for people, `json` (one object a line) for a
    /// collector.
    #[arg(
        long,
        global = true,
        env = "KOMMUNE_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Command,
}

/// How the log is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serves the pages and the JSON API (sign-in needed; loopback by default).
    Serve {
        #[command(flatten)]
        settings: settings::Settings,
        /// Fill an empty database with the demo data set first.
        #[arg(long)]
        demo: bool,
        /// Seed of the demo data set.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Prints the server's settings in effect, from flags and the environment, with
    /// secrets masked (docs/operations.md).
    Config {
        #[command(flatten)]
        settings: settings::Settings,
    },
    /// Writes a consistent copy of the SQLite database to FILE while the server runs
    /// (never over an existing file), then checks the copy. PostgreSQL is backed up with
    /// pg_dump (docs/operations.md).
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Fills an empty database with a realistic demo data set.
    Demo {
        /// The same seed and start give the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The Monday the four weeks of task requests start on; default: this week's.
        #[arg(long, value_parser = parse_monday)]
        start: Option<NaiveDate>,
    },
    /// Imports a `;`-separated CSV file, all or nothing.
    Import { kind: Kind, file: PathBuf },
    /// Writes a `;`-separated CSV file (UTF-8 with a BOM) to stdout.
    Export {
        kind: ExportKind,
        /// The month, e.g. 2026-10 (payroll and jobcentre).
        #[arg(long, value_parser = store::invoices::Period::parse)]
        period: Option<store::invoices::Period>,
        /// The job centre's dated rules (JSON); default: the ones shipped in
        /// config/jobcentre-rules.json.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Flex Waste's dated CO2 and cost factors (JSON); default: the ones shipped in
        /// config/flexwaste-factors.json.
        #[arg(long)]
        factors: Option<PathBuf>,
        /// The customer (recycling), by CVR number.
        #[arg(long, value_parser = parse_cvr)]
        cvr: Option<String>,
        /// The year (waste-report, recycling), e.g. 2026.
        #[arg(long, value_parser = clap::value_parser!(i32).range(i64::from(*service::files::exports::REPORT_YEARS.start())..=i64::from(*service::files::exports::REPORT_YEARS.end())))]
        year: Option<i32>,
    },
    /// Plans a week: who does which task request's occurrence; stores the plan.
    Plan {
        /// The ISO week, e.g. 2026-W49.
        #[arg(long, value_parser = parse_week)]
        week: service::agency::Week,
        /// Re-plan the week's latest plan after changes, moving as little as possible.
        #[arg(long)]
        replan: bool,
        #[command(flatten)]
        search: solve::SearchArgs,
    },
    /// Plans Flex Waste's day: vehicle routes, a driver for each; stores and prints the plan.
    Route(waste::RouteArgs),
    /// Runs an engine on a problem file, without the database.
    #[command(subcommand)]
    Solve(solve::Solve),
    /// Writes a generated benchmark problem to stdout.
    #[command(subcommand)]
    Generate(solve::Generate),
    /// Invoices: monthly runs, credit notes, the list of issued documents.
    #[command(subcommand)]
    Invoice(invoice::InvoiceCommand),
    /// Sets the agency's own details, printed as the seller on its invoices.
    Seller(invoice::SellerArgs),
    /// Sign-in accounts and API tokens.
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// A person's GDPR rights: export everything held on them, or erase them.
    #[command(subcommand)]
    Person(person::PersonCommand),
    /// The Aalborg Alliance: candidates matched to needs with reasons, the skills-gap report.
    #[command(subcommand)]
    Alliance(alliance::AllianceCommand),
    /// Indicators and targets: add, import Open SDG data, show with the progress status.
    #[command(subcommand)]
    Indicator(indicator::IndicatorCommand),
}

/// What an export writes: records, or a month's payroll.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportKind {
    People,
    Companies,
    Agreements,
    Tasks,
    /// Per worker for `--period`: hours, wage, holiday pay (12.5 %) and total.
    Payroll,
    /// Per person for `--period`: ordinary hours with dates, starts and stops, and
    /// status changes, under the job centre's dated rules.
    Jobcentre,
    /// Flex Waste for `--year`: per producer site (P-number), waste code and receiving
    /// plant, the kilograms collected — for the national waste-data system.
    WasteReport,
    /// Flex Waste for `--period`: km, kWh, CO2 avoided against the diesel baseline, kg
    /// per fraction, revenue against cost, and the paying shops needed to break even.
    WasteMonth,
    /// Flex Waste for `--cvr` and `--year`: a customer's recycling statement, per month
    /// and fraction the kilograms collected from all its sites.
    Recycling,
}

/// Which records a CSV file holds.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    People,
    Companies,
    /// Needs the companies first: rows name the company by CVR.
    Agreements,
    /// Needs companies and agreements first: rows name company and site by CVR and P-number.
    Tasks,
}

fn parse_week(text: &str) -> Result<service::agency::Week, String> {
    service::agency::Week::parse(text).map_err(|e| e.0)
}

fn parse_monday(text: &str) -> Result<NaiveDate, String> {
    let date = parse_date(text).map_err(|e| e.0)?;
    if date.weekday() != Weekday::Mon {
        return Err(format!("{date} is a {:?}, not a Monday", date.weekday()));
    }
    Ok(date)
}

/// The Monday of the current week in Copenhagen.
fn this_monday() -> NaiveDate {
    domain::week::Week::of(local_date(Utc::now())).monday
}

/// Lets a closed pipe end the process quietly, as other command-line tools do
/// (`kommune export people | head`), instead of a panic in `println!`.
fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any other thread exists; restores
    // the default disposition of one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn parse_cvr(text: &str) -> Result<String, String> {
    domain::identifiers::Cvr::parse(text)
        .map(|c| c.to_string())
        .map_err(|e| e.0)
}

fn main() -> ExitCode {
    default_sigpipe();
    let cli = Cli::parse();
    let filter = || {
        tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| "info,sqlx=warn".into())
    };
    let log = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter());
    match cli.log_format {
        LogFormat::Text => log.init(),
        LogFormat::Json => log.json().flatten_event(true).init(),
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: starting the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = match cli.command {
        Command::Solve(what) => return solve::solve(what),
        Command::Generate(what) => return solve::generate(what),
        Command::Config { settings } => {
            let format = format!("{:?}", cli.log_format).to_lowercase();
            print!("{}", settings::said(&cli.database_url, &format, &settings));
            return Ok(());
        }
        Command::Backup { to } => return backup(&cli.database_url, &to).await,
        other => other,
    };
    let store = Store::connect(&cli.database_url).await.with_context(|| {
        format!(
            "opening the database {}",
            store::connect::masked_url(&cli.database_url)
        )
    })?;
    let cli = Actor::command_line();
    let result = match command {
        Command::Serve {
            settings,
            demo,
            seed,
        } => {
            service::festival::registration::set_offer_hours(settings.festival_offer_hours);
            let background = settings.background().map_err(anyhow::Error::msg)?;
            serve(
                &store,
                settings.addr,
                demo.then_some(seed),
                (settings.reached(), background),
            )
            .await
        }
        Command::Backup { .. } => unreachable!("a backup opens the database as it is"),
        Command::Demo { seed, start } => {
            let count = install_demo(&store, seed, start.unwrap_or_else(this_monday)).await?;
            println!("{count}");
            Ok(())
        }
        Command::Import { kind, file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let summary = match kind {
                Kind::People => files::import_people(&store, &bytes, &cli).await,
                Kind::Companies => files::import_companies(&store, &bytes, &cli).await,
                Kind::Agreements => files::import_agreements(&store, &bytes, &cli).await,
                Kind::Tasks => files::import_tasks(&store, &bytes, &cli, local_date(Utc::now())).await,
            }?;
            println!("{summary}");
            Ok(())
        }
        Command::Export {
            kind,
            period,
            rules,
            factors,
            cvr,
            year,
        } => {
            async {
            let needs_period =
                |what: &str| anyhow::anyhow!("export {what} needs --period, e.g. --period 2026-10");
            let bytes = match kind {
                ExportKind::People => files::export_people(&store, &cli).await?,
                ExportKind::Companies => files::export_companies(&store, &cli).await?,
                ExportKind::Agreements => files::export_agreements(&store, &cli).await?,
                ExportKind::Tasks => files::export_tasks(&store, &cli).await?,
                ExportKind::Payroll => match period {
                    Some(period) => exports::payroll(&store, &cli, period).await?,
                    None => return Err(needs_period("payroll")),
                },
                ExportKind::Jobcentre => match period {
                    None => return Err(needs_period("jobcentre")),
                    Some(period) => {
                        let text = match rules {
                            Some(file) => Some(
                                std::fs::read_to_string(&file)
                                    .with_context(|| format!("reading {}", file.display()))?,
                            ),
                            None => None,
                        };
                        exports::jobcentre_under(&store, &cli, period, text.as_deref()).await.map(|file| {
                            file.ok_or_else(|| {
                                anyhow::anyhow!(
                                    "no job-centre rule is valid on {}",
                                    period.first_day()
                                )
                            })
                        })??
                    }
                },
                ExportKind::WasteMonth => match period {
                    None => return Err(needs_period("waste-month")),
                    Some(period) => {
                        let text = match factors {
                            Some(file) => std::fs::read_to_string(&file)
                                .with_context(|| format!("reading {}", file.display()))?,
                            None => reports::waste::DEFAULT_FACTORS.to_string(),
                        };
                        exports::waste_month(&store, &cli, period, &text).await?
                    }
                },
                ExportKind::Recycling => match (cvr, year) {
                    (Some(cvr), Some(year)) => {
                        exports::recycling_statement(&store, &cli, &cvr, year).await?
                    }
                    _ => return Err(anyhow::anyhow!(
                        "export recycling needs --cvr and --year, e.g. --cvr 29189420 --year 2026"
                    )),
                },
                ExportKind::WasteReport => match year {
                    Some(year) => exports::waste_report(&store, &cli, year).await?,
                    None => return Err(anyhow::anyhow!(
                        "export waste-report needs --year, e.g. --year 2026"
                    )),
                },
            };
            write_out(&bytes)
            }
            .await
        }
        Command::Plan {
            week,
            replan,
            search,
        } => {
            let request = service::agency::PlanRequest {
                week: week.label,
                replan,
                time_limit_seconds: search.time_limit(),
                iterations: search.iterations(),
                seed: Some(search.seed()),
            };
            let view = service::agency::plan_requested(&store, &request, &cli, Utc::now())
                .await
                .map_err(|e| as_flags(e, &[("time_limit_seconds", "--time-limit")]))?;
            if search.json() {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                println!(
                    "plan {} for {}: {} assignments, {} occurrences unassigned, {} moved; {:.1} hours of work",
                    view.id,
                    view.week,
                    view.assignments.len(),
                    view.unassigned.len(),
                    view.moves.len(),
                    view.objective.work_minutes as f64 / 60.0
                );
            }
            Ok(())
        }
        Command::Route(args) => waste::run(&store, args).await,
        Command::Invoice(command) => invoice::run(&store, command).await,
        Command::Account(command) => account::run(&store, command).await,
        Command::Person(command) => person::run(&store, command).await,
        Command::Alliance(command) => alliance::run(&store, command).await,
        Command::Indicator(command) => indicator::run(&store, command).await,
        Command::Seller(args) => invoice::set_seller(&store, args).await,
        Command::Solve(_) | Command::Generate(_) | Command::Config { .. } => {
            unreachable!("handled before opening the database")
        }
    };
    store.close().await;
    result
}

/// A use-case's refusal as the command line says it: each bad field named by the flag
/// that set it (`renamed` where the flag is not the field's name with dashes).
fn as_flags(error: service::ServiceError, renamed: &[(&str, &str)]) -> anyhow::Error {
    match error {
        service::ServiceError::Invalid(fields) => {
            let said: Vec<String> = fields
                .iter()
                .map(|f| {
                    let flag = renamed
                        .iter()
                        .find(|(field, _)| *field == f.field)
                        .map_or_else(
                            || format!("--{}", f.field.replace('_', "-")),
                            |(_, flag)| (*flag).to_string(),
                        );
                    format!("{flag} {}", f.reason)
                })
                .collect();
            anyhow::anyhow!("{}", said.join("; "))
        }
        other => other.into(),
    }
}

/// Writes a file's bytes to stdout, whole.
fn write_out(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("writing to stdout")
}

async fn install_demo(store: &Store, seed: u64, start: NaiveDate) -> anyhow::Result<String> {
    Ok(demo_summary(
        &service::demo::install(store, seed, start, local_date(Utc::now())).await?,
        seed,
        start,
    ))
}

/// What the demo put in, and how to sign in.
fn demo_summary(done: &service::demo::Installed, seed: u64, start: NaiveDate) -> String {
    let (count, flex) = (&done.records, &done.flex_waste);
    format!(
        "demo installed (seed {seed}, from {start}): {} people, {} companies, {} agreements, {} task requests; \
         the {} weeks before planned, with {} confirmed time entries\n\
         Flex Waste: {} shops with subscriptions, {} hubs, {} vehicles; {} pickups in the 4 weeks before\n\
         this week planned with {} assignments; {} invoices issued for last month\n\
         sign in as:\n{}",
        count.people,
        count.companies - flex.shops,
        count.agreements,
        count.tasks,
        service::demo::history::WEEKS,
        done.entries,
        flex.shops,
        flex.hubs,
        flex.vehicles,
        flex.pickups,
        done.planned,
        done.invoices,
        done.accounts.join("\n")
    )
}

async fn serve(
    store: &Store,
    addr: SocketAddr,
    demo: Option<u64>,
    (reached, background): (web::Reached, web::jobs::Background),
) -> anyhow::Result<()> {
    if let Some(seed) = demo {
        let start = this_monday();
        match service::demo::install_if_empty(store, seed, start, local_date(Utc::now())).await? {
            Some(done) => tracing::info!("{}", demo_summary(&done, seed, start)),
            None => tracing::info!("the database already has records; not adding demo data"),
        }
    }
    if background.smtp.is_none() {
        tracing::warn!("no KOMMUNE_SMTP_URL: e-mail waits in the outbox and is not sent");
    }
    web::serve(
        store.clone(),
        addr,
        (reached, background),
        |bound| {
            tracing::info!(
                "kommune listening on http://{bound} (API: /api, OpenAPI: /api/openapi.json)"
            )
        },
        shutdown_signal(),
    )
    .await
    .with_context(|| format!("serving on {addr}"))
}

/// Copies the database `url` names to `to`, as it is (nothing migrated), and checks the
/// copy as SQLite checks a file.
async fn backup(url: &str, to: &std::path::Path) -> anyhow::Result<()> {
    let store = Store::existing(url)
        .await
        .with_context(|| format!("opening the database {}", store::connect::masked_url(url)))?;
    let copied = store
        .backup_to(to)
        .await
        .with_context(|| format!("backing up to {}", to.display()));
    store.close().await;
    copied?;
    let copy = Store::existing(&format!("sqlite://{}", to.display()))
        .await
        .with_context(|| format!("opening the copy {}", to.display()))?;
    let check = copy.integrity().await?;
    copy.close().await;
    if check != "ok" {
        anyhow::bail!(
            "the copy {} fails SQLite's integrity check: {check}",
            to.display()
        );
    }
    println!("backed up to {} (integrity check: ok)", to.display());
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
