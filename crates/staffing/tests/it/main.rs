//! The staffing engine's one integration-test binary: hard rules always hold, the
//! objective orders plans as documented, and the same seed gives the same plan.

mod engine;
mod replanning;
mod smptsp_input;
