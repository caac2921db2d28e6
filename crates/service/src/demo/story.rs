//! What the demo shows at first sign-in: the current week planned, last month invoiced,
//! and the demo's worker and company chosen among those with work to show — so every
//! role's first page holds real work, not an empty list.

use crate::Result;
use crate::agency::{Options, PlanView, Week};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use store::Store;
use store::invoices::{Invoice, Period};

/// Plans the week of `start` as a coordinator would on Monday morning.
pub async fn plan_this_week(store: &Store, start: NaiveDate) -> Result<PlanView> {
    let options = Options {
        limits: staffing::Limits::iterations(300),
        seed: 1,
        replan: false,
        tell_from: None,
    };
    crate::agency::plan_week(
        store,
        &Week::of(start),
        &options,
        &domain::actor::Actor::agency("demo"),
    )
    .await
}

/// Plans Flex Waste's `today` as the coordinator would before the vans leave (06:00),
/// so the driver's first page shows today's stops; returns the drivers who got a route.
/// A day the service does not run has nothing to plan.
pub async fn plan_flex_waste_today(store: &Store, today: NaiveDate) -> Result<Vec<i64>> {
    let early = today
        .and_hms_opt(6, 0, 0)
        .map(domain::calendar::local_instant_or_later)
        .ok_or_else(|| crate::ServiceError::Internal(format!("{today} has no 06:00")))?;
    let limits = routing::Limits {
        time: None,
        iterations: Some(2_000),
    };
    let by = domain::actor::Actor::agency("demo");
    crate::flexwaste::plan_day(store, today, limits, 1, early, &by).await?;
    Ok(store
        .day_plan(today)
        .await?
        .map(|plan| plan.routes.iter().filter_map(|r| r.driver_id).collect())
        .unwrap_or_default())
}

/// Issues the invoices of the month before `start`'s, dated the first of `start`'s month:
/// the history's confirmed hours and Flex Waste's visits billed.
pub async fn invoice_last_month(store: &Store, start: NaiveDate) -> Result<Vec<Invoice>> {
    let this_month = Period::of(start);
    Ok(store
        .run_invoices(
            this_month.shifted(-1),
            this_month.first_day(),
            &store::Actor("demo".into()),
        )
        .await?)
}

/// The people to give the demo's worker account, best first: those with the most work
/// `today`, then those with the most work this week.
pub fn busiest(plan: &PlanView, today: NaiveDate) -> Vec<i64> {
    let mut count: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
    for a in &plan.assignments {
        let entry = count.entry(a.person).or_default();
        entry.1 += 1;
        if a.date == today.to_string() {
            entry.0 += 1;
        }
    }
    let mut people: Vec<(i64, (usize, usize))> = count.into_iter().collect();
    people.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    people.into_iter().map(|(person, _)| person).collect()
}

/// The companies to give the demo's company account, best first: those invoiced last
/// month whose requests are staffed this week, then the others invoiced.
pub async fn invoiced_and_staffed(
    store: &Store,
    plan: &PlanView,
    invoices: &[Invoice],
) -> Result<Vec<i64>> {
    let mut staffed = Vec::new();
    for a in &plan.assignments {
        let company = store.task(a.task).await?.value.request.company_id;
        if !staffed.contains(&company) {
            staffed.push(company);
        }
    }
    let mut invoiced: Vec<i64> = Vec::new();
    for invoice in invoices {
        if !invoiced.contains(&invoice.company_id) {
            invoiced.push(invoice.company_id);
        }
    }
    invoiced.sort_by_key(|c| !staffed.contains(c));
    Ok(invoiced)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo's first sign-in shows work: the worker has tasks on the day the demo is
    /// installed, the company has an invoice and requests staffed this week.
    #[tokio::test]
    async fn every_demo_account_opens_on_real_work() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("demo.db").display());
        let store = Store::connect(&url).await.unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let tuesday = monday.succ_opt().unwrap();
        let installed = crate::demo::install(&store, 1, monday, tuesday)
            .await
            .unwrap();
        assert!(
            installed.planned > 0 && installed.invoices > 0,
            "{installed:?}"
        );

        let worker = store
            .account_by_email("medarbejder@demo.kommune.dk")
            .await
            .unwrap();
        let plan = store
            .latest_plan(&Week::of(monday).label)
            .await
            .unwrap()
            .unwrap();
        assert!(
            plan.plan
                .assignments
                .iter()
                .any(|a| Some(a.person_id) == worker.person_id && a.occurrence == tuesday),
            "the demo worker has work on the day"
        );
        let contact = store
            .account_by_email("virksomhed@demo.kommune.dk")
            .await
            .unwrap();
        let company = contact.company_id.unwrap();
        let invoices = store.invoices().await.unwrap();
        assert!(invoices.iter().any(|i| i.company_id == company));
        let mut staffed = false;
        for a in &plan.plan.assignments {
            staffed |= store
                .task(a.task_id)
                .await
                .unwrap()
                .value
                .request
                .company_id
                == company;
        }
        assert!(staffed, "the demo company has a request staffed this week");

        // The driver is an active person with a route today, its stops on the sheet.
        let driver = store
            .account_by_email("chauffoer@demo.kommune.dk")
            .await
            .unwrap();
        let person = store.person(driver.person_id.unwrap()).await.unwrap();
        assert_eq!(person.value.status, domain::person::PersonStatus::Active);
        let day = store
            .day_plan(tuesday)
            .await
            .unwrap()
            .expect("today is planned");
        let route = day
            .routes
            .iter()
            .find(|r| r.driver_id == Some(person.meta.id))
            .expect("the demo driver drives today");
        assert!(
            route.visits.iter().any(|v| v.site_id.is_some()),
            "{route:?}"
        );
        store.close().await;
    }
}
