//! `kommune invoice …` and `kommune seller`: monthly invoice runs, credit notes, the list
//! of issued documents, and the agency's own details printed on them.

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use domain::actor::Actor;
use domain::calendar::{local_date, parse_date};
use domain::money::Money;
use service::billing::{self, Format};
use store::Store;
use store::invoices::{Invoice, Period, Seller};

#[derive(Debug, Subcommand)]
pub enum InvoiceCommand {
    /// Issues the period's invoices: one per company with confirmed, unbilled hours.
    Run {
        /// The month, e.g. 2026-10.
        #[arg(long, value_parser = Period::parse)]
        period: Period,
        /// The issue date; default today (Copenhagen). Not before the month begins, nor
        /// before the year's last issued document.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Invoice the current month before it has ended.
        #[arg(long)]
        open_month: bool,
        #[arg(long)]
        json: bool,
    },
    /// Lists every issued invoice and credit note.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Shows one document with its lines; `--pdf FILE` writes it as a PDF and `--ubl FILE`
    /// as Peppol BIS 3.0 UBL XML.
    Show {
        number: String,
        #[arg(long)]
        pdf: Option<std::path::PathBuf>,
        #[arg(long)]
        ubl: Option<std::path::PathBuf>,
    },
    /// Credits an invoice in full with a credit note of its own number.
    Credit {
        number: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
}

/// The agency's details, as the seller on its invoices.
#[derive(Debug, Args)]
pub struct SellerArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long, value_parser = parse_cvr)]
    pub cvr: String,
    /// One line: street, postcode and town.
    #[arg(long)]
    pub address: String,
    /// Registration and account number, e.g. "9570 0001234567".
    #[arg(long, value_parser = parse_bank_account)]
    pub bank_account: String,
    /// Days from issue to due date.
    #[arg(long, default_value_t = 30)]
    pub payment_days: u32,
    /// The seller Flex Waste's invoices name, e.g. "Flex Waste — Aalborg Kommune"; left
    /// out, the name set before is kept ("Flex Waste" if none was).
    #[arg(long)]
    pub flexwaste_name: Option<String>,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.0)
}

fn parse_bank_account(text: &str) -> Result<String, String> {
    domain::identifiers::BankAccount::parse(text)
        .map(|a| a.to_string())
        .map_err(|e| e.0)
}

fn parse_cvr(text: &str) -> Result<String, String> {
    domain::identifiers::Cvr::parse(text)
        .map(|c| c.to_string())
        .map_err(|e| e.0)
}

pub async fn set_seller(store: &Store, args: SellerArgs) -> anyhow::Result<()> {
    let seller = Seller {
        name: args.name,
        cvr: args.cvr,
        address: args.address,
        bank_account: args.bank_account,
        payment_days: args.payment_days,
    };
    billing::set_seller(store, &Actor::command_line(), &seller)
        .await
        .map_err(|e| crate::as_flags(e, &[]))?;
    if let Some(name) = args.flexwaste_name {
        billing::set_flexwaste_name(store, &Actor::command_line(), &name)
            .await
            .map_err(|e| crate::as_flags(e, &[("name", "--flexwaste-name")]))?;
    }
    println!("the agency's details are set");
    Ok(())
}

pub async fn run(store: &Store, command: InvoiceCommand) -> anyhow::Result<()> {
    let by = Actor::command_line();
    let today = || local_date(Utc::now());
    match command {
        InvoiceCommand::Run {
            period,
            date,
            open_month,
            json,
        } => {
            let request = billing::RunRequest {
                period,
                date: date.unwrap_or_else(today),
                open_month,
            };
            let issued = billing::run_period(store, &request, today(), &by)
                .await
                .map_err(|e| crate::as_flags(e, &[]))
                .with_context(|| format!("invoicing {}", period.label()))?;
            if json {
                let summary: Vec<serde_json::Value> = issued.iter().map(summary).collect();
                println!("{}", serde_json::Value::Array(summary));
            } else if issued.is_empty() {
                println!("nothing new to invoice for {}", period.label());
            } else {
                for invoice in &issued {
                    println!("{}", line(invoice));
                }
            }
        }
        InvoiceCommand::List { json } => {
            let all = billing::invoices(store, &by).await?;
            if json {
                println!("{}", serde_json::to_string(&all)?);
            } else {
                for invoice in &all {
                    println!("{}", line(invoice));
                }
            }
        }
        InvoiceCommand::Show { number, pdf, ubl } => {
            let invoice = billing::invoice(store, &by, &number).await?;
            if pdf.is_none() && ubl.is_none() {
                println!("{}", serde_json::to_string_pretty(&invoice)?);
            }
            if let Some(file) = pdf {
                write_file(&file, &billing::file(&invoice, Format::Pdf)?.bytes)?;
                println!("{number} written to {} (PDF)", file.display());
            }
            if let Some(file) = ubl {
                write_file(&file, &billing::file(&invoice, Format::Ubl)?.bytes)?;
                println!("{number} written to {} (UBL)", file.display());
            }
        }
        InvoiceCommand::Credit {
            number,
            reason,
            date,
        } => {
            let reason = domain::invoice::CreditReason::parse_said(&reason)
                .map_err(|e| anyhow::anyhow!("--reason {}", e.0))?;
            let credit = billing::credit(store, &number, &reason, date.unwrap_or_else(today), &by)
                .await
                .with_context(|| format!("crediting {number}"))?;
            println!("{}", line(&credit));
        }
    }
    Ok(())
}

/// Writes a document whole or not at all: to a temporary file beside `file`, then renamed,
/// so a failure never leaves half a PDF where the user asked for one.
fn write_file(file: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let partial = file.with_extension("partial");
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, file))
        .with_context(|| format!("writing {}", file.display()))
}

/// The run's JSON per invoice, as the interface prints it.
fn summary(invoice: &Invoice) -> serde_json::Value {
    serde_json::json!({
        "number": invoice.number,
        "company": {"cvr": invoice.buyer_cvr, "name": invoice.buyer_name},
        "total_incl_vat_ore": invoice.totals.total_ore,
    })
}

fn line(invoice: &Invoice) -> String {
    let what = if invoice.kind == "credit_note" {
        format!(
            "credit note for {}",
            invoice.credits.as_deref().unwrap_or("?")
        )
    } else {
        "invoice".to_string()
    };
    format!(
        "{} {what} {} to {} (CVR {}): {} kr incl. VAT, due {}",
        invoice.number,
        invoice.period,
        invoice.buyer_name,
        invoice.buyer_cvr,
        Money::from_ore(invoice.totals.total_ore),
        invoice.due_date
    )
}
