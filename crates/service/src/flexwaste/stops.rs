//! What is due on a day, as one stop per site: the subscriptions' and orders' pickups
//! joined, with their windows and expected load.

use super::{STOP_BASE_SECONDS, STOP_SECONDS_PER_KG};
use domain::calendar::TimeWindow;
use domain::waste::Fraction;
use std::collections::{BTreeMap, BTreeSet};
use store::waste::{Due, Source, WasteSite};

/// One stop of the day: a site with everything due there.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteStop {
    pub site: WasteSite,
    pub fractions: Vec<Fraction>,
    /// Sorted, apart from each other.
    pub windows: Vec<TimeWindow>,
    pub kg: u32,
    pub litres: u32,
}

impl SiteStop {
    pub fn service_seconds(&self) -> i64 {
        STOP_BASE_SECONDS + STOP_SECONDS_PER_KG * i64::from(self.kg)
    }
}

/// `Company — Site`, as drivers and coordinators name a stop.
pub fn site_name(site: &WasteSite) -> String {
    format!("{} — {}", site.company, site.name)
}

/// The day's dues as one stop per site, leaving out the `done` sites. Demand is summed;
/// the windows are the subscription's when the site has one (an order rides along on the
/// subscription's visit), else the orders' windows joined where they touch.
pub fn stops_of(dues: &[Due], done: &BTreeSet<i64>) -> Vec<SiteStop> {
    let mut by_site: BTreeMap<i64, Vec<&Due>> = BTreeMap::new();
    for due in dues.iter().filter(|d| !done.contains(&d.site.site_id)) {
        by_site.entry(due.site.site_id).or_default().push(due);
    }
    by_site
        .into_values()
        .map(|dues| {
            let subscribed = dues
                .iter()
                .any(|d| matches!(d.source, Source::Subscription(_)));
            let windows: Vec<TimeWindow> = dues
                .iter()
                .filter(|d| !subscribed || matches!(d.source, Source::Subscription(_)))
                .map(|d| d.window)
                .collect();
            let mut fractions: Vec<Fraction> =
                dues.iter().flat_map(|d| d.fractions.clone()).collect();
            fractions.sort();
            fractions.dedup();
            SiteStop {
                site: dues[0].site.clone(),
                fractions,
                windows: joined(windows),
                kg: dues.iter().map(|d| d.expected_kg).sum(),
                litres: dues.iter().map(|d| d.expected_litres).sum(),
            }
        })
        .collect()
}

/// Windows sorted, those that overlap or touch made one.
pub(super) fn joined(mut windows: Vec<TimeWindow>) -> Vec<TimeWindow> {
    windows.sort();
    let mut out: Vec<TimeWindow> = Vec::new();
    for w in windows {
        match out.last_mut() {
            Some(last) if w.start_minutes() <= last.end_minutes() => {
                let end = last.end_minutes().max(w.end_minutes());
                *last = TimeWindow::new(last.start_minutes(), end).unwrap_or(*last);
            }
            _ => out.push(w),
        }
    }
    out
}
