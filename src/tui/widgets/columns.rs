//! Column widths from what is on screen: each column as wide as its widest visible cell,
//! short columns (keys, dates, statuses) never cut, long text shrunk evenly, and columns
//! dropped from the right when even that does not fit. Cells are truncated, never wrapped.

use ratatui::text::Span;

/// No column grows beyond this.
const MAX_WIDTH: usize = 40;
/// Columns up to this wide (keys, dates, date-times, statuses) are not shrunk.
const KEEP_WHOLE: usize = 19;
/// Shrunk columns keep at least this much (or their header); columns to their right are
/// dropped before a text column gets narrower.
const MIN_SHRUNK: usize = 16;

fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// Widths for the leading columns that fit in `available` cells with `spacing` between them.
/// Fewer widths than headers means the rest are hidden.
#[must_use]
pub fn fit(headers: &[&str], rows: &[Vec<String>], available: u16, spacing: u16) -> Vec<u16> {
    let available = usize::from(available);
    let spacing = usize::from(spacing);
    let desired: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| width(c))
                .chain(std::iter::once(width(h)))
                .max()
                .unwrap_or(0)
                .clamp(1, MAX_WIDTH)
        })
        .collect();
    let floor: Vec<usize> = headers
        .iter()
        .zip(&desired)
        .map(|(h, &d)| {
            if d <= KEEP_WHOLE {
                d
            } else {
                width(h).max(MIN_SHRUNK).min(d)
            }
        })
        .collect();
    // Keep as many leading columns as fit at their floor widths (at least one).
    let mut keep = 0;
    let mut used = 0;
    for &f in &floor {
        let need = if keep == 0 { f } else { f + spacing };
        if used + need > available && keep > 0 {
            break;
        }
        used += need;
        keep += 1;
    }
    let desired = &desired[..keep];
    let floor = &floor[..keep];
    let room = available.saturating_sub(spacing * keep.saturating_sub(1));
    let total = |cap: usize| -> usize {
        desired
            .iter()
            .zip(floor)
            .map(|(&d, &f)| d.min(cap).max(f))
            .sum()
    };
    let widths: Vec<usize> = if desired.iter().sum::<usize>() <= room {
        desired.to_vec()
    } else {
        // The largest cap on wide columns that fits, then hand out what is left.
        let mut cap = MAX_WIDTH;
        while cap > 0 && total(cap) > room {
            cap -= 1;
        }
        let mut w: Vec<usize> = desired
            .iter()
            .zip(floor)
            .map(|(&d, &f)| d.min(cap).max(f))
            .collect();
        let mut spare = room.saturating_sub(w.iter().sum());
        for (wi, &d) in w.iter_mut().zip(desired) {
            if spare == 0 {
                break;
            }
            if *wi < d {
                *wi += 1;
                spare -= 1;
            }
        }
        w
    };
    widths
        .into_iter()
        .map(|w| u16::try_from(w).unwrap_or(u16::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn all_fit_at_their_content_width() {
        let w = fit(&["Key", "Name"], &[row(&["LIC-000001", "Acme"])], 100, 1);
        assert_eq!(w, vec![10, 4]);
    }

    #[test]
    fn long_text_shrinks_short_columns_stay_and_the_rest_is_dropped() {
        let headers = ["License", "Company", "Start", "Partner"];
        let rows = [row(&[
            "LIC-000001",
            "A very long company name indeed GmbH",
            "2025-01-01",
            "Some partner with a long name",
        ])];
        let w = fit(&headers, &rows, 45, 1);
        assert_eq!(w, vec![10, 23, 10]);
        let w = fit(&headers, &rows, 70, 1);
        assert_eq!(w, vec![10, 24, 10, 23]);
    }
}
