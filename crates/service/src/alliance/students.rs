//! Students and new graduates in the Alliance: they register themselves on a public page
//! and confirm by the link e-mailed to them; the same personal link lets them see, change,
//! export or delete their profile at any time. No account is needed.

use super::in_range;
use super::skills::SkillBook;
use crate::mail::Message;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::contact::{Email, Language, Locale, required_text};
use domain::problem::Errors;
use serde::{Deserialize, Serialize};
use store::Store;
use store::alliance::dialogue::CandidateRef;
use store::alliance::students::Student;
use store::outbox::Mail;

/// The longest name and education, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Hours a week a student may offer.
pub const HOURS_FREE: std::ops::RangeInclusive<i64> = 1..=37;
/// The most skills and languages a profile holds.
pub const MAX_SKILLS: usize = 30;
pub const MAX_LANGUAGES: usize = 10;

/// A profile as a student fills it in.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StudentRequest {
    pub name: String,
    /// Only when registering; the address cannot be changed afterwards.
    pub email: String,
    /// What they study or studied, and where.
    pub education: String,
    /// Skill codes of the catalogue.
    pub skills: Vec<String>,
    /// 1 to 37 hours a week.
    pub hours_free: Option<i64>,
    /// Two-letter codes: `da`, `en`.
    pub languages: Vec<String>,
    /// A Danish postcode, 4 digits.
    pub postcode: String,
    /// May be contacted about needs that fit.
    pub consent: bool,
    /// The language e-mails are written in (`da` or `en`).
    pub language: String,
}

/// A student's profile as shown to themselves and to the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StudentOut {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub education: String,
    pub skills: Vec<NamedSkill>,
    pub hours_free: i64,
    pub languages: Vec<String>,
    pub postcode: String,
    pub consent: bool,
    pub confirmed: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// A skill code with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NamedSkill {
    pub skill: String,
    pub label: String,
}

/// Checks a profile, naming every bad field; the address only when registering.
fn check(book: &SkillBook, request: &StudentRequest, registering: bool) -> Result<Student> {
    let mut e = Errors::new();
    let name = e.check("name", required_text(&request.name, MAX_NAME_CHARS));
    let email = if registering {
        e.check("email", Email::parse(&request.email))
            .map(|m| store::accounts::normal_email(m.as_str()))
    } else {
        Some(String::new())
    };
    let education = e.check(
        "education",
        required_text(&request.education, MAX_NAME_CHARS),
    );
    let hours = in_range(&mut e, "hours_free", request.hours_free, &HOURS_FREE);
    let mut skills: Vec<String> = Vec::new();
    for (i, code) in request
        .skills
        .iter()
        .filter(|s| !s.trim().is_empty())
        .enumerate()
    {
        match book.resolve(code) {
            Some(s) if !skills.contains(&s) => skills.push(s),
            Some(_) => {}
            None => e.push(
                &format!("skills[{i}]"),
                format!("'{}' is no skill in the catalogue", code.trim()),
            ),
        }
    }
    if skills.len() > MAX_SKILLS {
        e.push(
            "skills",
            format!("a profile holds at most {MAX_SKILLS} skills"),
        );
    }
    let mut languages: Vec<String> = Vec::new();
    for (i, code) in request
        .languages
        .iter()
        .filter(|s| !s.trim().is_empty())
        .enumerate()
    {
        if let Some(l) = e.check(&format!("languages[{i}]"), Language::parse(code))
            && !languages.iter().any(|k| k == l.as_str())
        {
            languages.push(l.as_str().to_string());
        }
    }
    if languages.len() > MAX_LANGUAGES {
        e.push(
            "languages",
            format!("a profile holds at most {MAX_LANGUAGES} languages"),
        );
    }
    let postcode = request.postcode.trim();
    let postcode_ok =
        postcode.len() == 4 && postcode.bytes().all(|b| b.is_ascii_digit()) && postcode >= "0800";
    if !postcode_ok {
        e.push(
            "postcode",
            "must be a Danish postcode of 4 digits, like 9000",
        );
    }
    e.finish(|| {
        Some(Student {
            id: 0,
            name: name?,
            email: email?,
            education: education?,
            skills: skills.clone(),
            hours_free: hours?,
            languages: languages.clone(),
            postcode: postcode.to_string(),
            consent: request.consent,
            created_at: String::new(),
            confirmed_at: None,
            updated_at: String::new(),
        })
    })
    .map_err(ServiceError::Invalid)
}

/// Shows a profile, its skills named in `locale`.
fn shown(book: &SkillBook, s: Student, locale: Locale) -> StudentOut {
    StudentOut {
        skills: s
            .skills
            .iter()
            .map(|code| NamedSkill {
                label: book.label(code, locale),
                skill: code.clone(),
            })
            .collect(),
        id: s.id,
        name: s.name,
        email: s.email,
        education: s.education,
        hours_free: s.hours_free,
        languages: s.languages,
        postcode: s.postcode,
        consent: s.consent,
        confirmed: s.confirmed_at.is_some(),
        created_at: s.created_at,
        updated_at: s.updated_at,
    }
}

/// Registers a student and e-mails the personal link (`link_base` and the token) that
/// confirms the address. Nothing is stored when a field is bad; an address already
/// registered is a conflict. Answers the new student's id.
pub async fn register(
    store: &Store,
    request: &StudentRequest,
    link_base: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let book = SkillBook::load(store).await?;
    let student = check(&book, request, true)?;
    let language = Locale::parse(&request.language).unwrap_or_default();
    let registered = store.register_student(&student, now).await?;
    let message = Message::StudentWelcome {
        name: student.name.clone(),
        link: format!("{link_base}{}", registered.token),
    };
    store
        .queue_mail(
            &Mail {
                to: student.email.clone(),
                language: language.code().to_string(),
                message: message.to_json(),
            },
            now,
        )
        .await?;
    Ok(registered.id)
}

/// The profile a personal link opens (confirming the registration the first time).
pub async fn by_link(
    store: &Store,
    token: &str,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<StudentOut> {
    let student = store
        .student_by_token(token, now)
        .await?
        .ok_or_else(|| ServiceError::not_found("profile"))?;
    let book = SkillBook::load(store).await?;
    Ok(shown(&book, student, locale))
}

/// Changes the profile a personal link opens; the address stays.
pub async fn change(
    store: &Store,
    token: &str,
    request: &StudentRequest,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<StudentOut> {
    let current = store
        .student_by_token(token, now)
        .await?
        .ok_or_else(|| ServiceError::not_found("profile"))?;
    let book = SkillBook::load(store).await?;
    let mut changed = check(&book, request, false)?;
    changed.id = current.id;
    store.update_student(&changed, now).await?;
    let after = store.student(current.id).await?;
    Ok(shown(&book, after, locale))
}

/// Everything the Alliance holds on the student a link opens: the profile, the
/// introductions and who read the profile for a company.
#[derive(Debug, Serialize)]
pub struct StudentExport {
    pub profile: StudentOut,
    pub introductions: Vec<serde_json::Value>,
    pub reads: Vec<serde_json::Value>,
}

/// The student's data, as the right of access asks.
pub async fn export(store: &Store, id: i64, locale: Locale) -> Result<StudentExport> {
    let book = SkillBook::load(store).await?;
    let student =
        store::live(store.student(id).await)?.ok_or_else(|| ServiceError::not_found("student"))?;
    let who = CandidateRef {
        kind: "student".into(),
        id,
    };
    let introductions = store
        .introductions(None, Some(&who))
        .await?
        .into_iter()
        .map(|i| {
            serde_json::json!({
                "need": i.need_id, "status": i.status, "proposed_at": i.proposed_at,
                "answered_at": i.answered_at, "decided_at": i.decided_at,
                "hired_hours": i.hired_hours, "hired_kind": i.hired_kind, "why": i.why,
            })
        })
        .collect();
    let reads = store
        .candidate_reads(&who)
        .await?
        .into_iter()
        .map(|(by, purpose, at)| serde_json::json!({"read_by": by, "purpose": purpose, "read_at": at}))
        .collect();
    Ok(StudentExport {
        profile: shown(&book, student, locale),
        introductions,
        reads,
    })
}

/// The id of the student a personal link opens.
pub async fn id_of_link(store: &Store, token: &str, now: DateTime<Utc>) -> Result<i64> {
    Ok(store
        .student_by_token(token, now)
        .await?
        .ok_or_else(|| ServiceError::not_found("profile"))?
        .id)
}

/// Deletes a student and everything the Alliance holds on them.
pub async fn erase(store: &Store, id: i64) -> Result<()> {
    Ok(store.erase_student(id).await?)
}

/// Every confirmed student who agreed to be contacted, for the agency: one who withdrew
/// their consent is in no list.
pub async fn list(
    store: &Store,
    by: &domain::actor::Actor,
    locale: Locale,
) -> Result<Vec<StudentOut>> {
    crate::records::agency_only(by, "student")?;
    let book = SkillBook::load(store).await?;
    Ok(store
        .students()
        .await?
        .into_iter()
        .filter(|s| s.consent)
        .map(|s| shown(&book, s, locale))
        .collect())
}
