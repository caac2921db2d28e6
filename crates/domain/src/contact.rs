//! How to reach a person: e-mail, phone, and the languages they read and speak.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces.
/// Stored lower-cased, so `Mette@X.dk` and `mette@x.dk` are found as the same person.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let text = text.trim();
        let bad = || {
            Invalid::new(format!(
                "'{text}' is not an e-mail address like navn@firma.dk"
            ))
        };
        let (local, domain) = text.split_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty()
            || local.contains(char::is_whitespace)
            || local.contains('@')
            || !domain_ok
            || text.len() > 254
        {
            return Err(bad());
        }
        Ok(Self(text.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}
impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}
impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phone number in international form. Eight bare digits are taken as Danish (+45).
/// Kept as `+` and digits only, so it can be dialled and compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let compact: String = text.chars().filter(|c| !" -()".contains(*c)).collect();
        let bad = || {
            Invalid::new(format!(
                "'{text}' is not a phone number like +45 12 34 56 78"
            ))
        };
        let number = match compact.strip_prefix('+') {
            Some(rest) => rest.to_string(),
            None if compact.len() == 8 => format!("45{compact}"),
            None => match compact.strip_prefix("00") {
                Some(rest) => rest.to_string(),
                None => return Err(bad()),
            },
        };
        if !(8..=15).contains(&number.len()) || !number.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if number.starts_with("45") && number.len() != 10 {
            return Err(Invalid::new(format!(
                "'{text}': a Danish number has 8 digits after +45"
            )));
        }
        Ok(Self(format!("+{number}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}
impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}
impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The language kommune speaks to a person in: Danish first, English too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Da,
    En,
}

impl Locale {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "da" => Ok(Self::Da),
            "en" => Ok(Self::En),
            other => Err(Invalid::new(format!(
                "'{other}' is not a supported language: use da or en"
            ))),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Da => "da",
            Self::En => "en",
        }
    }
}

/// A language a person speaks, as a two-letter ISO 639-1 code (`da`, `ar`, `uk`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Language(String);

impl Language {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let code = text.trim().to_lowercase();
        if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
            Ok(Self(code))
        } else {
            Err(Invalid::new(format!(
                "'{text}' is not a two-letter language code like da or en"
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Language {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}
impl From<Language> for String {
    fn from(l: Language) -> String {
        l.0
    }
}

/// Text that must be present and short enough to show: a name, a title.
pub fn required_text(text: &str, max_chars: usize) -> Result<String, Invalid> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Invalid::new("must not be empty"));
    }
    if trimmed.chars().count() > max_chars {
        return Err(Invalid::new(format!(
            "must be at most {max_chars} characters"
        )));
    }
    crate::problem::plain_text(trimmed)?;
    Ok(trimmed.to_string())
}

/// Text that may be empty but is short enough to show and plain: a role, a note.
pub fn optional_text(text: &str, max_chars: usize) -> Result<String, Invalid> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    required_text(trimmed, max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised() {
        assert_eq!(Phone::parse("12 34 56 78").unwrap().as_str(), "+4512345678");
        assert_eq!(
            Phone::parse("+45 1234 5678").unwrap().as_str(),
            "+4512345678"
        );
        assert_eq!(
            Phone::parse("0046 70 123 45 67").unwrap().as_str(),
            "+46701234567"
        );
        assert!(Phone::parse("1234").is_err());
        assert!(Phone::parse("+45 123").is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("Anna@Firma.DK").unwrap().as_str(),
            "anna@firma.dk"
        );
        for bad in [
            "anna",
            "anna@",
            "@firma.dk",
            "an na@firma.dk",
            "anna@firma",
            "a@b..dk",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
