//! Reads JSON Feed 1.0 and 1.1 (jsonfeed.org) as a stream of items, so a huge `items`
//! array costs one item's memory at a time and nothing past `max_entries`.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::FeedError;
use crate::parse::{Collector, RawEntry, RawFeed, rfc3339};
use crate::text::{Markup, truncate};

/// Every JSON Feed version URL starts with this.
const VERSION_PREFIX: &str = "https://jsonfeed.org/version/";

/// Reads a JSON document that must be a JSON Feed.
pub(crate) fn read(body: &[u8], entries: &mut Collector) -> Result<RawFeed, FeedError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let top = TopLevel { entries }
        .deserialize(&mut deserializer)
        .and_then(|top| deserializer.end().map(|()| top))
        .map_err(|e| FeedError::Malformed(truncate(&e.to_string(), 200)))?;
    if !top.version.is_some_and(|v| v.starts_with(VERSION_PREFIX)) {
        return Err(FeedError::NotAFeed("JSON, but no JSON Feed version"));
    }
    Ok(RawFeed {
        title: top.title.map(|t| (t, Markup::Text)),
        language: top.language,
    })
}

/// The feed-level fields; the items go straight to the collector.
#[derive(Default)]
struct Found {
    version: Option<String>,
    title: Option<String>,
    language: Option<String>,
}

struct TopLevel<'c> {
    entries: &'c mut Collector,
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_> {
    type Value = Found;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Found, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON Feed object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found::default();
        while let Some(key) = map.next_key::<String>()? {
            // Read as `Value`, so a field of the wrong type is ignored rather than fatal.
            match key.as_str() {
                "version" => found.version = string(&map.next_value()?),
                "title" => found.title = string(&map.next_value()?),
                "language" => found.language = string(&map.next_value()?),
                "items" => map.next_value_seed(Items {
                    entries: &mut *self.entries,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

struct Items<'c> {
    entries: &'c mut Collector,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while !self.entries.is_full() {
            match seq.next_element::<Value>()? {
                Some(item) => self.entries.offer(raw_item(&item)),
                None => return Ok(()),
            };
        }
        // The rest is still read, so malformed JSON after it is noticed, but not kept.
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

fn raw_item(item: &Value) -> RawEntry {
    let field = |name: &str| item.get(name).and_then(string);
    let summary = field("summary")
        .map(|s| (s, Markup::Text))
        .or_else(|| field("content_text").map(|s| (s, Markup::Text)))
        .or_else(|| field("content_html").map(|s| (s, Markup::Html)));
    RawEntry {
        // The spec asks readers to take a numeric id as its string form.
        id: match item.get("id") {
            Some(Value::Number(n)) => Some(n.to_string()),
            other => other.and_then(string),
        },
        title: field("title").map(|t| (t, Markup::Text)),
        summary,
        links: ["url", "external_url"]
            .into_iter()
            .filter_map(field)
            .collect(),
        updated: field("date_modified").as_deref().and_then(rfc3339),
        published: field("date_published").as_deref().and_then(rfc3339),
        language: field("language"),
    }
}

fn string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}
