//! The agency's figures as the coordinator's charts show them: paid hours and the people
//! who had them, month by month, and each person's planned hours in a week against their
//! target and cap. Read from the records, never typed.

use super::Week;
use crate::Result;
use crate::records::agency_only;
use domain::actor::Actor;
use std::collections::BTreeMap;
use store::invoices::Period;
use store::{PageRequest, Store};

/// One month's paid work: minutes paid and how many people were paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidMonth {
    pub period: Period,
    pub minutes: i64,
    pub people: usize,
}

/// The paid work of the `count` months up to and including `last`, oldest first, as
/// payroll counts it.
pub async fn paid_months(
    store: &Store,
    by: &Actor,
    last: Period,
    count: i32,
) -> Result<Vec<PaidMonth>> {
    agency_only(by, "figures")?;
    let mut months = Vec::new();
    for back in (0..count).rev() {
        let period = last.shifted(-back);
        let worked = store.worked_month(period).await?;
        let minutes = worked
            .iter()
            .flat_map(|m| m.work.iter().map(|(minutes, _)| *minutes))
            .try_fold(0i64, i64::checked_add)
            .ok_or(crate::ServiceError::TooLarge { what: "figures" })?;
        months.push(PaidMonth {
            period,
            minutes,
            people: worked.len(),
        });
    }
    Ok(months)
}

/// One person's week: planned minutes in the week's latest plan, and their target and cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonWeek {
    pub person_id: i64,
    pub name: String,
    pub planned_minutes: i64,
    pub target_minutes: i64,
    pub cap_minutes: i64,
}

/// Every live person's planned minutes in `week`'s latest plan, most planned first.
pub async fn person_weeks(store: &Store, by: &Actor, week: &Week) -> Result<Vec<PersonWeek>> {
    agency_only(by, "figures")?;
    let mut planned: BTreeMap<i64, i64> = BTreeMap::new();
    if let Some(plan) = store.latest_plan(&week.label).await? {
        for a in &plan.plan.assignments {
            *planned.entry(a.person_id).or_default() += (a.end - a.start).num_minutes();
        }
    }
    let mut people: Vec<PersonWeek> = store
        .people(&Default::default(), PageRequest::all())
        .await?
        .items
        .into_iter()
        .map(|p| PersonWeek {
            person_id: p.meta.id,
            planned_minutes: planned.get(&p.meta.id).copied().unwrap_or(0),
            target_minutes: i64::from(p.value.weekly_target.minutes()),
            cap_minutes: i64::from(p.value.weekly_cap.minutes()),
            name: p.value.name,
        })
        .collect();
    people.sort_by(|a, b| {
        b.planned_minutes
            .cmp(&a.planned_minutes)
            .then(a.name.cmp(&b.name))
    });
    Ok(people)
}
