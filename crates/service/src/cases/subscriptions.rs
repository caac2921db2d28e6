//! Other municipalities' feeds, followed in: an editor subscribes to a feed (Atom, JSON
//! Feed or RSS) by its address and the name its entries are shown under; the fetch job
//! reads every followed feed on a schedule and keeps each entry as an external case —
//! new ones added, changed ones updated in place, none twice. A feed that fails (refused
//! address, timeout, malformed, too large) keeps its entries and says why in its status.

use crate::indicators::editors_only;
use crate::{Result, ServiceError};
use chrono::{DateTime, SecondsFormat, Utc};
use domain::actor::Actor;
use domain::contact::required_text;
use domain::problem::Errors;
use store::Store;
use store::feeds::{ExternalEntry, FeedSource, Kept};

pub use feeds::Policy;

/// The recurring job that fetches every followed feed.
pub const FETCH_JOB: &str = "fetch_feeds";

/// How often the job fetches the feeds unless the operator says otherwise, in minutes.
pub const DEFAULT_FETCH_MINUTES: i64 = 60;

/// Follows the feed at `url`, its entries shown as from `name`. The address must be
/// http(s) and reach only public addresses (loopback too when `policy` allows it).
pub async fn subscribe(
    store: &Store,
    by: &Actor,
    url: &str,
    name: &str,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<i64> {
    editors_only(by)?;
    let mut e = Errors::new();
    let name = e.check("name", required_text(name, 200));
    let url = match feeds::check_address(url.trim(), policy).await {
        Ok(url) => Some(url.to_string()),
        Err(why) => {
            e.push("url", why.code());
            None
        }
    };
    let (url, name) = e
        .finish(|| Some((url?, name?)))
        .map_err(ServiceError::Invalid)?;
    store
        .add_feed_source(&url, &name, &crate::recorded(by), now)
        .await?
        .ok_or_else(|| ServiceError::Conflict(format!("the feed {url} is followed already")))
}

/// Stops following a feed; its entries leave the lists.
pub async fn unsubscribe(store: &Store, by: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
    editors_only(by)?;
    if store.remove_feed_source(id, now).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("followed feed {id}")))
    }
}

/// What one fetch of a feed did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fetched {
    pub new: usize,
    pub changed: usize,
    pub same: usize,
}

/// An entry as kept: Danish unless the feed says English, its time as the store writes
/// times; none when it has no title to list it by.
fn external(entry: &feeds::Entry) -> Option<ExternalEntry> {
    if entry.title.trim().is_empty() {
        return None;
    }
    let lang = match entry.language.as_deref() {
        Some("en") => "en",
        _ => "da",
    };
    Some(ExternalEntry {
        entry: entry.id.clone(),
        title: entry.title.clone(),
        summary: entry.summary.clone(),
        link: entry.link.clone(),
        lang: lang.to_string(),
        updated: entry.updated.to_rfc3339_opts(SecondsFormat::Secs, true),
    })
}

/// Fetches one feed and keeps its entries; a failure is noted in the feed's status (its
/// code and detail) and answered as an error, the entries kept before left as they were.
pub async fn fetch_one(
    store: &Store,
    source: &FeedSource,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<Fetched> {
    let feed = match feeds::fetch(&source.url, policy).await {
        Ok(feed) => feed,
        Err(why) => {
            store
                .record_fetch(source.id, why.code(), &why.to_string(), None, now)
                .await?;
            return Err(ServiceError::Conflict(format!(
                "the feed {} failed: {why}",
                source.url
            )));
        }
    };
    let mut fetched = Fetched::default();
    for entry in feed.entries.iter().filter_map(external) {
        match store.keep_external(source, &entry, now).await? {
            Kept::New => fetched.new += 1,
            Kept::Changed => fetched.changed += 1,
            Kept::Same => fetched.same += 1,
        }
    }
    let count = i64::try_from(fetched.new + fetched.changed + fetched.same).unwrap_or(i64::MAX);
    store
        .record_fetch(source.id, "ok", "", Some(count), now)
        .await?;
    Ok(fetched)
}

/// Fetches every followed feed once; one feed's failure stops none of the others. Answers
/// how many fetched well.
pub async fn fetch_all(store: &Store, policy: &Policy, now: DateTime<Utc>) -> Result<usize> {
    let mut good = 0;
    for source in store.feed_sources().await? {
        if fetch_one(store, &source, policy, now).await.is_ok() {
            good += 1;
        }
    }
    Ok(good)
}
