//! `kommune person …`: a person's GDPR rights from the command line — everything held on
//! them as one JSON document, and erasure.

use anyhow::Context;
use chrono::Utc;
use clap::Subcommand;
use domain::actor::Actor;
use service::privacy::{self, Subject};
use std::path::PathBuf;
use store::Store;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Writes everything kommune holds on a person as one JSON document (GDPR Art. 15):
    /// profile, limits (the read is logged), time entries, plans, pay, accounts, and who
    /// read their limits. ID is a number or KIND:ID (person:17; student:3 for a
    /// student of the Aalborg Alliance: profile, introductions and who read it;
    /// subscriber:5 or subscriber:ADDRESS for the newsletter: address, themes, digests sent;
    /// registrant:ADDRESS for the festival: every registration with that address;
    /// pledger:ADDRESS for "Making us greener": every pledge from that address).
    Export {
        id: String,
        /// Where to write it; standard output by default.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Erases a person (GDPR Art. 17): removes what may go, keeps what bookkeeping law
    /// requires under a placeholder name, ends their sessions, tokens and calendar feed,
    /// and prints what was kept and why.
    Erase {
        id: String,
        /// Confirms the erasure; it cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}

/// Whom `id` names: as [`Subject::parse`] reads it, or a newsletter subscriber by their
/// address (`subscriber:borger@example.dk`).
async fn subject(store: &Store, by: &Actor, id: &str) -> anyhow::Result<Subject> {
    match id.trim().strip_prefix("subscriber:") {
        Some(email) if email.contains('@') => Ok(Subject::Subscriber(
            privacy::subscriber_by_email(store, by, email).await?,
        )),
        _ => Ok(Subject::parse(id)?),
    }
}

pub async fn run(store: &Store, command: PersonCommand) -> anyhow::Result<()> {
    let by = Actor::command_line();
    match command {
        PersonCommand::Export { id, out } => {
            let json = if let Some(email) = id.trim().strip_prefix("registrant:") {
                serde_json::to_string_pretty(&privacy::export_registrant(store, &by, email).await?)?
            } else if let Some(email) = id.trim().strip_prefix("pledger:") {
                serde_json::to_string_pretty(&privacy::export_pledger(store, &by, email).await?)?
            } else {
                match subject(store, &by, &id).await? {
                    Subject::Subscriber(subscriber) => serde_json::to_string_pretty(
                        &privacy::export_subscriber(store, &by, subscriber).await?,
                    )?,
                    Subject::Student(student) => serde_json::to_string_pretty(
                        &privacy::export_student(store, &by, student).await?,
                    )?,
                    subject => serde_json::to_string_pretty(
                        &privacy::export(store, &by, subject, Utc::now()).await?,
                    )?,
                }
            };
            match out {
                Some(path) => std::fs::write(&path, json + "\n")
                    .with_context(|| format!("writing {}", path.display()))?,
                None => println!("{json}"),
            }
        }
        PersonCommand::Erase { id, yes } => {
            if let Some(email) = id.trim().strip_prefix("registrant:") {
                if !yes {
                    anyhow::bail!("erasing {id} cannot be undone: run again with --yes");
                }
                // Offers' links need the site's address; the command line has no request.
                let site = std::env::var("KOMMUNE_PUBLIC_URL")
                    .unwrap_or_else(|_| "http://127.0.0.1:8080".into());
                let n = privacy::erase_registrant(store, &by, email, &site, Utc::now()).await?;
                println!(
                    "erased {id}: {n} registrations lost their name and address; live places went on to the waiting list"
                );
                return Ok(());
            }
            if let Some(email) = id.trim().strip_prefix("pledger:") {
                if !yes {
                    anyhow::bail!("erasing {id} cannot be undone: run again with --yes");
                }
                let n = privacy::erase_pledger(store, &by, email).await?;
                println!(
                    "erased {id}: {n} pledges lost their name and address; the actions and dates stay in the campaign's counts"
                );
                return Ok(());
            }
            let subject = subject(store, &by, &id).await?;
            if !yes {
                anyhow::bail!(
                    "erasing {id} cannot be undone: run again with --yes (export it first with `kommune person export {id}`)"
                );
            }
            if let Subject::Subscriber(subscriber) = subject {
                privacy::erase_subscriber(store, &by, subscriber).await?;
                println!("erased {id}: the subscription and the record of the digests sent");
                return Ok(());
            }
            if let Subject::Student(student) = subject {
                privacy::erase_student(store, &by, student).await?;
                println!("erased {id}: the profile, its introductions, bank entries and read log");
                return Ok(());
            }
            let erasure = privacy::erase(store, &by, subject).await?;
            println!("erased {id}");
            for (what, n) in &erasure.removed {
                println!("removed: {what} ({n})");
            }
            for (what, n, why) in &erasure.kept {
                println!("kept: {what} ({n}): {why}");
            }
        }
    }
    Ok(())
}
