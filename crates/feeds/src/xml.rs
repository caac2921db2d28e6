//! A thin layer over quick-xml that yields only what the Atom and RSS readers need and
//! refuses what they must not meet: DTDs, unknown entities, namespace floods.

use std::borrow::Cow;

use quick_xml::NsReader;
use quick_xml::escape::{escape, resolve_xml_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::FeedError;
use crate::text::truncate;

/// The Atom namespace (RFC 4287).
pub(crate) const ATOM: &[u8] = b"http://www.w3.org/2005/Atom";
/// Dublin Core, whose `dc:date` some RSS feeds use instead of `pubDate`.
pub(crate) const DC: &[u8] = b"http://purl.org/dc/elements/1.1/";

/// Namespace declarations allowed in one document: quick-xml looks a prefix up by scanning
/// them all, so thousands of them would make every element slow.
const MAX_NAMESPACE_DECLARATIONS: usize = 64;
/// How deep elements may nest: feeds need a dozen levels, and quick-xml's namespace
/// resolver counts levels in a u16 that overflows (a panic) at 65,536.
const MAX_DEPTH: usize = 256;
/// Attributes kept from one element; real feeds use a handful.
const MAX_ATTRIBUTES: usize = 32;

/// What [`Xml::next`] yields.
pub(crate) enum Item {
    Open(Element),
    Close,
    Text(String),
    End,
}

/// An opened element: its namespace, local name and the few attributes the readers use.
pub(crate) struct Element {
    /// The namespace URI, empty for none.
    pub ns: Vec<u8>,
    pub name: String,
    /// Attributes without a prefix (`href`, `rel`, `type`…) and `xml:lang` as "xml:lang".
    pub attrs: Vec<(String, String)>,
}

impl Element {
    /// Whether this is `name` in namespace `ns` (empty for none).
    pub fn is(&self, ns: &[u8], name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A pull reader over one XML document.
pub(crate) struct Xml<'a> {
    reader: NsReader<&'a [u8]>,
    declarations: usize,
    depth: usize,
}

impl<'a> Xml<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut reader = NsReader::from_str(text);
        // `<link href="…"/>` then reads like `<link href="…"></link>`: one shape to handle.
        reader.config_mut().expand_empty_elements = true;
        Self {
            reader,
            declarations: 0,
            depth: 0,
        }
    }

    /// The next item of interest; comments, processing instructions and the declaration are skipped.
    pub fn next(&mut self) -> Result<Item, FeedError> {
        loop {
            if self.depth >= MAX_DEPTH {
                return Err(FeedError::Malformed("elements nested too deeply".into()));
            }
            let (ns, event) = self.reader.read_resolved_event().map_err(malformed)?;
            let ns = match ns {
                ResolveResult::Bound(ns) => ns.into_inner().to_vec(),
                _ => Vec::new(),
            };
            return Ok(match event {
                Event::Start(start) => {
                    self.depth += 1;
                    Item::Open(self.element(ns, &start)?)
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Item::Close
                }
                Event::Text(text) => Item::Text(text.xml10_content().map_err(malformed)?.into()),
                Event::CData(data) => Item::Text(data.decode().map_err(malformed)?.into()),
                Event::GeneralRef(reference) => Item::Text(resolve_reference(&reference)?),
                Event::DocType(doctype) => return Err(refuse_doctype(&doctype)),
                Event::Eof => Item::End,
                Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            });
        }
    }

    fn element(&mut self, ns: Vec<u8>, start: &BytesStart) -> Result<Element, FeedError> {
        let name = String::from_utf8_lossy(start.local_name().into_inner()).into_owned();
        let mut attrs = Vec::new();
        // Without checks: quick-xml's duplicate check is quadratic in the attribute count.
        for attr in start.attributes().with_checks(false) {
            let attr = attr.map_err(malformed)?;
            let key = attr.key.into_inner();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                self.declarations += 1;
                if self.declarations > MAX_NAMESPACE_DECLARATIONS {
                    return Err(FeedError::Malformed(
                        "too many namespace declarations".into(),
                    ));
                }
            } else if attrs.len() < MAX_ATTRIBUTES && (key == b"xml:lang" || !key.contains(&b':')) {
                let value = attr.unescape_value().map_err(malformed)?;
                attrs.push((
                    String::from_utf8_lossy(key).into_owned(),
                    value.into_owned(),
                ));
            }
        }
        Ok(Element { ns, name, attrs })
    }

    /// The text inside the element just opened, up to its end. With `as_html`, child
    /// elements come back as bare tags and text escaped, so XHTML content can go through
    /// the one HTML-to-text path; otherwise only their text is kept.
    pub fn text(&mut self, as_html: bool) -> Result<String, FeedError> {
        let mut out = String::new();
        let mut open: Vec<String> = Vec::new();
        loop {
            match self.next()? {
                Item::Text(text) if as_html => out.push_str(&escape(text.as_str())),
                Item::Text(text) => out.push_str(&text),
                Item::Open(element) => {
                    if as_html {
                        out.push_str(&format!("<{}>", element.name));
                    }
                    open.push(element.name);
                }
                Item::Close => match open.pop() {
                    Some(name) if as_html => out.push_str(&format!("</{name}>")),
                    Some(_) => {}
                    None => return Ok(out),
                },
                Item::End => return Err(unexpected_end()),
            }
        }
    }

    /// Skips the rest of the element just opened.
    pub fn skip(&mut self) -> Result<(), FeedError> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Item::Open(_) => depth += 1,
                Item::Close if depth == 0 => return Ok(()),
                Item::Close => depth -= 1,
                Item::Text(_) => {}
                Item::End => return Err(unexpected_end()),
            }
        }
    }
}

/// `&#…;` and the five XML entities; any other entity needs a DTD, which is refused.
fn resolve_reference(reference: &quick_xml::events::BytesRef) -> Result<String, FeedError> {
    if let Some(c) = reference.resolve_char_ref().map_err(malformed)? {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(malformed)?;
    match resolve_xml_entity(&name) {
        Some(text) => Ok(text.to_owned()),
        None => Err(FeedError::Malformed(format!(
            "undefined entity &{};",
            truncate(&name, 40)
        ))),
    }
}

/// A DTD is where entity bombs and external entities live, so none is read. An HTML
/// page's `<!DOCTYPE html>` just means the URL is a web page, not a feed.
fn refuse_doctype(doctype: &quick_xml::events::BytesText) -> FeedError {
    let text: Cow<str> = String::from_utf8_lossy(doctype.as_ref());
    let is_html = text
        .trim_start()
        .get(..4)
        .is_some_and(|name| name.eq_ignore_ascii_case("html"));
    if is_html {
        FeedError::NotAFeed("an HTML page")
    } else {
        FeedError::Malformed("documents with a DTD are not accepted".into())
    }
}

fn unexpected_end() -> FeedError {
    FeedError::Malformed("unexpected end of document".into())
}

/// quick-xml's messages can quote names from the document, so they are kept short for logs.
fn malformed(error: impl std::fmt::Display) -> FeedError {
    FeedError::Malformed(truncate(&error.to_string(), 200))
}
