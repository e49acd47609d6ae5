//! An error as the one line `lms` prints: the error and its causes, each said once.

/// The error and its causes joined by ": ". Our errors carry their cause both in their
/// message (`"database error: {0}"`) and as their `source()`, so a cause whose text the
/// line already holds is left out rather than said twice.
#[must_use]
pub fn line(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    enum Outer {
        #[error("cannot prepare the database: {0}")]
        Setup(#[from] Inner),
    }

    #[derive(Debug, thiserror::Error)]
    #[error("file is not a database")]
    struct Inner;

    #[test]
    fn each_cause_once() {
        let err = anyhow::Error::from(Outer::from(Inner)).context("sqlite://x.db");
        assert_eq!(
            line(&err),
            "sqlite://x.db: cannot prepare the database: file is not a database"
        );
    }

    #[test]
    fn causes_not_in_the_message_are_kept() {
        let err = anyhow::Error::from(std::io::Error::other("disk full")).context("cannot write");
        assert_eq!(line(&err), "cannot write: disk full");
    }
}
