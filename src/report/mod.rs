//! Read models: figures computed by SQL aggregates, gated by the service layer.

pub mod output_safety;
pub mod performance;
pub mod timeline;
pub mod utilization;
