//! How often a long job on the worker reports its progress: a few times a second is
//! what the status line can show; a reply per page would flood the UI's channel.

use std::time::{Duration, Instant};

/// Says when a progress report is due: the first, then at most one per `every`, and
/// always a final one.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    every: Duration,
    last: Option<Instant>,
}

impl Throttle {
    #[must_use]
    pub fn new(every: Duration) -> Self {
        Throttle { every, last: None }
    }

    /// Whether to report now; `last` forces it (the end of a step).
    pub fn due(&mut self, last: bool) -> bool {
        let due = last || self.last.is_none_or(|t| t.elapsed() >= self.every);
        if due {
            self.last = Some(Instant::now());
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_and_the_last_report_always_go_the_rest_at_most_once_per_period() {
        let mut t = Throttle::new(Duration::from_secs(3600));
        assert!(t.due(false));
        assert!(!t.due(false));
        assert!(t.due(true));
        let mut t = Throttle::new(Duration::ZERO);
        assert!(t.due(false) && t.due(false));
    }
}
