//! The list's filter and sort keys: `/` prompt, `Esc` to clear, `<` `>` `r` to sort, `x`
//! for "expiring soon". A change starts the list again from its first page and recounts.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Screen};
use super::keymap::Action;
use super::paging::TabState;
use super::widgets::input::TextInput;
use super::widgets::status_bar::Status;
use crate::db::queries::license_list::{QUALIFIERS, Sort};
use crate::domain::filter::{Filter, Term};
use crate::service::browse::Entity;

/// The `x` key's steps, in days; after the last one the filter is off.
const EXPIRING_STEPS: [u32; 3] = [30, 60, 90];
/// The End column, which "expiring soon" sorts by.
const END_COLUMN: usize = 6;

impl App {
    pub(super) fn list_action(&mut self, action: Action) {
        let today = self.today;
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        if b.tab().and_then(|t| t.entity.qualifiers()).is_none() {
            return;
        }
        if action == Action::Filter {
            let text = b.tab().map_or_else(String::new, |t| t.filter_text.clone());
            b.prompt = Some(TextInput::new(false).with_value(&text));
            return;
        }
        let Some(tab) = b.tab_mut() else {
            return;
        };
        // Only the license list sorts by any column; the others by date or age.
        let columns = if tab.entity == Entity::Licenses {
            tab.entity.columns().len().max(1)
        } else {
            1
        };
        let sort = &mut tab.query.sort;
        match action {
            Action::SortNext => sort.column = (sort.column + 1) % columns,
            Action::SortPrev => sort.column = (sort.column + columns - 1) % columns,
            Action::SortReverse => sort.descending = !sort.descending,
            Action::ClearFilter => {
                if tab.query.filter.is_empty() {
                    return;
                }
                set_filter(tab, String::new(), Filter::default());
                self.status = Some(Status::info("filter cleared".to_owned()));
            }
            Action::Expiring => {
                let (text, message) = match next_expiring(&tab.query.filter) {
                    Some(days) => (
                        format!("expiring:{days}"),
                        format!("licenses ending within {days} days, soonest first"),
                    ),
                    None => (String::new(), "expiring filter off".to_owned()),
                };
                match Filter::parse(&text, QUALIFIERS) {
                    Ok(filter) => set_filter(tab, text, filter),
                    Err(e) => self.status = Some(Status::error(e.to_string())),
                }
                if !tab.query.filter.is_empty() {
                    tab.query.sort = Sort {
                        column: END_COLUMN,
                        descending: false,
                    };
                }
                self.status = Some(Status::info(message));
            }
            _ => return,
        }
        tab.query.today = Some(today);
        self.restart_list();
    }

    /// A key while the filter prompt is open.
    pub(super) fn prompt_key(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let qualifiers = b
            .tab()
            .and_then(|t| t.entity.qualifiers())
            .unwrap_or_default();
        let Some(prompt) = &mut b.prompt else {
            return;
        };
        match action {
            Some(Action::Unfocus) => b.prompt = None,
            Some(Action::Submit) => {
                let text = prompt.value().trim().to_owned();
                match Filter::parse(&text, qualifiers) {
                    Ok(filter) => {
                        b.prompt = None;
                        if let Some(tab) = b.tab_mut() {
                            set_filter(tab, text, filter);
                            tab.query.today = Some(self.today);
                        }
                        self.restart_list();
                    }
                    // The prompt stays open with the text, so it can be corrected.
                    Err(e) => self.status = Some(Status::error(e.to_string())),
                }
            }
            Some(_) => {}
            None => {
                prompt.handle_key(key);
            }
        }
    }

    /// The Licenses tab filtered to one company (from the Dashboard's `Enter`).
    pub(crate) fn open_company_licenses(&mut self, company: &str) {
        // Quotes group the name; one inside it could not be typed back, so it is dropped
        // (the filter matches names containing the rest).
        let text = format!("company:\"{}\"", company.replace('"', ""));
        let today = self.today;
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        let Some(index) = b.tabs.iter().position(|t| t.entity == Entity::Licenses) else {
            return;
        };
        let filter = match Filter::parse(&text, QUALIFIERS) {
            Ok(filter) => filter,
            Err(e) => {
                self.status = Some(Status::error(e.to_string()));
                return;
            }
        };
        if let Some(tab) = b.tabs.get_mut(index) {
            set_filter(tab, text, filter);
            tab.query.today = Some(today);
        }
        // Straight to the new list's first page: switching first would fetch the old one.
        b.active = index;
        self.restart_list();
    }

    /// The active list from its first page, with a new count.
    fn restart_list(&mut self) {
        let Screen::Main(b) = &mut self.screen else {
            return;
        };
        if let Some(tab) = b.tab_mut() {
            let query = std::mem::take(&mut tab.query);
            let text = std::mem::take(&mut tab.filter_text);
            *tab = TabState::new(tab.entity);
            tab.query = query;
            tab.filter_text = text;
        }
        b.detail.detail = None;
        b.detail.want = None;
        b.detail.seq = None;
        self.open_tab();
    }
}

fn set_filter(tab: &mut TabState, text: String, filter: Filter) {
    tab.filter_text = text;
    tab.query.filter = filter;
}

/// The next step of the `x` cycle after the filter in force.
fn next_expiring(filter: &Filter) -> Option<u32> {
    let now = match filter.terms.as_slice() {
        [Term::Expiring(days)] if filter.words.is_empty() => Some(*days),
        _ => None,
    };
    match now {
        None => EXPIRING_STEPS.first().copied(),
        Some(d) => EXPIRING_STEPS.iter().copied().find(|s| *s > d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiring_cycles_30_60_90_off() {
        let f = |s: &str| Filter::parse(s, QUALIFIERS).unwrap();
        assert_eq!(next_expiring(&f("")), Some(30));
        assert_eq!(next_expiring(&f("expiring:30")), Some(60));
        assert_eq!(next_expiring(&f("expiring:60")), Some(90));
        assert_eq!(next_expiring(&f("expiring:90")), None);
        // Another filter in force: the cycle starts over.
        assert_eq!(next_expiring(&f("status:active")), Some(30));
    }
}
