//! An issued invoice or credit note as its documents show it: what the UBL XML and the
//! PDF both render, taken from the stored document, never recomputed.

use domain::invoice::{AnnexRow, Line, Totals};

/// A party on the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    /// Eight digits.
    pub cvr: String,
    /// One line: `Street 1, 9000 Town`.
    pub address: String,
    /// The electronic address: a GLN (13 digits) or, by default, the CVR number.
    pub einvoice: Option<String>,
}

/// Which kind of document, and for a credit note what it credits and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Invoice {
        due_date: chrono::NaiveDate,
    },
    CreditNote {
        invoice_number: String,
        reason: String,
    },
}

/// Everything the XML says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: Kind,
    pub number: String,
    pub issue_date: chrono::NaiveDate,
    /// What the buyer knows the document by: the period invoiced.
    pub buyer_reference: String,
    pub seller: Party,
    pub buyer: Party,
    /// Danish registration and account number, `9570 0001234567`.
    pub bank_account: String,
    pub payment_days: u32,
    pub lines: Vec<Line>,
    pub totals: Totals,
    /// The shifts billed, for the PDF's annex; the XML carries only the lines.
    pub annex: Vec<AnnexRow>,
}

/// A small document with a name that needs escaping, for the writers' tests: two lines
/// of hours, a line of Flex Waste visits and a subscription's monthly fee.
#[cfg(test)]
pub(crate) fn sample(kind: Kind) -> Document {
    use domain::invoice::{Billable, Line, totals};
    use domain::money::Money;
    let lines = vec![
        Billable {
            description: "Rengøring & oprydning <kantine>".into(),
            price_per_hour: Money::from_ore(24_500),
            min_billable_minutes: 60,
            minutes: vec![45, 125],
        }
        .line()
        .expect("a small sample"),
        Billable {
            description: "Lager".into(),
            price_per_hour: Money::from_ore(19_999),
            min_billable_minutes: 0,
            minutes: vec![50],
        }
        .line()
        .expect("a small sample"),
        Line::visits(
            "Afhentning af affald — Algade 12",
            12,
            Money::from_ore(4_750),
        )
        .expect("a small sample"),
        Line::month(
            "Abonnement, Flex Waste — Algade 12",
            Money::from_ore(29_900),
        )
        .expect("a small sample"),
    ];
    Document {
        kind,
        number: "2026-0007".into(),
        issue_date: "2026-11-02".parse().unwrap(),
        buyer_reference: "2026-10".into(),
        seller: Party {
            name: "Små job med mening — Aalborg Kommune".into(),
            cvr: "29189420".into(),
            address: "Boulevarden 13, 9000 Aalborg".into(),
            einvoice: None,
        },
        buyer: Party {
            name: "Bageriet på Algade ApS".into(),
            cvr: "12345674".into(),
            address: "Algade 12, 9000 Aalborg".into(),
            einvoice: Some("5798000416604".into()),
        },
        bank_account: "9570 0001234567".into(),
        payment_days: 30,
        totals: totals(&lines).expect("a small sample"),
        lines,
        annex: vec![
            AnnexRow {
                day: "2026-10-06".parse().unwrap(),
                task: "Rengøring af kantinen".into(),
                worker: "Mette Larsen".into(),
                minutes: 45,
            },
            AnnexRow {
                day: "2026-10-13".parse().unwrap(),
                task: "Rengøring af kantinen".into(),
                worker: "Ole Sørensen".into(),
                minutes: 125,
            },
        ],
    }
}
