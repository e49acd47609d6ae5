//! A screen that is one small account form (sign in, first run): labelled inputs, Enter
//! sends the form's request, the reply signs the operator in or says what is wrong.

use std::fmt;
use std::marker::PhantomData;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Ctx, Screen, ScreenReply, ScreenRequest, View};
use crate::tui::keys::{HelpRow, RouterKeys};
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;

/// What one account form is: its fields, its request and what the reply does.
pub trait Flow: 'static {
    type Request: Into<ScreenRequest>;
    /// What this form's reply says.
    type Outcome;

    const TITLE: &'static str;
    /// (label, masked) of each field.
    const FIELDS: &'static [(&'static str, bool)];

    /// The request the form as filled in makes, or `None` with the form's error set.
    fn submit(form: &mut Form) -> Option<Self::Request>;

    /// This form's reply, out of every screen's.
    fn reply(reply: ScreenReply) -> Option<Self::Outcome>;

    /// The reply arrived.
    fn done(form: &mut Form, ctx: &mut Ctx, outcome: Self::Outcome);

    fn render(frame: &mut Frame, area: Rect, form: &Form, db_label: &str, theme: Theme);
}

pub struct AccountForm<F: Flow> {
    pub form: Form,
    flow: PhantomData<F>,
}

impl<F: Flow> fmt::Debug for AccountForm<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?})", F::TITLE, self.form)
    }
}

impl<F: Flow> Default for AccountForm<F> {
    fn default() -> Self {
        AccountForm {
            form: Form::new(F::FIELDS),
            flow: PhantomData,
        }
    }
}

impl<F: Flow> Screen for AccountForm<F> {
    fn title(&self) -> &'static str {
        F::TITLE
    }

    fn router_keys(&self) -> RouterKeys {
        self.form.router_keys()
    }

    fn help(&self) -> Vec<HelpRow> {
        self.form.help()
    }

    fn on_key(&mut self, ctx: &mut Ctx, key: &KeyEvent) -> bool {
        self.form
            .key_then(key, |form| F::submit(form).map(|r| ctx.send(r)))
    }

    fn on_reply(&mut self, ctx: &mut Ctx, seq: u64, reply: ScreenReply) {
        if let Some(result) = F::reply(reply)
            && self.form.settle(seq)
        {
            F::done(&mut self.form, ctx, result);
        }
    }

    fn on_failed(&mut self, _ctx: &mut Ctx, seq: u64, error: &str) {
        self.form.failed(seq, error);
    }

    fn busy(&self) -> bool {
        self.form.pending.is_some()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        F::render(frame, area, &self.form, view.db_label, view.theme);
    }
}
