//! HTML to plain text: feeds put markup (and sometimes scripts) in titles and summaries,
//! and kommune stores plain text that it escapes when it shows it.

/// How a piece of text is written in the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// HTML: tags are stripped and entities decoded.
    Html,
    /// Already plain: entities were decoded by the XML or JSON reader, so only stray tags
    /// (which feeds put in plain fields anyway) are stripped.
    Text,
}

/// Elements whose content is code or styling, never text to show.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript"];

/// Elements that separate words, so `<p>a</p><p>b</p>` reads "a b", not "ab".
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
];

/// Turns `input` into one line of plain text of at most `max` chars.
pub(crate) fn plain(input: &str, markup: Markup, max: usize) -> String {
    let stripped = strip_tags(input);
    let decoded = match markup {
        Markup::Html => decode_entities(&stripped),
        Markup::Text => stripped,
    };
    truncate(&collapse(&decoded), max)
}

/// Removes tags, comments and the content of hidden elements; a `<` that starts no tag stays.
fn strip_tags(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        if let Some(comment) = at.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::at(at) else {
            out.push('<');
            rest = &at[1..];
            continue;
        };
        rest = &at[tag.len..];
        if !tag.closing && HIDDEN.contains(&tag.name.as_str()) {
            rest = skip_past_close(rest, &tag.name);
        }
        if BLOCKS.contains(&tag.name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// A tag found at the start of a string.
struct Tag {
    /// Lowercased element name; empty for `<!...>` and `<?...?>`.
    name: String,
    closing: bool,
    /// Bytes up to and including the `>`, or the whole rest when it never closes (an
    /// unterminated tag is dropped rather than shown half).
    len: usize,
}

impl Tag {
    fn at(s: &str) -> Option<Self> {
        let bytes = s.as_bytes();
        let (closing, name_start) = match bytes.get(1)? {
            b'/' if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => (true, 2),
            b if b.is_ascii_alphabetic() => (false, 1),
            b'!' | b'?' => (false, 1),
            _ => return None,
        };
        let name: String = s[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        Some(Self {
            name,
            closing,
            len: tag_end(s),
        })
    }
}

/// The byte length of the tag at the start of `s`, honouring quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The text after `</name ...>`, or nothing when the element is never closed.
fn skip_past_close<'a>(s: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let start = from + i;
        let after = &s.as_bytes()[start + 2..];
        let named =
            after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes());
        let ends = after
            .get(name.len())
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        if named && ends {
            return &s[start + tag_end(&s[start..])..];
        }
        from = start + 2;
    }
    ""
}

/// Decodes character references and the named entities feeds use; unknown ones stay as written.
fn decode_entities(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let at = &rest[i + 1..];
        let entity = at.find(';').filter(|&end| end <= 32).and_then(|end| {
            let decoded = decode_entity(&at[..end])?;
            Some((decoded, end + 1))
        });
        match entity {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &at[len..];
            }
            None => {
                out.push('&');
                rest = at;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        // Like browsers: a reference to no character shows as the replacement character.
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some(c.to_string());
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| (*s).to_owned())
}

/// The named entities seen in Danish and English feeds; the full HTML table is 2,000 names.
#[rustfmt::skip]
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", " "),
    ("shy", ""), ("zwj", ""), ("zwnj", ""), ("ensp", " "), ("emsp", " "), ("thinsp", " "),
    ("ndash", "–"), ("mdash", "—"), ("hellip", "…"), ("bull", "•"), ("middot", "·"),
    ("lsquo", "‘"), ("rsquo", "’"), ("sbquo", "‚"), ("ldquo", "“"), ("rdquo", "”"),
    ("bdquo", "„"), ("laquo", "«"), ("raquo", "»"), ("copy", "©"), ("reg", "®"), ("trade", "™"),
    ("euro", "€"), ("pound", "£"), ("deg", "°"), ("sect", "§"), ("para", "¶"), ("times", "×"),
    ("divide", "÷"), ("frac12", "½"), ("aelig", "æ"), ("AElig", "Æ"), ("oslash", "ø"),
    ("Oslash", "Ø"), ("aring", "å"), ("Aring", "Å"), ("auml", "ä"), ("Auml", "Ä"),
    ("ouml", "ö"), ("Ouml", "Ö"), ("uuml", "ü"), ("Uuml", "Ü"), ("eacute", "é"),
    ("Eacute", "É"), ("egrave", "è"), ("aacute", "á"), ("agrave", "à"), ("oacute", "ó"),
    ("iacute", "í"), ("uacute", "ú"), ("ccedil", "ç"), ("szlig", "ß"),
];

/// Joins all runs of whitespace into single spaces and drops control and bidi-override
/// characters, which could break or disguise a line where kommune shows it.
fn collapse(input: &str) -> String {
    let shown = |c: char| {
        let bidi_override = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        (c.is_whitespace() || !c.is_control()) && !bidi_override
    };
    let cleaned = input.chars().filter(|&c| shown(c));
    let mut out = String::with_capacity(input.len());
    for c in cleaned {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Cuts `s` to at most `max` chars on a char boundary, marking the cut with "…".
pub(crate) fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some(_) => {
            let keep = max.saturating_sub(1);
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            let mut cut = s[..end].trim_end().to_owned();
            if max > 0 {
                cut.push('…');
            }
            cut
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(s: &str) -> String {
        plain(s, Markup::Html, 2_000)
    }

    #[test]
    fn tags_are_stripped_and_entities_decoded() {
        assert_eq!(
            html("<b>Ny</b> b&oslash;rnehave &amp; skole"),
            "Ny børnehave & skole"
        );
        assert_eq!(html("<p>one</p><p>two</p>"), "one two");
        assert_eq!(html("a<br/>b"), "a b");
        assert_eq!(html(r#"<a href="x>y" title='>'>link</a>"#), "link");
        assert_eq!(
            html("&#230;&#xF8;&#XE5; &bogus; & alone"),
            "æøå &bogus; & alone"
        );
        assert_eq!(
            html("&#0; &#xD800; &#99999999;"),
            "\u{FFFD} \u{FFFD} \u{FFFD}"
        );
    }

    #[test]
    fn script_and_style_content_is_dropped() {
        assert_eq!(html("a<script>alert('x')</script>b"), "ab");
        assert_eq!(html("a<SCRIPT type=x>if (a</b) {}</ScRiPt >b"), "ab");
        assert_eq!(html("a<style>p { color: red }</style> b"), "a b");
        assert_eq!(html("a<script>never closed"), "a");
        assert_eq!(html("a<!-- <script>x</script> -->b"), "ab");
        assert_eq!(html("a<scripted>b</scripted>"), "ab");
    }

    #[test]
    fn lone_angle_brackets_stay_and_unclosed_tags_go() {
        assert_eq!(html("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(html("x <img src=a onerror=alert(1)"), "x");
        assert_eq!(html("&lt;script&gt;"), "<script>");
    }

    #[test]
    fn text_markup_does_not_decode_twice() {
        assert_eq!(plain("AT&amp;T <i>x</i>", Markup::Text, 100), "AT&amp;T x");
    }

    #[test]
    fn whitespace_collapses_and_controls_go() {
        assert_eq!(
            html("  a \n\t b&nbsp;&nbsp;c \u{7}d\u{202E}e  "),
            "a b c de"
        );
    }

    #[test]
    fn truncation_counts_chars_not_bytes() {
        assert_eq!(truncate("æøå", 3), "æøå");
        assert_eq!(truncate("æøåæ", 3), "æø…");
        assert_eq!(truncate("ab cd", 4), "ab…");
        let long = "ø".repeat(300);
        assert_eq!(plain(&long, Markup::Text, 200).chars().count(), 200);
    }
}
