//! What a driver reports from a site, and the rules every report keeps wherever it comes
//! from — the driver's page or the store — so both give the same answer.

use super::Fraction;
use crate::problem::FieldError;

/// The longest note kept with a pickup, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// What happened at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Collected,
    /// The site had nothing to hand over.
    Nothing,
    Closed,
    /// The waste was not what it should be; a note says what.
    Contaminated,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Collected,
        Outcome::Nothing,
        Outcome::Closed,
        Outcome::Contaminated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Collected => "collected",
            Outcome::Nothing => "nothing",
            Outcome::Closed => "closed",
            Outcome::Contaminated => "contaminated",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A rule a pickup report breaks; pages say it in their language, the store in a
/// field error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickupProblem {
    /// Contaminated waste needs a note saying what was wrong.
    NoteMissing,
    /// The note is longer than [`MAX_NOTE_CHARS`].
    NoteTooLong,
    /// Collected, but no fraction weighed.
    NothingWeighed,
    /// A weight below zero.
    NegativeWeight { fraction: Fraction, grams: i64 },
    /// More than one pickup may weigh ([`super::MAX_PICKUP_KG`]).
    TooHeavy { fraction: Fraction, grams: i64 },
}

impl PickupProblem {
    /// The report's field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            PickupProblem::NoteMissing | PickupProblem::NoteTooLong => "note",
            PickupProblem::NothingWeighed
            | PickupProblem::NegativeWeight { .. }
            | PickupProblem::TooHeavy { .. } => "weighed",
        }
    }

    /// The problem as a field error, in English, for the API and the store.
    pub fn field_error(&self) -> FieldError {
        let reason = match self {
            PickupProblem::NoteMissing => "say what was wrong with the waste".to_string(),
            PickupProblem::NoteTooLong => format!("is longer than {MAX_NOTE_CHARS} characters"),
            PickupProblem::NothingWeighed => "a collection weighs at least one fraction".into(),
            PickupProblem::NegativeWeight { fraction, grams } => {
                format!("{}: {grams} g is negative", fraction.code())
            }
            PickupProblem::TooHeavy { fraction, grams } => format!(
                "{}: {grams} g is more than the {} kg one pickup may weigh",
                fraction.code(),
                super::MAX_PICKUP_KG
            ),
        };
        FieldError::new(self.field(), reason)
    }
}

/// The rules a report breaks, in the order a form shows them: a collected pickup weighs
/// at least one fraction, none below zero and none above what one pickup may weigh;
/// contaminated waste comes with a note; a note fits.
pub fn pickup_problems(
    outcome: Outcome,
    weighed: &[(Fraction, i64)],
    note: Option<&str>,
) -> Vec<PickupProblem> {
    let mut problems = Vec::new();
    if outcome == Outcome::Collected {
        problems.extend(
            weighed
                .iter()
                .filter(|(_, grams)| *grams < 0)
                .map(|&(fraction, grams)| PickupProblem::NegativeWeight { fraction, grams }),
        );
        let most = i64::from(super::MAX_PICKUP_KG) * 1000;
        problems.extend(
            weighed
                .iter()
                .filter(|(_, grams)| *grams > most)
                .map(|&(fraction, grams)| PickupProblem::TooHeavy { fraction, grams }),
        );
        if weighed.is_empty() {
            problems.push(PickupProblem::NothingWeighed);
        }
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if outcome == Outcome::Contaminated && note.is_none() {
        problems.push(PickupProblem::NoteMissing);
    }
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        problems.push(PickupProblem::NoteTooLong);
    }
    problems
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_fraction_weighs_more_than_a_pickup_may() {
        let most = i64::from(super::super::MAX_PICKUP_KG) * 1000;
        let ok = [(Fraction::Cardboard, most)];
        assert!(pickup_problems(Outcome::Collected, &ok, None).is_empty());
        let heavy = [(Fraction::Cardboard, most + 1)];
        assert_eq!(
            pickup_problems(Outcome::Collected, &heavy, None),
            [PickupProblem::TooHeavy {
                fraction: Fraction::Cardboard,
                grams: most + 1
            }]
        );
    }

    use super::*;

    #[test]
    fn contaminated_waste_needs_a_note_that_fits() {
        use PickupProblem::*;
        let contaminated = Outcome::Contaminated;
        assert_eq!(pickup_problems(contaminated, &[], None), [NoteMissing]);
        assert_eq!(
            pickup_problems(contaminated, &[], Some("  ")),
            [NoteMissing]
        );
        assert!(pickup_problems(contaminated, &[], Some("food in the cardboard")).is_empty());
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            pickup_problems(Outcome::Closed, &[], Some(&long)),
            [NoteTooLong]
        );
    }

    #[test]
    fn a_collected_pickup_weighs_something_and_nothing_below_zero() {
        use PickupProblem::*;
        let collected = Outcome::Collected;
        assert_eq!(pickup_problems(collected, &[], None), [NothingWeighed]);
        assert_eq!(
            pickup_problems(collected, &[(Fraction::Cardboard, -5)], None),
            [NegativeWeight {
                fraction: Fraction::Cardboard,
                grams: -5
            }]
        );
        assert!(pickup_problems(collected, &[(Fraction::Paper, 1_200)], None).is_empty());
        assert!(pickup_problems(Outcome::Nothing, &[], None).is_empty());
        assert_eq!(NoteMissing.field_error().field, "note");
    }

    #[test]
    fn outcome_codes_read_back() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.code()), Some(outcome));
        }
    }
}
