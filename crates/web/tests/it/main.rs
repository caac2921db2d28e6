//! The web crate's one integration-test binary: each test starts the real server on
//! port 0 with a fresh SQLite database and talks to it over HTTP.

mod abuse;
mod access;
mod accounts;
mod agreements;
mod alliance;
mod browser;
mod cases;
mod companies;
mod exchange;
mod festival;
mod fixtures;
mod green;
mod helpers;
mod indicators;
mod mail;
mod openapi;
mod pages;
mod pages_board;
mod pages_company;
mod pages_coordinator;
mod pages_driver;
mod pages_driver_day;
mod pages_edit;
mod pages_records;
mod pages_waste;
mod pages_waste_records;
mod pages_worker;
mod people;
mod plans;
mod properties;
mod servers;
mod smtp;
mod tasks;
mod time;
mod waste;
