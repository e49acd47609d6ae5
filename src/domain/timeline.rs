//! What the license timeline draws, as dates: a license's terms (the original purchase,
//! then each renewal's extension) and a company's coverage (the union of its licenses,
//! whose holes are lapses: renewals chased too late).

use chrono::{Days, NaiveDate};

use super::PurchaseKind;

/// Days `from..=to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    #[must_use]
    pub fn new(from: NaiveDate, to: NaiveDate) -> Span {
        Span { from, to }
    }
}

/// A purchase as the timeline sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermPurchase {
    pub kind: PurchaseKind,
    pub date: NaiveDate,
    /// The license's end date as the purchase left it; `None` for an expansion and for
    /// purchases recorded before lms kept it.
    pub term_end: Option<NaiveDate>,
}

/// The terms of a license running `start..=end`: consecutive spans, one per term paid
/// for. A renewal's term begins the day after the term before it ends. A renewal whose
/// term end was not kept begins its term on its purchase date. Boundaries outside the
/// license (an end date edited since) are ignored, so the terms always tile the license.
#[must_use]
pub fn terms(start: NaiveDate, end: NaiveDate, purchases: &[TermPurchase]) -> Vec<Span> {
    if end < start {
        return vec![Span::new(start, start)];
    }
    // The last day of each term but the last one.
    let mut ends: Vec<NaiveDate> = Vec::new();
    let mut paid: Vec<&TermPurchase> = purchases
        .iter()
        .filter(|p| p.kind != PurchaseKind::Expansion)
        .collect();
    paid.sort_by_key(|p| (p.date, p.term_end));
    for p in paid {
        match (p.kind, p.term_end) {
            (_, Some(term_end)) => ends.push(term_end),
            // Unknown term end: the term before this renewal ended the day before it.
            (PurchaseKind::Renewal, None) => {
                if let Some(day_before) = p.date.checked_sub_days(Days::new(1)) {
                    ends.push(day_before);
                }
            }
            _ => {}
        }
    }
    ends.retain(|d| *d >= start && *d < end);
    ends.sort_unstable();
    ends.dedup();
    let mut spans = Vec::with_capacity(ends.len() + 1);
    let mut from = start;
    for e in ends {
        spans.push(Span::new(from, e));
        from = e.succ_opt().unwrap_or(e);
    }
    spans.push(Span::new(from, end));
    spans
}

/// The union of `spans`, merged where they overlap or touch, in date order. The holes
/// between the returned spans are days no span covers.
#[must_use]
pub fn union(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| s.from <= s.to);
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.from <= last.to.succ_opt().unwrap_or(last.to) => {
                last.to = last.to.max(s.to);
            }
            _ => out.push(s),
        }
    }
    out
}

/// The holes between the spans of a [`union`]: each lapse of coverage.
#[must_use]
pub fn gaps(covered: &[Span]) -> Vec<Span> {
    covered
        .windows(2)
        .filter_map(|w| {
            let from = w[0].to.succ_opt()?;
            let to = w[1].from.pred_opt()?;
            (from <= to).then_some(Span::new(from, to))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(kind: PurchaseKind, date: &str, term_end: Option<&str>) -> TermPurchase {
        TermPurchase {
            kind,
            date: d(date),
            term_end: term_end.map(d),
        }
    }

    #[test]
    fn each_renewal_is_its_own_term() {
        let purchases = [
            p(PurchaseKind::New, "2023-12-20", Some("2024-12-31")),
            p(PurchaseKind::Expansion, "2024-05-01", None),
            p(PurchaseKind::Renewal, "2024-12-10", Some("2025-12-31")),
            p(PurchaseKind::Renewal, "2025-12-01", Some("2026-12-31")),
        ];
        assert_eq!(
            terms(d("2024-01-01"), d("2026-12-31"), &purchases),
            vec![
                Span::new(d("2024-01-01"), d("2024-12-31")),
                Span::new(d("2025-01-01"), d("2025-12-31")),
                Span::new(d("2026-01-01"), d("2026-12-31")),
            ]
        );
        // No purchases, or only the first: one term.
        assert_eq!(
            terms(d("2024-01-01"), d("2024-12-31"), &purchases[..1]),
            vec![Span::new(d("2024-01-01"), d("2024-12-31"))]
        );
        assert_eq!(terms(d("2024-01-01"), d("2024-01-01"), &[]).len(), 1);
    }

    #[test]
    fn a_renewal_without_its_term_end_starts_on_its_purchase_date() {
        let purchases = [
            p(PurchaseKind::New, "2024-01-01", None),
            p(PurchaseKind::Renewal, "2024-12-15", None),
        ];
        assert_eq!(
            terms(d("2024-01-01"), d("2025-12-31"), &purchases),
            vec![
                Span::new(d("2024-01-01"), d("2024-12-14")),
                Span::new(d("2024-12-15"), d("2025-12-31")),
            ]
        );
    }

    #[test]
    fn terms_always_tile_the_license_even_after_an_edited_end_date() {
        // The end date was shortened after the renewal: its boundary is past the end.
        let purchases = [
            p(PurchaseKind::New, "2024-01-01", Some("2024-12-31")),
            p(PurchaseKind::Renewal, "2024-12-01", Some("2025-12-31")),
        ];
        let t = terms(d("2024-01-01"), d("2024-06-30"), &purchases);
        assert_eq!(t, vec![Span::new(d("2024-01-01"), d("2024-06-30"))]);
        // A broken row (end before start) still gives something to draw.
        assert_eq!(terms(d("2024-05-01"), d("2024-01-01"), &[]).len(), 1);
    }

    #[test]
    fn union_merges_overlaps_and_touching_spans_and_keeps_lapses() {
        let covered = union(vec![
            Span::new(d("2024-06-01"), d("2025-05-31")),
            Span::new(d("2023-01-01"), d("2023-12-31")),
            Span::new(d("2024-01-01"), d("2024-03-31")),
            Span::new(d("2023-06-01"), d("2023-09-30")),
            Span::new(d("2025-06-01"), d("2025-06-01")),
        ]);
        assert_eq!(
            covered,
            vec![
                Span::new(d("2023-01-01"), d("2024-03-31")),
                Span::new(d("2024-06-01"), d("2025-06-01")),
            ]
        );
        assert_eq!(
            gaps(&covered),
            vec![Span::new(d("2024-04-01"), d("2024-05-31"))]
        );
        assert!(gaps(&union(Vec::new())).is_empty());
        // A one-day lapse is a lapse.
        let one = union(vec![
            Span::new(d("2024-01-01"), d("2024-01-30")),
            Span::new(d("2024-02-01"), d("2024-03-01")),
        ]);
        assert_eq!(
            gaps(&one),
            vec![Span::new(d("2024-01-31"), d("2024-01-31"))]
        );
    }
}
