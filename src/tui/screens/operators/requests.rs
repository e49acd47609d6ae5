//! The Operators tab's requests: read an account before acting on it, create one, and
//! act on one (role, disable, enable, unlock, reset password), all through the service.

use crate::auth::{Actor, Secret};
use crate::db::DbConnection;
use crate::domain::Role;
use crate::service::account_actions::{self, AccountAction, Outcome};
use crate::service::operators::{self, OperatorSummary};
use crate::tui::screens::{Job, signed_in};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The account as it is now (its version), before a dialog opens on it.
    Load { id: i64 },
    Create {
        username: String,
        role: Role,
        password: Secret,
    },
    Act {
        target: Box<OperatorSummary>,
        action: AccountAction,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Loaded(Result<Box<OperatorSummary>, String>),
    Done(Result<Outcome, String>),
}

impl Job for Request {
    type Reply = Reply;

    fn run(self, conn: &mut DbConnection, actor: Option<&Actor>) -> Reply {
        let text = |e: crate::service::ServiceError| e.to_string();
        match self {
            Request::Load { id } => Reply::Loaded(
                signed_in(actor)
                    .and_then(|a| operators::find(conn, a, id).map(Box::new).map_err(text)),
            ),
            Request::Create {
                username,
                role,
                password,
            } => Reply::Done(signed_in(actor).and_then(|a| {
                operators::add(conn, Some(a), &username, password.expose(), role)
                    .map(|made| Outcome {
                        message: format!("created {} ({})", made.username, made.role),
                        one_time: None,
                    })
                    .map_err(text)
            })),
            Request::Act { target, action } => Reply::Done(
                signed_in(actor)
                    .and_then(|a| account_actions::apply(conn, a, &target, action).map_err(text)),
            ),
        }
    }
}
