//! The deployment state machine: planned -> in progress -> completed | failed, and
//! planned / in progress -> cancelled. Completed, failed and cancelled are final.

use super::DomainError;
use super::license::DeploymentStatus;

impl DeploymentStatus {
    /// Words for messages ("in progress", not `in_progress`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DeploymentStatus::InProgress => "in progress",
            other => other.as_str(),
        }
    }

    #[must_use]
    pub fn is_final(self) -> bool {
        matches!(
            self,
            DeploymentStatus::Completed | DeploymentStatus::Failed | DeploymentStatus::Cancelled
        )
    }

    /// Whether a deployment may move from `self` to `to`.
    ///
    /// # Errors
    /// A [`DomainError::DeploymentTransition`] that explains the refusal.
    pub fn check_transition(self, to: DeploymentStatus) -> Result<(), DomainError> {
        use DeploymentStatus as D;
        let why = match (self, to) {
            (D::Planned, D::InProgress | D::Cancelled)
            | (D::InProgress, D::Completed | D::Failed | D::Cancelled) => return Ok(()),
            (a, b) if a == b => format!("the deployment is already {}", a.label()),
            (a, _) if a.is_final() => format!("a {} deployment is final", a.label()),
            (D::Planned, D::Completed | D::Failed) => "start the deployment first".to_owned(),
            (_, D::Planned) => "a started deployment cannot be planned again".to_owned(),
            (a, b) => format!("{} -> {} is not a deployment step", a.label(), b.label()),
        };
        Err(DomainError::DeploymentTransition {
            from: self,
            to,
            why,
        })
    }

    /// The statuses reachable from `self`.
    #[must_use]
    pub fn next_states(self) -> Vec<DeploymentStatus> {
        Self::ALL
            .iter()
            .copied()
            .filter(|to| self.check_transition(*to).is_ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::DeploymentStatus as D;

    #[test]
    fn allowed_steps() {
        assert_eq!(D::Planned.next_states(), [D::InProgress, D::Cancelled]);
        assert_eq!(
            D::InProgress.next_states(),
            [D::Completed, D::Failed, D::Cancelled]
        );
        for end in [D::Completed, D::Failed, D::Cancelled] {
            assert!(end.next_states().is_empty(), "{end}");
        }
    }

    #[test]
    fn refusals_are_explained() {
        let msg = |a: D, b: D| a.check_transition(b).unwrap_err().to_string();
        assert_eq!(
            msg(D::Planned, D::Completed),
            "cannot move the deployment from planned to completed: start the deployment first"
        );
        assert!(msg(D::Completed, D::InProgress).contains("a completed deployment is final"));
        assert!(msg(D::InProgress, D::Planned).contains("cannot be planned again"));
        assert!(msg(D::InProgress, D::InProgress).contains("already in progress"));
    }
}
