//! A worker in the agency: who they are, where they live, how many hours they may work,
//! when they can, what they can do — and their functional limits, kept apart because
//! they are health-related (GDPR art. 9): only coordinators see them, and every read is logged.

use crate::calendar::{Absences, ClockTime, WeeklyAvailability, WeeklyHours};
use crate::catalogue::{Skill, parse_skills};
use crate::contact::{Email, Language, Locale, Phone, required_text};
use crate::place::{Address, Coordinates};
use crate::problem::Errors;
use crate::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

/// Where a person is on the way from referral to an ordinary job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonStatus {
    Referred,
    InCourse,
    Active,
    Paused,
    Left(LeaveOutcome),
}

/// What a person left the agency for: the figure the job centre asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeaveOutcome {
    OrdinaryJob,
    Education,
    Other,
}

impl PersonStatus {
    /// The status code without its outcome, as lists filter by it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Referred => "referred",
            Self::InCourse => "in_course",
            Self::Active => "active",
            Self::Paused => "paused",
            Self::Left(_) => "left",
        }
    }

    pub const CODES: &'static [&'static str] =
        &["referred", "in_course", "active", "paused", "left"];

    pub fn outcome(self) -> Option<LeaveOutcome> {
        match self {
            Self::Left(outcome) => Some(outcome),
            _ => None,
        }
    }

    /// Reads a status and, for `left`, its outcome; a reason names whichever is wrong.
    pub fn parse(status: &str, outcome: Option<&str>) -> Result<Self, (&'static str, Invalid)> {
        let outcome = outcome.map(str::trim).filter(|o| !o.is_empty());
        let parsed = match status.trim() {
            "referred" => Self::Referred,
            "in_course" => Self::InCourse,
            "active" => Self::Active,
            "paused" => Self::Paused,
            "left" => {
                let outcome = match outcome {
                    Some("ordinary_job") => LeaveOutcome::OrdinaryJob,
                    Some("education") => LeaveOutcome::Education,
                    Some("other") => LeaveOutcome::Other,
                    Some(o) => {
                        return Err((
                            "leave_outcome",
                            Invalid::new(format!(
                                "'{o}' is not an outcome: use ordinary_job, education or other"
                            )),
                        ));
                    }
                    None => {
                        return Err((
                            "leave_outcome",
                            Invalid::new("is required when the status is left"),
                        ));
                    }
                };
                return Ok(Self::Left(outcome));
            }
            other => {
                return Err((
                    "status",
                    Invalid::new(format!(
                        "'{other}' is not a status: use {}",
                        Self::CODES.join(", ")
                    )),
                ));
            }
        };
        if outcome.is_some() {
            return Err((
                "leave_outcome",
                Invalid::new("only a person who has left has an outcome"),
            ));
        }
        Ok(parsed)
    }
}

impl LeaveOutcome {
    pub fn code(self) -> &'static str {
        match self {
            Self::OrdinaryJob => "ordinary_job",
            Self::Education => "education",
            Self::Other => "other",
        }
    }
}

/// The terms a person works on, which decide what their hours mean for their benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmploymentForm {
    /// A small job while on cash benefit (kontanthjælp).
    SmallJob,
    /// A flex job with the weekly hours the job centre approved.
    FlexJob {
        approved: WeeklyHours,
    },
    Other,
}

impl EmploymentForm {
    pub fn code(self) -> &'static str {
        match self {
            Self::SmallJob => "small_job",
            Self::FlexJob { .. } => "flex_job",
            Self::Other => "other",
        }
    }
}

/// A person as the API and CSV files carry them: plain values, parsed by [`PersonDraft::parse`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PersonDraft {
    #[cfg_attr(feature = "openapi", schema(example = "Mette Larsen"))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "+4520304050"))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schema(example = "mette@example.dk"))]
    pub email: String,
    /// `da` or `en`.
    #[cfg_attr(feature = "openapi", schema(example = "da"))]
    pub preferred_language: String,
    /// Street, postcode and town on one line.
    #[cfg_attr(feature = "openapi", schema(example = "Vesterbro 14, 9000 Aalborg"))]
    pub address: String,
    #[cfg_attr(feature = "openapi", schema(example = 57.0479))]
    pub latitude: Option<f64>,
    #[cfg_attr(feature = "openapi", schema(example = 9.9187))]
    pub longitude: Option<f64>,
    /// referred, in_course, active, paused or left.
    #[cfg_attr(feature = "openapi", schema(example = "active"))]
    pub status: String,
    /// ordinary_job, education or other; only when the status is left.
    pub leave_outcome: Option<String>,
    /// small_job, flex_job or other.
    #[cfg_attr(feature = "openapi", schema(example = "small_job"))]
    pub employment_form: String,
    /// The weekly hours the job centre approved; only for a flex job.
    pub flex_approved_hours: Option<f64>,
    /// Hours a week the person aims for, in quarter hours.
    #[cfg_attr(feature = "openapi", schema(example = 6.0))]
    pub weekly_target_hours: Option<f64>,
    /// Hours a week the person must never exceed, in quarter hours.
    #[cfg_attr(feature = "openapi", schema(example = 8.0))]
    pub weekly_cap_hours: Option<f64>,
    /// Recurring weekly windows, `Mon 09:00-13:00, Wed 10:00-12:00`.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Mon 09:00-13:00, Wed 10:00-12:00")
    )]
    pub availability: String,
    /// Dated exceptions, `2026-12-24..2026-12-31 holiday, 2026-12-02 sick`.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "2026-12-24..2026-12-31 holiday")
    )]
    pub absences: String,
    /// Skill codes from the catalogue.
    #[cfg_attr(feature = "openapi", schema(example = json!(["cleaning", "sorting"])))]
    pub skills: Vec<String>,
    /// Two-letter codes of the languages the person speaks.
    #[cfg_attr(feature = "openapi", schema(example = json!(["da", "en"])))]
    pub languages: Vec<String>,
}

/// A worker in the agency. Functional limits live in [`FunctionalLimits`], apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub phone: Phone,
    pub email: Email,
    pub preferred_language: Locale,
    pub home: Address,
    pub status: PersonStatus,
    pub employment: EmploymentForm,
    pub weekly_target: WeeklyHours,
    pub weekly_cap: WeeklyHours,
    pub availability: WeeklyAvailability,
    pub absences: Absences,
    pub skills: Vec<Skill>,
    pub languages: Vec<Language>,
}

fn required<T>(value: Option<T>) -> Result<T, Invalid> {
    value.ok_or_else(|| Invalid::new("is required"))
}

/// Reads optional coordinates from a draft's two fields, naming the one that is wrong.
pub(crate) fn parse_coordinates(
    errors: &mut Errors,
    latitude: Option<f64>,
    longitude: Option<f64>,
) -> Option<Coordinates> {
    let lat = errors.check("latitude", required(latitude));
    let lon = errors.check("longitude", required(longitude));
    let (lat, lon) = (lat?, lon?);
    match Coordinates::parse(lat, lon) {
        Ok(c) => Some(c),
        Err(e) => {
            let field = if (-90.0..=90.0).contains(&lat) {
                "longitude"
            } else {
                "latitude"
            };
            errors.push(field, e.0);
            None
        }
    }
}

/// The most languages one person's record lists.
pub const MAX_LANGUAGES: usize = 20;

impl PersonDraft {
    /// Parses every field, returning all the failures at once.
    pub fn parse(&self) -> Result<Person, Vec<FieldError>> {
        let mut e = Errors::new();
        let name = e.check("name", required_text(&self.name, 200));
        let phone = e.check("phone", Phone::parse(&self.phone));
        let email = e.check("email", Email::parse(&self.email));
        let locale = e.check(
            "preferred_language",
            Locale::parse(&self.preferred_language),
        );
        let line = e.check("address", Address::parse_line(&self.address));
        let coordinates = parse_coordinates(&mut e, self.latitude, self.longitude);
        let status = match PersonStatus::parse(&self.status, self.leave_outcome.as_deref()) {
            Ok(s) => Some(s),
            Err((field, reason)) => {
                e.push(field, reason.0);
                None
            }
        };
        let target = e.check(
            "weekly_target_hours",
            required(self.weekly_target_hours).and_then(WeeklyHours::from_hours),
        );
        let cap = e.check(
            "weekly_cap_hours",
            required(self.weekly_cap_hours).and_then(WeeklyHours::from_hours),
        );
        if let (Some(t), Some(c)) = (target, cap)
            && t > c
        {
            e.push(
                "weekly_target_hours",
                format!(
                    "the target ({} h) is above the weekly cap ({} h)",
                    t.hours(),
                    c.hours()
                ),
            );
        }
        let employment = self.parse_employment(&mut e, cap);
        let availability = e.check(
            "availability",
            WeeklyAvailability::parse(&self.availability),
        );
        let absences = e.check("absences", Absences::parse(&self.absences));
        let skills = e.check("skills", parse_skills(&self.skills));
        let languages = e.check("languages", self.parse_languages());
        e.finish(|| {
            Some(Person {
                name: name?,
                phone: phone?,
                email: email?,
                preferred_language: locale?,
                home: Address {
                    line: line?,
                    coordinates: coordinates?,
                },
                status: status?,
                employment: employment?,
                weekly_target: target?,
                weekly_cap: cap?,
                availability: availability?,
                absences: absences?,
                skills: skills?,
                languages: languages?,
            })
        })
    }

    fn parse_employment(&self, e: &mut Errors, cap: Option<WeeklyHours>) -> Option<EmploymentForm> {
        match (self.employment_form.trim(), self.flex_approved_hours) {
            ("small_job", None) => Some(EmploymentForm::SmallJob),
            ("other", None) => Some(EmploymentForm::Other),
            ("small_job" | "other", Some(_)) => {
                e.push("flex_approved_hours", "only a flex job has approved hours");
                None
            }
            ("flex_job", None) => {
                e.push("flex_approved_hours", "is required for a flex job");
                None
            }
            ("flex_job", Some(hours)) => {
                let approved = e.check("flex_approved_hours", WeeklyHours::from_hours(hours))?;
                if cap.is_some_and(|c| c > approved) {
                    e.push(
                        "weekly_cap_hours",
                        format!(
                            "the cap is above the flex job's approved {} h",
                            approved.hours()
                        ),
                    );
                }
                Some(EmploymentForm::FlexJob { approved })
            }
            (other, _) => {
                e.push(
                    "employment_form",
                    format!(
                        "'{other}' is not an employment form: use small_job, flex_job or other"
                    ),
                );
                None
            }
        }
    }

    fn parse_languages(&self) -> Result<Vec<Language>, Invalid> {
        if self.languages.len() > MAX_LANGUAGES {
            return Err(Invalid::new(format!(
                "{} languages are more than the {MAX_LANGUAGES} a record lists",
                self.languages.len()
            )));
        }
        let mut languages: Vec<Language> = self
            .languages
            .iter()
            .map(|l| Language::parse(l))
            .collect::<Result<_, _>>()?;
        languages.sort();
        languages.dedup();
        Ok(languages)
    }
}

impl From<&Person> for PersonDraft {
    fn from(p: &Person) -> Self {
        Self {
            name: p.name.clone(),
            phone: p.phone.to_string(),
            email: p.email.to_string(),
            preferred_language: p.preferred_language.code().into(),
            address: p.home.line.clone(),
            latitude: Some(p.home.coordinates.latitude),
            longitude: Some(p.home.coordinates.longitude),
            status: p.status.code().into(),
            leave_outcome: p.status.outcome().map(|o| o.code().into()),
            employment_form: p.employment.code().into(),
            flex_approved_hours: match p.employment {
                EmploymentForm::FlexJob { approved } => Some(approved.hours()),
                _ => None,
            },
            weekly_target_hours: Some(p.weekly_target.hours()),
            weekly_cap_hours: Some(p.weekly_cap.hours()),
            availability: p.availability.to_string(),
            absences: p.absences.to_string(),
            skills: p.skills.iter().map(|s| s.code().to_string()).collect(),
            languages: p.languages.iter().map(|l| l.as_str().to_string()).collect(),
        }
    }
}

/// What a person should not be asked to do, in functional terms — never a diagnosis.
/// Each limit is optional; an absent one means no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FunctionalLimits {
    pub max_lift_kg: Option<u16>,
    pub max_stretch_minutes: Option<u16>,
    pub indoor_only: bool,
    pub not_before: Option<ClockTime>,
    pub needs_colleague: bool,
    pub max_travel_minutes: Option<u16>,
}

/// Functional limits as the API and CSV files carry them. A member not in [`Self::MEMBERS`]
/// is refused, not ignored, where they arrive: what is kept about a person's health is
/// exactly this.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FunctionalLimitsDraft {
    /// Heaviest load the person may lift, in kg.
    #[cfg_attr(feature = "openapi", schema(example = 10))]
    pub max_lift_kg: Option<i64>,
    /// Longest stretch of work without a break, in minutes.
    #[cfg_attr(feature = "openapi", schema(example = 120))]
    pub max_stretch_minutes: Option<i64>,
    pub indoor_only: bool,
    /// Earliest start of the day, `HH:MM`.
    #[cfg_attr(feature = "openapi", schema(example = "09:00"))]
    pub not_before: Option<String>,
    /// A colleague must be present.
    pub needs_colleague: bool,
    /// Longest travel from home to a task, in minutes.
    #[cfg_attr(feature = "openapi", schema(example = 30))]
    pub max_travel_minutes: Option<i64>,
}

fn bounded(value: Option<i64>, min: i64, max: i64, unit: &str) -> Result<Option<u16>, Invalid> {
    match value {
        None => Ok(None),
        Some(v) if (min..=max).contains(&v) => Ok(Some(v as u16)),
        Some(v) => Err(Invalid::new(format!(
            "{v} {unit} is not between {min} and {max}"
        ))),
    }
}

impl FunctionalLimitsDraft {
    /// Every member the draft has, as its JSON names them.
    pub const MEMBERS: [&'static str; 6] = [
        "max_lift_kg",
        "max_stretch_minutes",
        "indoor_only",
        "not_before",
        "needs_colleague",
        "max_travel_minutes",
    ];

    pub fn parse(&self) -> Result<FunctionalLimits, Vec<FieldError>> {
        let mut e = Errors::new();
        let lift = e.check("max_lift_kg", bounded(self.max_lift_kg, 0, 100, "kg"));
        let stretch = e.check(
            "max_stretch_minutes",
            bounded(self.max_stretch_minutes, 15, 720, "minutes"),
        );
        let not_before = e.check(
            "not_before",
            self.not_before
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(ClockTime::parse)
                .transpose(),
        );
        let travel = e.check(
            "max_travel_minutes",
            bounded(self.max_travel_minutes, 0, 240, "minutes"),
        );
        e.finish(|| {
            Some(FunctionalLimits {
                max_lift_kg: lift?,
                max_stretch_minutes: stretch?,
                indoor_only: self.indoor_only,
                not_before: not_before?,
                needs_colleague: self.needs_colleague,
                max_travel_minutes: travel?,
            })
        })
    }
}

impl From<&FunctionalLimits> for FunctionalLimitsDraft {
    fn from(l: &FunctionalLimits) -> Self {
        Self {
            max_lift_kg: l.max_lift_kg.map(i64::from),
            max_stretch_minutes: l.max_stretch_minutes.map(i64::from),
            indoor_only: l.indoor_only,
            not_before: l.not_before.map(|t| t.to_string()),
            needs_colleague: l.needs_colleague,
            max_travel_minutes: l.max_travel_minutes.map(i64::from),
        }
    }
}

/// Why someone reads a person's functional limits: every read is logged with it, so it
/// must say something, briefly (at most 200 characters).
pub type ReadPurpose = crate::problem::Brief<200>;

#[cfg(test)]
mod tests {
    #[test]
    fn a_purpose_must_say_something_briefly() {
        use crate::problem::BriefProblem;
        assert_eq!(ReadPurpose::parse("  "), Err(BriefProblem::Missing));
        let long = "x".repeat(ReadPurpose::MAX_CHARS + 1);
        assert_eq!(ReadPurpose::parse(&long), Err(BriefProblem::TooLong));
        let most = "x".repeat(ReadPurpose::MAX_CHARS);
        assert_eq!(ReadPurpose::parse(&most).map(|p| p.as_str().len()), Ok(200));
        assert_eq!(
            ReadPurpose::parse(" planning ").unwrap().as_str(),
            "planning"
        );
    }

    use super::*;

    pub(crate) fn draft() -> PersonDraft {
        PersonDraft {
            name: "Mette Larsen".into(),
            phone: "20 30 40 50".into(),
            email: "mette@example.dk".into(),
            preferred_language: "da".into(),
            address: "Vesterbro 14, 9000 Aalborg".into(),
            latitude: Some(57.0479),
            longitude: Some(9.9187),
            status: "active".into(),
            employment_form: "small_job".into(),
            weekly_target_hours: Some(6.0),
            weekly_cap_hours: Some(8.0),
            availability: "Mon 09:00-13:00".into(),
            skills: vec!["sorting".into(), "cleaning".into()],
            languages: vec!["da".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_good_draft_parses_and_prints_back() {
        let person = draft().parse().unwrap();
        let again = PersonDraft::from(&person);
        assert_eq!(again.parse().unwrap(), person);
        assert_eq!(again.phone, "+4520304050");
        assert_eq!(again.skills, vec!["cleaning", "sorting"]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = PersonDraft {
            email: "nope".into(),
            latitude: None,
            weekly_target_hours: Some(9.0),
            status: "left".into(),
            skills: vec!["juggling".into()],
            ..draft()
        };
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "email",
                "latitude",
                "leave_outcome",
                "weekly_target_hours",
                "skills"
            ]
        );
    }

    #[test]
    fn flex_jobs_carry_approved_hours_within_the_cap() {
        let flex = PersonDraft {
            employment_form: "flex_job".into(),
            flex_approved_hours: Some(6.0),
            ..draft()
        };
        let fields: Vec<String> = flex
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["weekly_cap_hours"]);
        let ok = PersonDraft {
            flex_approved_hours: Some(10.0),
            ..flex
        };
        assert!(ok.parse().is_ok());
    }

    #[test]
    fn the_limits_members_are_the_drafts_own() {
        let value = serde_json::to_value(FunctionalLimitsDraft::default()).unwrap();
        let mut names: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut members = FunctionalLimitsDraft::MEMBERS.to_vec();
        names.sort_unstable();
        members.sort_unstable();
        assert_eq!(names, members);
    }

    #[test]
    fn limits_are_bounded() {
        let bad = FunctionalLimitsDraft {
            max_lift_kg: Some(-1),
            not_before: Some("9".into()),
            ..Default::default()
        };
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["max_lift_kg", "not_before"]);
    }
}
