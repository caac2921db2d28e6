//! A realistic, deterministic demo data set for the Aalborg small-jobs agency: people,
//! companies, agreements and four weeks of task requests, and Flex Waste's shops, hubs,
//! vehicles and month of pickups, as domain values and without I/O.
//!
//! The same seed and start date always give the same data, so screenshots, tests and
//! planner benchmarks can rely on it. Every value is built from a draft and passed through
//! the domain's own `parse`, so the demo can never hold a value the real system would refuse.
//!
//! Modules:
//! - `names`: first and last names, Danish and immigrant-background, with their languages.
//! - `places`: home streets around Aalborg and company streets in the centre, with coordinates.
//! - `people`: workers with hour caps, availability, absences, skills and functional limits.
//! - `companies`: companies with sites, contacts and e-invoice addresses, and their agreements.
//! - `profiles`: per task type, its titles, lifting, standing, outdoor work and skills.
//! - `tasks`: one-off and weekly task requests over the four weeks.
//! - `holidays`: the Danish days workplaces are closed, which one-off tasks avoid.
//! - `flexwaste`: Flex Waste's shops and offices with their subscriptions, the depot, two
//!   hubs, three electric vehicles, and the four weeks before the start as driven.
//! - `alliance`: the Aalborg Alliance's needs, students, meetings and introductions.
//! - `install`: storing a set in an empty database, all or nothing, then Flex Waste's records.

pub mod alliance;
mod companies;
pub mod flexwaste;
mod holidays;
mod install;
pub use flexwaste::FlexWaste;
pub use install::{FlexWasteCount, install, install_flex_waste};
mod names;
mod people;
mod places;
mod profiles;
mod tasks;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate, Weekday};
use domain::agreement::Agreement;
use domain::company::Company;
use domain::person::{FunctionalLimits, Person};
use domain::task::TaskRequest;
use domain::{FieldError, Invalid};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How many days of task requests the demo covers, from its Monday start.
pub const DAYS: i64 = 28;

/// The whole demo: everything the agency needs to plan four weeks.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoSet {
    /// About 60 people in every status, most of them active.
    pub people: Vec<DemoPerson>,
    /// About 25 companies in central Aalborg, each with 1–3 sites.
    pub companies: Vec<Company>,
    /// 1–3 agreements per company, one per task type it orders.
    pub agreements: Vec<DemoAgreement>,
    /// About 300 requests; a weekly series is one request with many occurrences.
    pub tasks: Vec<DemoTask>,
    /// About 600 requests in the eight weeks before the start, so that past work can be
    /// planned, registered and invoiced at once.
    pub past_tasks: Vec<DemoTask>,
    /// About 80 shops and offices with subscriptions, the depot, 2 hubs, 3 vehicles and
    /// the four weeks of pickups before the start.
    pub flex_waste: FlexWaste,
}

/// A worker together with their functional limits, which the domain keeps apart.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoPerson {
    /// Who the person is and when they can work.
    pub person: Person,
    /// What they should not be asked to do; health-related, so stored apart.
    pub limits: FunctionalLimits,
}

/// An agreement; `company` indexes [`DemoSet::companies`] and `agreement.company_id` is 0 until stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoAgreement {
    /// Index into [`DemoSet::companies`].
    pub company: usize,
    /// The terms, with `company_id` 0.
    pub agreement: Agreement,
}

/// A task request; `company` indexes [`DemoSet::companies`] and `site` that company's `sites`;
/// the request's `company_id` and `site_id` are 0 until stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoTask {
    /// Index into [`DemoSet::companies`].
    pub company: usize,
    /// Index into that company's `sites`.
    pub site: usize,
    /// The request, with `company_id` and `site_id` 0.
    pub request: TaskRequest,
}

/// Builds the demo for the four weeks from `start`, which must be a Monday.
pub fn generate(seed: u64, start: NaiveDate) -> Result<DemoSet, Invalid> {
    if start.weekday() != Weekday::Mon {
        return Err(Invalid::new(format!(
            "the demo starts on a Monday, but {start} is a {}",
            start.weekday()
        )));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut people = people::generate(&mut rng, start)?;
    let (companies, agreements) = companies::generate(&mut rng)?;
    let tasks = tasks::generate(&mut rng, start, &companies, &agreements)?;
    // The past from a stream of its own, so the four weeks ahead stay as they were.
    let mut past = ChaCha8Rng::seed_from_u64(seed ^ PAST_STREAM);
    let mut past_tasks = Vec::new();
    for weeks_back in [8, 4] {
        let monday = start - chrono::Duration::weeks(weeks_back);
        past_tasks.extend(tasks::generate(&mut past, monday, &companies, &agreements)?);
    }
    // Flex Waste from a stream of its own too; its drivers come from the people.
    let drivers = flexwaste::ensure_drivers(&mut people);
    let mut flex = ChaCha8Rng::seed_from_u64(seed ^ FLEX_WASTE_STREAM);
    let flex_waste = flexwaste::generate(&mut flex, start, &companies, drivers)?;
    Ok(DemoSet {
        people,
        companies,
        agreements,
        tasks,
        past_tasks,
        flex_waste,
    })
}

/// Mixed into the seed for the past weeks' random stream.
const PAST_STREAM: u64 = 0x7061_7374;

/// Mixed into the seed for Flex Waste's random stream.
const FLEX_WASTE_STREAM: u64 = 0x666c_6578;

/// The id drafts carry where the domain requires one but nothing is stored yet; it is
/// reset to 0 after parsing so no one mistakes it for a real row.
const PLACEHOLDER_ID: i64 = 1;

/// Turns a draft's field errors into one failure naming what was being built.
fn invalid(what: impl std::fmt::Display, errors: Vec<FieldError>) -> Invalid {
    let reasons: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.reason))
        .collect();
    Invalid::new(format!("demo {what} is invalid: {}", reasons.join("; ")))
}

/// One element of a list; the lists here are constant and never empty.
fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// One element chosen in proportion to its weight.
fn weighted<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for item in items {
        let w = weight(item);
        if roll < w {
            return item;
        }
        roll -= w;
    }
    &items[items.len() - 1]
}

/// `count` distinct elements in random order.
fn distinct<T: Copy>(rng: &mut ChaCha8Rng, items: &[T], count: usize) -> Vec<T> {
    let mut pool = items.to_vec();
    rand::seq::SliceRandom::shuffle(pool.as_mut_slice(), rng);
    pool.truncate(count);
    pool
}
