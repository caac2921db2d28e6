//! The citizens' newsletter: subscribe with an address and themes, confirm by the mailed
//! link (double opt-in), leave by the link every mail carries, and a monthly digest of
//! the exchange's new and changed cases, news and indicators, queued at most once per
//! person and month.

use super::THEMES;
use crate::mail::{DigestEntry, Message};
use crate::{Result, ServiceError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::contact::Email;
use domain::problem::Errors;
use store::Store;
use store::newsletter::{Subscribed, Subscriber};
use store::outbox::Mail;

/// The recurring job that queues the digest.
pub const DIGEST_JOB: &str = "newsletter_digest";

/// The addresses a subscriber's links go to, from the site's public address.
#[derive(Debug, Clone)]
pub struct Links {
    /// `https://…/newsletter/confirm/`, the token follows.
    pub confirm: String,
    /// `https://…/newsletter/unsubscribe/`, the token follows.
    pub unsubscribe: String,
    /// The site's public address, before `/cases/…` and `/indicators/…`.
    pub site: String,
}

impl Links {
    /// The links of the site at `site` (no trailing slash).
    pub fn of(site: &str) -> Self {
        Self {
            confirm: format!("{site}/newsletter/confirm/"),
            unsubscribe: format!("{site}/newsletter/unsubscribe/"),
            site: site.to_string(),
        }
    }
}

/// Subscribes `email` to `themes` (all when none) in `lang`, and mails the link that
/// confirms it; an address subscribed already is told so instead, by mail, so the page
/// says the same whoever asks.
pub async fn subscribe(
    store: &Store,
    email: &str,
    lang: &str,
    themes: &[String],
    links: &Links,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut e = Errors::new();
    let email = e.check("email", Email::parse(email));
    let lang = match lang.trim() {
        "da" | "en" => Some(lang.trim().to_string()),
        _ => {
            e.push("lang", "must be da or en");
            None
        }
    };
    for (i, theme) in themes.iter().enumerate() {
        if !THEMES.contains(&theme.as_str()) {
            e.push(
                &format!("themes[{i}]"),
                format!("must be one of {}", THEMES.join(", ")),
            );
        }
    }
    let (email, lang) = e
        .finish(|| Some((email?, lang?)))
        .map_err(ServiceError::Invalid)?;
    let address = email.as_str().to_lowercase();
    let message = match store.subscribe(&address, &lang, themes, now).await? {
        Subscribed::New { confirm_token, .. } => Message::NewsletterConfirm {
            link: format!("{}{confirm_token}", links.confirm),
        },
        Subscribed::Known(s) => Message::NewsletterKnown {
            unsubscribe: format!("{}{}", links.unsubscribe, s.unsubscribe_token),
        },
    };
    let mail = Mail {
        to: address,
        language: lang,
        message: message.to_json(),
    };
    store.queue_mail(&mail, now).await?;
    Ok(())
}

/// Confirms a subscription by its mailed token; none when the token is not (or no
/// longer) one.
pub async fn confirm(store: &Store, token: &str, now: DateTime<Utc>) -> Result<Option<Subscriber>> {
    Ok(store.confirm_subscriber(token, now).await?)
}

/// Ends a subscription by its unsubscribe token, deleting the subscriber: whether there
/// was one.
pub async fn unsubscribe(store: &Store, token: &str) -> Result<bool> {
    match store.subscriber_by_unsubscribe(token).await? {
        Some(s) => Ok(store.erase_subscriber(s.id).await?),
        None => Ok(false),
    }
}

/// The month before the one `now` is in, in Copenhagen: the month a digest sent now tells
/// of, as its first day and the first day after it.
pub fn previous_month(now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let today = domain::calendar::local_date(now);
    let this = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let previous = this
        .pred_opt()
        .and_then(|d| NaiveDate::from_ymd_opt(d.year(), d.month(), 1))
        .unwrap_or(this);
    (previous, this)
}

/// The Copenhagen midnight that starts `day`, written as the store writes times.
fn start_of(day: NaiveDate) -> String {
    domain::calendar::local_instant_or_later(day.and_time(chrono::NaiveTime::MIN))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What the digest of `[from, to)` holds for one subscriber: the published cases and news
/// first published or changed then, in their language where the case has it, narrowed to
/// their themes, and the indicators with new figures.
async fn digest_for(
    store: &Store,
    s: &Subscriber,
    (from, to): (&str, &str),
    site: &str,
) -> Result<(Vec<DigestEntry>, Vec<DigestEntry>)> {
    let within = |t: &str| from <= t && t < to;
    let mut entries: Vec<DigestEntry> = Vec::new();
    let published = store.cases("published").await?;
    for c in &published {
        let themed = s.themes.is_empty() || c.themes.iter().any(|t| s.themes.contains(t));
        let fresh = c.published_at.as_deref().is_some_and(within);
        if !themed || !(fresh || within(&c.updated_at)) || c.source_id.is_some() {
            continue;
        }
        let other_here = published
            .iter()
            .any(|o| o.slug == c.slug && o.lang == s.lang && o.lang != c.lang);
        if other_here
            || entries
                .iter()
                .any(|e| e.link.ends_with(&format!("/{}", c.slug)))
        {
            continue;
        }
        let path = if c.kind == "news" { "news" } else { "cases" };
        entries.push(DigestEntry {
            title: c.title.clone(),
            link: format!("{site}/{path}/{}", c.slug),
            new: fresh,
        });
    }
    let mut indicators = Vec::new();
    for indicator in store.indicators().await? {
        let released = store
            .releases(&indicator.id)
            .await?
            .iter()
            .any(|r| within(&r.imported_at));
        if released {
            indicators.push(DigestEntry {
                title: if s.lang == "en" {
                    indicator.title_en.clone()
                } else {
                    indicator.title_da.clone()
                },
                link: format!("{site}/indicators/{}", indicator.id),
                new: false,
            });
        }
    }
    Ok((entries, indicators))
}

/// Queues last month's digest to every subscriber confirmed before that month ended and
/// not sent it yet; a subscriber with nothing new gets none. Answers how many were queued.
pub async fn send_digest(store: &Store, links: &Links, now: DateTime<Utc>) -> Result<usize> {
    let (first, next) = previous_month(now);
    let (from, to) = (start_of(first), start_of(next));
    let month = first.format("%Y-%m").to_string();
    let mut queued = 0;
    for s in store.confirmed_subscribers().await? {
        if s.confirmed_at.as_deref().is_none_or(|t| t >= to.as_str()) {
            continue;
        }
        let (entries, indicators) = digest_for(store, &s, (&from, &to), &links.site).await?;
        if entries.is_empty() && indicators.is_empty() {
            continue;
        }
        let message = Message::NewsletterDigest {
            month: month.clone(),
            entries,
            indicators,
            unsubscribe: format!("{}{}", links.unsubscribe, s.unsubscribe_token),
        };
        let mail = Mail {
            to: s.email.clone(),
            language: s.lang.clone(),
            message: message.to_json(),
        };
        if store.queue_digest(s.id, &month, &mail, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Everything kept on a subscriber, for their export (Art. 15).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SubscriberExport {
    pub email: String,
    pub lang: String,
    pub themes: Vec<String>,
    pub subscribed_at: String,
    pub confirmed_at: Option<String>,
    pub digests_sent: Vec<String>,
}

/// A subscriber's data, for the agency's privacy tools.
pub async fn export(store: &Store, id: i64) -> Result<SubscriberExport> {
    let s = store
        .subscriber(id)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("subscriber {id}")))?;
    Ok(SubscriberExport {
        digests_sent: store.digests_sent(id).await?,
        email: s.email,
        lang: s.lang,
        themes: s.themes,
        subscribed_at: s.created_at,
        confirmed_at: s.confirmed_at,
    })
}

/// Erases a subscriber and what was sent to them (Art. 17).
pub async fn erase(store: &Store, id: i64) -> Result<()> {
    if store.erase_subscriber(id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("subscriber {id}")))
    }
}
