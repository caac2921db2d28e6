//! Decides the format by content and turns what the readers found into [`Entry`]s,
//! dropping entries that lack an id, a safe link or a date.

use chrono::{DateTime, Utc};

use crate::text::{Markup, plain, truncate};
use crate::{Entry, Feed, FeedError, MAX_ID_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, Policy};
use crate::{atom, check_url, json};

/// Parses an Atom, RSS 2.0 or JSON Feed document, whatever the server's Content-Type said
/// (many servers send feeds as text/html or text/plain).
pub fn parse(body: &[u8], policy: &Policy) -> Result<Feed, FeedError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let mut entries = Collector::new(policy.max_entries);
    let raw = match first {
        Some(b'{') => json::read(body, &mut entries)?,
        Some(b'<') => {
            let text = std::str::from_utf8(body)
                .map_err(|e| FeedError::Malformed(format!("not UTF-8 ({e})")))?;
            atom::read(text, &mut entries)?
        }
        _ => return Err(FeedError::NotAFeed("neither XML nor JSON")),
    };
    Ok(entries.finish(raw))
}

/// What a reader found about the feed itself.
#[derive(Debug, Default)]
pub(crate) struct RawFeed {
    pub title: Option<(String, Markup)>,
    pub language: Option<String>,
}

/// What a reader found in one entry, before it is checked and made plain.
#[derive(Debug, Default)]
pub(crate) struct RawEntry {
    pub id: Option<String>,
    pub title: Option<(String, Markup)>,
    pub summary: Option<(String, Markup)>,
    /// Candidate links to the entry's page, best first.
    pub links: Vec<String>,
    pub updated: Option<DateTime<Utc>>,
    pub published: Option<DateTime<Utc>>,
    pub language: Option<String>,
}

/// Gathers usable entries and tells the readers when to stop, so a feed with thousands
/// of entries costs no more than `max_entries` of them.
pub(crate) struct Collector {
    max: usize,
    entries: Vec<Entry>,
}

impl Collector {
    fn new(max: usize) -> Self {
        Self {
            max,
            entries: Vec::new(),
        }
    }

    /// Whether no more entries are wanted.
    pub fn is_full(&self) -> bool {
        self.entries.len() >= self.max
    }

    /// Keeps `raw` if it is usable and there is room; returns whether the collector is full.
    pub fn offer(&mut self, raw: RawEntry) -> bool {
        if !self.is_full()
            && let Some(entry) = finish_entry(raw)
        {
            self.entries.push(entry);
        }
        self.is_full()
    }

    fn finish(mut self, raw: RawFeed) -> Feed {
        let language = raw.language.as_deref().and_then(primary_language);
        for entry in &mut self.entries {
            if entry.language.is_none() {
                entry.language.clone_from(&language);
            }
        }
        Feed {
            title: raw
                .title
                .map_or_else(String::new, |(t, m)| plain(&t, m, MAX_TITLE_CHARS)),
            entries: self.entries,
        }
    }
}

fn finish_entry(raw: RawEntry) -> Option<Entry> {
    let id = raw.id?.trim().to_owned();
    // Too long an id is skipped rather than cut: two cut ids could become one.
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
        return None;
    }
    let link = raw.links.iter().find_map(|l| check_url(l.trim()).ok())?;
    let updated = raw.updated.or(raw.published)?;
    let summary = raw
        .summary
        .map_or_else(String::new, |(s, m)| plain(&s, m, MAX_SUMMARY_CHARS));
    let mut title = raw
        .title
        .map_or_else(String::new, |(t, m)| plain(&t, m, MAX_TITLE_CHARS));
    // JSON Feed and RSS items may have no title; the start of the summary stands in.
    if title.is_empty() {
        title = truncate(&summary, MAX_TITLE_CHARS);
    }
    Some(Entry {
        id,
        title,
        summary,
        link: link.into(),
        updated,
        language: raw.language.as_deref().and_then(primary_language),
    })
}

/// "da-DK" → "da": the lowercased primary subtag of a language tag, if it looks like one.
pub(crate) fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    let plausible =
        (2..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    plausible.then(|| primary.to_ascii_lowercase())
}

/// An RFC 3339 date (Atom, JSON Feed, `dc:date`).
pub(crate) fn rfc3339(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|d| d.to_utc())
}

/// An RFC 2822 date (RSS `pubDate`).
pub(crate) fn rfc2822(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|d| d.to_utc())
}
