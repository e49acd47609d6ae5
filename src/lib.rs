//! lms: a terminal License Management System on SQLite or MySQL.
//!
//! Layers, top to bottom: `tui` -> `service` -> `auth`/`report` -> `db` -> `domain`.
#![forbid(unsafe_code)]

pub mod auth;
pub mod config;
pub mod db;
pub mod domain;
pub mod report;
pub mod service;
pub mod tui;
