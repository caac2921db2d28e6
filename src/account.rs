//! `kommune account …`: sign-in accounts and API tokens.

use chrono::Utc;
use clap::{Args, Subcommand};
use domain::actor::Actor;
use service::accounts;
use store::Store;
use store::accounts::{NewAccount, Role};

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Creates an account. The password comes from --password or KOMMUNE_PASSWORD.
    Add(AddArgs),
    /// Lists the accounts: e-mail, role and whom they stand for.
    List,
    /// Prints a new API token for an account (a year long; send it as `Authorization: Bearer`).
    Token { email: String },
    /// Disables an account: it signs nobody in, and its sessions and tokens end.
    Disable { email: String },
    /// Enables a disabled account again.
    Enable { email: String },
    /// Gives an account another role; its sessions end.
    Role(RoleArgs),
    /// Ends every API token of an account (its browser sessions stay).
    Revoke { email: String },
}

#[derive(Debug, Args)]
pub struct RoleArgs {
    email: String,
    /// coordinator, worker, company or driver.
    #[arg(value_parser = parse_role)]
    role: Role,
    /// The person a worker's or driver's account is.
    #[arg(long)]
    person: Option<i64>,
    /// The company a contact's account speaks for.
    #[arg(long)]
    company: Option<i64>,
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
    let by = Actor::command_line();
    match command {
        AccountCommand::Add(args) => {
            let new = NewAccount {
                email: args.email,
                password: args.password,
                role: args.role,
                person_id: args.person,
                company_id: args.company,
                language: args.language,
            };
            let account = accounts::create(store, &by, &new).await?;
            println!(
                "account {} ({}) created",
                account.email,
                account.role.code()
            );
        }
        AccountCommand::List => {
            for a in accounts::list(store, &by).await? {
                let of = match (a.person_id, a.company_id) {
                    (Some(p), _) => format!(" person {p}"),
                    (_, Some(c)) => format!(" company {c}"),
                    _ => String::new(),
                };
                let disabled = if a.disabled { " (disabled)" } else { "" };
                println!("{} {}{of}{disabled}", a.email, a.role.code());
            }
        }
        AccountCommand::Token { email } => {
            let session = accounts::api_token(store, &by, &email, Utc::now()).await?;
            println!("{}", session.token);
        }
        AccountCommand::Disable { email } => {
            let account = accounts::set_disabled(store, &by, &email, true).await?;
            println!(
                "account {} disabled; its sessions and tokens ended",
                account.email
            );
        }
        AccountCommand::Enable { email } => {
            let account = accounts::set_disabled(store, &by, &email, false).await?;
            println!("account {} enabled", account.email);
        }
        AccountCommand::Role(args) => {
            let account = accounts::set_role(
                store,
                &by,
                &args.email,
                args.role,
                args.person,
                args.company,
            )
            .await?;
            println!(
                "account {} is now {}; its sessions ended",
                account.email,
                account.role.code()
            );
        }
        AccountCommand::Revoke { email } => {
            let ended = accounts::revoke_tokens(store, &by, &email).await?;
            println!("{ended} API token(s) of {email} ended");
        }
    }
    Ok(())
}
