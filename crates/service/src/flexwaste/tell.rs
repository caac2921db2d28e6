//! The shops told by e-mail about the pickups they ordered as extras: when one is first
//! planned (about when the vehicle comes), and when it is made (what was collected, or
//! why nothing was). A subscription's pickups tell nobody: they come as agreed.

use crate::Result;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;
use store::Store;
use store::waste::{DayPlan, Due, PickupReport, Route, Source};

/// Tells the contacts of each site with an order on `day` that `routes` visit and the
/// `previous` plan did not: a re-plan tells only the sites it newly plans.
pub(super) async fn orders_planned(
    store: &Store,
    day: NaiveDate,
    dues: &[Due],
    previous: Option<&DayPlan>,
    routes: &[Route],
    now: DateTime<Utc>,
) -> Result<()> {
    let planned_before: BTreeSet<i64> = previous
        .iter()
        .flat_map(|p| &p.routes)
        .flat_map(|r| r.visits.iter().filter_map(|v| v.site_id))
        .collect();
    for due in dues.iter().filter(|d| matches!(d.source, Source::Order(_))) {
        let site = due.site.site_id;
        if planned_before.contains(&site) {
            continue;
        }
        let visit = routes
            .iter()
            .flat_map(|r| &r.visits)
            .find(|v| v.site_id == Some(site));
        let Some(visit) = visit else { continue };
        let company = store.company(due.site.company_id).await?.value.company;
        let message = crate::mail::Message::PickupPlanned {
            company: company.name.clone(),
            site: due.site.name.clone(),
            day,
            arrives_at: visit.arrives_at,
        };
        for mail in crate::mail::to_contacts(store, &company, &message).await {
            store.queue_mail(&mail, now).await?;
        }
    }
    Ok(())
}

/// A pickup the shop ordered as an extra: its contacts are told by e-mail what was
/// collected, or why nothing was. A subscription's pickups tell nobody.
pub(super) async fn pickup_done(store: &Store, report: &PickupReport) -> Result<()> {
    let ordered = store.pickups_due(report.day).await?.into_iter().find(|d| {
        d.site.site_id == report.site_id && matches!(d.source, store::waste::Source::Order(_))
    });
    let Some(due) = ordered else {
        return Ok(());
    };
    let company = store.company(due.site.company_id).await?.value.company;
    let message = crate::mail::Message::PickupDone {
        company: company.name.clone(),
        site: due.site.name.clone(),
        day: report.day,
        outcome: report.outcome.code().to_string(),
        collected: report
            .weighed
            .iter()
            .map(|(f, g)| (f.code().to_string(), *g))
            .collect(),
    };
    for mail in crate::mail::to_contacts(store, &company, &message).await {
        store.queue_mail(&mail, report.at).await?;
    }
    Ok(())
}
