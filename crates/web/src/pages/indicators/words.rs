//! An indicator's status and its reason in words, through the catalogues: the pages, the
//! API and the command line say them alike.

use crate::pages::i18n::{Lang, Tr};
use indicators::progress::{Status, Why};

/// A per cent with one decimal in the page's language: `1,1` or `1.1`.
pub fn percent(t: Tr, fraction: f64) -> String {
    let text = format!("{:.1}", (fraction * 100.0).abs());
    if t.lang == Lang::Da {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A value as the page's language writes numbers, to at most two decimals.
pub fn number(t: Tr, value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    if t.lang == Lang::Da {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A status in words.
pub fn status(t: Tr, s: Status) -> String {
    t.get(&format!("indicators.status_{}", s.code()))
        .to_string()
}

/// Why the status is what it is, in a sentence.
pub fn reason(t: Tr, why: &Why, s: Status) -> String {
    // Inside a sentence the status is not capitalised.
    let status = status(t, s).to_lowercase();
    let moved = |observed: f64| {
        if observed < 0.0 {
            "indicators.fell"
        } else {
            "indicators.rose"
        }
    };
    match *why {
        Why::TooFew { .. } => t.get("indicators.why_too_few").to_string(),
        Why::SignsDiffer => t.get("indicators.why_signs").to_string(),
        Why::Trend { since, observed } => t.fill(
            "indicators.why_trend",
            &[
                ("moved", t.get(moved(observed))),
                ("rate", &percent(t, observed)),
                ("since", &since.to_string()),
                ("status", &status),
            ],
        ),
        Why::AgainstTarget {
            since,
            observed,
            needed,
        } => t.fill(
            "indicators.why_target",
            &[
                ("moved", t.get(moved(observed))),
                ("rate", &percent(t, observed)),
                ("since", &since.to_string()),
                (
                    "needed",
                    &if needed.is_finite() {
                        percent(t, needed)
                    } else {
                        "∞".into()
                    },
                ),
                ("status", &status),
            ],
        ),
        Why::Met { since, observed } => t.fill(
            "indicators.why_met",
            &[
                ("moved", t.get(moved(observed))),
                ("rate", &percent(t, observed)),
                ("since", &since.to_string()),
            ],
        ),
    }
}
