//! Reading the TUI's state in tests: the active screen's list and overlay, whatever the
//! screen (the router holds screens as trait objects).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::any::Any;

use lms::tui::app::{App, Phase};
use lms::tui::screens::companies::CompaniesScreen;
use lms::tui::screens::deployments::DeploymentsScreen;
use lms::tui::screens::editing::Overlay;
use lms::tui::screens::licenses::LicensesScreen;
use lms::tui::screens::list::List;
use lms::tui::screens::list::screen::ListScreen;

fn active(app: &App) -> &dyn Any {
    app.active().expect("a screen")
}

/// The list of the active tab, if it shows one.
pub fn list(app: &App) -> Option<&List> {
    let any = active(app);
    any.downcast_ref::<LicensesScreen>()
        .map(|s| &s.list)
        .or_else(|| any.downcast_ref::<ListScreen>().map(|s| &s.list))
        .or_else(|| any.downcast_ref::<DeploymentsScreen>().map(|s| &s.list))
        .or_else(|| any.downcast_ref::<CompaniesScreen>().map(|s| &s.list))
}

/// What is open over the active tab's list.
pub fn overlay(app: &App) -> Option<&Overlay> {
    let any = active(app);
    any.downcast_ref::<LicensesScreen>()
        .and_then(|s| s.overlay.as_deref())
        .or_else(|| {
            any.downcast_ref::<DeploymentsScreen>()
                .and_then(|s| s.overlay.as_deref())
        })
        .or_else(|| {
            any.downcast_ref::<CompaniesScreen>()
                .and_then(|s| s.overlay.as_deref())
        })
}

pub fn on_main(app: &App) -> bool {
    matches!(app.phase, Phase::Main(_))
}
