//! The UN Sustainable Development Goals and their targets as kommune ships them:
//! `data/sdg.tsv`, reduced by `scripts/sdg.py` from Open SDG's `sdg-translations` (MIT
//! licence, `data/SDG-LICENSE`). Titles are English; the 17 goals' short titles are also
//! given in Danish (kommune's translation). Targets are shown in English, marked as such.

use std::sync::OnceLock;

/// A goal (`13`) or a target (`13.2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    /// A goal's short title in English; empty for a target.
    pub short_en: String,
    pub title_en: String,
    /// A goal's short title in Danish; empty for a target.
    pub short_da: String,
}

/// The goals and targets shipped.
#[derive(Debug)]
pub struct Sdg {
    pub goals: Vec<Entry>,
    pub targets: Vec<Entry>,
}

impl Sdg {
    /// A goal by its number, `1` to `17`.
    pub fn goal(&self, number: u8) -> Option<&Entry> {
        self.goals.get(usize::from(number).checked_sub(1)?)
    }

    /// A goal or a target by its code, `13` or `13.2`.
    pub fn find(&self, code: &str) -> Option<&Entry> {
        let code = code.trim();
        self.goals
            .iter()
            .chain(&self.targets)
            .find(|e| e.code == code)
    }

    /// The targets of a goal, in order.
    pub fn targets_of(&self, goal: u8) -> impl Iterator<Item = &Entry> {
        let prefix = format!("{goal}.");
        self.targets
            .iter()
            .filter(move |t| t.code.starts_with(&prefix))
    }
}

/// The goal a code belongs to: `13.2` → 13.
pub fn goal_of(code: &str) -> Option<u8> {
    code.split('.')
        .next()?
        .parse()
        .ok()
        .filter(|g| (1..=17).contains(g))
}

/// The shipped goals and targets, read once.
pub fn shipped() -> &'static Sdg {
    static SDG: OnceLock<Sdg> = OnceLock::new();
    SDG.get_or_init(|| {
        let mut sdg = Sdg {
            goals: Vec::new(),
            targets: Vec::new(),
        };
        for line in include_str!("../data/sdg.tsv").lines() {
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |i: usize| cells.get(i).copied().unwrap_or_default().to_string();
            let entry = Entry {
                code: cell(1),
                short_en: cell(2),
                title_en: cell(3),
                short_da: cell(4),
            };
            match cells.first() {
                Some(&"goal") => sdg.goals.push(entry),
                Some(&"target") => sdg.targets.push(entry),
                _ => {}
            }
        }
        sdg
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_17_goals_and_169_targets_are_shipped() {
        let sdg = shipped();
        assert_eq!(sdg.goals.len(), 17);
        assert_eq!(sdg.targets.len(), 169);
        assert_eq!(sdg.goal(13).unwrap().short_da, "Klimaindsats");
        assert_eq!(sdg.goal(13).unwrap().short_en, "Climate action");
        assert!(
            sdg.find("13.2")
                .unwrap()
                .title_en
                .starts_with("Integrate climate")
        );
        assert_eq!(sdg.targets_of(11).count(), 10);
        assert!(sdg.find("18").is_none() && sdg.goal(0).is_none());
        assert_eq!(goal_of("11.2"), Some(11));
        assert_eq!(goal_of("18"), None);
    }
}
