//! The web crate's one integration-test binary: each test starts the real server on
//! port 0 with a fresh SQLite database and talks to it over HTTP.

mod access;
mod agreements;
mod companies;
mod helpers;
mod openapi;
mod people;
mod plans;
mod tasks;
mod time;
