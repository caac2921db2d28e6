//! The green agents' community work: the communities they are in dialogue with, what
//! they do there and what it achieves, and the public "Making us greener" campaign.
//!
//! - [`communities`]: communities with their contacts and places, and a community's page.
//! - [`activities`]: dialogues, workshops, stands and projects, their follow-ups, and
//!   pledges confirmed when a follow-up finds them kept.
//! - [`pledges`]: the campaign's actions (with a CO2 estimate only where a source is
//!   named), pledging on the public page, and the campaign's totals.
//! - [`figures`]: activities, people reached, active projects and pledges per month and
//!   topic, for the overview and the live indicators.
//!
//! Green agents and coordinators see all of it but the public page; contacts and
//! pledgers' names are personal data and stay behind the sign-in.

pub mod activities;
pub mod communities;
pub mod figures;
pub mod pledges;

/// What a community is.
pub const COMMUNITY_KINDS: [&str; 4] = ["association", "housing", "school", "local_council"];
/// The kinds of activity.
pub const ACTIVITY_KINDS: [&str; 4] = ["dialogue", "workshop", "stand", "project"];
/// The kinds of community project.
pub const PROJECTS: [&str; 4] = ["ebike_pool", "sorting", "biodiversity", "climate_plan"];
/// The topics activities are counted by.
pub const TOPICS: [&str; 6] = [
    "mobility",
    "waste",
    "biodiversity",
    "climate",
    "recycling",
    "energy",
];

pub(crate) use crate::festival::manage::agents_only;
