//! Skills and occupations as the Aalborg Alliance codes them: the ESCO classification
//! shipped with kommune (crate `esco`), found by a few typed letters. The agency's
//! Danish names and local skills will join the English labels here.

use crate::Result;
use domain::actor::Actor;
use serde::Serialize;
use std::collections::HashMap;

pub use esco::{ATTRIBUTION, Kind};

/// The most a search answers.
pub const MAX_HITS: usize = 20;

/// A skill or occupation found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub kind: &'static str,
    /// Its ESCO URI.
    pub uri: String,
    pub label: String,
    /// The name the letters met, when it is another than the label.
    pub matched: Option<String>,
    /// A skill's reuse level, an occupation's ISCO-08 unit group.
    pub group: String,
}

/// The best [`MAX_HITS`] skills (or occupations, or both) for `query`, best first. The
/// agency's people search the catalogue.
pub fn search(by: &Actor, query: &str, kinds: &[Kind]) -> Result<Vec<Found>> {
    crate::records::agency_only(by, "skill catalogue")?;
    let hits = esco::search(esco::shipped(), &HashMap::new(), query, kinds, MAX_HITS);
    Ok(hits
        .into_iter()
        .map(|hit| Found {
            kind: hit.concept.kind.code(),
            uri: hit.concept.uri(),
            label: hit.concept.label.clone(),
            matched: (hit.matched != hit.concept.label).then_some(hit.matched),
            group: hit.concept.group.clone(),
        })
        .collect())
}
