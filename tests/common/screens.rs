//! Reading the TUI's state in tests: the active screen's list and overlay, whatever the
//! screen (the router holds screens as trait objects).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::any::Any;

use lms::tui::app::{App, Phase};
use lms::tui::screens::companies::CompaniesScreen;
use lms::tui::screens::deployments::DeploymentsScreen;
use lms::tui::screens::editing::Overlay;
use lms::tui::screens::engineers::EngineersScreen;
use lms::tui::screens::licenses::LicensesScreen;
use lms::tui::screens::list::List;
use lms::tui::screens::list::screen::ListScreen;
use lms::tui::screens::partners::PartnersScreen;
use lms::tui::screens::portal_users::PortalUsersScreen;
use lms::tui::screens::product_codes::ProductCodesScreen;
use lms::tui::screens::sales_reps::SalesRepsScreen;
use lms::tui::screens::timeline::TimelineScreen;

fn active(app: &App) -> &dyn Any {
    app.active().expect("a screen")
}

/// `$body` applied to the active screen as the first of the editable list types it is.
macro_rules! editable {
    ($any:expr, |$s:ident| $body:expr) => {
        None.or_else(|| {
            $any.downcast_ref::<DeploymentsScreen>()
                .and_then(|$s| $body)
        })
        .or_else(|| $any.downcast_ref::<CompaniesScreen>().and_then(|$s| $body))
        .or_else(|| $any.downcast_ref::<PartnersScreen>().and_then(|$s| $body))
        .or_else(|| $any.downcast_ref::<SalesRepsScreen>().and_then(|$s| $body))
        .or_else(|| $any.downcast_ref::<EngineersScreen>().and_then(|$s| $body))
        .or_else(|| {
            $any.downcast_ref::<ProductCodesScreen>()
                .and_then(|$s| $body)
        })
        .or_else(|| {
            $any.downcast_ref::<PortalUsersScreen>()
                .and_then(|$s| $body)
        })
    };
}

/// The list of the active tab, if it shows one.
pub fn list(app: &App) -> Option<&List> {
    let any = active(app);
    any.downcast_ref::<LicensesScreen>()
        .map(|s| &s.list)
        .or_else(|| {
            any.downcast_ref::<TimelineScreen>()
                .map(|s| &s.licenses.list)
        })
        .or_else(|| any.downcast_ref::<ListScreen>().map(|s| &s.list))
        .or_else(|| editable!(any, |s| Some(&s.list)))
}

/// What is open over the active tab's list.
pub fn overlay(app: &App) -> Option<&Overlay> {
    let any = active(app);
    any.downcast_ref::<LicensesScreen>()
        .or_else(|| any.downcast_ref::<TimelineScreen>().map(|s| &s.licenses))
        .and_then(|s| s.overlay.as_deref())
        .or_else(|| editable!(any, |s| s.overlay.as_deref()))
}

pub fn on_main(app: &App) -> bool {
    matches!(app.phase, Phase::Main(_))
}
