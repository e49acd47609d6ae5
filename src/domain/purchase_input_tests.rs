use super::*;
use LicenseStatus as S;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn form(kind: &str) -> PurchaseForm {
    PurchaseForm {
        license_id: 7,
        kind: kind.into(),
        purchase_date: "2026-03-01".into(),
        seats_added: String::new(),
        cost: "1,000.00".into(),
        revenue: "1234.50".into(),
        currency: "eur".into(),
        order_number: " PO-1 ".into(),
        sales_rep_id: None,
        partner_id: Some(3),
        new_end_date: String::new(),
    }
}

fn state(status: LicenseStatus, seats: Seats, has_purchases: bool) -> LicenseState {
    LicenseState {
        status,
        seats,
        end_date: d("2026-12-31"),
        has_purchases,
    }
}

#[test]
fn a_good_form_parses() {
    let p = form("new").parse().unwrap();
    assert_eq!(p.kind, PurchaseKind::New);
    assert_eq!(p.cost.minor, 100_000);
    assert_eq!(p.revenue.minor, 123_450);
    assert_eq!(p.revenue.currency.code(), "EUR");
    assert_eq!(p.order_number, "PO-1");
    let r = PurchaseForm {
        new_end_date: "2027-12-31".into(),
        ..form("renewal")
    };
    assert_eq!(r.parse().unwrap().new_end_date, Some(d("2027-12-31")));
}

#[test]
fn bad_fields_are_reported_by_name() {
    let e = PurchaseForm {
        currency: "EURO".into(),
        ..form("refund")
    }
    .parse()
    .unwrap_err();
    assert!(e.get("kind").is_some());
    assert!(e.get("currency").unwrap().contains("ISO 4217"), "{e}");
    let e = PurchaseForm {
        cost: "12.345".into(),
        revenue: String::new(),
        purchase_date: "yesterday".into(),
        seats_added: "-1".into(),
        order_number: "PO\u{7}".into(),
        ..form("expansion")
    }
    .parse()
    .unwrap_err();
    for f in ["cost", "revenue", "purchase_date", "seats_added"] {
        assert!(e.get(f).is_some(), "{f}: {e}");
    }
    let e = PurchaseForm {
        seats_added: "0".into(),
        order_number: "PO\u{7}".into(),
        new_end_date: "2027-01-01".into(),
        ..form("expansion")
    }
    .parse()
    .unwrap_err();
    assert_eq!(
        e.get("seats_added"),
        Some("an expansion adds at least 1 seat")
    );
    assert!(e.get("order_number").unwrap().contains("control"));
    assert!(e.get("new_end_date").is_some());
    let e = form("renewal").parse().unwrap_err();
    assert_eq!(
        e.get("new_end_date"),
        Some("a renewal needs a new end date")
    );
}

#[test]
fn amounts_stay_in_one_currency_and_are_not_negative() {
    let mut p = form("new").parse().unwrap();
    p.revenue = Money::new(5, "USD".parse().unwrap());
    p.cost.minor = -1;
    let e = p.validate().unwrap_err();
    assert!(e.get("revenue").unwrap().contains("same currency"));
    assert!(e.get("cost").unwrap().contains("negative"));
}

#[test]
fn new_is_the_first_purchase_only() {
    let p = form("new").parse().unwrap();
    let today = d("2026-03-01");
    let effect = purchase_effect(state(S::Draft, Seats::Limited(5), false), &p, today).unwrap();
    assert_eq!(effect.status, Some(S::Active));
    let late = purchase_effect(
        state(S::Draft, Seats::Limited(5), false),
        &p,
        d("2027-01-01"),
    );
    assert_eq!(late.unwrap().status, Some(S::Expired));
    let effect = purchase_effect(state(S::Active, Seats::Limited(5), false), &p, today).unwrap();
    assert_eq!(effect, LicenseEffect::default());
    let err = purchase_effect(state(S::Active, Seats::Limited(5), true), &p, today).unwrap_err();
    assert!(err.to_string().contains("already has a purchase"));
    let err =
        purchase_effect(state(S::Terminated, Seats::Limited(5), false), &p, today).unwrap_err();
    assert!(err.to_string().contains("terminated"));
}

#[test]
fn renewal_extends_and_revives_an_expired_license() {
    let p = PurchaseForm {
        new_end_date: "2027-12-31".into(),
        ..form("renewal")
    }
    .parse()
    .unwrap();
    let today = d("2027-01-10");
    let e = purchase_effect(state(S::Expired, Seats::Limited(5), true), &p, today).unwrap();
    assert_eq!(e.status, Some(S::Active));
    assert_eq!(e.end_date, Some(d("2027-12-31")));
    let e = purchase_effect(state(S::Suspended, Seats::Limited(5), true), &p, today).unwrap();
    assert_eq!(e.status, None);
    let err = purchase_effect(state(S::Draft, Seats::Limited(5), false), &p, today).unwrap_err();
    assert!(err.to_string().contains("new purchase"), "{err}");
    let early = PurchaseInput {
        new_end_date: Some(d("2026-12-31")),
        ..p.clone()
    };
    let err =
        purchase_effect(state(S::Active, Seats::Limited(5), true), &early, today).unwrap_err();
    assert!(err.to_string().contains("must be after"), "{err}");
    let err = purchase_effect(
        state(S::Expired, Seats::Limited(5), true),
        &p,
        d("2028-01-01"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("already passed"), "{err}");
}

#[test]
fn expansion_adds_seats_to_limited_licenses() {
    let p = PurchaseForm {
        seats_added: "3".into(),
        ..form("expansion")
    }
    .parse()
    .unwrap();
    let today = d("2026-03-01");
    let e = purchase_effect(state(S::Active, Seats::Limited(5), true), &p, today).unwrap();
    assert_eq!(e.seats, Some(Seats::Limited(8)));
    let err = purchase_effect(state(S::Active, Seats::Unlimited, true), &p, today).unwrap_err();
    assert!(err.to_string().contains("unlimited"));
    let err = purchase_effect(state(S::Expired, Seats::Limited(5), true), &p, today).unwrap_err();
    assert!(err.to_string().contains("renew"));
    let huge = PurchaseInput {
        seats_added: u32::try_from(i32::MAX).unwrap(),
        ..p
    };
    assert!(purchase_effect(state(S::Active, Seats::Limited(5), true), &huge, today).is_err());
}
