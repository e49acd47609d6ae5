//! The customer's portal users and their activity (`app_log`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lms::db::DbConnection;
use lms::db::models::{AppLogEntry, NewAppLogEntry, NewPortalUser, PortalUser};
use lms::db::schema::{app_log, portal_users};

use super::{IntoTimestamp, RowId, created};

/// A portal user of a company. Defaults: e-mail `<external id>@example.com`, name the
/// external id, enabled.
#[derive(Debug, Clone)]
pub struct PortalUserBuilder {
    company_id: i64,
    external_user_id: String,
    email: Option<String>,
    name: Option<String>,
    disabled: bool,
    created_at: NaiveDateTime,
}

impl PortalUserBuilder {
    #[must_use]
    pub fn new(company: impl RowId, external_user_id: &str) -> Self {
        PortalUserBuilder {
            company_id: company.row_id(),
            external_user_id: external_user_id.to_owned(),
            email: None,
            name: None,
            disabled: false,
            created_at: created(),
        }
    }

    #[must_use]
    pub fn email(mut self, email: &str) -> Self {
        self.email = Some(email.to_owned());
        self
    }

    #[must_use]
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    #[must_use]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    #[must_use]
    pub fn created_at(mut self, at: impl IntoTimestamp) -> Self {
        self.created_at = at.into_timestamp();
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> PortalUser {
        let ext = self.external_user_id;
        let new = NewPortalUser {
            id: None,
            company_id: self.company_id,
            email: self.email.unwrap_or_else(|| format!("{ext}@example.com")),
            name: self.name.unwrap_or_else(|| ext.clone()),
            external_user_id: ext,
            disabled: self.disabled,
            created_at: self.created_at,
        };
        insert_and_load!(conn, portal_users, new, PortalUser)
    }
}

/// One `app_log` row: something a portal user did, for their company. Defaults: a
/// successful `login` at [`super::CREATED`], no detail.
#[derive(Debug, Clone)]
pub struct ActivityBuilder {
    user_id: i64,
    company_id: i64,
    ts: NaiveDateTime,
    action: String,
    status: String,
    detail: String,
}

impl ActivityBuilder {
    #[must_use]
    pub fn new(user: &PortalUser) -> Self {
        ActivityBuilder {
            user_id: user.id,
            company_id: user.company_id,
            ts: created(),
            action: "login".to_owned(),
            status: "ok".to_owned(),
            detail: String::new(),
        }
    }

    #[must_use]
    pub fn at(mut self, at: impl IntoTimestamp) -> Self {
        self.ts = at.into_timestamp();
        self
    }

    #[must_use]
    pub fn action(mut self, action: &str) -> Self {
        self.action = action.into();
        self
    }

    #[must_use]
    pub fn status(mut self, status: &str) -> Self {
        self.status = status.into();
        self
    }

    #[must_use]
    pub fn detail(mut self, detail: &str) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn insert(self, conn: &mut DbConnection) -> AppLogEntry {
        let new = NewAppLogEntry {
            user_id: self.user_id,
            company_id: self.company_id,
            ts: self.ts,
            action: self.action,
            status: self.status,
            detail: self.detail,
        };
        insert_and_load!(conn, app_log, new, AppLogEntry)
    }
}
