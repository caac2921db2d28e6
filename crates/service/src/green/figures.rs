//! The green agents' figures per month, computed from the records each time: activities
//! and people reached (by topic), community projects running, and pledges with their
//! estimated CO2. The overview charts them; the live indicators publish them.

use super::pledges::{Action, actions};
use crate::Result;
use domain::invoice::Period;
use std::collections::BTreeMap;
use store::Store;
use store::green::activities::Activity;
use store::green::pledges::Pledge;

/// One month's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    pub period: Period,
    /// Activities held in the month (a project counts in the month it starts).
    pub activities: i64,
    pub people_reached: i64,
    /// Per topic: activities and people reached.
    pub topics: BTreeMap<String, (i64, i64)>,
    /// Community projects running on any day of the month.
    pub projects_active: i64,
    /// Pledges made in the month, and per action.
    pub pledges: i64,
    pub pledges_by_action: BTreeMap<String, i64>,
    /// Kilograms CO2e a year the month's pledges are estimated to avoid, from the
    /// actions with a sourced estimate only.
    pub estimated_kg: f64,
}

/// The `count` months up to and including `last`, from the records given.
pub fn months(
    activities: &[Activity],
    pledges: &[Pledge],
    actions: &[Action],
    last: Period,
    count: i32,
) -> Vec<Month> {
    let first = last.shifted(1 - count.max(1));
    let mut out: Vec<Month> = (0..count.max(1))
        .map(|i| Month {
            period: first.shifted(i),
            activities: 0,
            people_reached: 0,
            topics: BTreeMap::new(),
            projects_active: 0,
            pledges: 0,
            pledges_by_action: BTreeMap::new(),
            estimated_kg: 0.0,
        })
        .collect();
    let span = out.len();
    let slot = |period: Period| {
        let index = (period.year - first.year) * 12 + period.month as i32 - first.month as i32;
        usize::try_from(index).ok().filter(|i| *i < span)
    };
    for a in activities {
        let Ok(held) = domain::calendar::parse_date(&a.held_on) else {
            continue;
        };
        if let Some(i) = slot(Period::of(held)) {
            let m = &mut out[i];
            m.activities += 1;
            m.people_reached += a.people_reached;
            let topic = m.topics.entry(a.topic.clone()).or_default();
            topic.0 += 1;
            topic.1 += a.people_reached;
        }
        if a.kind == "project" {
            let ends = a
                .ends_on
                .as_deref()
                .and_then(|d| domain::calendar::parse_date(d).ok());
            for m in &mut out {
                let runs = held < m.period.end() && ends.is_none_or(|e| e >= m.period.first_day());
                m.projects_active += i64::from(runs);
            }
        }
    }
    for p in pledges {
        let Ok(at) = domain::calendar::parse_instant(&p.made_at) else {
            continue;
        };
        let Some(i) = slot(Period::of(domain::calendar::local_date(at))) else {
            continue;
        };
        let m = &mut out[i];
        m.pledges += 1;
        *m.pledges_by_action.entry(p.action.clone()).or_default() += 1;
        if let Some(e) = actions
            .iter()
            .find(|a| a.code == p.action)
            .and_then(|a| a.estimate.as_ref())
        {
            m.estimated_kg += e.kg_co2e_per_year;
        }
    }
    out
}

/// The `count` months up to `last`, from every activity and pledge kept.
pub async fn recent(store: &Store, last: Period, count: i32) -> Result<Vec<Month>> {
    Ok(months(
        &store.activities(None).await?,
        &store.pledges().await?,
        &actions()?,
        last,
        count,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(
        kind: &str,
        held_on: &str,
        ends_on: Option<&str>,
        topic: &str,
        people: i64,
    ) -> Activity {
        Activity {
            kind: kind.into(),
            held_on: held_on.into(),
            ends_on: ends_on.map(String::from),
            topic: topic.into(),
            people_reached: people,
            ..Activity::default()
        }
    }

    #[test]
    fn activities_count_in_their_month_and_projects_while_they_run() {
        let last = Period {
            year: 2026,
            month: 3,
        };
        let found = months(
            &[
                activity("workshop", "2026-01-15", None, "waste", 20),
                activity("dialogue", "2026-03-01", None, "mobility", 5),
                activity("stand", "2026-03-31", None, "mobility", 40),
                activity(
                    "project",
                    "2026-02-10",
                    Some("2026-03-01"),
                    "biodiversity",
                    12,
                ),
                activity("project", "2025-06-01", None, "mobility", 8),
                activity("dialogue", "2025-12-31", None, "waste", 99),
            ],
            &[],
            &[],
            last,
            3,
        );
        let got: Vec<_> = found
            .iter()
            .map(|m| {
                (
                    m.period.month,
                    m.activities,
                    m.people_reached,
                    m.projects_active,
                )
            })
            .collect();
        assert_eq!(got, vec![(1, 1, 20, 1), (2, 1, 12, 2), (3, 2, 45, 2)]);
        assert_eq!(found[2].topics["mobility"], (2, 45));
    }

    #[test]
    fn pledges_count_in_copenhagen_months_and_co2_only_with_an_estimate() {
        let actions = super::super::pledges::parse_actions(
            r#"[{"code":"bike","da":"b","en":"b","estimate":{"kg_co2e_per_year":250,"source_da":"s","source_en":"s","year":2023}},
                {"code":"sort","da":"s","en":"s"}]"#,
        )
        .unwrap();
        let pledge = |action: &str, made_at: &str| Pledge {
            action: action.into(),
            made_at: made_at.into(),
            household: 1,
            ..Pledge::default()
        };
        let found = months(
            &[],
            &[
                // 23:30 UTC on 31 January is 1 February in Copenhagen.
                pledge("bike", "2026-01-31T23:30:00Z"),
                pledge("sort", "2026-02-02T10:00:00Z"),
                pledge("bike", "2026-01-10T10:00:00Z"),
            ],
            &actions,
            Period {
                year: 2026,
                month: 2,
            },
            2,
        );
        assert_eq!((found[0].pledges, found[0].estimated_kg), (1, 250.0));
        assert_eq!((found[1].pledges, found[1].estimated_kg), (2, 250.0));
        assert_eq!(found[1].pledges_by_action["sort"], 1);
    }
}
