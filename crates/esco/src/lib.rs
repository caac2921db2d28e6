//! The ESCO classification of the European Commission as kommune ships it: the
//! transversal and cross-sector skills (the ones with a preferred label), the occupations
//! with their ISCO-08 unit group, and the ISCO-08 groups. The part used is reduced from
//! `../shared/data/esco/` by `scripts/esco.py` into `data/esco.tsv.gz`, compiled into the
//! binary and read once, on first use; nothing is fetched at run time. Labels are English
//! only: the agency gives Danish names beside them.
//!
//! - [`catalogue`]: the concepts and how they are read.
//! - [`search`]: the best matches for a few typed letters.
//!
//! "This service uses the ESCO classification of the European Commission." (© European
//! Union; reuse under Commission Decision 2011/833/EU.)

pub mod catalogue;
pub mod search;

pub use catalogue::{Catalogue, Concept, Kind, shipped};
pub use search::{Hit, search};

/// The attribution ESCO's licence asks for, to be shown wherever its concepts are.
pub const ATTRIBUTION: &str =
    "This service uses the ESCO classification of the European Commission.";
