//! The Aalborg Alliance: companies say what competences they need, the agency knows who
//! could grow into them — its own people, with the hours they have proved, and students
//! who registered themselves — and the city sees where the gaps are.
//!
//! - this module: competence needs, entered by a company's contacts or coordinators.
//! - [`skills`]: the catalogue as a use-case reads it: codes resolved, named, made one.
//! - [`candidates`]: people and students as the matching engine sees them, evidence
//!   from confirmed hours included.
//! - [`matches`]: candidates for a need, needs for a candidate, with their reasons.
//! - [`students`]: the public registration and a student's own link.
//! - [`dialogue`]: meetings with companies, their candidate banks.
//! - [`introductions`]: a candidate proposed, their answer first, then the outcome.
//! - [`gaps`]: the skills-gap report and the Alliance's figures.

pub mod candidates;
pub mod dialogue;
pub mod gaps;
pub mod introductions;
pub mod matches;
pub mod skills;
pub mod students;

use crate::{Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::calendar::{near, parse_date};
use domain::contact::{Locale, optional_text, required_text};
use domain::problem::Errors;
use serde::{Deserialize, Serialize};
use skills::SkillBook;
use store::alliance::{Asked, Need, NeedFilter};
use store::{Page, PageRequest, Store};

/// The kinds of job a need can be, as codes.
pub const NEED_KINDS: [&str; 5] = ["ordinary", "flex", "student", "internship", "small_job"];
/// The states a need can be in.
pub const NEED_STATUSES: [&str; 3] = ["open", "filled", "withdrawn"];
/// Hours a week a need may ask: from one hour to full time (37).
pub const HOURS: std::ops::RangeInclusive<i64> = 1..=37;
/// Positions one need may have.
pub const POSITIONS: std::ops::RangeInclusive<i64> = 1..=50;
/// The most skills a need may ask for, must-haves and nice-to-haves together.
pub const MAX_SKILLS: usize = 20;
/// The heaviest lift a need may name, in kg.
pub const MAX_LIFT_KG: i64 = 50;
/// The longest title and description, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 4000;

/// A competence need as entered. A company contact's need is for their own company.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NeedRequest {
    /// Required from coordinators; a company contact's own company otherwise.
    pub company_id: Option<i64>,
    /// One of the company's sites, or none.
    pub site_id: Option<i64>,
    /// An ESCO occupation's id or URI; the title may then be left out.
    pub occupation: Option<String>,
    pub title: String,
    pub description: String,
    /// 1 to 37.
    pub hours_per_week: Option<i64>,
    /// `YYYY-MM-DD`, within a year before or after today.
    pub start_on: String,
    /// `ordinary`, `flex`, `student`, `internship` or `small_job`.
    pub kind: String,
    /// 1 to 50; 1 when left out.
    pub positions: Option<i64>,
    /// Skill codes (a local skill's code, `esco:ID` or an ESCO skill's URI) that are must-haves.
    pub must: Vec<String>,
    /// Skill codes that are nice to have.
    pub nice: Vec<String>,
    /// The heaviest lift the work asks, 0 to 50 kg.
    pub lift_kg: Option<i64>,
    pub standing: bool,
    pub outdoors: bool,
}

/// A skill a need asks for, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AskedOut {
    pub skill: String,
    pub label: String,
    pub must: bool,
}

/// A competence need as the edges show it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct NeedOut {
    pub id: i64,
    pub company_id: i64,
    pub company: String,
    pub site_id: Option<i64>,
    pub occupation: Option<String>,
    pub title: String,
    pub description: String,
    pub hours_per_week: i64,
    pub start_on: String,
    pub kind: String,
    pub positions: i64,
    pub status: String,
    pub skills: Vec<AskedOut>,
    pub lift_kg: i64,
    pub standing: bool,
    pub outdoors: bool,
    pub created_at: String,
}

/// Who may see and change a company's needs: coordinators all, a contact their own.
fn may_touch(by: &Actor, company_id: i64) -> Result<()> {
    match by.role {
        Role::Coordinator => Ok(()),
        Role::Company if by.company() == Some(company_id) => Ok(()),
        _ => Err(ServiceError::not_found("need")),
    }
}

/// Resolves skill codes into `e`, naming the first that is none with its field.
fn asked(
    e: &mut Errors,
    book: &SkillBook,
    field: &str,
    codes: &[String],
    must: bool,
) -> Vec<Asked> {
    let mut out = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        match book.resolve(code) {
            Some(skill) if !out.iter().any(|a: &Asked| a.skill == skill) => {
                out.push(Asked { skill, must })
            }
            Some(_) => {}
            None => e.push(
                &format!("{field}[{i}]"),
                format!(
                    "'{}' is no skill in the catalogue: search /skills for its code",
                    code.trim()
                ),
            ),
        }
    }
    out
}

/// Checks a need's fields and its company and site, naming every bad field.
async fn check_need(
    store: &Store,
    by: &Actor,
    request: &NeedRequest,
    today: NaiveDate,
) -> Result<Need> {
    let book = SkillBook::load(store).await?;
    let mut e = Errors::new();
    let company_id = by.company().or(request.company_id);
    let company = match company_id {
        None => {
            e.push("company_id", "is required");
            None
        }
        Some(id) => match store::live(store.company(id).await)? {
            Some(c) => Some(c),
            None => {
                e.push("company_id", format!("there is no company {id}"));
                None
            }
        },
    };
    if let (Some(site), Some(c)) = (request.site_id, &company)
        && !c.value.site_ids.contains(&site)
    {
        e.push("site_id", format!("is no site of company {}", c.meta.id));
    }
    let occupation = match request.occupation.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(text) => match book.occupation(text) {
            Some(c) => Some(Some(c)),
            None => {
                e.push(
                    "occupation",
                    "is no ESCO occupation kommune ships: give its id or URI, or leave it out",
                );
                None
            }
        },
    };
    let title = match (request.title.trim(), occupation.flatten()) {
        ("", Some(c)) => Some(c.label.clone()),
        (text, _) => e.check("title", required_text(text, MAX_TITLE_CHARS)),
    };
    let description = e.check(
        "description",
        optional_text(&request.description, MAX_DESCRIPTION_CHARS),
    );
    let hours = in_range(&mut e, "hours_per_week", request.hours_per_week, &HOURS);
    let positions = in_range(
        &mut e,
        "positions",
        Some(request.positions.unwrap_or(1)),
        &POSITIONS,
    );
    let lift = in_range(
        &mut e,
        "lift_kg",
        Some(request.lift_kg.unwrap_or(0)),
        &(0..=MAX_LIFT_KG),
    );
    let start = e
        .check("start_on", parse_date(&request.start_on))
        .and_then(|d| e.check("start_on", near(d, today)).map(|()| d));
    let kind = request.kind.trim();
    if !NEED_KINDS.contains(&kind) {
        e.push("kind", format!("must be one of {}", NEED_KINDS.join(", ")));
    }
    let mut skills = asked(&mut e, &book, "must", &request.must, true);
    let nice = asked(&mut e, &book, "nice", &request.nice, false);
    skills.extend(
        nice.into_iter()
            .filter(|n| !skills.iter().any(|m| m.skill == n.skill))
            .collect::<Vec<_>>(),
    );
    if skills.len() > MAX_SKILLS {
        e.push(
            "must",
            format!("a need asks for at most {MAX_SKILLS} skills in all"),
        );
    }
    e.finish(|| {
        Some(Need {
            id: 0,
            company_id: company?.meta.id,
            site_id: request.site_id,
            occupation: occupation?.map(|c| c.id.clone()),
            title: title?,
            description: description?,
            hours_per_week: hours?,
            start_on: start?.to_string(),
            kind: kind.to_string(),
            positions: positions?,
            lift_kg: lift?,
            standing: request.standing,
            outdoors: request.outdoors,
            status: "open".into(),
            skills,
            created_at: String::new(),
            updated_at: String::new(),
        })
    })
    .map_err(ServiceError::Invalid)
}

/// A number that must be given and lie in `range`, named by `field` if not.
pub(crate) fn in_range(
    e: &mut Errors,
    field: &str,
    value: Option<i64>,
    range: &std::ops::RangeInclusive<i64>,
) -> Option<i64> {
    match value {
        None => {
            e.push(field, "is required");
            None
        }
        Some(v) if !range.contains(&v) => {
            e.push(
                field,
                format!("must be between {} and {}", range.start(), range.end()),
            );
            None
        }
        Some(v) => Some(v),
    }
}

/// Keeps a new open need, checked whole; answers it as shown.
pub async fn create_need(
    store: &Store,
    by: &Actor,
    request: &NeedRequest,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<NeedOut> {
    if !matches!(by.role, Role::Coordinator | Role::Company) {
        return Err(ServiceError::not_found("need"));
    }
    let today = domain::calendar::local_date(now);
    let need = check_need(store, by, request, today).await?;
    let id = store.create_need(&need, &crate::recorded(by), now).await?;
    need_out(store, by, id, locale).await
}

/// One need as shown, if the acting person may see it.
pub async fn need_out(store: &Store, by: &Actor, id: i64, locale: Locale) -> Result<NeedOut> {
    let need = store::live(store.need(id).await)?.ok_or_else(|| ServiceError::not_found("need"))?;
    may_touch(by, need.company_id)?;
    let book = SkillBook::load(store).await?;
    let company = store.company(need.company_id).await?.value.company.name;
    Ok(shown(&book, need, company, locale))
}

fn shown(book: &SkillBook, need: Need, company: String, locale: Locale) -> NeedOut {
    NeedOut {
        skills: need
            .skills
            .iter()
            .map(|a| AskedOut {
                label: book.label(&a.skill, locale),
                skill: a.skill.clone(),
                must: a.must,
            })
            .collect(),
        id: need.id,
        company_id: need.company_id,
        company,
        site_id: need.site_id,
        occupation: need.occupation,
        title: need.title,
        description: need.description,
        hours_per_week: need.hours_per_week,
        start_on: need.start_on,
        kind: need.kind,
        positions: need.positions,
        status: need.status,
        lift_kg: need.lift_kg,
        standing: need.standing,
        outdoors: need.outdoors,
        created_at: need.created_at,
    }
}

/// The needs the acting person may see, newest first: a company contact their company's,
/// coordinators every company's or one's. `status` narrows to open, filled or withdrawn.
pub async fn needs(
    store: &Store,
    by: &Actor,
    company_id: Option<i64>,
    status: Option<&str>,
    page: PageRequest,
    locale: Locale,
) -> Result<Page<NeedOut>> {
    let company_id = match by.role {
        Role::Coordinator => company_id,
        Role::Company => Some(
            by.company()
                .ok_or_else(|| ServiceError::not_found("need"))?,
        ),
        _ => return Err(ServiceError::not_found("need")),
    };
    if let Some(s) = status
        && !NEED_STATUSES.contains(&s)
    {
        return Err(ServiceError::invalid(
            "status",
            format!("must be one of {}", NEED_STATUSES.join(", ")),
        ));
    }
    let filter = NeedFilter {
        company_id,
        status: status.map(String::from),
    };
    let found = store.needs(&filter, page).await?;
    let book = SkillBook::load(store).await?;
    let mut names = std::collections::HashMap::new();
    let mut items = Vec::with_capacity(found.items.len());
    for need in found.items {
        let company = match names.get(&need.company_id) {
            Some(name) => String::clone(name),
            None => {
                let name = store.company(need.company_id).await?.value.company.name;
                names.insert(need.company_id, name.clone());
                name
            }
        };
        items.push(shown(&book, need, company, locale));
    }
    Ok(Page {
        items,
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    })
}

/// Every open need, with its skills: what matching and the gap report weigh.
pub(crate) async fn open_needs(store: &Store) -> Result<Vec<Need>> {
    let open = NeedFilter {
        company_id: None,
        status: Some("open".into()),
    };
    Ok(store.needs(&open, PageRequest::all()).await?.items)
}

/// Sets a need's status: filled or withdrawn, or open again.
pub async fn set_status(
    store: &Store,
    by: &Actor,
    id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let need = store::live(store.need(id).await)?.ok_or_else(|| ServiceError::not_found("need"))?;
    may_touch(by, need.company_id)?;
    if !NEED_STATUSES.contains(&status) {
        return Err(ServiceError::invalid(
            "status",
            format!("must be one of {}", NEED_STATUSES.join(", ")),
        ));
    }
    Ok(store
        .set_need_status(id, status, &crate::recorded(by), now)
        .await?)
}
