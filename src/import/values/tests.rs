use super::*;
use crate::import::fields::Target;

fn mapping(target: Target, headers: &[&str]) -> Mapping {
    let h: Vec<String> = headers.iter().map(|s| (*s).to_owned()).collect();
    Mapping::new(target, &h, &[]).unwrap()
}

fn record(cells: &[&str]) -> Record {
    Record {
        line: 7,
        cells: cells.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn each_kind_of_cell_is_read_and_absent_columns_stay_absent() {
    let m = mapping(
        Target::Purchases,
        &[
            "license", "order", "kind", "date", "seats", "revenue", "currency",
        ],
    );
    let row = read(
        &m,
        &CellRules::default(),
        &record(&[
            "LIC-1",
            " PO-9 ",
            "renewal",
            "2026-03-01",
            "5",
            "1,234.50",
            "eur",
        ]),
    )
    .unwrap();
    let eur: Currency = "EUR".parse().unwrap();
    assert_eq!(row.line, 7);
    assert_eq!(
        row.slot(&m, "license_key"),
        &Slot::Given(Val::Ref("LIC-1".into()))
    );
    assert_eq!(
        row.slot(&m, "order_number"),
        &Slot::Given(Val::Text("PO-9".into()))
    );
    assert_eq!(
        row.slot(&m, "purchase_date"),
        &Slot::Given(Val::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()))
    );
    assert_eq!(row.slot(&m, "seats_added"), &Slot::Given(Val::Count(5)));
    assert_eq!(
        row.slot(&m, "revenue"),
        &Slot::Given(Val::Money(Money::new(123_450, eur)))
    );
    assert_eq!(row.slot(&m, "currency"), &Slot::Given(Val::Currency(eur)));
    assert_eq!(row.slot(&m, "cost"), &Slot::Absent);
    assert_eq!(row.slot(&m, "term_end"), &Slot::Absent);
}

#[test]
fn empty_cells_are_empty_and_short_records_read_as_empty() {
    let m = mapping(Target::Companies, &["name", "country", "archived"]);
    let row = read(&m, &CellRules::default(), &record(&["Acme", "  "])).unwrap();
    assert_eq!(row.slot(&m, "country"), &Slot::Empty);
    assert_eq!(row.slot(&m, "archived"), &Slot::Empty);
    assert_eq!(row.slot(&m, "notes"), &Slot::Absent);
}

#[test]
fn every_bad_cell_of_a_row_is_named_with_its_header_and_value() {
    let m = mapping(
        Target::Purchases,
        &[
            "license", "order", "kind", "Date", "Seats", "revenue", "currency",
        ],
    );
    let errors = read(
        &m,
        &CellRules::default(),
        &record(&["L", "O", "new", "03/01/2026", "five", "12.345", "EUR"]),
    )
    .unwrap_err();
    let cols: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(cols, ["Date", "Seats", "revenue"]);
    assert_eq!(errors[0].value, "03/01/2026");
    assert!(errors[0].why.contains("--date-format"), "{}", errors[0].why);
    assert!(errors[1].why.contains("whole number"));
}

#[test]
fn an_unknown_currency_is_one_error_and_money_in_it_is_not_guessed() {
    let m = mapping(
        Target::Purchases,
        &["license", "order", "kind", "date", "revenue", "currency"],
    );
    let errors = read(
        &m,
        &CellRules::default(),
        &record(&["L", "O", "new", "2026-01-01", "10", "XYZ"]),
    )
    .unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].column, "currency");
    assert_eq!(errors[1].column, "revenue");
}

#[test]
fn flags_and_the_export_apostrophe() {
    let m = mapping(Target::Companies, &["name", "archived", "notes"]);
    let rules = CellRules::default();
    let row = read(&m, &rules, &record(&["'=HYPERLINK(1)", "Yes", "'plain"])).unwrap();
    assert_eq!(
        row.slot(&m, "name"),
        &Slot::Given(Val::Text("=HYPERLINK(1)".into()))
    );
    assert_eq!(row.slot(&m, "archived"), &Slot::Given(Val::Flag(true)));
    // Only a defused formula loses its apostrophe.
    assert_eq!(
        row.slot(&m, "notes"),
        &Slot::Given(Val::Text("'plain".into()))
    );
    let e = read(&m, &rules, &record(&["A", "maybe", ""])).unwrap_err();
    assert!(e[0].why.contains("yes or no"));
}
