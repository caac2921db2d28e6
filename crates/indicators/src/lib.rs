//! Indicators as rules, without storage: how a series of values is judged against its
//! target, and the UN Sustainable Development Goals an indicator serves.
//!
//! - [`progress`]: the progress status, computed the way Open SDG does (Statistics
//!   Canada's method), with the reason as values and the trajectory a target needs.
//! - [`sdg`]: the 17 goals and 169 targets as shipped (Open SDG's translations, MIT), the
//!   goals' short titles also in Danish.

pub mod progress;
pub mod sdg;

pub use progress::{Assessment, Direction, Settings, Status, Target, Thresholds, Why, assess};
