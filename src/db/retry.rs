//! Running a transaction again when the server gave up on it: a deadlock (1213, which is
//! also how a Galera cluster refuses the loser of a write conflict between nodes) or a
//! lock wait timeout (1205). The server has rolled the whole transaction back, so running
//! it again from the start is safe. Nothing else is retried: an optimistic-lock loss, a
//! refusal or a lost connection goes to the caller as it is.
//!
//! Every service transaction goes through [`transaction`]:
//!
//! ```ignore
//! let id = retry::transaction(conn, |conn| {
//!     let id = new.insert(conn)?;
//!     audit::record(conn, ...)?;
//!     Ok(id)
//! })?;
//! ```

use std::time::Duration;

use diesel::connection::{Connection, TransactionManager};

use super::DbConnection;
use super::health;

/// How many times a transaction is run again after the first try.
pub const RETRIES: u32 = 3;

/// An error that can say whether its transaction may simply be run again.
pub trait Transient {
    /// A deadlock or a lock wait timeout.
    fn is_transient(&self) -> bool;
}

impl Transient for diesel::result::Error {
    fn is_transient(&self) -> bool {
        health::is_transient(self)
    }
}

/// Runs `body` in a transaction, and again (up to [`RETRIES`] times, after a short random
/// wait) when the server rolled it back for a deadlock or a lock wait timeout. Inside an
/// outer transaction it runs once: the server rolled the outer one back too, so only the
/// outermost may start again.
///
/// # Errors
/// `body`'s error, or the last transient one when every try failed.
pub fn transaction<T, E>(
    conn: &mut DbConnection,
    mut body: impl FnMut(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error> + Transient,
{
    let nested = in_transaction(conn);
    let mut backoff = Backoff::new(Duration::from_millis(20), Duration::from_millis(400));
    let mut retries = 0;
    loop {
        match conn.transaction(&mut body) {
            Err(e) if !nested && retries < RETRIES && e.is_transient() => {
                retries += 1;
                let wait = backoff.next_delay();
                tracing::info!(
                    "transaction rolled back by the server; retry {retries} in {wait:?}"
                );
                std::thread::sleep(wait);
            }
            done => return done,
        }
    }
}

fn in_transaction(conn: &mut DbConnection) -> bool {
    let status =
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn);
    // A broken manager cannot say: run once and let the error tell.
    !matches!(status.transaction_depth(), Ok(None))
}

/// Exponential backoff with jitter: each wait is a random point in the upper half of the
/// current step, and the step doubles up to `cap`. Random, so that two sessions that
/// collided do not collide again in step.
#[derive(Debug, Clone)]
pub struct Backoff {
    step: Duration,
    first: Duration,
    cap: Duration,
}

impl Backoff {
    #[must_use]
    pub fn new(first: Duration, cap: Duration) -> Self {
        Backoff {
            step: first,
            first,
            cap,
        }
    }

    /// The next wait.
    pub fn next_delay(&mut self) -> Duration {
        let step = self.step;
        self.step = (step * 2).min(self.cap);
        step / 2 + step.mul_f64(random_fraction() / 2.0)
    }

    /// Back to the first step (after a success).
    pub fn reset(&mut self) {
        self.step = self.first;
    }
}

/// A number in [0, 1): from the OS random source, else from the clock.
fn random_fraction() -> f64 {
    let mut bytes = [0u8; 4];
    let n = if getrandom::fill(&mut bytes).is_ok() {
        u32::from_le_bytes(bytes)
    } else {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    };
    f64::from(n) / (f64::from(u32::MAX) + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_its_cap_with_jitter_in_the_upper_half() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_secs(5));
        let steps = [100, 200, 400, 800, 1600, 3200, 5000, 5000];
        for ms in steps {
            let step = Duration::from_millis(ms);
            let wait = b.next_delay();
            assert!(
                wait >= step / 2 && wait <= step,
                "{wait:?} for a step of {step:?}"
            );
        }
        b.reset();
        assert!(b.next_delay() <= Duration::from_millis(100));
    }

    #[test]
    fn jitter_varies() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..20 {
            seen.insert(Backoff::new(Duration::from_secs(1), Duration::from_secs(1)).next_delay());
        }
        assert!(seen.len() > 1, "{seen:?}");
    }
}
