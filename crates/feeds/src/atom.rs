//! Reads Atom (RFC 4287) and RSS 2.0 documents element by element, keeping only what an
//! [`Entry`](crate::Entry) needs and never holding more than one entry at a time.

use crate::FeedError;
use crate::parse::{Collector, RawEntry, RawFeed, rfc2822, rfc3339};
use crate::text::Markup;
use crate::xml::{ATOM, DC, Element, Item, Xml};

/// Reads an XML document whose root must be Atom's `feed` or RSS's `rss`.
pub(crate) fn read(text: &str, entries: &mut Collector) -> Result<RawFeed, FeedError> {
    let mut xml = Xml::new(text);
    loop {
        match xml.next()? {
            Item::Open(root) if root.is(ATOM, "feed") => {
                return read_atom(&mut xml, &root, entries);
            }
            Item::Open(root) if root.is(b"", "rss") => return read_rss(&mut xml, entries),
            Item::Open(_) => return Err(FeedError::NotAFeed("XML, but neither Atom nor RSS 2.0")),
            Item::Text(text) if text.trim().is_empty() => {}
            Item::Text(_) | Item::Close => {
                return Err(FeedError::Malformed("text before the root element".into()));
            }
            Item::End => return Err(FeedError::Malformed("no root element".into())),
        }
    }
}

fn read_atom(xml: &mut Xml, root: &Element, entries: &mut Collector) -> Result<RawFeed, FeedError> {
    let mut feed = RawFeed {
        language: root.attr("xml:lang").map(str::to_owned),
        ..RawFeed::default()
    };
    while let Some(child) = next_child(xml)? {
        if child.is(ATOM, "title") {
            feed.title = Some(atom_text(xml, &child)?);
        } else if child.is(ATOM, "entry") && !entries.is_full() {
            if entries.offer(read_atom_entry(xml, &child)?) {
                break;
            }
        } else {
            xml.skip()?;
        }
    }
    Ok(feed)
}

fn read_atom_entry(xml: &mut Xml, entry: &Element) -> Result<RawEntry, FeedError> {
    let mut raw = RawEntry {
        language: entry.attr("xml:lang").map(str::to_owned),
        ..RawEntry::default()
    };
    let mut content = None;
    while let Some(child) = next_child(xml)? {
        if child.ns != ATOM {
            xml.skip()?;
            continue;
        }
        match child.name.as_str() {
            "id" => raw.id = Some(xml.text(false)?),
            "title" => raw.title = Some(atom_text(xml, &child)?),
            "summary" => raw.summary = Some(atom_text(xml, &child)?),
            "content" if child.attr("src").is_none() => content = Some(atom_text(xml, &child)?),
            "updated" => raw.updated = rfc3339(&xml.text(false)?),
            "published" => raw.published = rfc3339(&xml.text(false)?),
            "link" => {
                // A link without `rel` is the alternate one: the entry's own page.
                if matches!(child.attr("rel"), None | Some("alternate"))
                    && let Some(href) = child.attr("href")
                {
                    raw.links.push(href.to_owned());
                }
                xml.skip()?;
            }
            _ => xml.skip()?,
        }
    }
    // Many feeds give only the full content; it then stands in for the summary.
    raw.summary = raw.summary.or(content);
    Ok(raw)
}

/// An Atom text construct, read by its `type`: text, html or xhtml.
fn atom_text(xml: &mut Xml, element: &Element) -> Result<(String, Markup), FeedError> {
    match element.attr("type").unwrap_or("text") {
        "html" | "text/html" => Ok((xml.text(false)?, Markup::Html)),
        "xhtml" | "application/xhtml+xml" => Ok((xml.text(true)?, Markup::Html)),
        _ => Ok((xml.text(false)?, Markup::Text)),
    }
}

fn read_rss(xml: &mut Xml, entries: &mut Collector) -> Result<RawFeed, FeedError> {
    let mut feed = RawFeed::default();
    while let Some(child) = next_child(xml)? {
        if !child.is(b"", "channel") {
            xml.skip()?;
            continue;
        }
        while let Some(item) = next_child(xml)? {
            match item.name.as_str() {
                _ if !item.ns.is_empty() => xml.skip()?,
                "title" => feed.title = Some((xml.text(false)?, Markup::Html)),
                "language" => feed.language = Some(xml.text(false)?),
                "item" if !entries.is_full() => {
                    if entries.offer(read_rss_item(xml)?) {
                        return Ok(feed);
                    }
                }
                _ => xml.skip()?,
            }
        }
    }
    Ok(feed)
}

fn read_rss_item(xml: &mut Xml) -> Result<RawEntry, FeedError> {
    let mut raw = RawEntry::default();
    while let Some(child) = next_child(xml)? {
        match (child.ns.as_slice(), child.name.as_str()) {
            (b"", "guid") => raw.id = Some(xml.text(false)?),
            // RSS titles and descriptions are HTML in practice, whatever the spec says.
            (b"", "title") => raw.title = Some((xml.text(false)?, Markup::Html)),
            (b"", "description") => raw.summary = Some((xml.text(false)?, Markup::Html)),
            (b"", "link") => raw.links.push(xml.text(false)?),
            (b"", "pubDate") => raw.published = rfc2822(&xml.text(false)?),
            (DC, "date") => raw.updated = rfc3339(&xml.text(false)?),
            _ => xml.skip()?,
        }
    }
    // Without a guid, the item's link is the most stable id it has.
    if raw.id.is_none() {
        raw.id = raw.links.first().cloned();
    }
    Ok(raw)
}

/// The next child element of the element being read, or `None` at its end; text between
/// children is ignored.
fn next_child(xml: &mut Xml) -> Result<Option<Element>, FeedError> {
    loop {
        match xml.next()? {
            Item::Open(element) => return Ok(Some(element)),
            Item::Close => return Ok(None),
            Item::Text(_) => {}
            Item::End => return Err(FeedError::Malformed("unexpected end of document".into())),
        }
    }
}
