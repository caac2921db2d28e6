//! kommune's use-cases: one module per initiative, each step loading from the store,
//! running a rule or an engine, saving, and returning a view. The pages, the API and
//! the command line all call these functions, so a rule is written once and every edge
//! gives the same answer.
//!
//! - [`accounts`]: accounts, signing in and out, API tokens.
//! - [`agency`]: small jobs with a purpose — plan and re-plan a week, a sick call, a
//!   task's candidates.
//! - [`records`]: the agency's people (and their limits), companies, agreements and
//!   task requests.
//! - [`flexwaste`]: Flex Waste — plan a day, order a pickup, its records.
//! - [`competence`]: skills and occupations coded against ESCO, found by a few letters.
//! - [`alliance`]: the Aalborg Alliance — companies' needs, candidates matched with
//!   reasons, introductions with consent, the skills-gap report.
//! - [`indicators`]: indicators and targets, judged as Open SDG does; live figures from
//!   the records; Open SDG's files in and out.
//! - [`festival`]: the Sustainability Festival — programme, registration, waiting lists, door.
//! - [`green`]: the green agents' communities, activities, follow-ups and pledges.
//! - [`cases`]: the best-practice exchange's cases, their workflow, the public list.
//! - [`billing`]: invoice runs, credit notes, the documents buyers receive.
//! - [`files`]: CSV records in and out, payroll, job-centre and waste reports.
//! - [`mail`]: what kommune tells people by e-mail, as values the mail job words.
//! - [`observe`]: planner and invoice runs reported to the server's metrics.
//! - [`privacy`]: a person's GDPR rights: everything held on them, and erasure.
//! - [`demo`]: the demo installed into an empty database, past weeks and accounts included.
//! - [`engines`]: the planners run on blocking threads, one per core at most.
//! - [`error`]: [`ServiceError`], what every edge turns into its own answer.
//! - [`clock`]: "now", handed in so tests can set it.
//!
//! Every use-case takes the acting person as a [`domain::actor::Actor`]: who is asking,
//! in which role. The engines stay pure and the store stays the only crate that knows SQL.

pub mod accounts;
pub mod agency;
pub mod alliance;
pub mod billing;
pub mod cases;
pub mod clock;
pub mod competence;
pub mod demo;
pub mod engines;
pub mod error;
pub mod festival;
pub mod files;
pub mod flexwaste;
pub mod green;
pub mod indicators;
pub mod mail;
pub mod observe;
pub mod privacy;
pub mod records;

pub use clock::Clock;
pub use error::{CheckInRefusal, Result, ServiceError};

use domain::actor::Actor;

/// How the store's histories name the acting person.
pub(crate) fn recorded(by: &Actor) -> store::Actor {
    store::Actor(by.name.clone())
}
