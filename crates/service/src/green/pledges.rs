//! "Making us greener": citizens and households pledge actions on a public page.
//!
//! The actions live in `config/greener-actions.json`, kept by the climate team like
//! Flex Waste's factors. An action claims CO2 only through an estimate that names its
//! source and year; without one its pledges are counted and nothing more is said.

use super::agents_only;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use domain::contact::{Email, required_text};
use domain::problem::Errors;
use store::Store;
use store::green::pledges::Pledge;

/// The actions as shipped.
pub const DEFAULT_ACTIONS: &str = include_str!("../../../../config/greener-actions.json");

/// An estimated yearly effect, always with where it comes from.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// Kilograms CO2e a year one kept pledge avoids, 0–100,000.
    pub kg_co2e_per_year: f64,
    /// The named source and the assumptions in Danish and in English, never empty.
    pub source_da: String,
    pub source_en: String,
    /// The year the source's figures are for, 1990–2100.
    pub year: i32,
}

/// An action people can pledge.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub code: String,
    pub da: String,
    pub en: String,
    #[serde(default)]
    pub estimate: Option<Estimate>,
}

impl Action {
    /// The estimate's source in `lang`, when it has one.
    pub fn source(&self, lang: &str) -> Option<&str> {
        let e = self.estimate.as_ref()?;
        Some(if lang == "en" {
            &e.source_en
        } else {
            &e.source_da
        })
    }

    /// The action's name in `lang`.
    pub fn name(&self, lang: &str) -> &str {
        if lang == "en" { &self.en } else { &self.da }
    }
}

/// Reads the actions' file, refusing an estimate without a source or with a year or an
/// amount out of range, a code used twice, or an unnamed action.
pub fn parse_actions(text: &str) -> std::result::Result<Vec<Action>, String> {
    let actions: Vec<Action> =
        serde_json::from_str(text).map_err(|e| format!("greener actions: {e}"))?;
    let mut seen = std::collections::BTreeSet::new();
    for (i, a) in actions.iter().enumerate() {
        let at = |what: &str| format!("greener actions [{i}] ({}): {what}", a.code);
        if a.code.is_empty() || !a.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(at("the code must be lower-case letters and _"));
        }
        if !seen.insert(a.code.as_str()) {
            return Err(at("the code is used twice"));
        }
        if a.da.trim().is_empty() || a.en.trim().is_empty() {
            return Err(at("the action needs a Danish and an English name"));
        }
        if let Some(e) = &a.estimate {
            if e.source_da.trim().is_empty() || e.source_en.trim().is_empty() {
                return Err(at("an estimate must name its source"));
            }
            if !(1990..=2100).contains(&e.year) {
                return Err(at("an estimate's year must be 1990 to 2100"));
            }
            if !e.kg_co2e_per_year.is_finite() || !(0.0..=100_000.0).contains(&e.kg_co2e_per_year) {
                return Err(at("an estimate must be 0 to 100000 kg CO2e a year"));
            }
        }
    }
    Ok(actions)
}

/// The actions in effect.
pub fn actions() -> Result<Vec<Action>> {
    parse_actions(DEFAULT_ACTIONS).map_err(ServiceError::Internal)
}

/// A pledge as asked for on the public page.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PledgeRequest {
    /// An action's code.
    pub action: String,
    /// 1–200 characters.
    pub name: String,
    pub email: String,
    /// How many people it is for, 1–20.
    pub household: i64,
    /// The community it is made through, if any.
    pub community_id: Option<i64>,
    /// da or en: the language of anything sent back.
    pub lang: String,
}

/// Keeps a pledge from the public page; answers its id.
pub async fn pledge(store: &Store, r: &PledgeRequest, now: DateTime<Utc>) -> Result<i64> {
    let known = actions()?;
    let mut e = Errors::new();
    if !known.iter().any(|a| a.code == r.action) {
        e.push("action", "is no action of the campaign");
    }
    let name = e.check("name", required_text(&r.name, 200));
    let email = e.check("email", Email::parse(&r.email));
    if !(1..=20).contains(&r.household) {
        e.push("household", "must be 1 to 20");
    }
    if let Some(id) = r.community_id
        && store.community(id).await.is_err()
    {
        e.push("community_id", "is no community");
    }
    let lang = if r.lang == "en" { "en" } else { "da" };
    let pledge = e
        .finish(|| {
            Some(Pledge {
                action: r.action.clone(),
                name: name?,
                email: email?.as_str().to_lowercase(),
                household: r.household,
                community_id: r.community_id,
                lang: lang.to_string(),
                ..Pledge::default()
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.add_pledge(&pledge, now).await?)
}

/// One action's pledges.
#[derive(Debug, Clone)]
pub struct ActionTotal {
    pub action: Action,
    pub pledges: i64,
    pub people: i64,
    pub confirmed: i64,
    /// Kilograms CO2e a year, estimated, when the action has an estimate.
    pub estimated_kg: Option<f64>,
}

/// The campaign's totals, as the public page shows them.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub actions: Vec<ActionTotal>,
    pub pledges: i64,
    pub people: i64,
    pub confirmed: i64,
    /// The sum of the estimates, from the actions that have one.
    pub estimated_kg: f64,
    /// Pledges of actions without an estimate: counted, no CO2 claimed.
    pub without_estimate: i64,
}

/// The campaign's totals from every pledge kept.
pub async fn campaign(store: &Store) -> Result<Campaign> {
    Ok(totals(actions()?, &store.pledges().await?))
}

/// Totals per action, in the actions' order; pledges of actions no longer offered are
/// left out.
pub fn totals(actions: Vec<Action>, pledges: &[Pledge]) -> Campaign {
    let mut rows: Vec<ActionTotal> = actions
        .into_iter()
        .map(|action| ActionTotal {
            estimated_kg: action.estimate.as_ref().map(|_| 0.0),
            action,
            pledges: 0,
            people: 0,
            confirmed: 0,
        })
        .collect();
    for p in pledges {
        let Some(row) = rows.iter_mut().find(|r| r.action.code == p.action) else {
            continue;
        };
        row.pledges += 1;
        row.people += p.household;
        row.confirmed += i64::from(p.confirmed_on.is_some());
        if let (Some(kg), Some(e)) = (row.estimated_kg.as_mut(), &row.action.estimate) {
            *kg += e.kg_co2e_per_year;
        }
    }
    Campaign {
        pledges: rows.iter().map(|r| r.pledges).sum(),
        people: rows.iter().map(|r| r.people).sum(),
        confirmed: rows.iter().map(|r| r.confirmed).sum(),
        estimated_kg: rows.iter().filter_map(|r| r.estimated_kg).sum(),
        without_estimate: rows
            .iter()
            .filter(|r| r.estimated_kg.is_none())
            .map(|r| r.pledges)
            .sum(),
        actions: rows,
    }
}

/// Every pledge with the pledger's name, for the agents.
pub async fn all(store: &Store, by: &Actor) -> Result<Vec<Pledge>> {
    agents_only(by)?;
    Ok(store.pledges().await?)
}

/// What the campaign holds on whoever pledged from an address (Art. 15).
#[derive(Debug, Clone, serde::Serialize)]
pub struct PledgeExport {
    pub id: i64,
    pub action: String,
    pub name: String,
    pub email: String,
    pub household: i64,
    pub community_id: Option<i64>,
    pub made_at: String,
    pub confirmed_on: Option<String>,
}

/// The pledges made from `email`.
pub async fn export(store: &Store, email: &str) -> Result<Vec<PledgeExport>> {
    let mine = store.pledges_of(&email.trim().to_lowercase()).await?;
    if mine.is_empty() {
        return Err(ServiceError::NotFound(format!("no pledger {email}")));
    }
    Ok(mine
        .into_iter()
        .map(|p| PledgeExport {
            id: p.id,
            action: p.action,
            name: p.name,
            email: p.email,
            household: p.household,
            community_id: p.community_id,
            made_at: p.made_at,
            confirmed_on: p.confirmed_on,
        })
        .collect())
}

/// Erases a pledger's name and address from their pledges (Art. 17); answers how many.
pub async fn erase(store: &Store, email: &str) -> Result<usize> {
    let n = store.erase_pledger(&email.trim().to_lowercase()).await?;
    if n == 0 {
        return Err(ServiceError::NotFound(format!("no pledger {email}")));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_actions_read_and_only_sourced_ones_estimate() {
        let actions = parse_actions(DEFAULT_ACTIONS).unwrap();
        assert!(actions.len() >= 3);
        assert!(actions.iter().any(|a| a.estimate.is_none()));
        for a in actions.iter().filter_map(|a| a.estimate.as_ref()) {
            assert!(!a.source_da.is_empty() && !a.source_en.is_empty());
        }
    }

    #[test]
    fn an_estimate_without_a_source_or_year_is_refused() {
        let unsourced = r#"[{"code":"x","da":"x","en":"x","estimate":{"kg_co2e_per_year":5,"source_da":" ","source_en":"s","year":2023}}]"#;
        assert!(parse_actions(unsourced).unwrap_err().contains("source"));
        let undated = r#"[{"code":"x","da":"x","en":"x","estimate":{"kg_co2e_per_year":5,"source_da":"s","source_en":"s"}}]"#;
        assert!(parse_actions(undated).is_err());
        let twice = r#"[{"code":"x","da":"x","en":"x"},{"code":"x","da":"y","en":"y"}]"#;
        assert!(parse_actions(twice).unwrap_err().contains("twice"));
    }

    #[test]
    fn co2_is_summed_only_for_actions_with_an_estimate() {
        let actions = parse_actions(
            r#"[{"code":"bike","da":"b","en":"b","estimate":{"kg_co2e_per_year":250,"source_da":"s","source_en":"s","year":2023}},
                {"code":"sort","da":"s","en":"s"}]"#,
        )
        .unwrap();
        let pledge = |action: &str, household, confirmed: bool| Pledge {
            action: action.into(),
            household,
            confirmed_on: confirmed.then(|| "2026-10-01".into()),
            ..Pledge::default()
        };
        let c = totals(
            actions,
            &[
                pledge("bike", 2, true),
                pledge("bike", 1, false),
                pledge("sort", 4, false),
                pledge("gone", 1, false),
            ],
        );
        assert_eq!((c.pledges, c.people, c.confirmed), (3, 7, 1));
        assert_eq!(c.estimated_kg, 500.0);
        assert_eq!(c.without_estimate, 1);
        assert_eq!(c.actions[1].estimated_kg, None);
    }
}
