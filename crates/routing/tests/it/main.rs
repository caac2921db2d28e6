//! The routing engine's tests: one binary (see the workspace's testing notes).

mod checker;
mod features;
mod fleet;
mod helpers;
mod properties;
mod solomon_input;
mod trace;
