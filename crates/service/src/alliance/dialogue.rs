//! The Alliance's dialogue with a company: meetings (who, which needs, what was agreed,
//! follow-ups with owners and due dates), shown on the company's record, and the
//! company's candidate bank — candidates it met or wants to hear from again.

use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::{Actor, Role};
use domain::calendar::parse_date;
use domain::contact::{optional_text, required_text};
use domain::problem::Errors;
use serde::{Deserialize, Serialize};
use store::Store;
use store::alliance::dialogue::{Banked, CandidateRef, FollowUp, Meeting};

/// A follow-up as sent.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct FollowUpRequest {
    pub what: String,
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
}

/// A meeting as sent.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MeetingRequest {
    pub company_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    /// Who took part, as written.
    pub attendees: String,
    /// The needs discussed, each one of the company's.
    pub needs: Vec<i64>,
    pub notes: String,
    pub follow_ups: Vec<FollowUpRequest>,
}

/// Keeps a meeting with a company, checked whole; answers its id. For the agency.
pub async fn add_meeting(
    store: &Store,
    by: &Actor,
    request: &MeetingRequest,
    now: DateTime<Utc>,
) -> Result<i64> {
    crate::records::agency_only(by, "meeting")?;
    let mut e = Errors::new();
    let company = match request.company_id {
        Some(id) if store::live(store.company(id).await)?.is_some() => Some(id),
        Some(id) => {
            e.push("company_id", format!("there is no company {id}"));
            None
        }
        None => {
            e.push("company_id", "is required");
            None
        }
    };
    let held_on = e.check("held_on", parse_date(&request.held_on));
    let attendees = e.check("attendees", required_text(&request.attendees, 500));
    let notes = e.check("notes", optional_text(&request.notes, 4000));
    for (i, need) in request.needs.iter().enumerate() {
        let theirs =
            store::live(store.need(*need).await)?.is_some_and(|n| Some(n.company_id) == company);
        if company.is_some() && !theirs {
            e.push(
                &format!("needs[{i}]"),
                format!("need {need} is no need of this company"),
            );
        }
    }
    let mut follow_ups = Vec::new();
    for (i, f) in request.follow_ups.iter().enumerate() {
        let what = e.check(
            &format!("follow_ups[{i}].what"),
            required_text(&f.what, 500),
        );
        let owner = e.check(
            &format!("follow_ups[{i}].owner"),
            required_text(&f.owner, 200),
        );
        let due = e.check(&format!("follow_ups[{i}].due_on"), parse_date(&f.due_on));
        if let (Some(what), Some(owner), Some(due)) = (what, owner, due) {
            follow_ups.push(FollowUp {
                what,
                owner,
                due_on: due.to_string(),
                done_at: None,
            });
        }
    }
    let meeting = e
        .finish(|| {
            Some(Meeting {
                id: 0,
                company_id: company?,
                held_on: held_on?.to_string(),
                attendees: attendees?,
                needs: request.needs.clone(),
                notes: notes?,
                follow_ups: follow_ups.clone(),
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store
        .add_meeting(&meeting, &crate::recorded(by), now)
        .await?)
}

/// A company's meetings, for the agency and the company's contacts.
pub async fn meetings(store: &Store, by: &Actor, company_id: i64) -> Result<Vec<Meeting>> {
    own_company(by, company_id)?;
    Ok(store.meetings(company_id).await?)
}

fn own_company(by: &Actor, company_id: i64) -> Result<()> {
    match by.role {
        Role::Coordinator => Ok(()),
        Role::Company if by.company() == Some(company_id) => Ok(()),
        _ => Err(ServiceError::not_found("company")),
    }
}

/// Whether a candidate said yes to one of the company's needs: the only candidates a
/// company ever sees, and so the only ones it may keep in its bank.
async fn agreed_with(store: &Store, company_id: i64, who: &CandidateRef) -> Result<bool> {
    for intro in store.introductions(None, Some(who)).await? {
        if intro.status != "proposed"
            && intro.status != "declined"
            && store.need(intro.need_id).await?.company_id == company_id
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Puts a candidate in a company's bank with a note. The company's contacts may bank only
/// candidates who said yes to one of its needs.
pub async fn bank(
    store: &Store,
    by: &Actor,
    company_id: i64,
    who: &CandidateRef,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    own_company(by, company_id)?;
    let note = optional_text(note, 500).map_err(|e| ServiceError::invalid("note", e.0))?;
    if !agreed_with(store, company_id, who).await? {
        return Err(ServiceError::not_found("candidate"));
    }
    Ok(store
        .bank_candidate(company_id, who, &note, &crate::recorded(by), now)
        .await?)
}

/// A company's candidate bank, newest first; a student who withdrew their consent is
/// no longer in it.
pub async fn banked(store: &Store, by: &Actor, company_id: i64) -> Result<Vec<Banked>> {
    own_company(by, company_id)?;
    let mut out = Vec::new();
    for b in store.candidate_bank(company_id).await? {
        let gone = b.candidate.kind == "student"
            && !store::live(store.student(b.candidate.id).await)?.is_some_and(|s| s.consent);
        if !gone {
            out.push(b);
        }
    }
    Ok(out)
}
