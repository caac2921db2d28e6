//! `kommune account …`: sign-in accounts and API tokens, and the demo's one account per role.

use anyhow::Context;
use chrono::Utc;
use clap::{Args, Subcommand};
use domain::catalogue::Skill;
use store::accounts::{NewAccount, Role, SessionKind};
use store::{PageRequest, Store};

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Creates an account. The password comes from --password or KOMMUNE_PASSWORD.
    Add(AddArgs),
    /// Lists the accounts: e-mail, role and whom they stand for.
    List,
    /// Prints a new API token for an account (a year long; send it as `Authorization: Bearer`).
    Token { email: String },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    email: String,
    /// coordinator, worker, company or driver.
    #[arg(long, value_parser = parse_role)]
    role: Role,
    #[arg(long, env = "KOMMUNE_PASSWORD", hide_env_values = true)]
    password: String,
    /// The person a worker's or driver's account is.
    #[arg(long)]
    person: Option<i64>,
    /// The company a contact's account speaks for.
    #[arg(long)]
    company: Option<i64>,
    /// da or en.
    #[arg(long, default_value = "da")]
    language: String,
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text)
        .ok_or_else(|| format!("'{text}' is not a role: coordinator, worker, company or driver"))
}

pub async fn run(store: &Store, command: AccountCommand) -> anyhow::Result<()> {
    match command {
        AccountCommand::Add(args) => {
            let account = store
                .create_account(&NewAccount {
                    email: args.email,
                    password: args.password,
                    role: args.role,
                    person_id: args.person,
                    company_id: args.company,
                    language: args.language,
                })
                .await?;
            println!(
                "account {} ({}) created",
                account.email,
                account.role.code()
            );
        }
        AccountCommand::List => {
            for a in store.accounts().await? {
                let of = match (a.person_id, a.company_id) {
                    (Some(p), _) => format!(" person {p}"),
                    (_, Some(c)) => format!(" company {c}"),
                    _ => String::new(),
                };
                println!("{} {}{of}", a.email, a.role.code());
            }
        }
        AccountCommand::Token { email } => {
            let wanted = email.trim().to_lowercase();
            let account = store
                .accounts()
                .await?
                .into_iter()
                .find(|a| a.email == wanted)
                .with_context(|| format!("there is no account {email}"))?;
            let session = store
                .open_session(account, SessionKind::Api, Utc::now())
                .await?;
            println!("{}", session.token);
        }
    }
    Ok(())
}

/// The demo's accounts, one per role, with the passwords the demo prints.
pub const DEMO_PASSWORD: &str = "kommune-demo";

/// Creates the demo's four accounts: a coordinator, the first worker, the first company's
/// contact and a driver; returns a line per account to print.
pub async fn demo_accounts(store: &Store) -> anyhow::Result<Vec<String>> {
    let people = store
        .people(&Default::default(), PageRequest::all())
        .await?
        .items;
    let first = PageRequest {
        page: 1,
        per_page: 1,
    };
    let companies = store.companies(&Default::default(), first).await?.items;
    // The driver's account goes to someone who may drive a Flex Waste vehicle, so the
    // route sheet has routes to show.
    let drives = |p: &&store::Stored<domain::person::Person>| {
        p.value
            .skills
            .iter()
            .any(|s| matches!(s, Skill::CargoBike | Skill::DrivingLicenceB))
    };
    let driver = people.iter().find(drives).or(people.get(1));
    let worker = people
        .iter()
        .find(|p| driver.is_none_or(|d| d.meta.id != p.meta.id));
    let (Some(worker), Some(driver), Some(company)) = (worker, driver, companies.first()) else {
        anyhow::bail!("the demo has no people or companies to give accounts to");
    };
    let accounts = [
        ("koordinator@demo.kommune.dk", Role::Coordinator, None, None),
        (
            "medarbejder@demo.kommune.dk",
            Role::Worker,
            Some(worker.meta.id),
            None,
        ),
        (
            "virksomhed@demo.kommune.dk",
            Role::Company,
            None,
            Some(company.meta.id),
        ),
        (
            "chauffoer@demo.kommune.dk",
            Role::Driver,
            Some(driver.meta.id),
            None,
        ),
    ];
    let mut lines = Vec::new();
    for (email, role, person_id, company_id) in accounts {
        store
            .create_account(&NewAccount {
                email: email.into(),
                password: DEMO_PASSWORD.into(),
                role,
                person_id,
                company_id,
                language: "da".into(),
            })
            .await?;
        lines.push(format!(
            "  {:<12} {email}  password: {DEMO_PASSWORD}",
            role.code()
        ));
    }
    Ok(lines)
}
