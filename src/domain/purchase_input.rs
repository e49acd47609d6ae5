//! A purchase against a license: its field rules, and what each kind does to the license.

use chrono::NaiveDate;

use super::expiry::effective_status;
use super::fields::{self, FieldErrors};
use super::license::{LicenseStatus, PurchaseKind, Seats};
use super::money::{Currency, Money};
use super::{DomainError, text};

pub const ORDER_NUMBER_MAX: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseInput {
    pub license_id: i64,
    pub kind: PurchaseKind,
    pub purchase_date: NaiveDate,
    /// Only an expansion adds seats; 0 for the other kinds.
    pub seats_added: u32,
    pub cost: Money,
    /// In the same currency as `cost`.
    pub revenue: Money,
    pub order_number: String,
    pub sales_rep_id: Option<i64>,
    pub partner_id: Option<i64>,
    /// Required for a renewal, absent otherwise.
    pub new_end_date: Option<NaiveDate>,
}

impl PurchaseInput {
    /// Checks the rules that do not need the license; returns the input normalised.
    ///
    /// # Errors
    /// Every broken rule, by field.
    pub fn validate(&self) -> Result<PurchaseInput, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.cost.minor < 0 {
            e.push("cost", "cost must not be negative");
        }
        if self.revenue.minor < 0 {
            e.push("revenue", "revenue must not be negative");
        }
        if self.revenue.currency != self.cost.currency {
            e.push(
                "revenue",
                format!(
                    "revenue must be in the same currency as the cost ({})",
                    self.cost.currency
                ),
            );
        }
        match (self.kind, self.seats_added) {
            (PurchaseKind::Expansion, 0) => {
                e.push("seats_added", "an expansion adds at least 1 seat");
            }
            (PurchaseKind::Expansion, n) if i32::try_from(n).is_err() => {
                e.push("seats_added", "too many seats");
            }
            (PurchaseKind::New | PurchaseKind::Renewal, n) if n > 0 => {
                e.push("seats_added", "only an expansion adds seats");
            }
            _ => {}
        }
        match (self.kind, self.new_end_date) {
            (PurchaseKind::Renewal, None) => {
                e.push("new_end_date", "a renewal needs a new end date");
            }
            (PurchaseKind::New | PurchaseKind::Expansion, Some(_)) => {
                e.push("new_end_date", "only a renewal sets a new end date");
            }
            _ => {}
        }
        let order_number = e.check(
            "order_number",
            text::check_line("order number", &self.order_number, ORDER_NUMBER_MAX, false),
        );
        e.into_result(PurchaseInput {
            order_number: order_number.unwrap_or_default(),
            ..self.clone()
        })
    }
}

/// What a purchase does to its license; `None` leaves a field as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LicenseEffect {
    pub status: Option<LicenseStatus>,
    pub seats: Option<Seats>,
    pub end_date: Option<NaiveDate>,
}

/// The license as a purchase sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LicenseState {
    pub status: LicenseStatus,
    pub seats: Seats,
    pub end_date: NaiveDate,
    pub has_purchases: bool,
}

/// The rules of the three kinds. *new* is the first purchase (a draft becomes active);
/// *renewal* moves the end date later (the only way an expired license becomes active
/// again; a suspended license stays suspended); *expansion* adds seats to a limited license
/// that has not expired. Nothing is sold on a terminated license.
///
/// # Errors
/// Why the purchase does not fit the license.
pub fn purchase_effect(
    license: LicenseState,
    input: &PurchaseInput,
    today: NaiveDate,
) -> Result<LicenseEffect, DomainError> {
    use LicenseStatus as S;
    let refuse = |why: String| Err(DomainError::Invalid(why));
    if license.status == S::Terminated {
        return refuse("a terminated license cannot take purchases".to_owned());
    }
    match input.kind {
        PurchaseKind::New if license.has_purchases => refuse(
            "this license already has a purchase; record a renewal or an expansion".to_owned(),
        ),
        // A draft sold after its end date (a late data entry) is expired at once.
        PurchaseKind::New => Ok(LicenseEffect {
            status: (license.status == S::Draft)
                .then(|| effective_status(S::Active, license.end_date, today)),
            ..LicenseEffect::default()
        }),
        _ if !license.has_purchases || license.status == S::Draft => {
            refuse("record the new purchase of this license first".to_owned())
        }
        PurchaseKind::Renewal => {
            let Some(end) = input.new_end_date else {
                return refuse("a renewal needs a new end date".to_owned());
            };
            if end <= license.end_date {
                return refuse(format!(
                    "the new end date {end} must be after the current end date {}",
                    license.end_date
                ));
            }
            if end < today {
                return refuse(format!("the new end date {end} has already passed"));
            }
            Ok(LicenseEffect {
                status: (license.status == S::Expired).then_some(S::Active),
                end_date: Some(end),
                ..LicenseEffect::default()
            })
        }
        PurchaseKind::Expansion => {
            let Seats::Limited(seats) = license.seats else {
                return refuse("an unlimited license cannot be expanded".to_owned());
            };
            if license.status == S::Expired {
                return refuse("renew the expired license before expanding it".to_owned());
            }
            let total = seats
                .checked_add(input.seats_added)
                .filter(|n| i32::try_from(*n).is_ok())
                .ok_or_else(|| DomainError::Invalid("too many seats in total".to_owned()))?;
            Ok(LicenseEffect {
                seats: Some(Seats::Limited(total)),
                ..LicenseEffect::default()
            })
        }
    }
}

/// The purchase form as typed; the license, rep and partner come from pickers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PurchaseForm {
    pub license_id: i64,
    pub kind: String,
    pub purchase_date: String,
    pub seats_added: String,
    pub cost: String,
    pub revenue: String,
    pub currency: String,
    pub order_number: String,
    pub sales_rep_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub new_end_date: String,
}

impl PurchaseForm {
    /// Parses and validates every field. A bad currency is reported under `currency`.
    ///
    /// # Errors
    /// Every problem, by field name.
    pub fn parse(&self) -> Result<PurchaseInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = e.check("kind", self.kind.parse::<PurchaseKind>());
        let date = e.check(
            "purchase_date",
            fields::parse_date("purchase date", &self.purchase_date),
        );
        let seats = self.seats_added.trim();
        let seats_added = if seats.is_empty() {
            Some(0)
        } else if let Ok(n) = seats.parse::<u32>() {
            Some(n)
        } else {
            e.push("seats_added", "seats added must be a whole number");
            None
        };
        let currency = if self.currency.trim().is_empty() {
            e.push(
                "currency",
                "currency is required (an ISO 4217 code such as EUR)",
            );
            None
        } else {
            e.check("currency", self.currency.parse::<Currency>())
        };
        let cost = currency.and_then(|c| e.check("cost", amount("cost", &self.cost, c)));
        let revenue =
            currency.and_then(|c| e.check("revenue", amount("revenue", &self.revenue, c)));
        let new_end_date = e.check(
            "new_end_date",
            fields::parse_optional_date("new end date", &self.new_end_date),
        );
        let (
            Some(kind),
            Some(purchase_date),
            Some(seats_added),
            Some(cost),
            Some(revenue),
            Some(new_end_date),
        ) = (kind, date, seats_added, cost, revenue, new_end_date)
        else {
            return Err(e);
        };
        let input = PurchaseInput {
            license_id: self.license_id,
            kind,
            purchase_date,
            seats_added,
            cost,
            revenue,
            order_number: self.order_number.clone(),
            sales_rep_id: self.sales_rep_id,
            partner_id: self.partner_id,
            new_end_date,
        };
        match input.validate() {
            Ok(valid) if e.is_empty() => Ok(valid),
            Ok(_) => Err(e),
            Err(more) => {
                for (field, message) in more.iter() {
                    e.push(field, message);
                }
                Err(e)
            }
        }
    }
}

fn amount(label: &str, text: &str, currency: Currency) -> Result<Money, DomainError> {
    if text.trim().is_empty() {
        return Err(DomainError::Invalid(format!("{label} is required")));
    }
    Money::parse(text, currency).map_err(|err| {
        DomainError::Invalid(format!("{label}: {}", text::sanitize(&err.to_string())))
    })
}

#[cfg(test)]
#[path = "purchase_input_tests.rs"]
mod tests;
