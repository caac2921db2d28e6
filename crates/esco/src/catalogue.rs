//! The concepts: each a skill, an occupation or an ISCO-08 group, with its English label
//! and other labels, read from the compressed file compiled into the crate.

use flate2::read::GzDecoder;
use std::io::Read;
use std::sync::OnceLock;

/// What a concept is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Skill,
    Occupation,
    /// An ISCO-08 group (1 to 4 digits).
    Isco,
}

impl Kind {
    /// As the file and codes write it.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Skill => "skill",
            Kind::Occupation => "occupation",
            Kind::Isco => "isco",
        }
    }
}

/// One concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub kind: Kind,
    /// The last part of its ESCO URI (a UUID), or an ISCO group's code.
    pub id: String,
    /// A skill's reuse level (`transversal`, `cross-sector`); an occupation's ISCO-08 unit
    /// group; an ISCO group's parent group.
    pub group: String,
    /// The preferred label, in English.
    pub label: String,
    /// Other English labels, each once.
    pub alt_labels: Vec<String>,
    /// The label and the other labels in lower case, as search compares them.
    pub(crate) folded: Vec<String>,
}

impl Concept {
    /// Its URI, as ESCO names it.
    pub fn uri(&self) -> String {
        match self.kind {
            Kind::Skill => format!("http://data.europa.eu/esco/skill/{}", self.id),
            Kind::Occupation => format!("http://data.europa.eu/esco/occupation/{}", self.id),
            Kind::Isco => format!("http://data.europa.eu/esco/isco/C{}", self.id),
        }
    }
}

/// Every concept shipped, in the file's order (by kind, then id).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub concepts: Vec<Concept>,
}

impl Catalogue {
    /// The concept of `kind` with `id`, if shipped.
    pub fn find(&self, kind: Kind, id: &str) -> Option<&Concept> {
        let at = self
            .concepts
            .binary_search_by(|c| (c.kind, c.id.as_str()).cmp(&(kind, id)))
            .ok()?;
        self.concepts.get(at)
    }

    /// Reads the file's text: one concept a line, tab-separated kind, id, group, label and
    /// other labels joined by `|`. A line that is not one is named by its number.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut concepts = Vec::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, id, group, label, alts] = fields[..] else {
                return Err(format!(
                    "ESCO line {}: {} fields, not 5",
                    n + 1,
                    fields.len()
                ));
            };
            let kind = match kind {
                "skill" => Kind::Skill,
                "occupation" => Kind::Occupation,
                "isco" => Kind::Isco,
                other => return Err(format!("ESCO line {}: unknown kind '{other}'", n + 1)),
            };
            if id.is_empty() || label.is_empty() {
                return Err(format!("ESCO line {}: no id or label", n + 1));
            }
            let alt_labels: Vec<String> = alts
                .split('|')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let folded = std::iter::once(label)
                .chain(alt_labels.iter().map(String::as_str))
                .map(crate::search::fold)
                .collect();
            concepts.push(Concept {
                kind,
                id: id.to_string(),
                group: group.to_string(),
                label: label.to_string(),
                alt_labels,
                folded,
            });
        }
        concepts.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        Ok(Self { concepts })
    }
}

/// The compressed file, as `scripts/esco.py` writes it.
const SHIPPED: &[u8] = include_bytes!("../data/esco.tsv.gz");

/// The catalogue shipped with kommune, read on first use.
pub fn shipped() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut text = String::new();
        // The file is compiled in and checked by the tests: it always reads.
        GzDecoder::new(SHIPPED)
            .read_to_string(&mut text)
            .ok()
            .and_then(|_| Catalogue::parse(&text).ok())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_holds_the_labelled_skills_the_occupations_and_the_isco_groups() {
        let c = shipped();
        let count = |kind| c.concepts.iter().filter(|x| x.kind == kind).count();
        assert_eq!(
            (
                count(Kind::Skill),
                count(Kind::Occupation),
                count(Kind::Isco)
            ),
            (4_199, 3_007, 619)
        );
        let forklift = c
            .concepts
            .iter()
            .find(|x| x.label == "operate forklift")
            .expect("a labelled skill");
        assert_eq!(c.find(Kind::Skill, &forklift.id), Some(forklift));
        assert!(
            forklift
                .uri()
                .starts_with("http://data.europa.eu/esco/skill/")
        );
        let group = c.find(Kind::Isco, "8344").expect("lifting-truck operators");
        assert_eq!(group.group, "834");
    }

    #[test]
    fn a_damaged_line_is_named() {
        assert_eq!(
            Catalogue::parse("skill\tx\tcross-sector\tsort waste\t\nskill\ty\n").unwrap_err(),
            "ESCO line 2: 2 fields, not 5"
        );
        assert!(
            Catalogue::parse("plant\tx\t\tfern\t\n")
                .unwrap_err()
                .contains("unknown kind")
        );
    }
}
