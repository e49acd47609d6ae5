//! The Operators tab's keys and replies: an action key reads the account, the dialog asks,
//! the answer writes; the list shows the result.

use ratatui::crossterm::event::KeyEvent;

use super::dialog::{self, Dialog, PASSWORD, REPEAT, ROLE, USERNAME};
use super::keys::{self, DialogKey, OperatorKey};
use super::{OperatorsScreen, Reply, Request};
use crate::auth::Secret;
use crate::domain::{Permission, Role, operator};
use crate::service::account_actions::{AccountAction, Outcome};
use crate::tui::keys::lookup;
use crate::tui::screens::editing;
use crate::tui::screens::{Ctx, Screen};
use crate::tui::widgets::form::Form;

/// The create request for the form as filled in, or the problem next to the field.
fn create_request(form: &mut Form) -> Option<Request> {
    let role = form.value(ROLE).parse::<Role>();
    let problem = if let Err(e) = operator::check_username(form.value(USERNAME)) {
        Some((USERNAME, e.to_string()))
    } else if let Err(e) = &role {
        Some((
            ROLE,
            format!("{e}: admin, manager, sales, engineer or viewer"),
        ))
    } else if let Err(e) = operator::check_password(form.value(PASSWORD)) {
        Some((PASSWORD, e.to_string()))
    } else if form.value(PASSWORD) != form.value(REPEAT) {
        Some((
            PASSWORD,
            "the two passwords differ; type them again".to_owned(),
        ))
    } else {
        None
    };
    if let Some((field, text)) = problem {
        if field == PASSWORD {
            form.clear(PASSWORD);
            form.clear(REPEAT);
        }
        form.refuse(field, text);
        return None;
    }
    form.error = None;
    Some(Request::Create {
        username: form.value(USERNAME).to_owned(),
        role: role.ok()?,
        password: Secret::new(form.value(PASSWORD)),
    })
}

impl OperatorsScreen {
    pub(super) fn key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        if self.dialog.is_some() {
            self.dialog_key(ctx, key);
            return true;
        }
        match lookup(keys::KEYS, key) {
            Some(action) => {
                self.start(ctx, action);
                true
            }
            None => self.accounts.on_key(ctx, key),
        }
    }

    fn start(&mut self, ctx: &mut Ctx, action: OperatorKey) {
        if editing::refused(ctx, Permission::ManageOperators) {
            return;
        }
        if action == OperatorKey::New {
            self.dialog = Some(Dialog::Create(dialog::create_form()));
            return;
        }
        let Some(id) = self.accounts.list.tab.selected_id() else {
            ctx.error("nothing selected");
            return;
        };
        let seq = ctx.send(Request::Load { id });
        self.dialog = Some(Dialog::Loading { seq, key: action });
    }

    fn dialog_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) {
        let Some(d) = &mut self.dialog else {
            return;
        };
        let action = lookup(d.keys(), key);
        match (d, action) {
            (_, Some(DialogKey::Close | DialogKey::No)) => self.dialog = None,
            (Dialog::Create(form), Some(DialogKey::Choose)) if form.pending.is_none() => {
                form.pending = create_request(form).map(|r| ctx.send(r));
            }
            (Dialog::Create(form), None) => {
                form.on_key(key);
            }
            (Dialog::Roles { menu, .. }, Some(DialogKey::Down)) => menu.down(),
            (Dialog::Roles { menu, .. }, Some(DialogKey::Up)) => menu.up(),
            (Dialog::Roles { target, menu }, Some(DialogKey::Choose)) => {
                let chosen = Role::ALL.get(menu.selected).copied();
                match (chosen, menu.current().and_then(|i| i.refused.clone())) {
                    (Some(role), None) => {
                        self.dialog = Some(Dialog::Confirm {
                            target: target.clone(),
                            action: AccountAction::Role(role),
                            pending: None,
                        });
                    }
                    (_, Some(why)) => ctx.error(why),
                    (None, None) => {}
                }
            }
            (
                Dialog::Confirm {
                    target,
                    action,
                    pending,
                },
                Some(DialogKey::Yes),
            ) if pending.is_none() => {
                *pending = Some(ctx.send(Request::Act {
                    target: target.clone(),
                    action: *action,
                }));
            }
            _ => {}
        }
    }

    pub(super) fn reply(&mut self, ctx: &mut Ctx, seq: u64, reply: Reply) {
        if !self.dialog.as_ref().is_some_and(|d| d.waits_for(seq)) {
            return;
        }
        match (reply, self.dialog.take()) {
            (Reply::Loaded(Ok(target)), Some(Dialog::Loading { key, .. })) => {
                self.dialog = dialog::opened(key, target);
            }
            (Reply::Done(Ok(outcome)), taken) => {
                let username = match taken {
                    Some(Dialog::Confirm { target, .. }) => target.username,
                    _ => String::new(),
                };
                self.done(ctx, outcome, username);
            }
            (Reply::Done(Err(e)), Some(Dialog::Create(mut form))) => {
                form.pending = None;
                form.refuse(USERNAME, e);
                self.dialog = Some(Dialog::Create(form));
            }
            (Reply::Loaded(Err(e)) | Reply::Done(Err(e)), _) => ctx.error(e),
            (Reply::Loaded(Ok(_)), _) => {}
        }
    }

    /// An action was done: say so, show a one-time password, show the list as it is now.
    fn done(&mut self, ctx: &mut Ctx, outcome: Outcome, username: String) {
        if let Some(password) = outcome.one_time {
            self.dialog = Some(Dialog::OneTime { username, password });
        }
        ctx.info(outcome.message);
        let list = &mut self.accounts.list;
        list.invalidate();
        list.reload(ctx);
        list.fetch_count(ctx);
    }
}
