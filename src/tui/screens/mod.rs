//! One module per screen: its state where it has one, and how it is drawn.

pub mod browse;
pub mod dashboard;
pub mod demo;
pub mod detail;
pub mod first_run;
pub mod forms;
pub mod help;
pub mod history;
pub mod login;
pub mod overlay;
pub mod start;
