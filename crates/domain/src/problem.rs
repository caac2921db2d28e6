//! How a parse failure is reported: by field, so every edge (API body, CSV row,
//! CLI flag) can tell the user exactly what to fix.

use serde::Serialize;

/// One invalid field and why, e.g. `cvr`: "fails the modulus-11 check".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as the input spelled it (JSON member or CSV column).
    pub field: String,
    /// What is wrong, in a sentence a coordinator can act on.
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: shortened(field.into()),
            reason: shortened(reason.into()),
        }
    }
}

/// The most characters of a field's name or a reason an answer repeats: a reason quotes
/// what was sent, and a megabyte sent must not come back as a megabyte.
pub const MAX_SAID_CHARS: usize = 300;

/// `text` cut to [`MAX_SAID_CHARS`], marked with an ellipsis where it was cut.
fn shortened(text: String) -> String {
    match text.char_indices().nth(MAX_SAID_CHARS) {
        None => text,
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

/// A parse failure for a single value, before it is tied to a field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl Invalid {
    pub fn new(reason: impl Into<String>) -> Self {
        Self(shortened(reason.into()))
    }
}

/// Whether `c` never belongs in stored text: a control character other than a line feed
/// or a tab (a carriage return is judged with what follows it), or a bidirectional
/// embedding, override or isolate, which makes a text read otherwise than it is.
fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refuses text that holds a control character (NUL, BEL, a carriage return not before a
/// line feed, …) or a bidirectional override: such text breaks the documents built from
/// it (UBL is XML, a calendar feed is iCalendar) or hides what it says. A browser's
/// `\r\n` line ends are fine.
pub fn plain_text(text: &str) -> Result<(), Invalid> {
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let bare_cr = c == '\r' && chars.peek().map(|(_, next)| *next) != Some('\n');
        if forbidden(c) || bare_cr {
            return Err(Invalid::new(format!(
                "holds a control character (U+{:04X}) at position {}",
                u32::from(c),
                i + 1
            )));
        }
    }
    Ok(())
}

/// `text` with line ends as `\n` and every character [`plain_text`] refuses replaced by
/// U+FFFD: for the writers of documents (XML, iCalendar) that must stay well-formed
/// whatever a database holds.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if plain_text(text).is_ok() && !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let joined = text.replace("\r\n", "\n");
    std::borrow::Cow::Owned(
        joined
            .chars()
            .map(|c| {
                if forbidden(c) || c == '\r' {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// A short text a person must give — why they read health data, why an invoice is
/// credited — trimmed, at most `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief<const MAX: usize>(String);

/// Why a brief text was refused, for the pages to say in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BriefProblem {
    Missing,
    TooLong,
    ControlCharacter,
}

impl<const MAX: usize> Brief<MAX> {
    /// The most characters it keeps.
    pub const MAX_CHARS: usize = MAX;

    /// The text, trimmed; empty or over `MAX` characters is refused.
    pub fn parse(text: &str) -> Result<Self, BriefProblem> {
        let text = text.trim();
        if text.is_empty() {
            Err(BriefProblem::Missing)
        } else if text.chars().count() > MAX {
            Err(BriefProblem::TooLong)
        } else if plain_text(text).is_err() {
            Err(BriefProblem::ControlCharacter)
        } else {
            Ok(Self(text.to_string()))
        }
    }

    /// As [`Self::parse`], a refusal said in English, for the API, the command line and
    /// the store.
    pub fn parse_said(text: &str) -> Result<Self, Invalid> {
        Self::parse(text).map_err(|problem| {
            Invalid::new(match problem {
                BriefProblem::Missing => "must not be empty".to_string(),
                BriefProblem::TooLong => format!("must be at most {MAX} characters"),
                BriefProblem::ControlCharacter => "holds a control character".to_string(),
            })
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Collects field errors while a draft is parsed, so the user sees all of them at once:
/// the one collector for CSV rows, JSON bodies, query strings, page forms and use-cases
/// alike. A page says its reasons in the reader's language; the others in English.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value, or records the failure under `field` and returns `None`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(Invalid(reason)) => {
                self.0.push(FieldError::new(field, reason));
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, reason: impl Into<String>) {
        self.0.push(FieldError::new(field, reason));
    }

    /// Records an error someone else named, e.g. a shared weight reader's.
    pub fn add(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Prefixes and records errors from a nested parse, e.g. `sites[2].p_number`.
    pub fn extend_nested(&mut self, prefix: &str, errors: Vec<FieldError>) {
        self.0.extend(
            errors
                .into_iter()
                .map(|e| FieldError::new(format!("{prefix}.{}", e.field), e.reason)),
        );
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every failure so far, for a page that shows what it could read beside them.
    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    /// Nothing failed, or every failure.
    pub fn done(self) -> Result<(), Vec<FieldError>> {
        self.finish(|| Some(()))
    }

    /// Returns the built value if nothing failed, else every failure.
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty()
            && let Some(value) = build()
        {
            return Ok(value);
        }
        Err(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_quoting_a_megabyte_says_only_its_beginning() {
        let sent = "å".repeat(1_000_000);
        let said = FieldError::new(sent.clone(), format!("'{sent}' is not an e-mail address"));
        assert_eq!(said.field.chars().count(), MAX_SAID_CHARS + 1);
        assert!(said.reason.ends_with('…'));
        assert_eq!(Invalid::new(sent).0.chars().count(), MAX_SAID_CHARS + 1);
        assert_eq!(FieldError::new("name", "is required").reason, "is required");
    }

    #[test]
    fn control_characters_are_refused_and_replaced_in_documents() {
        for bad in [
            "a\0b",
            "bell\u{7}",
            "fake\rEND:VEVENT",
            "\u{202E}gnp.exe",
            "x\u{2066}",
        ] {
            assert!(plain_text(bad).is_err(), "{bad:?}");
            assert!(plain_text(&printable(bad)).is_ok(), "{bad:?}");
            assert!(!printable(bad).contains('\r'));
        }
        for good in [
            "Rengøring",
            "two\nlines",
            "tab\there",
            "browser\r\nline",
            "",
        ] {
            assert_eq!(plain_text(good), Ok(()), "{good:?}");
        }
        assert_eq!(printable("a\r\nb"), "a\nb");
        assert_eq!(printable("a\rb"), "a\u{FFFD}b");
        assert!(
            plain_text("ok\u{7}")
                .unwrap_err()
                .0
                .contains("(U+0007) at position 3")
        );
    }
}
