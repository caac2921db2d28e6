//! The demo's Flex Waste customers: which of the fictional shops and offices take part,
//! where each is, what it has collected and what a pickup costs it.

use super::HISTORY_DAYS;
use super::customers::Kind::{self, Food, Office, Retail};
use super::customers::{TEMPLATES, Template};
use super::streets::STREETS;
use crate::companies::{contact, unique};
use crate::names::ascii_slug;
use crate::places::round6;
use crate::{distinct, invalid, pick, weighted};
use chrono::{Duration, NaiveDate, Weekday};
use domain::Invalid;
use domain::company::{Company, CompanyDraft, SiteDraft};
use domain::identifiers::Cvr;
use domain::place::Coordinates;
use domain::waste::{Fraction, Subscription, SubscriptionDraft};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

/// A shop or office with its Flex Waste subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct Shop {
    /// The customer, with exactly one site.
    pub company: Company,
    pub subscription: Subscription,
    pub price_per_pickup_ore: i64,
    pub starts_on: NaiveDate,
}

impl Shop {
    /// Where the shop is.
    pub fn coordinates(&self) -> Coordinates {
        self.company.sites[0].address.coordinates
    }
}

/// Picks 78–84 customers and gives each a site, a subscription and a price; their CVR and
/// P-numbers are kept apart from the `agency`'s companies'.
pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    agency: &[Company],
) -> Result<Vec<Shop>, Invalid> {
    let mut cvrs: BTreeSet<String> = agency.iter().map(|c| c.cvr.to_string()).collect();
    let mut p_numbers: BTreeSet<String> = agency
        .iter()
        .flat_map(|c| &c.sites)
        .map(|s| s.p_number.to_string())
        .collect();
    let count = rng.random_range(78..=84).min(TEMPLATES.len());
    let indices: Vec<usize> = (0..TEMPLATES.len()).collect();
    let mut chosen = distinct(rng, &indices, count);
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|i| shop(rng, &TEMPLATES[i], start, &mut cvrs, &mut p_numbers))
        .collect()
}

fn shop(
    rng: &mut ChaCha8Rng,
    template: &Template,
    start: NaiveDate,
    cvrs: &mut BTreeSet<String>,
    p_numbers: &mut BTreeSet<String>,
) -> Result<Shop, Invalid> {
    let cvr = unique(rng, cvrs, |rng| {
        Cvr::complete(rng.random_range(1_000_000..=4_499_999)).map(|c| c.to_string())
    })
    .ok_or_else(|| Invalid::new(format!("no free CVR number found for {}", template.name)))?;
    let p_number = unique(rng, p_numbers, |rng| {
        Some(
            rng.random_range(1_000_000_000u64..=1_029_999_999)
                .to_string(),
        )
    })
    .ok_or_else(|| Invalid::new(format!("no free P-number found for {}", template.name)))?;
    // A customer named after a street is on it: "Adelgade Isenkram".
    let street = match STREETS.iter().find(|s| template.name.contains(s.street)) {
        Some(street) => street,
        None => weighted(rng, STREETS, |s| s.weight),
    };
    let slug = template
        .name
        .split([' ', ','])
        .filter(|w| !w.is_empty() && *w != "&")
        .map(ascii_slug)
        .collect::<Vec<_>>()
        .join("-");
    let draft = CompanyDraft {
        name: template.name.into(),
        cvr: cvr.clone(),
        billing_email: format!("faktura.{slug}@example.dk"),
        einvoice_address: rng.random_bool(0.15).then(|| format!("0184:{cvr}")),
        task_force: false,
        sites: vec![SiteDraft {
            name: format!("{} {}", template.site, street.street),
            p_number,
            address: format!(
                "{} {}, 9000 Aalborg",
                street.street,
                rng.random_range(1..=street.numbers)
            ),
            latitude: Some(round6(street.latitude + rng.random_range(-0.0005..0.0005))),
            longitude: Some(round6(street.longitude + rng.random_range(-0.0009..0.0009))),
        }],
        contacts: vec![contact(rng, template.role)],
    };
    let company = draft
        .parse()
        .map_err(|e| invalid(format!("Flex Waste customer {}", template.name), e))?;
    let subscription = subscription(rng, template.kind)
        .parse()
        .map_err(|e| invalid(format!("subscription of {}", template.name), e))?;
    // 35–60 kr. a pickup by expected weight, in 5-krone steps.
    let kroner = 35 + (i64::from(subscription.expected_kg) - 5) * 25 / 35;
    let price_per_pickup_ore = (kroner + 2) / 5 * 5 * 100;
    // Most have been customers a while; a few joined during the month before the start.
    let starts_on = if rng.random_bool(0.92) {
        start - Duration::days(HISTORY_DAYS + rng.random_range(0..=180))
    } else {
        start - Duration::days(rng.random_range(5..=HISTORY_DAYS - 7))
    };
    Ok(Shop {
        company,
        subscription,
        price_per_pickup_ore,
        starts_on,
    })
}

/// What a customer of this kind has collected, when and how much.
fn subscription(rng: &mut ChaCha8Rng, kind: Kind) -> SubscriptionDraft {
    let mut fractions = vec![Fraction::Cardboard];
    let (paper, soft, hard) = match kind {
        Retail => (0.15, 0.7, 0.3),
        Food => (0.1, 0.6, 0.5),
        Office => (1.0, 0.2, 0.2),
    };
    for (fraction, share) in [
        (Fraction::Paper, paper),
        (Fraction::SoftPlastic, soft),
        (Fraction::HardPlastic, hard),
    ] {
        if rng.random_bool(share) {
            fractions.push(fraction);
        }
    }
    let weekdays: &[Weekday] = match *pick(rng, &[1, 1, 2, 2, 3]) {
        1 => pick(rng, &WEEKDAYS).as_slice(),
        2 => pick(rng, &TWO_DAYS).as_slice(),
        _ => pick(rng, &THREE_DAYS).as_slice(),
    };
    // Cafés and bakeries want it done before they open; offices do not mind.
    let window = match (kind, rng.random_range(0..20)) {
        (Food, 0..=11) | (Retail, 0..=5) | (Office, 0..=2) => "08:00-10:00",
        (Food, 12..=15) | (Retail, 6..=10) | (Office, 3..=5) => "10:00-12:00",
        _ => "07:00-15:00",
    };
    let expected_kg = match kind {
        Retail => rng.random_range(8..=35),
        Food => rng.random_range(10..=40),
        Office => rng.random_range(5..=20),
    };
    // Cardboard is light and bulky: litres run at 4–10 per kg.
    let expected_litres = expected_kg * rng.random_range(4..=10);
    SubscriptionDraft {
        fractions: fractions
            .iter()
            .map(|f| f.code())
            .collect::<Vec<_>>()
            .join(", "),
        weekdays: weekdays
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        window: window.into(),
        expected_kg,
        expected_litres,
    }
}

const WEEKDAYS: [[Weekday; 1]; 5] = [
    [Weekday::Mon],
    [Weekday::Tue],
    [Weekday::Wed],
    [Weekday::Thu],
    [Weekday::Fri],
];
const TWO_DAYS: [[Weekday; 2]; 5] = [
    [Weekday::Mon, Weekday::Thu],
    [Weekday::Tue, Weekday::Fri],
    [Weekday::Mon, Weekday::Wed],
    [Weekday::Tue, Weekday::Thu],
    [Weekday::Wed, Weekday::Fri],
];
const THREE_DAYS: [[Weekday; 3]; 2] = [
    [Weekday::Mon, Weekday::Wed, Weekday::Fri],
    [Weekday::Tue, Weekday::Thu, Weekday::Fri],
];
