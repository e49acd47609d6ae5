//! Operator accounts. The very first account may be created without logging in (there is
//! no default account); every later one needs an admin.

use crate::db::retry;
use diesel::prelude::*;

use super::audit::Author;
use super::{ServiceError, authorize, write};
use crate::auth::{Actor, password};
use crate::db::models::{NewOperator, Operator};
use crate::db::schema::operators;
use crate::db::{DbConnection, now};
use crate::domain::{Permission, Role, operator as rules};

/// An account as admins see it (`list`, `find`); never the hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorSummary {
    pub id: i64,
    pub username: String,
    pub role: String,
    pub disabled: bool,
    pub failed_attempts: i32,
    pub locked_until: Option<chrono::NaiveDateTime>,
    pub last_login_at: Option<chrono::NaiveDateTime>,
    pub must_change_password: bool,
    /// What an admin's change of the account checks (`service::operator_admin`).
    pub version: i32,
}

impl From<Operator> for OperatorSummary {
    fn from(o: Operator) -> Self {
        OperatorSummary {
            id: o.id,
            username: o.username,
            role: o.role,
            disabled: o.disabled,
            failed_attempts: o.failed_attempts,
            locked_until: o.locked_until,
            last_login_at: o.last_login_at,
            must_change_password: o.must_change_password,
            version: o.version,
        }
    }
}

/// Whether any operator exists; while none does, the first-run screen is shown.
///
/// # Errors
/// Database errors.
pub fn any_exist(conn: &mut DbConnection) -> Result<bool, ServiceError> {
    Ok(operators::table
        .select(operators::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// Creates an operator. With `actor = None` this succeeds only while no operator exists,
/// and only for an admin: that is how the first account is made.
///
/// # Errors
/// Forbidden, invalid name or password, or a name already taken.
pub fn add(
    conn: &mut DbConnection,
    actor: Option<&Actor>,
    username: &str,
    password_text: &str,
    role: Role,
) -> Result<Actor, ServiceError> {
    let username = rules::check_username(username)?;
    rules::check_password(password_text)?;
    match actor {
        Some(a) => authorize(a, Permission::ManageOperators)?,
        None if role != Role::Admin => {
            return Err(ServiceError::Conflict(
                "the first operator must be an admin".to_owned(),
            ));
        }
        None => {}
    }
    // Hash before the transaction: argon2 is slow and must not hold a write lock.
    let hash = password::hash(password_text).map_err(ServiceError::Internal)?;
    retry::transaction(conn, |conn| {
        if actor.is_none() && any_exist(conn)? {
            return Err(ServiceError::Forbidden {
                permission: Permission::ManageOperators,
            });
        }
        let new = NewOperator {
            username: &username,
            password_hash: &hash,
            role: role.as_str(),
            disabled: false,
            failed_attempts: 0,
            created_at: now(),
        };
        // The first account, made before anyone can log in, is recorded as made by itself.
        let by = actor.map_or(Author::Itself, Author::from);
        let id = write::create(conn, by, &new, |_, _| {
            Ok(vec![
                ("username", None, Some(username.clone())),
                ("role", None, Some(role.to_string())),
            ])
        })
        .map_err(|e| match e {
            ServiceError::Database(e) => ServiceError::unique(e, &format!("operator {username:?}")),
            other => other,
        })?;
        Ok(Actor {
            operator_id: id,
            username: username.clone(),
            role,
        })
    })
    .inspect(|created| {
        let by = actor.map_or("(first run)", |a| a.username.as_str());
        tracing::info!(by, operator = %created.username, role = %created.role, "operator created");
    })
}

/// Every account, by name. Refused before anything is read for those who may not.
///
/// # Errors
/// Forbidden (needs `ManageOperators`) or database errors.
pub fn list(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<OperatorSummary>, ServiceError> {
    authorize(actor, Permission::ManageOperators)?;
    let rows: Vec<Operator> = operators::table
        .order(operators::username.asc())
        .select(Operator::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(OperatorSummary::from).collect())
}

/// The account `id`.
///
/// # Errors
/// Forbidden (needs `ManageOperators`), not found, or database errors.
pub fn find(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
) -> Result<OperatorSummary, ServiceError> {
    authorize(actor, Permission::ManageOperators)?;
    Ok(write::load::<Operator>(conn, id)?.into())
}

/// The account named `username` (any case).
///
/// # Errors
/// Forbidden (needs `ManageOperators`), not found, or database errors.
pub fn find_by_name(
    conn: &mut DbConnection,
    actor: &Actor,
    username: &str,
) -> Result<OperatorSummary, ServiceError> {
    authorize(actor, Permission::ManageOperators)?;
    named(conn, username).map(OperatorSummary::from)
}

/// The operator row named `username` (any case), for a caller that has authorized.
///
/// # Errors
/// Not found, or database errors.
pub(super) fn named(conn: &mut DbConnection, username: &str) -> Result<Operator, ServiceError> {
    let name = username.trim().to_ascii_lowercase();
    operators::table
        .filter(operators::username.eq(&name))
        .select(Operator::as_select())
        .first::<Operator>(conn)
        .optional()?
        .ok_or_else(|| ServiceError::NotFound(format!("operator {name:?}")))
}
