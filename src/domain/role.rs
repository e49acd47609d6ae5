//! Operator roles and the one Role -> Permission table. Deny by default: a pair that is
//! not listed here is refused.

use std::fmt;
use std::str::FromStr;

use super::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Manager,
    Sales,
    Engineer,
    Viewer,
}

/// Everything an operator can be allowed to do. The service layer checks one of these
/// before every use case, so the TUI and the CLI are gated alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read business data: licenses, customers, purchases, activity.
    ViewData,
    /// Read the audit log (change history).
    ViewAudit,
    /// Run reports (utilization, expiring, revenue).
    ViewReports,
    /// Create and edit licenses and their lifecycle.
    EditLicenses,
    /// Record purchases (new, renewal, expansion).
    RecordPurchases,
    /// Schedule and progress deployments.
    ManageDeployments,
    /// Edit customers, partners, sales reps, engineers, product codes, portal users.
    EditReferenceData,
    /// Bulk CSV import.
    ImportData,
    /// CSV export.
    ExportData,
    /// Load the demo data set.
    LoadDemo,
    /// Create, disable and unlock operator accounts.
    ManageOperators,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Manager,
        Role::Sales,
        Role::Engineer,
        Role::Viewer,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Sales => "sales",
            Role::Engineer => "engineer",
            Role::Viewer => "viewer",
        }
    }

    /// The single source of truth for authorization.
    #[must_use]
    pub fn allows(self, permission: Permission) -> bool {
        use Permission as P;
        match self {
            Role::Admin => true,
            Role::Manager => !matches!(permission, P::ManageOperators | P::LoadDemo),
            Role::Sales => matches!(
                permission,
                P::ViewData
                    | P::ViewAudit
                    | P::ViewReports
                    | P::EditLicenses
                    | P::RecordPurchases
                    | P::ExportData
            ),
            Role::Engineer => matches!(
                permission,
                P::ViewData | P::ViewAudit | P::ViewReports | P::ManageDeployments
            ),
            Role::Viewer => matches!(permission, P::ViewData | P::ViewReports),
        }
    }

    /// The roles that hold `permission`, for "needs role X" messages.
    #[must_use]
    pub fn holders(permission: Permission) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| r.allows(permission))
            .collect()
    }
}

impl Permission {
    pub const ALL: [Permission; 11] = [
        Permission::ViewData,
        Permission::ViewAudit,
        Permission::ViewReports,
        Permission::EditLicenses,
        Permission::RecordPurchases,
        Permission::ManageDeployments,
        Permission::EditReferenceData,
        Permission::ImportData,
        Permission::ExportData,
        Permission::LoadDemo,
        Permission::ManageOperators,
    ];

    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Permission::ViewData => "view data",
            Permission::ViewAudit => "view change history",
            Permission::ViewReports => "run reports",
            Permission::EditLicenses => "edit licenses",
            Permission::RecordPurchases => "record purchases",
            Permission::ManageDeployments => "manage deployments",
            Permission::EditReferenceData => "edit customers and reference data",
            Permission::ImportData => "import data",
            Permission::ExportData => "export data",
            Permission::LoadDemo => "load demo data",
            Permission::ManageOperators => "manage operators",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| DomainError::UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role x permission pair, written out so a change to the table is a visible diff.
    #[test]
    fn every_role_permission_pair() {
        use Permission as P;
        let expected: [(Role, [bool; 11]); 5] = [
            (Role::Admin, [true; 11]),
            (
                Role::Manager,
                [
                    true, true, true, true, true, true, true, true, true, false, false,
                ],
            ),
            (
                Role::Sales,
                [
                    true, true, true, true, true, false, false, false, true, false, false,
                ],
            ),
            (
                Role::Engineer,
                [
                    true, true, true, false, false, true, false, false, false, false, false,
                ],
            ),
            (
                Role::Viewer,
                [
                    true, false, true, false, false, false, false, false, false, false, false,
                ],
            ),
        ];
        assert_eq!(P::ALL.len(), 11);
        for (role, row) in expected {
            for (perm, want) in P::ALL.into_iter().zip(row) {
                assert_eq!(role.allows(perm), want, "{role} x {perm:?}");
            }
        }
    }

    #[test]
    fn roles_parse_case_insensitively_and_reject_unknown() {
        assert_eq!("Admin".parse::<Role>().ok(), Some(Role::Admin));
        assert_eq!(" viewer ".parse::<Role>().ok(), Some(Role::Viewer));
        assert!(matches!(
            "root".parse::<Role>(),
            Err(DomainError::UnknownRole(r)) if r == "root"
        ));
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().ok(), Some(r));
        }
    }

    #[test]
    fn holders_lists_roles_that_may() {
        assert_eq!(
            Role::holders(Permission::ManageOperators),
            vec![Role::Admin]
        );
        assert_eq!(
            Role::holders(Permission::ManageDeployments),
            vec![Role::Admin, Role::Manager, Role::Engineer]
        );
    }
}
