//! What kommune tells people by e-mail, as values: the outbox keeps a [`Message`] as JSON
//! and the mail job words it in the recipient's language when it sends it, as pages do
//! with the engines' reasons.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One e-mail's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// A worker's planned work changed: one message per re-plan, every change in it.
    WorkChanged {
        name: String,
        changes: Vec<WorkChange>,
    },
    /// A company's requests were staffed, changed or lost their people.
    StaffingChanged {
        company: String,
        changes: Vec<StaffingChange>,
    },
    /// A link to choose a new password, working once for `hours` hours.
    PasswordReset { link: String, hours: i64 },
    /// A student's registration: the personal link confirms it and, later, shows,
    /// changes, exports or deletes the profile.
    StudentWelcome { name: String, link: String },
    /// A candidate proposed for a company's need: the link says yes or no, and nothing
    /// reaches the company before a yes.
    Introduced {
        name: String,
        company: String,
        title: String,
        hours: i64,
        link: String,
    },
    /// An extra pickup the shop ordered is planned: about when the vehicle comes.
    PickupPlanned {
        company: String,
        site: String,
        day: NaiveDate,
        arrives_at: DateTime<Utc>,
    },
    /// An extra pickup the shop ordered has been made: what was collected (fraction
    /// codes and grams), or why nothing was (the outcome's code).
    PickupDone {
        company: String,
        site: String,
        day: NaiveDate,
        outcome: String,
        collected: Vec<(String, i64)>,
    },
    /// Places held at a festival event until the link is followed within `hours`; the
    /// code is shown at the door.
    FestivalHeld {
        name: String,
        event: String,
        event_id: i64,
        starts_at: String,
        /// The event's end, for the `.ics` file the mail carries.
        #[serde(default)]
        ends_at: String,
        people: i64,
        code: String,
        confirm: String,
        cancel: String,
        hours: i64,
    },
    /// A confirmed registration's event is tomorrow.
    FestivalReminder {
        name: String,
        event: String,
        starts_at: String,
        venue: String,
        code: String,
        cancel: String,
    },
    /// A festival event is full: the registration waits at `position`.
    FestivalWaiting {
        name: String,
        event: String,
        position: i64,
        cancel: String,
    },
    /// Places freed at a festival event are offered, held for `hours`.
    FestivalOffered {
        name: String,
        event: String,
        people: i64,
        confirm: String,
        cancel: String,
        hours: i64,
    },
    /// An organiser's event proposal: the first link confirms their address (then the
    /// green agents see it), the second shows and exports their attendee list.
    FestivalSubmitted {
        event: String,
        confirm: String,
        attendees: String,
    },
    /// A festival event someone registered for moved: its new time and place.
    FestivalChanged {
        name: String,
        event: String,
        starts_at: String,
        venue: String,
    },
    /// A festival event someone registered for is cancelled.
    FestivalCancelled { name: String, event: String },
    /// A newsletter subscription waits for its confirmation: the link confirms it.
    NewsletterConfirm { link: String },
    /// Somebody asked to subscribe an address that is subscribed already.
    NewsletterKnown { unsubscribe: String },
    /// The month's digest (`2026-11`): new and changed cases and news, and indicators
    /// with new figures.
    NewsletterDigest {
        month: String,
        entries: Vec<DigestEntry>,
        indicators: Vec<DigestEntry>,
        unsubscribe: String,
    },
}

/// A line of the newsletter's digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestEntry {
    pub title: String,
    pub link: String,
    /// New this month, not only changed.
    pub new: bool,
}

impl Message {
    /// The one-click unsubscribe link a newsletter mail carries in its `List-Unsubscribe`
    /// header (RFC 8058); none for other mail.
    pub fn unsubscribe(&self) -> Option<&str> {
        match self {
            Self::NewsletterKnown { unsubscribe } | Self::NewsletterDigest { unsubscribe, .. } => {
                Some(unsubscribe)
            }
            _ => None,
        }
    }

    /// The message as the outbox keeps it.
    pub fn to_json(&self) -> String {
        // A value of plain strings, dates and numbers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A message read back from the outbox; none when it is not one.
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// One message to each of `company`'s contacts, each in the language of the contact's
/// account (Danish without one).
pub async fn to_contacts(
    store: &store::Store,
    company: &domain::company::Company,
    message: &Message,
) -> Vec<store::outbox::Mail> {
    let mut mails = Vec::new();
    for contact in &company.contacts {
        let language = store
            .account_by_email(contact.email.as_str())
            .await
            .map_or_else(|_| "da".to_string(), |a| a.language);
        mails.push(store::outbox::Mail {
            to: contact.email.to_string(),
            language,
            message: message.to_json(),
        });
    }
    mails
}

/// What happened to one piece of a worker's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// New work for them.
    Given,
    /// Work they no longer have.
    Taken,
    /// The same work at another time.
    Moved,
}

/// One piece of a worker's work that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkChange {
    pub change: Change,
    pub task: String,
    pub company: String,
    /// Where the work is: the site's address.
    pub address: String,
    pub date: NaiveDate,
    /// The hours as they are now (as they were, for work taken).
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// For work moved, the hours it had.
    pub before: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// One occurrence of a company's request whose people or hours changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingChange {
    pub task: String,
    pub date: NaiveDate,
    /// Who is coming now and when; empty when nobody is.
    pub people: Vec<String>,
    pub hours: Option<(DateTime<Utc>, DateTime<Utc>)>,
}
