//! Skills and occupations as the Aalborg Alliance codes them: the ESCO classification
//! shipped with kommune (crate `esco`), the agency's Danish names for its concepts, and
//! the agency's local skills (its twelve skill codes first), each mapped to an ESCO skill
//! or standing alone — found together by a few typed letters.

use crate::{Result, ServiceError};
use domain::actor::Actor;
use domain::problem::Errors;
use serde::Serialize;
use std::collections::HashMap;
use store::Store;
use store::competences::{DanishName, LocalSkill};

pub use esco::{ATTRIBUTION, Kind};

/// The most a search answers.
pub const MAX_HITS: usize = 20;
/// The longest name kept, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// A skill or occupation found: an ESCO concept, or one of the agency's local skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// `skill`, `occupation` or `local`.
    pub kind: &'static str,
    /// An ESCO concept's id (the UUID ending its URI), or a local skill's code.
    pub id: String,
    /// Its ESCO URI; a local skill's is the ESCO skill it maps to, if any.
    pub uri: Option<String>,
    /// The English label.
    pub label: String,
    /// The Danish name, when the agency gave one.
    pub name_da: Option<String>,
    /// The name the letters met, when it is another than these.
    pub matched: Option<String>,
    /// A skill's reuse level, an occupation's ISCO-08 unit group, or for a local skill the
    /// label of the ESCO skill it maps to.
    pub group: String,
}

fn kind_of(code: &str) -> Option<Kind> {
    match code {
        "skill" => Some(Kind::Skill),
        "occupation" => Some(Kind::Occupation),
        _ => None,
    }
}

/// The best [`MAX_HITS`] skills (or occupations, or both) for `query`, best first: ESCO's
/// concepts by their Danish names and English labels, and — when skills are asked for —
/// the agency's local skills by their names and code. The agency's people search.
pub async fn search(store: &Store, by: &Actor, query: &str, kinds: &[Kind]) -> Result<Vec<Found>> {
    crate::records::agency_only(by, "skill catalogue")?;
    let catalogue = esco::shipped();
    let names: HashMap<(Kind, String), String> = store
        .danish_names()
        .await?
        .into_iter()
        .filter_map(|n| Some(((kind_of(&n.kind)?, n.esco_id), n.name_da)))
        .collect();
    let mut found: Vec<(u32, usize, Found)> =
        esco::search(catalogue, &names, query, kinds, MAX_HITS)
            .into_iter()
            .map(|hit| {
                let c = hit.concept;
                let name_da = names.get(&(c.kind, c.id.clone())).cloned();
                let matched = (hit.matched != c.label && Some(&hit.matched) != name_da.as_ref())
                    .then_some(hit.matched);
                (
                    hit.score,
                    c.label.len(),
                    Found {
                        kind: c.kind.code(),
                        id: c.id.clone(),
                        uri: Some(c.uri()),
                        label: c.label.clone(),
                        name_da,
                        matched,
                        group: c.group.clone(),
                    },
                )
            })
            .collect();
    if kinds.contains(&Kind::Skill) {
        for local in store.local_skills().await? {
            let score = [
                esco::search::bonus(esco::search::score(&local.name_da, query), 20),
                esco::search::bonus(esco::search::score(&local.name_en, query), 10),
                esco::search::score(&local.code.replace('_', " "), query),
            ]
            .into_iter()
            .max()
            .unwrap_or(0);
            if score > 0 {
                let maps_to = local
                    .esco_id
                    .as_deref()
                    .and_then(|id| catalogue.find(Kind::Skill, id));
                found.push((
                    score,
                    local.name_da.len(),
                    Found {
                        kind: "local",
                        id: local.code.clone(),
                        uri: maps_to.map(esco::Concept::uri),
                        label: local.name_en.clone(),
                        name_da: Some(local.name_da.clone()),
                        matched: None,
                        group: maps_to.map(|c| c.label.clone()).unwrap_or_default(),
                    },
                ));
            }
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.truncate(MAX_HITS);
    Ok(found.into_iter().map(|(_, _, f)| f).collect())
}

/// A name as the agency types it: not empty, at most [`MAX_NAME_CHARS`], plain text.
fn name(e: &mut Errors, field: &str, text: &str) -> Option<String> {
    e.check(field, domain::contact::required_text(text, MAX_NAME_CHARS))
}

/// Gives an ESCO skill or occupation a Danish name (replacing one given before), naming
/// a bad field: an unknown kind, a concept ESCO (as shipped) does not have, a bad name.
pub async fn set_danish_name(
    store: &Store,
    by: &Actor,
    kind: &str,
    esco_id: &str,
    name_da: &str,
) -> Result<()> {
    crate::records::agency_only(by, "skill catalogue")?;
    let mut e = Errors::new();
    let known = kind_of(kind).and_then(|k| esco::shipped().find(k, esco_id.trim()));
    if known.is_none() {
        e.push("id", "is no ESCO skill or occupation kommune ships");
    }
    let name_da = name(&mut e, "name_da", name_da);
    let name = e
        .finish(|| {
            Some(DanishName {
                kind: kind.to_string(),
                esco_id: known?.id.clone(),
                name_da: name_da?,
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.set_danish_name(&name, &crate::recorded(by)).await?)
}

/// A local skill's code from its Danish name: lower case, æ ø å as ae oe aa, other
/// letters and digits kept, the rest one `_`.
pub fn code_of(name_da: &str) -> String {
    let mut code = String::new();
    for c in name_da.trim().to_lowercase().chars() {
        match c {
            'æ' => code.push_str("ae"),
            'ø' => code.push_str("oe"),
            'å' => code.push_str("aa"),
            c if c.is_ascii_alphanumeric() => code.push(c),
            _ if !code.ends_with('_') && !code.is_empty() => code.push('_'),
            _ => {}
        }
    }
    code.trim_end_matches('_').to_string()
}

/// Adds a local skill, mapped to an ESCO skill (its id or URI) or standing alone, naming
/// every bad field; a code already used is a conflict. Answers its code.
pub async fn add_local_skill(
    store: &Store,
    by: &Actor,
    name_da: &str,
    name_en: &str,
    esco: &str,
) -> Result<String> {
    crate::records::agency_only(by, "skill catalogue")?;
    let mut e = Errors::new();
    let da = name(&mut e, "name_da", name_da);
    let en = name(&mut e, "name_en", name_en);
    let wanted = esco
        .trim()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let maps_to = if wanted.is_empty() {
        Some(None)
    } else {
        match esco::shipped().find(Kind::Skill, &wanted) {
            Some(c) => Some(Some(c.id.clone())),
            None => {
                e.push(
                    "esco",
                    "is no ESCO skill kommune ships: give its URI or id, or leave it out",
                );
                None
            }
        }
    };
    let code = da.as_deref().map(code_of).unwrap_or_default();
    if da.is_some() && code.is_empty() {
        e.push("name_da", "needs a letter or a digit");
    }
    let skill = e
        .finish(|| {
            Some(LocalSkill {
                id: 0,
                code: code.clone(),
                name_da: da?,
                name_en: en?,
                esco_id: maps_to?,
            })
        })
        .map_err(ServiceError::Invalid)?;
    store.add_local_skill(&skill, &crate::recorded(by)).await?;
    Ok(skill.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_skills_code_reads_like_its_danish_name() {
        assert_eq!(code_of("Truckcertifikat B"), "truckcertifikat_b");
        assert_eq!(
            code_of("  Førstehjælp på kursus! "),
            "foerstehjaelp_paa_kursus"
        );
        assert_eq!(code_of("---"), "");
    }
}
