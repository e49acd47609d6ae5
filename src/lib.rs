//! lms: a terminal License Management System on SQLite or MySQL.
//!
//! Layers, top to bottom: `tui` -> `service` -> `auth`/`report`/`demo` -> `db` -> `domain`.
#![forbid(unsafe_code)]

pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod report;
pub mod service;
pub mod tui;
