//! The editing component that the Licenses and Deployments screens embed: forms with
//! reference pickers, status menus, confirmations, the history view and inline cell
//! edits, opened over a list. Its requests read a record, search a picker's choices,
//! write through the service layer, or read a record's history.

pub mod form_overlay;
pub mod forms;
pub mod history;
pub mod keys;
pub mod overlay;
pub mod record_form;
pub mod record_tab;
pub mod replies;
pub mod requests;
pub mod screen;
pub mod update;

pub use self::overlay::{Intent, Overlay};
pub use self::requests::{EditError, Reply, Request, Saved};

use crate::domain::Permission;
use crate::service::ServiceError;
use crate::tui::keys::{HelpRow, RouterKeys};
use crate::tui::screens::Ctx;
use crate::tui::screens::list::{self, List};

/// The overlay that opens once the record is read (`Esc` cancels the wait).
pub fn load(slot: &mut Option<Box<Overlay>>, ctx: &mut Ctx, request: Request, intent: Intent) {
    let seq = ctx.send(request);
    *slot = Some(Box::new(Overlay::Loading { seq, intent }));
}

/// Refuses an action the operator's role does not allow, before anything opens; the
/// service checks again.
#[must_use]
pub fn refused(ctx: &mut Ctx, permission: Permission) -> bool {
    if ctx.allows(permission) {
        return false;
    }
    ctx.error(ServiceError::Forbidden { permission }.to_string());
    true
}

/// The help of a list screen with editing: the open overlay's keys, else the prompt's,
/// else the screen's `own` keys and the list's.
#[must_use]
pub fn help(overlay: Option<&Overlay>, list: &List, own: Vec<HelpRow>) -> Vec<HelpRow> {
    match overlay {
        Some(o) => crate::tui::keys::help(o.keys()),
        None if list.typing() => list.help(),
        None => {
            let mut rows = own;
            rows.extend(list.help());
            rows
        }
    }
}

/// The router's keys for a list screen with editing: none while something is open.
#[must_use]
pub fn router_keys(overlay: Option<&Overlay>, list: &List) -> RouterKeys {
    if overlay.is_some() {
        RouterKeys::None
    } else {
        list::screen::router_keys(list)
    }
}
