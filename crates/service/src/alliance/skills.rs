//! The skills and occupations the Alliance's records name, read once per use-case: a
//! code typed or sent is resolved to the code kept, a kept code to its name in a language,
//! and a local skill mapped to an ESCO skill to the same skill as that one, so a student
//! who chose the ESCO skill meets a need that asks for the agency's local one.

use crate::Result;
use domain::contact::Locale;
use esco::Kind;
use std::collections::HashMap;
use store::Store;
use store::competences::LocalSkill;

/// The prefix of an ESCO skill's code as the Alliance keeps it: `esco:` and its id.
pub const ESCO_PREFIX: &str = "esco:";

/// The catalogue as one use-case sees it: ESCO as shipped, the agency's Danish names
/// and its local skills.
pub struct SkillBook {
    local: HashMap<String, LocalSkill>,
    danish: HashMap<(Kind, String), String>,
}

impl SkillBook {
    /// Reads the agency's names and local skills.
    pub async fn load(store: &Store) -> Result<Self> {
        let local = store
            .local_skills()
            .await?
            .into_iter()
            .map(|s| (s.code.clone(), s))
            .collect();
        let danish = store
            .danish_names()
            .await?
            .into_iter()
            .filter_map(|n| {
                let kind = match n.kind.as_str() {
                    "skill" => Kind::Skill,
                    "occupation" => Kind::Occupation,
                    _ => return None,
                };
                Some(((kind, n.esco_id), n.name_da))
            })
            .collect();
        Ok(Self { local, danish })
    }

    /// The code kept for a skill as typed: a local skill's code, `esco:` and an ESCO
    /// skill's id, or an ESCO skill's URI or bare id. None when it is no skill.
    pub fn resolve(&self, text: &str) -> Option<String> {
        let text = text.trim();
        if self.local.contains_key(text) {
            return Some(text.to_string());
        }
        let id = text
            .strip_prefix(ESCO_PREFIX)
            .unwrap_or_else(|| text.rsplit('/').next().unwrap_or(text));
        esco::shipped()
            .find(Kind::Skill, id)
            .map(|c| format!("{ESCO_PREFIX}{}", c.id))
    }

    /// The skill a kept code stands for when matching: a local skill mapped to ESCO is
    /// that ESCO skill.
    pub fn canonical(&self, code: &str) -> String {
        match self.local.get(code).and_then(|s| s.esco_id.as_ref()) {
            Some(id) => format!("{ESCO_PREFIX}{id}"),
            None => code.to_string(),
        }
    }

    /// A kept code's name in `locale`: a local skill's own names, an ESCO skill's Danish
    /// name when the agency gave one, else its English label; an unknown code as itself.
    pub fn label(&self, code: &str, locale: Locale) -> String {
        if let Some(local) = self.local.get(code) {
            return match locale {
                Locale::Da => local.name_da.clone(),
                Locale::En => local.name_en.clone(),
            };
        }
        let id = code.strip_prefix(ESCO_PREFIX).unwrap_or(code);
        self.esco_label(Kind::Skill, id, locale)
            .unwrap_or_else(|| code.to_string())
    }

    /// A local skill mapped to an ESCO skill is named by the local skill: the agency
    /// chose that name. The label a canonical code shows under.
    pub fn canonical_label(&self, canonical: &str, locale: Locale) -> String {
        let id = canonical.strip_prefix(ESCO_PREFIX);
        let local = id.and_then(|id| {
            self.local
                .values()
                .filter(|s| s.esco_id.as_deref() == Some(id))
                .min_by(|a, b| a.code.cmp(&b.code))
        });
        match local {
            Some(l) => self.label(&l.code, locale),
            None => self.label(canonical, locale),
        }
    }

    /// An ESCO occupation's id for a typed id or URI.
    pub fn occupation(&self, text: &str) -> Option<&'static esco::Concept> {
        let id = text.trim().rsplit('/').next().unwrap_or_default();
        esco::shipped().find(Kind::Occupation, id)
    }

    /// An ESCO concept's name in `locale`.
    pub fn esco_label(&self, kind: Kind, id: &str, locale: Locale) -> Option<String> {
        let concept = esco::shipped().find(kind, id)?;
        Some(
            match (locale, self.danish.get(&(kind, concept.id.clone()))) {
                (Locale::Da, Some(da)) => da.clone(),
                _ => concept.label.clone(),
            },
        )
    }
}
