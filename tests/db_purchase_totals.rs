//! The Purchases tab's count and totals per currency come from the kept `company_money`
//! when the filter has only `currency:` and `company:` terms (no free word), and from the
//! purchases themselves otherwise. Both ways give the same figures: each filter is
//! compared with itself plus `kind:new,renewal,expansion`, which matches every purchase and
//! forces the scan. `company_money` itself is checked against the purchases after every
//! kind of write in `db_money_summary`.
#![allow(clippy::unwrap_used)]

mod common;

use common::builders::{CompanyBuilder, LicenseBuilder, PurchaseBuilder};
use common::each_backend;
use lms::db::queries::list::{ListQuery, Sort};
use lms::db::queries::purchases::{self, QUALIFIERS};
use lms::domain::PurchaseKind;
use lms::domain::filter::Filter;

fn query(text: &str) -> ListQuery {
    ListQuery {
        filter: Filter::parse(text, QUALIFIERS).unwrap(),
        sort: Sort::default(),
        today: None,
    }
}

#[test]
fn kept_and_scanned_totals_agree_for_every_filter_the_kept_money_answers() {
    each_backend(|db| {
        let c = &mut db.conn;
        let acme = CompanyBuilder::new("Acme").insert(c);
        let holding = CompanyBuilder::new("Acme Holding").insert(c);
        let beta = CompanyBuilder::new("Beta").insert(c);
        CompanyBuilder::new("Idle").insert(c);
        for (company, n) in [(&acme, 3), (&holding, 2), (&beta, 4)] {
            for i in 0..n {
                let license = LicenseBuilder::new().company(company).insert(c);
                let (currency, kind) = match i % 3 {
                    0 => ("EUR", PurchaseKind::New),
                    1 => ("USD", PurchaseKind::Renewal),
                    _ => ("JPY", PurchaseKind::Expansion),
                };
                PurchaseBuilder::new(&license)
                    .kind(kind)
                    .currency(currency)
                    .revenue(10_000 * (i + 1))
                    .cost(1_000 * (i + 1))
                    .on("2026-01-01")
                    .insert(c);
                PurchaseBuilder::new(&license)
                    .currency("EUR")
                    .revenue(2_500)
                    .on("2026-02-01")
                    .insert(c);
            }
        }
        let name = db.name();
        for text in [
            String::new(),
            "currency:EUR".into(),
            "currency:JPY".into(),
            "currency:CHF".into(),
            "company:acme".into(),
            "company:=acme".into(),
            "company:nobody".into(),
            "company:idle".into(),
            format!("company:#{}", beta.id),
            format!("company:#{} currency:USD", holding.id),
            "company:acme company:holding currency:EUR".into(),
        ] {
            let kept = query(&text);
            let scanned = query(&format!("{text} kind:new,renewal,expansion"));
            let c = &mut db.conn;
            assert_eq!(
                purchases::count(c, &kept).unwrap(),
                purchases::count(c, &scanned).unwrap(),
                "{name} count of {text:?}"
            );
            assert_eq!(
                purchases::totals(c, &kept).unwrap(),
                purchases::totals(c, &scanned).unwrap(),
                "{name} totals of {text:?}"
            );
        }
        // The unfiltered figures, written out: 9 licences, 18 purchases.
        let all = purchases::totals(&mut db.conn, &query("")).unwrap();
        let eur = all.iter().find(|t| t.currency == "EUR").unwrap();
        assert_eq!(eur.purchases, 4 + 9, "{name}");
        assert_eq!(purchases::count(&mut db.conn, &query("")).unwrap(), 18);
    });
}
