//! Reusable pieces: text input, form, tab bar, status bar, dialogs.

pub mod buffer_text;
pub mod columns;
pub mod dialog;
pub mod edit_form;
pub mod form;
pub mod input;
pub mod menu;
pub mod picker;
pub mod status_bar;
pub mod tab_bar;
pub mod timeline;
