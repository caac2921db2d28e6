//! The best matches for a few typed letters, in Danish or English: a concept's Danish
//! name (the agency's), its English label, then its other labels, each scored by how the
//! letters meet it — the whole name, its beginning, the beginning of a word, every typed
//! word beginning a word, or anywhere — shorter names first among equals.

use crate::catalogue::{Catalogue, Concept, Kind};
use std::collections::HashMap;

/// A concept found, with the name it was found by and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    pub concept: &'a Concept,
    pub score: u32,
    /// The name the letters met: the Danish name, the label or another label.
    pub matched: String,
}

/// Lower case, with runs of white space as one space: how names and queries compare.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How well a typed `query` meets `name`, as [`search`] scores a concept's label: 0 is
/// not at all. For names kept beside the catalogue (the agency's local skills).
pub fn score(name: &str, query: &str) -> u32 {
    let query = fold(query);
    if query.is_empty() {
        return 0;
    }
    let words: Vec<&str> = query.split(' ').collect();
    meets(&fold(name), &query, &words)
}

/// How well `query` (folded, with its words) meets `name` (folded); 0 is not at all.
fn meets(name: &str, query: &str, words: &[&str]) -> u32 {
    // Every way of meeting has the first typed word somewhere in the name.
    if !name.contains(words[0]) {
        0
    } else if name == query {
        1_000
    } else if name.starts_with(query) {
        800
    } else if name.split(' ').any(|w| w.starts_with(query)) {
        600
    } else if words.len() > 1
        && words
            .iter()
            .all(|q| name.split(' ').any(|w| w.starts_with(q)))
    {
        400
    } else if name.contains(query) {
        200
    } else {
        0
    }
}

/// `score` and `extra` for a name that met at all: how a preferred name counts a little
/// more than another of the same fit.
pub fn bonus(score: u32, extra: u32) -> u32 {
    if score > 0 { score + extra } else { 0 }
}

/// The `limit` best concepts of `kinds` for `query`, best first. `danish` gives the
/// agency's Danish names by (kind, id); a Danish name that meets counts a little more
/// than the English label, another label a little less. An empty query finds nothing.
pub fn search<'a>(
    catalogue: &'a Catalogue,
    danish: &HashMap<(Kind, String), String>,
    query: &str,
    kinds: &[Kind],
    limit: usize,
) -> Vec<Hit<'a>> {
    let query = fold(query);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let words: Vec<&str> = query.split(' ').collect();
    let mut hits: Vec<(u32, usize, Hit<'a>)> = Vec::new();
    for concept in catalogue
        .concepts
        .iter()
        .filter(|c| kinds.contains(&c.kind))
    {
        let local = if danish.is_empty() {
            None
        } else {
            danish
                .get(&(concept.kind, concept.id.clone()))
                .map(|name| (fold(name), name.clone()))
        };
        let mut best: Option<(u32, usize, String)> = None;
        let mut consider = |score: u32, folded: &str, shown: &str| {
            if score > 0
                && best.as_ref().is_none_or(|(s, len, _)| {
                    (score, usize::MAX - folded.len()) > (*s, usize::MAX - *len)
                })
            {
                best = Some((score, folded.len(), shown.to_string()));
            }
        };
        if let Some((folded, name)) = &local {
            consider(bonus(meets(folded, &query, &words), 20), folded, name);
        }
        for (k, folded) in concept.folded.iter().enumerate() {
            let shown = if k == 0 {
                &concept.label
            } else {
                &concept.alt_labels[k - 1]
            };
            let score = meets(folded, &query, &words);
            // The preferred label counts more than another label of the same fit.
            consider(if k == 0 { bonus(score, 10) } else { score }, folded, shown);
        }
        if let Some((score, length, matched)) = best {
            hits.push((
                score,
                length,
                Hit {
                    concept,
                    score,
                    matched,
                },
            ));
        }
    }
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.concept.label.cmp(&b.2.concept.label))
    });
    hits.truncate(limit);
    hits.into_iter().map(|(_, _, hit)| hit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::shipped;

    fn labels(hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| h.concept.label.clone()).collect()
    }

    #[test]
    fn a_few_letters_find_the_best_twenty_whole_names_and_beginnings_first() {
        let none = HashMap::new();
        let hits = search(shipped(), &none, "forkl", &[Kind::Skill], 20);
        assert_eq!(
            hits[0].concept.label,
            "operate forklift",
            "{:?}",
            labels(&hits)
        );
        let hits = search(shipped(), &none, "sort waste", &[Kind::Skill], 20);
        assert_eq!(hits[0].concept.label, "sort waste");
        assert!(hits.len() <= 20);
        let many = search(shipped(), &none, "a", &[Kind::Skill, Kind::Occupation], 20);
        assert_eq!(many.len(), 20);
        assert!(search(shipped(), &none, "   ", &[Kind::Skill], 20).is_empty());
        assert!(search(shipped(), &none, "qqqxqq", &[Kind::Skill], 20).is_empty());
    }

    #[test]
    fn a_danish_name_finds_its_concept_and_is_what_was_met() {
        let forklift = shipped()
            .concepts
            .iter()
            .find(|c| c.label == "operate forklift")
            .unwrap();
        let danish = HashMap::from([(
            (Kind::Skill, forklift.id.clone()),
            "Truckkørsel".to_string(),
        )]);
        let hits = search(shipped(), &danish, "truck", &[Kind::Skill], 20);
        assert_eq!(hits[0].concept, forklift);
        assert_eq!(hits[0].matched, "Truckkørsel");
        // Occupations are searched only when asked for.
        let jobs = search(shipped(), &danish, "forklift", &[Kind::Occupation], 5);
        assert!(
            jobs.iter().all(|h| h.concept.kind == Kind::Occupation),
            "{:?}",
            labels(&jobs)
        );
    }
}
